"""Estates: importing an estate's inventory end to end, turning its VMs into workloads, and the reads of the
Inventory page.

:func:`import_estate` reads the files (formats detected by content), triages them, stores the import (the
estate, the import row and every VM row, in one transaction) and reports what changed since the estate's
previous import. :func:`start_workloads` creates a workload per chosen VM, linked to it, with a first record
version holding the answers the inventory suggests (marked "from inventory", never silent), all in one
transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from advisor.decide.record_builder import build_record
from advisor.decide.suggestions import suggest
from advisor.errors import AdvisorError, InputError, Problem
from advisor.inventory.frames import Inventory, VnetFacts
from advisor.inventory.reader import read_inventory, read_vnet_facts
from advisor.models.actor import Actor
from advisor.models.names import clean_author, clean_label
from advisor.models.record import VmLink
from advisor.services.access import named, require
from advisor.services.appending import append_versions
from advisor.services.context import ServiceContext
from advisor.services.submissions import earlier, once
from advisor.store import EstateSummary, ImportDiff, ImportSummary, UnitOfWork
from advisor.store.inventory_rows import import_values
from advisor.triage.verdicts import VERDICTS, TriageResult, triage

Progress = Callable[[float, str], None]
# Contract §7: "The questionnaire starts here": the VMs whose verdict sends them to another home.
NEEDS_ANOTHER_HOME: tuple[str, ...] = ("not_supported",)

__all__ = [
    "NEEDS_ANOTHER_HOME",
    "VERDICTS",
    "ImportOutcome",
    "StartedWorkloads",
    "compare_imports",
    "find_estate",
    "get_import",
    "import_canonical",
    "import_estate",
    "import_vms",
    "import_vnet_facts",
    "latest_diff",
    "list_estates",
    "list_imports",
    "save_import",
    "start_workloads",
]


@dataclass(frozen=True)
class ImportOutcome:
    summary: ImportSummary
    diff: ImportDiff | None  # against the estate's previous import, if any


def import_estate(
    ctx: ServiceContext,
    actor: Actor,
    estate: str,
    files: Sequence[Path],
    vnet_file: Path | None = None,
    *,
    names: Sequence[str] | None = None,
    vnet_name: str | None = None,
    max_bytes: int | None = None,
    progress: Progress | None = None,
    token: str | None = None,
) -> ImportOutcome:
    """Read, triage and store one import of ``estate`` (made if new); raise on a file that cannot be read.

    ``token`` (the import form's submission token) makes a repeat return the first import, unread again."""
    require(ctx, actor, "import_inventory", "import inventory", str(estate))  # before reading: no wasted work
    name = clean_label(estate, "estate")
    clean_author(actor.name)
    with ctx.database.read() as unit:  # a repeat is answered before the files are read again
        previous = earlier(unit, actor, "import_estate", token)
    if previous is not None:
        return _imported(ctx, previous.result)
    report = progress or (lambda _share, _what: None)
    report(0.05, "Reading the inventory…")
    inventory = read_inventory(files, names, max_bytes=max_bytes)
    facts = read_vnet_facts(vnet_file, vnet_name, max_bytes=max_bytes) if vnet_file else None
    report(0.45, f"Triaging {len(inventory.vms):,} VMs…")
    result = triage(inventory.vms, facts.frame if facts else None, ctx.kb.triage)
    report(0.7, "Saving the import…")
    summary = save_import(ctx, actor, name, inventory, facts, result, token=token)
    report(0.95, "Comparing with the previous import…")
    outcome = _imported(ctx, {"import_id": summary.id})
    report(1.0, "Done.")
    return outcome


def _imported(ctx: ServiceContext, ids: Mapping[str, Any]) -> ImportOutcome:
    """The outcome of an import: the import, compared with the estate's import before it (if any)."""
    with ctx.database.read() as unit:
        summary = _existing_import(unit, int(ids["import_id"]))
        previous = unit.inventories.previous_import_id(summary.estate_id, summary.id)
        return ImportOutcome(summary, unit.inventories.diff(previous, summary.id) if previous is not None else None)


def save_import(
    ctx: ServiceContext,
    actor: Actor,
    estate: str,
    inventory: Inventory,
    facts: VnetFacts | None,
    result: TriageResult,
    *,
    token: str | None = None,
) -> ImportSummary:
    """Store ``inventory`` and its triage ``result`` as the estate's newest import (the estate is made if new):
    the estate, the import row and every VM row in one transaction."""
    grant = require(ctx, actor, "import_inventory", "import inventory", str(estate))
    name, author = clean_label(estate, "estate"), clean_author(actor.name)
    values = import_values(inventory, facts, result)

    def save(unit: UnitOfWork) -> ImportSummary:
        moment = ctx.now()
        estate_id = unit.inventories.estate_id(name)
        if estate_id is None:
            estate_id = unit.inventories.insert_estate_row(name, moment)
        import_id = unit.inventories.insert_import_row(estate_id, values, author, moment)
        unit.inventories.insert_vm_rows(import_id, inventory, result)
        grant.record(unit, moment, name, f"import {import_id}: {len(inventory.vms)} VMs")
        summary = unit.inventories.get_import(import_id)
        assert summary is not None
        return summary

    def ids(summary: ImportSummary) -> dict[str, int]:
        return {"import_id": summary.id}

    def again(unit: UnitOfWork, stored: Mapping[str, Any]) -> ImportSummary:
        return _existing_import(unit, int(stored["import_id"]))

    return ctx.database.run(lambda unit: once(ctx, unit, actor, "import_estate", token, save, ids, again))


@dataclass(frozen=True)
class StartedWorkloads:
    created: list[str]
    skipped: list[str]  # names that already exist
    unsaved: list[str]  # created, but the suggested answers could not be saved (with why)


def start_workloads(
    ctx: ServiceContext,
    actor: Actor,
    import_id: int,
    keys: Sequence[tuple[str, str]],
    *,
    token: str | None = None,
) -> StartedWorkloads:
    """A workload per VM (``cloud_service/vm_name``) of the import, linked to it, with the suggested answers
    saved as its first version; a name that exists already is skipped. All in one transaction."""
    grant = require(ctx, actor, "import_inventory", "start workloads from VMs", named(ctx, import_id=import_id))
    require(ctx, actor, "edit_workloads", "start workloads from VMs", named(ctx, import_id=import_id))
    with ctx.database.read() as unit:
        summary = _existing_import(unit, import_id)
        vms = unit.inventories.vms(import_id)
        canonical = unit.inventories.canonical(import_id, summary.extra_columns, keys)
        facts = unit.inventories.vnet_facts(import_id)
    suggestions = suggest(ctx.kb.prefill, canonical, facts)
    verdicts = {(row.cloud_service, row.vm_name): row for row in vms.itertuples()}
    chosen = list(zip(zip(canonical["cloud_service"], canonical["vm_name"], strict=True), suggestions, strict=True))

    def work(unit: UnitOfWork) -> StartedWorkloads:
        started = StartedWorkloads([], [], [])
        moment = ctx.now()
        for (service, name), answers in chosen:
            label = f"{service}/{name}"
            if unit.workloads.by_name(label) is not None:
                started.skipped.append(label)
                continue
            workload = unit.workloads.insert_workload_row(
                name=label, owner=actor.name, context=_context(service, name, verdicts.get((service, name))),
                vm_links=(VmLink(cloud_service=service, vm_name=name),), archived=False, moment=moment,
                number=unit.workloads.next_record_number(),
            )  # fmt: skip
            try:
                record = build_record(
                    ctx.kb, workload=workload, answers=answers, knowledge_version=None, author=actor.name,
                    version=1, change="answers suggested by the inventory", now=moment,
                )  # fmt: skip
                append_versions(unit, [record], moment, ctx.database.display_url, kb=ctx.kb)
            except AdvisorError as exc:  # the workload exists and is linked; answers can be given by hand
                started.unsaved.append(f"{label}: {exc.problems[0].message}")
            started.created.append(label)
        grant.record(unit, moment, detail=f"{len(started.created)} created, {len(started.skipped)} skipped")
        return started

    def again(_unit: UnitOfWork, stored: Mapping[str, Any]) -> StartedWorkloads:
        return StartedWorkloads(**stored)

    return ctx.database.run(lambda unit: once(ctx, unit, actor, "start_workloads", token, work, asdict, again))


def _context(service: str, name: str, vm: Any | None) -> str:
    """The new workload's context: the VM, its cloud service and VNet, and the tool's verdict with its rules."""
    vnet = vm.vnet if vm is not None and isinstance(vm.vnet, str) and vm.vnet else None
    return (
        f"Classic VM {name} in cloud service {service}"
        + (f", VNet {vnet}" if vnet else "")
        + (f". Migration tool verdict: {vm.verdict} ({', '.join(vm.rules)})." if vm is not None else ".")
    )


# Reads


def list_estates(ctx: ServiceContext) -> list[EstateSummary]:
    """Every estate by name, with its latest import's VM and verdict counts."""
    with ctx.database.read() as unit:
        return unit.inventories.estates()


def find_estate(ctx: ServiceContext, name: str) -> EstateSummary | None:
    """The estate with this name, compared case-insensitively."""
    with ctx.database.read() as unit:
        return unit.inventories.estate_by_name(name)


def list_imports(ctx: ServiceContext, estate_id: int) -> list[ImportSummary]:
    """The estate's imports, newest first."""
    with ctx.database.read() as unit:
        _existing_estate(unit, estate_id)
        return unit.inventories.imports(estate_id)


def get_import(ctx: ServiceContext, import_id: int) -> ImportSummary:
    with ctx.database.read() as unit:
        return _existing_import(unit, import_id)


def import_vms(ctx: ServiceContext, import_id: int, verdicts: Sequence[str] | None = None) -> pd.DataFrame:
    """The import's VMs in import order, as TriageResult.vms has them; only these verdicts if given."""
    wanted = _checked_verdicts(verdicts) if verdicts is not None else None
    with ctx.database.read() as unit:
        _existing_import(unit, import_id)
        return unit.inventories.vms(import_id, wanted)


def import_canonical(
    ctx: ServiceContext, import_id: int, keys: Sequence[tuple[str, str]] | None = None
) -> pd.DataFrame:
    """The canonical frame of the import (advisor.inventory.frames's representation), in import order.

    ``keys`` limits it to these (cloud_service, vm_name) pairs, matched exactly as stored.
    """
    with ctx.database.read() as unit:
        summary = _existing_import(unit, import_id)
        return unit.inventories.canonical(import_id, summary.extra_columns, keys)


def import_vnet_facts(ctx: ServiceContext, import_id: int) -> pd.DataFrame | None:
    """The VNet facts frame stored with the import (VnetFacts.frame), or None when it had none."""
    with ctx.database.read() as unit:
        _existing_import(unit, import_id)
        return unit.inventories.vnet_facts(import_id)


def compare_imports(ctx: ServiceContext, old_import_id: int, new_import_id: int) -> ImportDiff:
    """VMs only in the new import (added), only in the old one (removed), and whose verdict changed."""
    with ctx.database.read() as unit:
        for import_id in (old_import_id, new_import_id):
            _existing_import(unit, import_id)
        return unit.inventories.diff(old_import_id, new_import_id)


def latest_diff(ctx: ServiceContext, estate_id: int) -> ImportDiff | None:
    """The estate's two newest imports compared, or None when it has fewer than two."""
    with ctx.database.read() as unit:
        _existing_estate(unit, estate_id)
        newest = unit.inventories.newest_import_ids(estate_id, 2)
        return unit.inventories.diff(newest[1], newest[0]) if len(newest) == 2 else None


def _existing_import(unit: UnitOfWork, import_id: int) -> ImportSummary:
    summary = unit.inventories.get_import(import_id)
    if summary is None:
        raise InputError(Problem(f"no inventory import with id {import_id}", ident="import"))
    return summary


def _existing_estate(unit: UnitOfWork, estate_id: int) -> EstateSummary:
    estate = unit.inventories.estate(estate_id)
    if estate is None:
        raise InputError(Problem(f"no estate with id {estate_id}", ident="estate"))
    return estate


def _checked_verdicts(verdicts: Sequence[str]) -> list[str]:
    unknown = [verdict for verdict in verdicts if verdict not in VERDICTS]
    if unknown:
        message = f"unknown verdict {unknown[0]!r} (known: {', '.join(VERDICTS)})"
        raise InputError(Problem(message, ident="verdict"))
    return list(verdicts)
