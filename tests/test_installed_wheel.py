"""The wheel installs into a fresh venv and runs there with its bundled knowledge, without the repository.

The wheel is built from a copy of the sources (setuptools writes ``build/`` and ``*.egg-info`` beside
them) with ``pip wheel --no-deps --no-build-isolation --no-index``, so nothing is downloaded, and installed
by ``pip --python`` into a venv made without pip. That venv sees this venv's site-packages for the
dependencies through a ``.pth`` file; the checkout is on no path of it. Every command runs in a temporary
folder outside the checkout, with no ``ADVISOR_*`` variable and a temporary home folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

# Alembic's folder (issue 12). Until it exists, stand-ins of its shape prove the wheel would carry it.
MIGRATIONS = Path("advisor/store/migrations")
README_ANSWERS = """\
knowledge_version: compute-tree-2026
answers:
  specialty_workload: none
  migrate_or_build: migrate
  migration_approach: lift_and_shift
  containerizable: no
  cots: yes
  vmware: no
"""


@dataclass(frozen=True)
class Installed:
    wheel: Path
    sources: Path  # the copy the wheel was built from
    python: Path  # the fresh venv's interpreter
    command: Path  # the venv's `advisor` console script
    site_packages: Path
    workdir: Path  # outside the checkout; commands run here
    home: Path

    def env(self, **extra: str) -> dict[str, str]:
        dropped = {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "XDG_DATA_HOME"}
        env = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("ADVISOR_")}
        return {**env, "HOME": str(self.home), **extra}

    def run(self, *args: str | Path, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(arg) for arg in args],
            cwd=self.workdir,
            env=dict(env) if env is not None else self.env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def _copy_sources(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("advisor", "knowledge"):
        shutil.copytree(REPO_ROOT / folder, target / folder, ignore=ignore)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(REPO_ROOT / name, target / name)
    if not (REPO_ROOT / MIGRATIONS).exists():
        versions = target / MIGRATIONS / "versions"
        versions.mkdir(parents=True)
        (target / MIGRATIONS / "env.py").write_text('"""Stand-in for Alembic\'s env.py."""\n', encoding="utf-8")
        (target / MIGRATIONS / "script.py.mako").write_text("# stand-in for Alembic's template\n", encoding="utf-8")
        (versions / "0001_stand_in.py").write_text('"""Stand-in for a migration."""\n', encoding="utf-8")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    sources, dist, env_dir, workdir, home = (root / name for name in ("src", "dist", "venv", "work", "home"))
    assert not root.is_relative_to(REPO_ROOT), "the test must run outside the checkout"
    _copy_sources(sources)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", dist, "."],
        cwd=sources, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = dist.glob("*.whl")

    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site_packages = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True, cwd=root,
        ).stdout.strip()
    )  # fmt: skip
    # The dependencies come from this venv; the checkout itself is not on this venv's path.
    shared = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site_packages / "dependencies.pth").write_text("".join(f"{path}\n" for path in shared), encoding="utf-8")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel],
        cwd=root, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stdout + install.stderr
    workdir.mkdir()
    home.mkdir()
    return Installed(wheel, sources, python, env_dir / "bin" / "advisor", site_packages, workdir, home)


def _checkout(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m advisor ARGS`` from the checkout, to compare with the installed command."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADVISOR_")}
    return subprocess.run(
        [sys.executable, "-m", "advisor", *map(str, args)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_wheel_holds_every_file_of_the_package_and_all_the_knowledge(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    package = installed.sources / "advisor"
    knowledge = installed.sources / "knowledge"
    expected = {f"advisor/{p.relative_to(package).as_posix()}" for p in package.rglob("*") if p.is_file()}
    expected |= {
        f"advisor/bundled_knowledge/{p.relative_to(knowledge).as_posix()}" for p in knowledge.rglob("*") if p.is_file()
    }

    assert sorted(expected - names) == []
    assert {name.split("/")[0] for name in names} == {"advisor", "compute_target_advisor-0.1.0.dist-info"}
    assert "advisor/bundled_knowledge/versions/compute-tree-2026.yaml" in names
    assert "advisor/store/migrations/script.py.mako" in names
    assert any(name.startswith("advisor/store/migrations/versions/") for name in names)
    assert not any("__pycache__" in name for name in names)


def test_wheel_declares_the_advisor_command(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        entry_points = wheel.read("compute_target_advisor-0.1.0.dist-info/entry_points.txt").decode()

    assert "[console_scripts]\nadvisor = advisor.cli.main:main" in entry_points
    assert installed.command.is_file()


def test_installed_copy_imports_from_the_venv_not_the_checkout(installed: Installed) -> None:
    shown = installed.run(
        installed.python, "-c", "import advisor, advisor.paths as p; print(advisor.__file__); print(p.is_installed())"
    )

    assert shown.returncode == 0, shown.stderr
    location, is_installed = shown.stdout.splitlines()
    assert Path(location) == installed.site_packages / "advisor" / "__init__.py"
    assert is_installed == "True"


def test_advisor_check_validates_the_bundled_knowledge(installed: Installed) -> None:
    text = installed.run(installed.command, "check")
    as_json = installed.run(installed.command, "check", "--format", "json")

    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines()[0] == (
        f"Knowledge base OK: 2 versions in {installed.site_packages / 'advisor' / 'bundled_knowledge'}"
    )
    assert as_json.returncode == 0, as_json.stderr
    summary = json.loads(as_json.stdout)
    assert summary["ok"] is True
    assert summary["default_version"] == "compute-tree-2026"
    assert {v["id"]: v["paths"] for v in summary["versions"]} == {"compute-tree-2025": 30, "compute-tree-2026": 36}
    assert summary == json.loads(_checkout("check", "--format", "json").stdout)


def test_advisor_recommend_walks_the_readme_example(installed: Installed) -> None:
    answers = installed.workdir / "answers.yaml"
    answers.write_text(README_ANSWERS, encoding="utf-8")

    as_json = installed.run(installed.command, "recommend", answers, "--format", "json")
    text = installed.run(installed.command, "recommend", answers)

    assert as_json.returncode == 0, as_json.stderr
    result = json.loads(as_json.stdout)
    assert (result["status"], result["service"], result["knowledge_version"]) == (
        "complete",
        "virtual-machines",
        "compute-tree-2026",
    )
    steps = [(step["question"], step["answer"]) for step in result["path"]]
    assert steps == [
        ("specialty_workload", "none"),
        ("migrate_or_build", "migrate"),
        ("migration_approach", "lift_and_shift"),
        ("containerizable", "no"),
        ("cots", "yes"),
        ("vmware", "no"),
    ]
    assert result == json.loads(_checkout("recommend", answers, "--format", "json").stdout)
    assert text.returncode == 0, text.stderr
    assert "Recommended: Azure Virtual Machines [virtual-machines]" in text.stdout
    assert text.stdout == _checkout("recommend", answers).stdout


def test_the_advisor_command_equals_python_m_advisor(installed: Installed) -> None:
    answers = installed.workdir / "answers-incomplete.yaml"
    answers.write_text("answers:\n  specialty_workload: none\n", encoding="utf-8")

    for args in (("check",), ("questions", "--format", "json"), ("recommend", answers)):
        command = installed.run(installed.command, *args)
        module = installed.run(installed.python, "-m", "advisor", *args)
        assert (command.returncode, command.stdout, command.stderr) == (
            module.returncode,
            module.stdout,
            module.stderr,
        ), args


def test_installed_copy_keeps_its_data_in_the_per_user_data_folder(installed: Installed) -> None:
    answers = installed.workdir / "answers.yaml"
    answers.write_text(README_ANSWERS, encoding="utf-8")
    xdg = installed.home / "xdg-data"

    saved = installed.run(
        installed.command, "record", answers, "--workload", "Payroll", env=installed.env(XDG_DATA_HOME=str(xdg))
    )

    assert saved.returncode == 0, saved.stderr
    assert (xdg / "compute-target-advisor" / "advisor.db").is_file()
    assert not (installed.site_packages / "data").exists()
    assert not (installed.workdir / "data").exists()


def test_advisor_data_dir_names_the_data_folder_of_an_installed_copy(installed: Installed) -> None:
    answers = installed.workdir / "answers.yaml"
    answers.write_text(README_ANSWERS, encoding="utf-8")
    chosen = installed.home / "chosen-data"

    saved = installed.run(
        installed.command, "record", answers, "--workload", "Billing", env=installed.env(ADVISOR_DATA_DIR=str(chosen))
    )

    assert saved.returncode == 0, saved.stderr
    assert (chosen / "advisor.db").is_file()
    assert not (installed.home / ".local" / "share" / "compute-target-advisor").exists()
