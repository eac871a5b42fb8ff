"""Records in and out: choosing what to export (all, by status, by name, by review session) and importing a
JSON export, all or nothing.

An export's selection is read in one read transaction. Archived workloads are left out of "all" and "by
status", as the Records page leaves them out; a workload picked by name is exported even when archived (and
imports back archived).

An import is checked whole first (:func:`~advisor.export.importer.read_export`), then written in one
transaction: a workload new here is created with the file's fields; one that exists here (same name,
ignoring case) is never overwritten: the file's versions are appended after its latest one, exactly as the
file has them (authors and times kept, numbered on), through the one append function. A workload archived
here refuses the file; nothing is imported then.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Mapping, Sequence
from dataclasses import asdict, replace
from typing import Any

from advisor.errors import AdvisorError, InputError, Problem
from advisor.export.export_set import ExportSet
from advisor.export.importer import ImportedWorkload, ImportReport, plan_versions, read_export
from advisor.export.json_file import ExportedWorkload
from advisor.export.selection import export_set, linked_keys, matches
from advisor.models.actor import Actor
from advisor.models.names import clean_context, clean_name, clean_owner, clean_vm_links
from advisor.models.record import DecisionRecord, Workload
from advisor.services.access import require
from advisor.services.appending import append_versions
from advisor.services.context import ServiceContext
from advisor.services.costs import Pricing
from advisor.services.finding import existing_workload, workload_named
from advisor.services.records import check_status
from advisor.services.submissions import once
from advisor.store import UnitOfWork


def select_records(
    ctx: ServiceContext,
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
    check_status(status)
    with ctx.database.read() as unit:
        if session is not None:
            found = unit.sessions.get(session)
            if found is None:
                raise InputError(Problem(f"no review session with id {session}", ident="session"))
            agenda = sorted({item.workload_id for item in found.items})
            chosen = _by_name(unit, [existing_workload(unit, i).name for i in agenda], status)
            if names:
                wanted = {w.id for w in _by_name(unit, names, status)}
                chosen = [w for w in chosen if w.id in wanted]
        elif names:
            chosen = _by_name(unit, names, status)
        else:
            live = {s.workload.id: s.workload for s in unit.workloads.summaries(search=None, include_archived=False)}
            chosen = [live[record.workload_id] for record in unit.records.latest_records(status)]
        histories = unit.records.histories([workload.id for workload in chosen])
        keys = linked_keys(chosen)
        triaged = unit.inventories.triaged_vms(keys) if keys else []
        costs = {}
        if ctx.kb.costs is not None:
            pricing = Pricing(unit, ctx.kb, ctx.database.display_url)
            pricing.load_vms(chosen)
            costs = {w.id: pricing.view(histories[w.id][-1]) for w in chosen if histories.get(w.id)}
    return export_set(chosen, histories, triaged, ctx.kb, costs)


def _by_name(unit: UnitOfWork, names: Sequence[str], status: str | None) -> list[Workload]:
    chosen: dict[int, Workload] = {}
    for name in names:
        workload = workload_named(unit, name)
        latest = unit.records.latest(workload.id)
        if latest is None:
            raise InputError(Problem(f"workload {workload.name!r} has no record to export yet", ident="workload"))
        if matches(latest, status):
            chosen.setdefault(workload.id, workload)
    return list(chosen.values())


def import_records(
    ctx: ServiceContext, actor: Actor, data: bytes, source_name: str, *, token: str | None = None
) -> ImportReport:
    """Check the whole file, then import it in one transaction; InputError (nothing imported) on any fault.
    ``token`` (the upload form's submission token) makes a repeat return the first import's report."""
    grant = require(ctx, actor, "import_records", "import records", str(source_name))
    parsed = read_export(data, source_name, ctx.kb)

    def work(unit: UnitOfWork) -> list[ImportedWorkload]:
        moment = ctx.now()
        results = [_import_one(ctx, unit, workload, moment) for workload in parsed.workloads]
        for incoming, result in zip(parsed.workloads, results, strict=True):
            authors = sorted({r.author for r in incoming.records if r.version in result.added})
            versions = ", ".join(str(v) for v in result.added) or "none"
            detail = f"from {source_name}: versions {versions}" + (f" by {', '.join(authors)}" if authors else "")
            grant.record(unit, moment, result.name, detail, source="import")
        return results

    def ids(results: list[ImportedWorkload]) -> dict[str, Any]:
        return {"workloads": [asdict(result) for result in results]}

    def again(_unit: UnitOfWork, stored: Mapping[str, Any]) -> list[ImportedWorkload]:
        return [ImportedWorkload(w["name"], w["created"], tuple(w["added"]), w["skipped"]) for w in stored["workloads"]]

    try:
        results = ctx.database.run(lambda unit: once(ctx, unit, actor, "import_records", token, work, ids, again))
    except AdvisorError as exc:
        raise _located(exc, source_name) from None
    return ImportReport(source_name, tuple(results))


def _import_one(
    ctx: ServiceContext, unit: UnitOfWork, incoming: ExportedWorkload, moment: datetime.datetime
) -> ImportedWorkload:
    name = clean_name(incoming.name)
    workload = unit.workloads.by_name(name)
    created = workload is None
    if workload is None:
        workload = unit.workloads.insert_workload_row(
            name=name, owner=clean_owner(incoming.owner), context=clean_context(incoming.context),
            vm_links=clean_vm_links(incoming.vm_links), archived=False, moment=moment,
            number=unit.workloads.next_record_number(), origin_number=incoming.number,
        )  # fmt: skip
        existing: list[DecisionRecord] = []
    elif workload.archived:
        message = f"workload {workload.name!r} is archived here: restore it, then import again; nothing was imported"
        raise InputError(Problem(message, ident="workload"))
    else:
        existing = unit.records.history(workload.id)
    added, skipped = plan_versions(workload, existing, incoming.records)
    append_versions(unit, added, moment, ctx.database.display_url)
    if created and incoming.archived:  # archived as in the file, once its versions are in
        unit.workloads.update_workload_row(workload.id, moment, archived=True)
    return ImportedWorkload(workload.name, created, tuple(record.version for record in added), skipped)


def _located(exc: AdvisorError, source: str) -> AdvisorError:
    """The error with the file named in every problem that names none."""
    located = copy.copy(exc)
    located.problems = [p if p.file else replace(p, file=source) for p in exc.problems]
    located.args = ("\n".join(str(p) for p in located.problems),)
    return located
