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
from advisor.models.record import Override
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
    assert first_out == (
        "workload: Payroll\nversion: 1\nstatus: recommended\nservice: Azure Virtual Machines\n"
        "decision record number: 0001\n"
    )
    assert second_out == (
        "workload: Payroll\nversion: 2\nstatus: recommended\nservice: Azure Virtual Machines\n"
        "decision record number: 0001\n"
    )
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
    assert capsys.readouterr().out == (
        "workload: Intranet\nversion: 1\nstatus: in progress\nservice: (none yet)\ndecision record number: 0001\n"
    )


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


def test_record_with_an_override_saves_what_the_override_form_saves(
    tmp_path: Path, db_url: str, kb, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _answers(tmp_path, COMPLETE)
    reason = "The team already runs App Service for payroll."

    code = main(["record", str(answers), "--workload", "Payroll", "--author", "Ann", "--override", "app-service",
                 "--reason", reason])  # fmt: skip

    assert code == 0
    assert capsys.readouterr().out == (
        "workload: Payroll\nversion: 1\nstatus: recommended\nservice: Azure App Service\n"
        "the tree recommended: Azure Virtual Machines\n"
        f"reason: {reason}\ndecision record number: 0001\n"
    )
    with open_ctx(db_url, kb) as ctx:
        [summary] = services.list_workloads(ctx)
        saved = services.latest_record(ctx, summary.workload.id)
        # what the form saves: the same answers through save_answers with the same override
        form = services.save_answers(
            ctx, ANN, summary.workload.id, base_version=1, answers=dict(saved.answers),
            override=Override(service="app-service", reason=reason),
        )  # fmt: skip
    assert saved.override == form.override
    assert (saved.service, saved.chosen_service) == ("virtual-machines", "app-service")
    assert saved.override.conditions == (
        "The instance ceilings shown for App Service are default figures from the comparison page; confirm the "
        "current limits of the tier you buy.",
    )  # knowledge/catalog/services.yaml, app-service: the one condition with no `when`
    assert saved.change == "saved from the command line; override to Azure App Service"


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--override", "app-service"],
         "error: --reason: --override needs --reason TEXT: say why the team departs from the tree's outcome"),
        (["--override", "app-service", "--reason", "   "], "error: --reason: --override needs --reason TEXT"),
        (["--reason", "Cheaper."], "error: --reason: --reason is only given with --override SERVICE"),
        (["--override", "mainframe-in-a-box", "--reason", "Why not."],
         "error: <input>: override_service: unknown service 'mainframe-in-a-box': not a catalog entry of "
         "compute-tree-2026"),
        (["--override", "virtual-machines", "--reason", "Same."],
         "error: <input>: override_service: Azure Virtual Machines is the recommendation: accept it rather than "
         "override to it"),
    ],
)  # fmt: skip
def test_a_bad_override_exits_2_with_one_line_naming_it_and_saves_nothing(
    tmp_path: Path, db_url: str, kb, capsys: pytest.CaptureFixture[str], flags: list[str], message: str
) -> None:
    answers = _answers(tmp_path, COMPLETE)

    code = main(["record", str(answers), "--workload", "Payroll", *flags])

    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.startswith(message), captured.err
    assert len(captured.err.strip().splitlines()) == 1
    with open_ctx(db_url, kb) as ctx:
        assert services.list_workloads(ctx) == [], "nothing half-saved: not even the workload"
