"""The JSON export: the exact, full-fidelity format, and the only one that imports back.

Layout (``schema_version`` 1)::

    {"schema_version": 1, "kind": "compute-target-advisor/decision-records",
     "workloads": [{workload fields…, "records": [every version, oldest first]}]}

Each workload has every field of :class:`~advisor.models.record.Workload`; each record is a whole
:class:`~advisor.models.record.DecisionRecord` (answers with notes and sources, path with rationale,
candidates, conditions, override, status, author, times, and its ``knowledge_version``), as
``model_dump(mode="json")`` writes it. Workloads come by name (ignoring case), records by version.
The output is deterministic: the same records give the same bytes.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field
from pydantic_core import to_json as to_json_bytes

from advisor.export.export_set import ExportSet, WorkloadExport
from advisor.models.record import DecisionRecord, RecordModel, Workload

EXPORT_SCHEMA_VERSION = 1
EXPORT_KIND = "compute-target-advisor/decision-records"


class ExportedWorkload(Workload):
    """A workload as the JSON export holds it: its fields and every version of its record."""

    records: tuple[DecisionRecord, ...] = Field(min_length=1)


class ExportFile(RecordModel):
    schema_version: int
    kind: str
    workloads: tuple[ExportedWorkload, ...]


def workload_document(item: WorkloadExport) -> dict[str, Any]:
    return {
        **item.workload.model_dump(mode="json"),
        "records": [record.model_dump(mode="json") for record in item.records],
    }


def to_json(export: ExportSet) -> bytes:
    """The chosen workloads and every version of their records, as UTF-8 JSON (indented, no BOM)."""
    document = {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "kind": EXPORT_KIND,
        "workloads": [workload_document(item) for item in export.workloads],
    }
    return to_json_bytes(document, indent=2) + b"\n"  # what json.dumps(indent=2, ensure_ascii=False) writes
