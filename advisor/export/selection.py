"""Choosing what to export: every workload with a record, those of one status, or workloads picked by name.

Archived workloads are left out of "all" and "by status", as the Records page leaves them out; a
workload picked by name is exported even when archived (and imports back archived). Each chosen
workload comes with every version of its record and, when it links inventory VMs, with the newest
inventory import that holds any of them (:class:`~advisor.export.export_set.LinkedTriage`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from advisor.decide.record_builder import workload_status
from advisor.errors import InputError, Problem
from advisor.export.export_set import ExportSet, Glossary, LinkedTriage, TriagedVm, WorkloadExport
from advisor.knowledge.assembly import KnowledgeBase
from advisor.models.record import DecisionRecord, Workload
from advisor.store import Store
from advisor.store.queries import STATUSES


def select_records(
    store: Store,
    kb: KnowledgeBase | None = None,
    *,
    status: str | None = None,
    names: Sequence[str] | None = None,
    session: int | None = None,
) -> ExportSet:
    """The chosen workloads, by name (ignoring case), each with its whole history and its triage.

    ``status`` is a workload status (``recommended``, ``in_progress``, …) or a record status (``accepted``,
    …), as on the Records page; ``names`` picks workloads by name. Given both, a workload must match both.
    An unknown status or name, or a named workload without any record, is an InputError. ``session``
    keeps only the workloads on that review session's agenda.
    """
    if session is not None:
        agenda = {item.workload_id for item in store.get_session(session).items}
        chosen = _by_name(store, [store.get_workload(i).name for i in sorted(agenda)], status)
        if names:
            wanted = {w.id for w in _by_name(store, names, status)}
            chosen = [w for w in chosen if w.id in wanted]
    elif names:
        chosen = _by_name(store, names, status)
    else:
        summaries = {summary.workload.id: summary.workload for summary in store.list_workloads()}
        chosen = [summaries[record.workload_id] for record in store.latest_records(status)]
    histories = store.record_histories([workload.id for workload in chosen])
    triage = _linked_triage(store, chosen)
    items = [WorkloadExport(w, tuple(histories[w.id]), triage.get(w.id)) for w in chosen if w.id in histories]
    items.sort(key=lambda item: (item.workload.name.casefold(), item.workload.id))
    return ExportSet(tuple(items), Glossary.from_kb(kb) if kb is not None else Glossary())


def matches(record: DecisionRecord, status: str | None) -> bool:
    """True when ``record`` has ``status`` as its record status or as its workload's status."""
    return status is None or status in (record.status, workload_status(record))


def _by_name(store: Store, names: Sequence[str], status: str | None) -> list[Workload]:
    if status is not None and status not in STATUSES:
        raise InputError(Problem(f"unknown status {status!r} (known: {', '.join(STATUSES)})", ident="status"))
    chosen: dict[int, Workload] = {}
    for name in names:
        workload = store.find_workload(name)
        if workload is None:
            raise InputError(Problem(f"no workload is named {name!r}", ident="workload"))
        latest = store.latest_record(workload.id)
        if latest is None:
            raise InputError(Problem(f"workload {workload.name!r} has no record to export yet", ident="workload"))
        if matches(latest, status):
            chosen.setdefault(workload.id, workload)
    return list(chosen.values())


def _linked_triage(store: Store, chosen: Sequence[Workload]) -> dict[int, LinkedTriage]:
    """Per workload with links: the newest import holding any linked VM, and those VMs in it."""
    keys = [(link.cloud_service, link.vm_name) for workload in chosen for link in workload.vm_links]
    if not keys:
        return {}
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in store.triaged_vms(keys):
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
