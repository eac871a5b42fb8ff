"""The JSON export: the exact, full-fidelity format, and the only one that imports back.

Layout (``schema_version`` 2)::

    {"schema_version": 2, "kind": "compute-target-advisor/decision-records",
     "key_dates": [{date, title, event, source, …, "sources_disagree": {claims…} or null}],
     "sources_disagree": [{id, topic, about, claims, default, text, "records": [{"workload", "version"}]}],
     "workloads": [{workload fields…, "records": [every version, oldest first]}]}

``key_dates`` are the classic retirement's dates as the knowledge holds them; ``sources_disagree`` lists where
Microsoft's sources disagree about something an exported record uses (its services' facts or outcome, a finding
on its linked VMs), every claim with its sources, and which records use it. Both come from the knowledge and are
ignored on import.

Each workload has every field of :class:`~advisor.models.record.Workload`; each record is a whole
:class:`~advisor.models.record.DecisionRecord` (answers with notes and sources, path with rationale,
candidates, conditions, override, status, author, times, and its ``knowledge_version``), as
``model_dump(mode="json")`` writes it. Workloads come by name (ignoring case), records by version.
The output is deterministic: the same records give the same bytes.

Schema version 2 only adds fields, so files of version 1 still import: each workload's ``number`` (its
decision-record number on the exporting instance) and ``origin_number``; with each candidate, ``because`` (its
reasons as structured data: kind, question and answer ids, service id, the catalog's text) and ``tree`` (where the
walk left it, or that it is the tree's outcome); ``condition_because`` and ``conflict_because`` beside
``conditions`` and ``conflicts``; and the override's own ``conditions`` and ``condition_because`` (the chosen
service's conditions; the record's ``conditions`` stay the tree outcome's).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field
from pydantic_core import to_json as to_json_bytes

from advisor.export.export_set import ExportSet, WorkloadExport
from advisor.knowledge.disagreements import to_dict as disagreement_dict
from advisor.models.cost_estimates import RecordCosts
from advisor.models.disagreements import Disagreement
from advisor.models.record import DecisionRecord, RecordModel, Workload

EXPORT_SCHEMA_VERSION = 2
# Versions this app imports: 1 lacks only fields that version 2 added, each with a default.
IMPORTABLE_SCHEMA_VERSIONS = (1, 2)
EXPORT_KIND = "compute-target-advisor/decision-records"


class ExportedWorkload(Workload):
    """A workload as the JSON export holds it: its fields and every version of its record."""

    records: tuple[DecisionRecord, ...] = Field(min_length=1)
    estimates: RecordCosts | None = Field(
        None,
        description="The latest version's estimates as shown when exported (kept from the sign-off, or computed "
        "then); ignored on import, where they are computed anew.",
    )
    estimates_kept_from_sign_off: bool = Field(False, description="Whether `estimates` are the signed version's.")


class ExportFile(RecordModel):
    schema_version: int
    kind: str
    workloads: tuple[ExportedWorkload, ...]


def workload_document(item: WorkloadExport) -> dict[str, Any]:
    document = {
        **item.workload.model_dump(mode="json"),
        "records": [record.model_dump(mode="json") for record in item.records],
    }
    if item.costs is not None:  # issue 21: what the app and the other formats show, beside the stored versions
        document["estimates"] = item.costs.costs.model_dump(mode="json")
        document["estimates_kept_from_sign_off"] = item.costs.frozen
    return document


def to_json(export: ExportSet) -> bytes:
    """The chosen workloads and every version of their records, as UTF-8 JSON (indented, no BOM)."""
    document = {
        "schema_version": EXPORT_SCHEMA_VERSION,
        "kind": EXPORT_KIND,
        "key_dates": [key_date.to_dict() for key_date in export.glossary.key_dates],
        "sources_disagree": sources_disagree(export),
        "workloads": [workload_document(item) for item in export.workloads],
    }
    return to_json_bytes(document, indent=2) + b"\n"  # what json.dumps(indent=2, ensure_ascii=False) writes


def sources_disagree(export: ExportSet) -> list[dict[str, Any]]:
    """Each disagreement an exported record version uses, with every claim and the records that use it."""
    users: dict[str, list[dict[str, Any]]] = {}
    found: dict[str, Disagreement] = {}
    for item in export.workloads:
        for record in item.records:
            for disagreement in export.glossary.disputed(item, record):
                found.setdefault(disagreement.id, disagreement)
                user = {"workload": item.workload.name, "version": record.version}
                users.setdefault(disagreement.id, []).append(user)
    ordered = [d for d in export.glossary.disputes.items if d.id in found]
    return [{**disagreement_dict(d), "records": users[d.id]} for d in ordered]
