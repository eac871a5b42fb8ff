"""Markdown decision records in the MADR 4.0 layout: one ``NNNN-slug.md`` per workload, zipped with an index.

``NNNN`` is the workload's decision-record number, stored when the workload was created: exporting more
workloads, or fewer, never renumbers a file.

Each file holds the workload's latest record version as a MADR decision: front matter (status, date,
decision-makers, consulted, informed), context (the workload and the triage of its linked VMs), decision
drivers (the requirement answers), considered options (every candidate and its fit), the decision outcome
("Chosen option … because", then the walked path with each rationale), consequences (the conditions),
confirmation, where Microsoft's sources disagree about something the record uses (every claim with its sources),
pros and cons per option, and the version history with supersession links. ``decision-makers``
lists everyone who saved a version; ``informed`` names the workload's owner; ``consulted`` is empty (the
record does not track it). Every text comes through :mod:`advisor.export.markdown`, so it cannot break the
document or inject HTML.
"""

from __future__ import annotations

import io
import zipfile

from advisor.export.export_set import ExportSet, WorkloadExport
from advisor.export.madr_sections import (
    considered,
    context,
    drivers,
    more_information,
    outcome,
    pros_and_cons,
    sources_disagree,
)
from advisor.export.markdown import file_name, inline, yaml_list, yaml_string
from advisor.export.table_rows import decision_makers
from advisor.models.statuses import version_status_label

FOLDER = "decision-records"
INDEX = "index.md"


def record_markdown(item: WorkloadExport, export: ExportSet) -> str:
    """The MADR document of one workload's record."""
    glossary = export.glossary
    record = item.latest
    owner = item.workload.owner.strip()
    lines = [
        "---",
        f"status: {yaml_string(record.status)}",
        f"date: {yaml_string(record.created_at.date().isoformat())}",
        f"decision-makers: {yaml_list(decision_makers(item))}",
        "consulted: []",
        f"informed: {yaml_list([owner] if owner else [])}",
        "---",
        "",
        f"# Compute target for “{inline(item.workload.name)}”",
        "",
        *context(item, glossary),
        *drivers(item, glossary),
        *considered(item, glossary),
        *outcome(item, glossary),
        *sources_disagree(item, glossary),
        *pros_and_cons(item, glossary),
        *more_information(item, glossary),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def index_markdown(export: ExportSet, names: list[str]) -> str:
    lines = [
        "# Decision records",
        "",
        "Exported from Compute Target Advisor: one MADR 4.0 decision record per workload, from the latest "
        "version of its record. The JSON export holds every field of every version.",
        "",
    ]
    if not export.workloads:
        return "\n".join([*lines, "No records were chosen for this export.", ""])
    lines += ["| Record | Workload | Status | Chosen option | Date |", "| --- | --- | --- | --- | --- |"]
    for name, item in zip(names, export.workloads, strict=True):
        record = item.latest
        chosen = inline(export.glossary.service(record.chosen_service)) if record.chosen_service else "none yet"
        lines.append(
            f"| [{name[:4]}]({name}) | {inline(item.workload.name)} | {version_status_label(record)} | {chosen} "
            f"| {record.created_at.date().isoformat()} |"
        )
    return "\n".join([*lines, ""])


def record_number(item: WorkloadExport, position: int) -> int:
    """The workload's decision-record number on this instance; a workload without one (built by hand, outside the
    store) is numbered by its place in the export."""
    return item.workload.number if item.workload.number is not None else position


def madr_files(export: ExportSet) -> dict[str, str]:
    """File name → Markdown text: ``index.md`` first, then one file per workload in export order, each named by
    the workload's decision-record number, which never changes (links between records hold)."""
    names = [
        file_name(record_number(item, position), item.workload.name)
        for position, item in enumerate(export.workloads, start=1)
    ]
    files = {INDEX: index_markdown(export, names)}
    files.update((name, record_markdown(item, export)) for name, item in zip(names, export.workloads, strict=True))
    return files


def to_madr_zip(export: ExportSet) -> bytes:
    """The decision records and their index as a zip, under ``decision-records/`` (same records, same bytes)."""
    latest = max((item.latest.created_at for item in export.workloads), default=None)
    stamp = latest.timetuple()[:6] if latest is not None else (1980, 1, 1, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in madr_files(export).items():
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
