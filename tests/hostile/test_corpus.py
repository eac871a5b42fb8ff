"""The hostile corpus (``cases.py``) run through the command line, each case in its own child process under a
2 GiB address-space limit (``RLIMIT_AS``), against its own copy of a seeded SQLite database.

Each case must end with its exit code and its one line (naming the file and where), with no traceback, no
"internal error" (the last-resort handler) and no secret in the output; errors are capped; and the database
must export exactly as before (the JSON export of every record, and the list of workloads, archived ones too).

The selected cases run two at a time (the machine's cores) the first time a case's result is asked for;
each test then checks its own.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from advisor import KnowledgeBase, services
from advisor.export import to_json
from advisor.limits import MAX_PROBLEMS_SHOWN
from advisor.models.record import Override
from tests.costs.sheet import store_sheet
from tests.hostile.cases import CASES, ROOT, Case, expected_line
from tests.services.builders import ANN, INCOMPLETE_ANSWERS, new_workload, open_ctx, save

ADDRESS_SPACE = 2 * 1024**3
TIMEOUT = 300
WORKERS = 2


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


@dataclass(frozen=True)
class Outcome:
    argv: list[str]
    code: int
    stdout: str
    stderr: str
    before: str
    after: str
    folder: Path
    seconds: float


def _export(url: str, kb: KnowledgeBase) -> bytes:
    ctx = open_ctx(url, kb)
    try:
        return to_json(services.select_records(ctx))
    finally:
        ctx.database.close()


def _snapshot(url: str, kb: KnowledgeBase) -> str:
    """What must not change: every record as the JSON export has it, every workload (archived ones too) and the
    price sheets."""
    ctx = open_ctx(url, kb)
    try:
        exported = to_json(services.select_records(ctx)).decode("utf-8")
        names = [(w.workload.name, w.workload.archived) for w in services.list_workloads(ctx, include_archived=True)]
        sheets = [view.sheet.id for view in services.list_price_sheets(ctx)]
    finally:
        ctx.database.close()
    return exported + json.dumps(names) + json.dumps(sheets)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory, kb: KnowledgeBase) -> Path:
    """A database with three workloads: one of two versions (the second an override), one archived, and one signed
    with estimates whose price sheet was deleted since."""
    path = tmp_path_factory.mktemp("hostile-seed") / "advisor.db"
    ctx = open_ctx(f"sqlite:///{path}", kb)
    try:
        payroll = new_workload(ctx, "Payroll", owner="Ops")
        save(ctx, payroll, 1)
        save(ctx, payroll, 2, override=Override(service="app-service", reason="ok"), minute=1)
        legacy = new_workload(ctx, "Legacy CRM")
        save(ctx, legacy, 1, answers=INCOMPLETE_ANSWERS)
        services.archive_workload(ctx, ANN, legacy.id)
        # A record signed with estimates from a price sheet that was deleted since (issue 21).
        sheet = store_sheet(ctx)
        signed = new_workload(ctx, "Zeta signed")
        save(ctx, signed, 1)
        save(ctx, signed, 2, status="accepted", minute=2)
        services.delete_price_sheet(ctx, ANN, sheet)
    finally:
        ctx.database.close()
    return path


def _run(case: Case, root: Path, seeded: Path, kb: KnowledgeBase) -> Outcome:
    folder = root / re.sub(r"[^\w]+", "-", case.id).strip("-")
    folder.mkdir(parents=True)
    database = folder / "advisor.db"
    shutil.copyfile(seeded, database)
    url = f"sqlite:///{database}"
    before = _snapshot(url, kb)
    (folder / "export.json").write_bytes(_export(url, kb))  # the export a well-formed import starts from
    started = time.monotonic()
    argv = case.build(folder)
    env = {**os.environ, "ADVISOR_DATABASE_URL": url, **case.env}
    command = [sys.executable, "-m", "advisor", *argv]
    if case.closed_pipe:
        # The reader is gone before the command starts, as `| head -c 0` would be: the read end is closed before
        # the child exists, so its first write fails however fast it starts (no race with a small output).
        reader, writer = os.pipe()
        os.close(reader)
        try:
            child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=writer, stderr=subprocess.PIPE,
                                     preexec_fn=_limited)  # fmt: skip
        finally:
            os.close(writer)
        assert child.stderr is not None
        stderr = child.stderr.read().decode("utf-8", "replace")
        code, stdout = child.wait(timeout=TIMEOUT), ""
    else:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT,
                              preexec_fn=_limited, check=False)  # fmt: skip
        code, stdout, stderr = done.returncode, done.stdout, done.stderr
    seconds = time.monotonic() - started
    return Outcome(argv, code, stdout, stderr, before, _snapshot(url, kb), folder, seconds)


_RESULTS: dict[str, Outcome] = {}


@pytest.fixture
def outcome(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, seeded: Path,
            kb: KnowledgeBase) -> Outcome:  # fmt: skip
    """This case's outcome; on first use, every selected case is run, WORKERS at a time."""
    case: Case = request.node.callspec.params["case"]
    if case.id not in _RESULTS:
        selected = [item.callspec.params["case"] for item in request.session.items
                    if item.originalname == "test_hostile_input" and hasattr(item, "callspec")]  # fmt: skip
        pending = [c for c in selected if c.id not in _RESULTS] or [case]
        root = tmp_path_factory.mktemp("hostile")
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            for done_case, result in zip(pending, pool.map(lambda c: _run(c, root, seeded, kb), pending), strict=True):
                _RESULTS[done_case.id] = result
        _write_table(pending)
    return _RESULTS[case.id]


def _write_table(cases: list[Case]) -> None:
    """With HOSTILE_TABLE=FILE, the cases as a Markdown table: input path, case, exit code, seconds, first line."""
    target = os.environ.get("HOSTILE_TABLE")
    if not target:
        return
    rows = ["| input path | case | exit | s | message (first line) |", "|---|---|---|---|---|"]
    for case in cases:
        result = _RESULTS[case.id]
        shown = next(iter(result.stderr.splitlines()), "(nothing)").replace(str(result.folder) + "/", "")
        shown = shown if len(shown) <= 160 else shown[:157] + "…"
        rows.append(f"| {case.path} | {case.attack} | {result.code} | {result.seconds:.1f} | "
                    f"`{shown.replace('|', '/')}` |")  # fmt: skip
    Path(target).write_text("\n".join(rows) + "\n", encoding="utf-8")


def _params() -> list[object]:
    return [
        pytest.param(case, id=case.id, marks=[pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else [])
        for case in CASES
    ]


@pytest.mark.parametrize("case", _params())
def test_hostile_input(case: Case, outcome: Outcome) -> None:
    output = outcome.stdout + outcome.stderr
    assert "Traceback" not in output, outcome.stderr[-2000:]
    assert "internal error" not in outcome.stderr, outcome.stderr[-2000:]
    assert outcome.after == outcome.before, "the database changed"
    assert outcome.code == case.code, outcome.stderr[-2000:]
    if case.secret is not None:
        assert case.secret not in output
    lines = outcome.stderr.splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) <= MAX_PROBLEMS_SHOWN, "error output is capped"
    if case.closed_pipe:
        assert outcome.stderr == "", "a closed pipe ends quietly"
        return
    if case.code != 0:
        assert errors, outcome.stderr[-2000:]
    pattern = expected_line(case, outcome.folder, outcome.argv)
    assert any(pattern.fullmatch(line) for line in lines), (pattern.pattern, lines[:5])


def test_every_input_path_meets_every_limit_of_its_kind() -> None:
    """The corpus's coverage, checked: each limit of each kind of input has at least one case."""
    attacks: dict[str, set[str]] = {}
    for case in CASES:
        attacks.setdefault(case.path, set()).add(case.attack)
    assert {"size over 512 MiB", "1,000,001 rows", "300 columns", "100,000 rows x 256 columns", "a cell of 1 MiB + 1",
            "a line over 16 MiB"} <= attacks["inventory CSV"]  # fmt: skip
    assert {"200 KB nested 100,000 deep", "size over 512 MiB", "400,001 records", "a string of 1 MiB + 1",
            "a record over 16 MiB", "a record with 300 fields"} <= attacks["Resource Graph JSON"]  # fmt: skip
    assert {"size over 64 MiB", "100,001 rows", "100,000 rows x 60 columns", "a cell of 64 KiB + 1",
            "a line over 1 MiB"} <= attacks["VNet facts CSV"]  # fmt: skip
    assert {"size over 1 MiB", "YAML nested 100,000 deep", "YAML with 200,001 values", "JSON nested 100,000 deep",
            "JSON with 200,001 lists"} <= attacks["answers file"]  # fmt: skip
    assert {"size over 2 MiB", "nested 100,000 deep", "200,001 values"} <= attacks["profiles file"]
    assert {"JSON nested 100,000 deep", "2,000,001 lists", "size over 64 MiB"} <= attacks["import"]
    assert {"a file nested 100,000 deep", "a file over 2 MiB", "a file of 200,001 values", "201 files and more",
            "over 8 MiB in all"} <= attacks["knowledge folder"]  # fmt: skip
    assert {"not the API's shape", "truncated JSON", "items in another currency than asked", "a page with no Items",
            "JSON nested 100,000 deep", "size over 16 MiB", "pages over 256 MiB in all", "2,001 pages"
            } <= attacks["price page"]  # fmt: skip
    assert {"a fetch failing midway", "no network at all", "a NextPageLink loop"} <= attacks["prices fetch"]
