"""``python -m advisor record``: saves a record version for a workload, as the web questionnaire would."""

from __future__ import annotations

import getpass
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor import load_knowledge, services
from advisor.cli.main import main
from tests.conftest import REPO_ROOT
from tests.services.builders import ANN, new_workload, open_ctx

COMPLETE = """\
answers:
  specialty_workload: none
  migrate_or_build: migrate
  migration_approach: lift_and_shift
  containerizable: no
  cots: yes
  vmware: no
"""


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path}/cli.db"
    monkeypatch.setenv("ADVISOR_DATABASE_URL", url)
    return url


def _answers(tmp_path: Path, content: str, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_record_creates_the_workload_and_version_1_then_version_2(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _answers(tmp_path, COMPLETE)

    first = main(["record", str(answers), "--workload", "Payroll", "--author", "Ann"])
    first_out = capsys.readouterr().out
    second = main(["record", str(answers), "--workload", "  PAYROLL "])
    second_out = capsys.readouterr().out

    assert (first, second) == (0, 0)
    assert first_out == "workload: Payroll\nversion: 1\nstatus: recommended\nservice: virtual-machines\n"
    assert second_out == "workload: Payroll\nversion: 2\nstatus: recommended\nservice: virtual-machines\n"
    with open_ctx(db_url, load_knowledge()) as ctx:
        [summary] = services.list_workloads(ctx)
        history = services.record_history(ctx, summary.workload.id)
    assert summary.workload.name == "Payroll"
    assert [(r.version, r.author, r.change) for r in history] == [
        (1, "Ann", "saved from the command line"),
        (2, getpass.getuser(), "saved from the command line"),
    ]
    assert history[0].answers["cots"].answer == "yes"


def test_record_of_an_unfinished_walk_is_in_progress(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _answers(tmp_path, "answers:\n  specialty_workload: none\n")

    code = main(["record", str(answers), "--workload", "Intranet", "--author", "Ann"])

    assert code == 0
    assert capsys.readouterr().out == "workload: Intranet\nversion: 1\nstatus: in progress\nservice: (none yet)\n"


@pytest.mark.parametrize(
    ("file_version", "flag", "expected"),
    [
        ("compute-tree-2025", None, "compute-tree-2025"),
        ("compute-tree-2025", "compute-tree-2026", "compute-tree-2026"),
        (None, None, "compute-tree-2026"),
    ],
)
def test_record_honours_the_file_knowledge_version_and_the_flag_wins(
    tmp_path: Path,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
    file_version: str | None,
    flag: str | None,
    expected: str,
) -> None:
    header = f"knowledge_version: {file_version}\n" if file_version else ""
    answers = _answers(tmp_path, header + "answers:\n  migrate_or_build: migrate\n")
    argv = ["record", str(answers), "--workload", "Payroll", "--author", "Ann", "--format", "json"]

    code = main([*argv, "--knowledge-version", flag] if flag else argv)

    assert code == 0
    assert json.loads(capsys.readouterr().out)["knowledge_version"] == expected


def test_bad_answers_file_exits_2_with_one_line_and_saves_nothing(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _answers(tmp_path, "answers:\n  specialty_workload: none\n  cots: maybe\n")

    code = main(["record", str(answers), "--workload", "Payroll", "--author", "Ann"])

    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"error: {answers}:3: cots: unknown answer id 'maybe' (expected one of: yes, no)"
    ]
    with open_ctx(db_url, load_knowledge()) as ctx:
        assert services.list_workloads(ctx, include_archived=True) == []


def test_missing_answers_file_exits_2(tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["record", str(tmp_path / "nope.yaml"), "--workload", "Payroll"])

    assert code == 2
    assert capsys.readouterr().err.splitlines() == [f"error: {tmp_path / 'nope.yaml'}: file does not exist"]


def test_archived_workload_is_refused_with_exit_2(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_ctx(db_url, load_knowledge()) as ctx:
        services.archive_workload(ctx, ANN, new_workload(ctx, "Payroll").id)

    code = main(["record", str(_answers(tmp_path, COMPLETE)), "--workload", "payroll", "--author", "Ann"])

    assert code == 2
    assert "workload 'Payroll' is archived; restore it to save" in capsys.readouterr().err


def test_unreachable_database_exits_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ADVISOR_DATABASE_URL", "postgresql+psycopg://u:pw@127.0.0.1:1/x")

    code = main(["record", str(_answers(tmp_path, COMPLETE)), "--workload", "Payroll", "--author", "Ann"])

    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: postgresql+psycopg://u:***@127.0.0.1:1/x: cannot connect to PostgreSQL at 127.0.0.1:1 "
        "(connection refused)"
    ]


def test_json_output_is_the_saved_record(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/cli.db"
    answers = _answers(tmp_path, COMPLETE)

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "advisor",
            "record",
            str(answers),
            "--workload",
            "Payroll",
            "--author",
            "Ann",
            "--format",
            "json",
        ],
        cwd=REPO_ROOT,
        env={**os.environ, "ADVISOR_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    with open_ctx(url, load_knowledge()) as ctx:
        saved = services.latest_record(ctx, services.list_workloads(ctx)[0].workload.id)
    assert saved is not None
    assert printed == saved.model_dump(mode="json")
    assert (printed["workload_name"], printed["version"], printed["service"]) == ("Payroll", 1, "virtual-machines")
