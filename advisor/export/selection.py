"""Putting an export together from what the store read: each chosen workload with every version of its
record and, when it links inventory VMs, the newest inventory import that holds any of them
(:class:`~advisor.export.export_set.LinkedTriage`). Which workloads are chosen (all, by status, by name, by
review session) is :func:`advisor.services.exchange.select_records`'s job.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from advisor.costs.view import CostView
from advisor.decide.record_builder import workload_status
from advisor.export.export_set import ExportSet, Glossary, LinkedTriage, TriagedVm, WorkloadExport
from advisor.knowledge.assembly import KnowledgeBase
from advisor.models.record import DecisionRecord, Workload


def matches(record: DecisionRecord, status: str | None) -> bool:
    """True when ``record`` has ``status`` as its record status or as its workload's status."""
    return status is None or status in (record.status, workload_status(record))


def linked_keys(chosen: Sequence[Workload]) -> list[tuple[str, str]]:
    """The (cloud service, VM name) of every VM the chosen workloads link."""
    return [(link.cloud_service, link.vm_name) for workload in chosen for link in workload.vm_links]


def export_set(
    chosen: Sequence[Workload],
    histories: Mapping[int, Sequence[DecisionRecord]],
    triaged: Sequence[dict[str, Any]],
    kb: KnowledgeBase | None,
    costs: Mapping[int, CostView] | None = None,
) -> ExportSet:
    """The export of the chosen workloads, by name (ignoring case), each with its whole history and its triage.

    ``triaged`` holds every stored triage of the linked VMs (the store's rows); a workload without a record is
    left out. ``costs`` holds each workload's latest estimates, by workload id.
    """
    triage = linked_triage(chosen, triaged)
    costs = costs or {}
    items = [
        WorkloadExport(w, tuple(histories[w.id]), triage.get(w.id), costs.get(w.id))
        for w in chosen
        if w.id in histories
    ]
    items.sort(key=lambda item: (item.workload.name.casefold(), item.workload.id))
    return ExportSet(tuple(items), Glossary.from_kb(kb) if kb is not None else Glossary())


def linked_triage(chosen: Sequence[Workload], triaged: Sequence[dict[str, Any]]) -> dict[int, LinkedTriage]:
    """Per workload with links: the newest import holding any linked VM, and those VMs in it."""
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in triaged:
        by_key.setdefault((row["cloud_service"], row["vm_name"]), []).append(row)
    result: dict[int, LinkedTriage] = {}
    for workload in chosen:
        rows = [row for link in workload.vm_links for row in by_key.get((link.cloud_service, link.vm_name), [])]
        if not rows:
            continue
        newest = max(row["import_id"] for row in rows)
        in_import = sorted(
            {row["position"]: row for row in rows if row["import_id"] == newest}.values(),
            key=lambda row: row["position"],
        )
        fields = ("cloud_service", "vm_name", "vnet", "verdict", "rules", "unknown_fields", "arm_size")
        vms = tuple(TriagedVm(**{name: row[name] for name in fields}) for row in in_import)
        first = in_import[0]
        result[workload.id] = LinkedTriage(newest, first["estate"], first["imported_at"], vms)
    return result
