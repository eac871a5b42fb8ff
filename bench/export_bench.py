"""Export of 10,000 records to each format: time and peak memory, and Excel against a bare pandas write.

Targets (issue 6): the four formats together in under 30 s; the Excel export within 2x of a bare
``DataFrame.to_excel(engine="openpyxl")`` of the same four sheets' rows with no styling (its time includes
building the frames from ready rows). Each format runs in a fresh interpreter, and its peak memory is how
far the export pushed the process's maximum resident size above the peak already reached while building
the 10,000 records (so a format that stays under that peak shows little). Nothing is asserted.
"""

from __future__ import annotations

import datetime
import io
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pandas as pd

from advisor import load_knowledge
from advisor.decide.record_builder import build_record
from advisor.export import ExportSet, Glossary, LinkedTriage, TriagedVm, WorkloadExport
from advisor.export.table_rows import (
    CANDIDATE_COLUMNS,
    FINDING_COLUMNS,
    PATH_COLUMNS,
    SUMMARY_COLUMNS,
    candidate_rows,
    finding_rows,
    path_rows,
    summary_rows,
)
from advisor.knowledge.assembly import KnowledgeBase
from advisor.models.record import GivenAnswer, Override, VmLink, Workload

RECORDS = 10_000
REPO_ROOT = Path(__file__).resolve().parent.parent
START = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)
TEMPLATES = (  # a complete walk with requirements and notes, a short one, a 2025 one with every condition
    ({"specialty_workload": "none", "migrate_or_build": "build_new", "full_control": "no", "hpc": "no",
      "event_driven": "yes", "gpu": "required", "operational_overhead": "low", "peak_instances": "up_to_30",
      "state": "stateless", "multi_region": "not_required"}, "compute-tree-2026"),
    ({"specialty_workload": "none", "migrate_or_build": "migrate"}, "compute-tree-2026"),
    ({"migrate_or_build": "migrate", "migration_approach": "lift_and_shift", "containerizable": "no", "cots": "no",
      "peak_instances": "up_to_100", "vnet_integration": "required", "hybrid_connectivity": "required",
      "multi_region": "required", "long_running": "yes", "state": "stateful"}, "compute-tree-2025"),
)  # fmt: skip


def export_set(kb: KnowledgeBase, count: int = RECORDS) -> ExportSet:
    """``count`` workloads of one record each; every other one is linked to two triaged VMs."""
    items = []
    for number in range(count):
        answers, version = TEMPLATES[number % len(TEMPLATES)]
        links = tuple(VmLink(cloud_service=f"cs-{number}", vm_name=f"vm-{letter}") for letter in "ab")
        workload = Workload(
            id=number + 1, name=f"Workload {number:05d}", owner="Team A", context="Line one.\nLine two.",
            vm_links=links if number % 2 else (), created_at=START, updated_at=START,
        )  # fmt: skip
        given = {q: GivenAnswer(answer=a, note=f"note on {q}" if q == "gpu" else "") for q, a in answers.items()}
        override = Override(service="container-apps", reason="team choice") if number % 7 == 0 else None
        record = build_record(
            kb, workload=workload, answers=given, knowledge_version=version, author=f"Author {number % 13}",
            version=1, override=override, now=START + datetime.timedelta(minutes=number),
        )  # fmt: skip
        triage = None
        if number % 2:
            vms = (
                TriagedVm(f"cs-{number}", "vm-a", "vnet-1", "not_supported", ("C3", "F3"), (), "Standard_D2_v2"),
                TriagedVm(f"cs-{number}", "vm-b", "vnet-1", "tool_ready", (), (), "Standard_D2_v2"),
            )
            triage = LinkedTriage(1, "Estate", START, vms)
        items.append(WorkloadExport(workload, (record,), triage))
    return ExportSet(tuple(items), Glossary.from_kb(kb))


SHEETS = (
    ("Summary", SUMMARY_COLUMNS, summary_rows), ("Path", PATH_COLUMNS, path_rows),
    ("Candidates", CANDIDATE_COLUMNS, candidate_rows), ("Findings", FINDING_COLUMNS, finding_rows),
)  # fmt: skip


def _naive(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(v.replace(tzinfo=None) if isinstance(v, datetime.datetime) else v for v in row)


def _timed_bare(ready: list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]) -> tuple[bytes, float]:
    start = time.perf_counter()
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for title, columns, rows in ready:
            pd.DataFrame(rows, columns=list(columns)).to_excel(writer, sheet_name=title, index=False)
    return buffer.getvalue(), time.perf_counter() - start


_CHILD = """
import sys
from bench.export_bench import child
child(sys.argv[1])
"""


def child(name: str) -> None:
    """In a fresh interpreter: build the set, then export it once; print seconds, peak growth in MB, output bytes."""
    from advisor.export import FORMATS

    export = export_set(load_knowledge())
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    size = len(FORMATS[name](export))
    seconds = time.perf_counter() - start
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before  # KiB on Linux
    print(f"{seconds} {grown / 1024} {size}")


def measure(name: str) -> tuple[float, float, int]:
    """(seconds, peak memory growth in MB, output bytes) of one format, in a fresh subprocess."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, name], capture_output=True, text=True, check=True, cwd=REPO_ROOT
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2])


def main() -> None:
    from advisor.export import FORMATS

    kb = load_knowledge()
    began = time.perf_counter()
    export = export_set(kb)
    rows = {name: sum(1 for _ in rows(export)) for name, rows in
            (("Path", path_rows), ("Candidates", candidate_rows), ("Findings", finding_rows))}  # fmt: skip
    print(
        f"== export of {export.record_count:,} records (built in {time.perf_counter() - began:.1f} s; sheet rows: "
        + ", ".join(f"{name} {count:,}" for name, count in rows.items())
        + ") =="
    )
    total = 0.0
    seconds_of: dict[str, float] = {}
    for name in FORMATS:
        seconds, peak, size = measure(name)
        total += seconds
        seconds_of[name] = seconds
        print(f"{name:5}: {seconds:6.2f} s, peak memory +{peak:6.0f} MB (max RSS growth), {size / 1e6:5.1f} MB out")
    print(f"all four: {total:.1f} s (target under 30 s)")
    ready = [(title, columns, [_naive(row) for row in make(export)]) for title, columns, make in SHEETS]
    _, bare = _timed_bare(ready)
    ours = seconds_of["xlsx"]
    print(f"xlsx: ours {ours:.2f} s (rows built inside) vs bare pandas to_excel {bare:.2f} s "
          f"(from ready rows) -> ratio {ours / bare:.2f}x (target within 2x)")  # fmt: skip
