"""Workloads: create, rename, change, archive and restore one (each one transaction), and the reads the
Workloads page and the questionnaire need.

Names follow :mod:`advisor.models.names`: stripped, 1 to 120 characters, unique ignoring case; an archived
workload keeps its name. A workload is never deleted: archiving hides it and keeps its history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from advisor.errors import InputError, NameTakenError, Problem
from advisor.models.actor import Actor
from advisor.models.names import clean_context, clean_name, clean_owner, clean_vm_links
from advisor.models.record import VmLink, Workload
from advisor.services.access import named, require
from advisor.services.context import ServiceContext
from advisor.services.finding import existing_workload
from advisor.services.submissions import once
from advisor.store import UnitOfWork, WorkloadSummary

Links = Iterable[VmLink | Mapping[str, Any]]


def create_workload(
    ctx: ServiceContext,
    actor: Actor,
    name: str,
    owner: str = "",
    context: str = "",
    vm_links: Links = (),
    *,
    token: str | None = None,
) -> Workload:
    """A new workload; InputError when the name is empty, too long or taken (ignoring case).

    ``token`` (a form's submission token) makes a repeat return the workload the first call created."""
    grant = require(ctx, actor, "edit_workloads", "create workload", str(name))
    cleaned = clean_name(name)
    cleaned_owner, cleaned_context, links = clean_owner(owner), clean_context(context), clean_vm_links(vm_links)

    def work(unit: UnitOfWork) -> Workload:
        refuse_taken_name(unit, cleaned)
        grant.record(unit, ctx.now(), cleaned)
        return unit.workloads.insert_workload_row(
            name=cleaned,
            owner=cleaned_owner,
            context=cleaned_context,
            vm_links=links,
            archived=False,
            moment=ctx.now(),
            number=unit.workloads.next_record_number(),
        )

    return ctx.database.run(lambda unit: once(ctx, unit, actor, "create_workload", token, work, _ids, _again))


def _ids(workload: Workload) -> dict[str, int]:
    return {"workload_id": workload.id}


def _again(unit: UnitOfWork, ids: Mapping[str, Any]) -> Workload:
    return existing_workload(unit, int(ids["workload_id"]))


def rename_workload(
    ctx: ServiceContext, actor: Actor, workload_id: int, name: str, *, token: str | None = None
) -> Workload:
    """Give the workload another name (its own name in another case is fine)."""
    grant = require(ctx, actor, "edit_workloads", "rename workload", named(ctx, workload_id=workload_id))
    cleaned = clean_name(name)

    def work(unit: UnitOfWork) -> Workload:
        old = existing_workload(unit, workload_id)
        refuse_taken_name(unit, cleaned, but=workload_id)
        grant.record(unit, ctx.now(), old.name, f"renamed to {cleaned!r}")
        return unit.workloads.update_workload_row(workload_id, ctx.now(), name=cleaned)

    return ctx.database.run(lambda unit: once(ctx, unit, actor, "rename_workload", token, work, _ids, _again))


def update_workload(
    ctx: ServiceContext,
    actor: Actor,
    workload_id: int,
    *,
    owner: str | None = None,
    context: str | None = None,
    vm_links: Links | None = None,
    token: str | None = None,
) -> Workload:
    """Change the fields given; the others stay."""
    grant = require(ctx, actor, "edit_workloads", "change workload", named(ctx, workload_id=workload_id))
    values: dict[str, Any] = {}
    if owner is not None:
        values["owner"] = clean_owner(owner)
    if context is not None:
        values["context"] = clean_context(context)
    if vm_links is not None:
        values["vm_links"] = clean_vm_links(vm_links)

    def work(unit: UnitOfWork) -> Workload:
        grant.record(unit, ctx.now(), existing_workload(unit, workload_id).name, "changed: " + ", ".join(values))
        return unit.workloads.update_workload_row(workload_id, ctx.now(), **values)

    return ctx.database.run(lambda unit: once(ctx, unit, actor, "update_workload", token, work, _ids, _again))


def archive_workload(ctx: ServiceContext, actor: Actor, workload_id: int) -> Workload:
    """Hide the workload from lists; its history is kept, and :func:`restore_workload` undoes it."""
    return _set_archived(ctx, actor, workload_id, archived=True)


def restore_workload(ctx: ServiceContext, actor: Actor, workload_id: int) -> Workload:
    return _set_archived(ctx, actor, workload_id, archived=False)


def _set_archived(ctx: ServiceContext, actor: Actor, workload_id: int, *, archived: bool) -> Workload:
    action = "archive workload" if archived else "restore workload"
    grant = require(ctx, actor, "archive_workloads", action, named(ctx, workload_id=workload_id))

    def work(unit: UnitOfWork) -> Workload:
        workload = existing_workload(unit, workload_id)
        if workload.archived == archived:  # archiving or restoring twice changes nothing
            return workload
        grant.record(unit, ctx.now(), workload.name)
        return unit.workloads.update_workload_row(workload_id, ctx.now(), archived=archived)

    return ctx.database.run(work)


def refuse_taken_name(unit: UnitOfWork, name: str, *, but: int | None = None) -> None:
    """NameTakenError when another workload (archived ones included) has ``name``, ignoring case."""
    existing = unit.workloads.by_name(name)
    if existing is not None and existing.id != but:
        archived = " (archived: restore it instead)" if existing.archived else ""
        message = f"a workload named {existing.name!r} already exists{archived}"
        raise NameTakenError(Problem(message, ident="name"), existing.name)


# Reads


def get_workload(ctx: ServiceContext, workload_id: int) -> Workload:
    """The workload; InputError naming the id when there is none."""
    with ctx.database.read() as unit:
        return existing_workload(unit, workload_id)


def find_workload(ctx: ServiceContext, name: str) -> Workload | None:
    """The workload with this name, compared case-insensitively (archived ones included)."""
    with ctx.database.read() as unit:
        return unit.workloads.by_name(name)


def list_workloads(
    ctx: ServiceContext, search: str | None = None, include_archived: bool = False
) -> list[WorkloadSummary]:
    """Workloads by name with their latest record's status; ``search`` matches name, owner or context."""
    with ctx.database.read() as unit:
        return unit.workloads.summaries(search=search, include_archived=include_archived)


def workload_frame(ctx: ServiceContext, search: str | None = None, include_archived: bool = False) -> pd.DataFrame:
    """The same list as :func:`list_workloads`, as a DataFrame (columns id, name, owner, context, updated_at,
    version, service, knowledge_version, author, status, archived), for large tables."""
    with ctx.database.read() as unit:
        return unit.workloads.frame(search=search, include_archived=include_archived)


def workloads_revision(ctx: ServiceContext) -> tuple[object, ...]:
    """Changes whenever a workload or a record version is written: a key for caching lists."""
    with ctx.database.read() as unit:
        return unit.workloads.revision()


def parse_vm_links(text: str) -> list[VmLink]:
    """VM links typed one per line as ``cloud-service/vm-name`` (blank lines skipped); InputError naming the line."""
    links: list[VmLink] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        cloud_service, _, vm_name = line.partition("/")
        if not cloud_service.strip() or not vm_name.strip():
            message = f"Inventory VMs, line {number}: write cloud-service/vm-name, got {line!r}"
            raise InputError(Problem(message, line=number, ident="vm_links"))
        links.extend(clean_vm_links([{"cloud_service": cloud_service.strip(), "vm_name": vm_name.strip()}]))
    return links
