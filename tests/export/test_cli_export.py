"""``python -m advisor export`` and ``import`` (contract §5), run as a user runs them, against a SQLite file."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from advisor import KnowledgeBase, services
from advisor.export import to_json
from advisor.services import ServiceContext
from tests.export.records import golden_set
from tests.services.builders import new_workload, open_ctx, save

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kb: KnowledgeBase) -> ServiceContext:
    """A database with Alpha (accepted, two versions) and =1+1 (proposed); the CLI's database too."""
    url = f"sqlite:///{tmp_path}/cli.db"
    monkeypatch.setenv("ADVISOR_DATABASE_URL", url)
    ctx = open_ctx(url, kb)
    alpha = new_workload(ctx, "Alpha")
    save(ctx, alpha, 1, author="Ann")
    save(ctx, alpha, 2, author="Ben", status="accepted", minute=3)
    formula = new_workload(ctx, "=1+1")
    save(ctx, formula, 1, author="@SUM(A1)")
    return ctx


def test_csv_goes_to_stdout(db: ServiceContext, run_advisor: Run) -> None:
    result = run_advisor("export", "--format", "csv")

    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert [row[:3] for row in rows] == [["workload", "version", "status"], ["'=1+1", "1", "recommended"],
                                         ["Alpha", "2", "accepted"]]  # fmt: skip
    assert result.stderr == "exported 2 workloads (3 record versions) as csv\n"


def test_json_goes_to_stdout_or_to_a_file(db: ServiceContext, run_advisor: Run, tmp_path: Path) -> None:
    printed = run_advisor("export", "--format", "json", "--status", "accepted")
    written = run_advisor("export", "--format", "json", "--workload", "ALPHA", "--out", tmp_path / "alpha.json")

    assert printed.returncode == written.returncode == 0
    document = json.loads(printed.stdout)
    assert [w["name"] for w in document["workloads"]] == ["Alpha"]
    assert [r["version"] for r in document["workloads"][0]["records"]] == [1, 2]
    assert (tmp_path / "alpha.json").read_text(encoding="utf-8") == printed.stdout
    assert written.stdout == ""


def test_excel_and_markdown_need_an_out_file(db: ServiceContext, run_advisor: Run, tmp_path: Path) -> None:
    for fmt, kind in (("xlsx", "an Excel workbook"), ("madr", "a zip of Markdown files")):
        refused = run_advisor("export", "--format", fmt)
        assert refused.returncode == 2
        assert refused.stderr == f"error: --out: {fmt} writes {kind}: give --out PATH\n"
        assert refused.stdout == ""

    assert run_advisor("export", "--format", "xlsx", "--out", tmp_path / "r.xlsx").returncode == 0
    assert run_advisor("export", "--format", "madr", "--out", tmp_path / "r.zip", "--workload", "=1+1").returncode == 0
    book = load_workbook(tmp_path / "r.xlsx")
    assert [c.value for c in book["Summary"]["A"]] == ["workload", "=1+1", "Alpha"]
    with zipfile.ZipFile(tmp_path / "r.zip") as archive:
        # =1+1 was the second workload created: its stored number, whatever else the export holds
        assert archive.namelist() == ["decision-records/index.md", "decision-records/0002-1-1.md"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workload", "Nobody"], "error: <input>: workload: no workload is named 'Nobody'\n"),
        (["--status", "done"], "error: <input>: status: unknown status 'done' (known: not_started, in_progress, "
                               "recommended, accepted, rejected, superseded, proposed)\n"),
    ],
)  # fmt: skip
def test_a_bad_selection_exits_2_with_one_line(
    db: ServiceContext, run_advisor: Run, args: list[str], message: str
) -> None:
    result = run_advisor("export", "--format", "csv", *args)

    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


def test_import_reports_what_it_added(db: ServiceContext, run_advisor: Run, tmp_path: Path, kb: KnowledgeBase) -> None:
    path = tmp_path / "golden.json"
    path.write_bytes(to_json(golden_set(kb)))

    result = run_advisor("import", path)
    again = run_advisor("import", path, "--format", "json")

    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"{path}: imported 5 record versions of 3 workloads (3 new)\n"
        '  =HYPERLINK("http://x","y"): new, versions added: 1\n'
        "  Nightly ledger batch: new, versions added: 1\n"
        "  Payroll API: new, versions added: 1, 2, 3\n"
    )
    assert json.loads(again.stdout)["skipped"] == 5
    assert len(services.list_workloads(db)) == 5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"schema_version": 1, "kind": "compute-target-advisor/decision-records", "workloads": [',
         "{path}:1: json: the file ends early: is it truncated? (Expecting value at column 88)"),
        ('{"schema_version": 7}', "{path}: schema_version: schema_version 7 is not supported: this app reads "
                                  "schema_version 1 or 2"),
    ],
)  # fmt: skip
def test_a_bad_import_exits_2_and_imports_nothing(
    db: ServiceContext, run_advisor: Run, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")

    result = run_advisor("import", path)

    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "error: " + message.format(path=path) + "\n"
    assert len(services.list_workloads(db)) == 2


def test_a_bad_record_is_named_by_workload_version_and_field(
    db: ServiceContext, run_advisor: Run, tmp_path: Path, kb: KnowledgeBase
) -> None:
    document = json.loads(to_json(golden_set(kb)))
    document["workloads"][1]["records"][0]["answers"]["warp"] = {"answer": "yes"}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")

    result = run_advisor("import", path)

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: {path}: answers.warp: workload 'Nightly ledger batch' (workloads[1]), record version 1 "
        "(records[0]): unknown question id 'warp'"
    ]
    assert len(services.list_workloads(db)) == 2


def test_a_missing_file_is_named(db: ServiceContext, run_advisor: Run, tmp_path: Path) -> None:
    result = run_advisor("import", tmp_path / "nope.json")

    assert result.returncode == 2
    assert result.stderr == f"error: {tmp_path / 'nope.json'}: cannot read the file: No such file or directory\n"
