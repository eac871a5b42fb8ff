"""Decision records: saving a new version from answers (the questionnaire, ``advisor record``), and the reads
of records, histories and what changed between two versions.

Every version is built by :func:`~advisor.decide.record_builder.build_record` from the answers and appended
by :func:`~advisor.services.appending.append_versions`, in one transaction. A save names the version it was
made on top of (``base_version``): when someone saved since, it is refused with a ConflictError saying who
saved what and when, and nothing is overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from advisor.decide.reason_words import Words
from advisor.decide.recommendation import recommend
from advisor.decide.record_builder import build_record, check_override, workload_status
from advisor.decide.record_diff import Change, diff_records
from advisor.errors import InputError, Problem
from advisor.models.actor import Actor
from advisor.models.names import clean_name
from advisor.models.record import DecisionRecord, DecisionStatus, GivenAnswer, Override
from advisor.services.access import named, require
from advisor.services.appending import append_versions
from advisor.services.context import ServiceContext
from advisor.services.finding import existing_workload
from advisor.services.submissions import once
from advisor.services.workloads import refuse_taken_name
from advisor.store import UnitOfWork
from advisor.store.queries import STATUSES


class Keep:
    """Marker: keep the override of the version the save is made on."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP = Keep()


def save_answers(
    ctx: ServiceContext,
    actor: Actor,
    workload_id: int,
    *,
    base_version: int,
    answers: Mapping[str, GivenAnswer],
    knowledge_version: str | None = None,
    change: str = "",
    status: DecisionStatus = "proposed",
    override: Override | Keep | None = KEEP,
    token: str | None = None,
) -> DecisionRecord:
    """Save ``answers`` as version ``base_version + 1`` of the workload, built as the questionnaire builds it.

    ``override`` carries over from the base version unless it is given (None removes it). ConflictError when
    the workload's latest version is not ``base_version`` any more; InputError when it is archived or unknown.
    ``token`` (a form's submission token) makes a repeat return the version the first call saved.
    """
    grant = require(ctx, actor, "save_records", "save record version", named(ctx, workload_id=workload_id))

    def work(unit: UnitOfWork) -> DecisionRecord:
        workload = existing_workload(unit, workload_id)
        grant.record(unit, ctx.now(), workload.name, f"version {base_version + 1}")
        chosen = override
        if isinstance(chosen, Override):  # set now (the override form): checked against where the tree leads
            version_id = ctx.kb.version(knowledge_version).id
            check_override(ctx.kb, version_id, _tree_service(ctx, answers, knowledge_version), chosen.service)
        if isinstance(chosen, Keep):
            base = unit.records.version(workload_id, base_version) if base_version else None
            chosen = base.override if base is not None else None
            if chosen is not None and _tree_service(ctx, answers, knowledge_version) == chosen.service:
                chosen = None  # the new answers lead the tree to the service the team chose: no override is left
        record = build_record(
            ctx.kb, workload=workload, answers=answers, knowledge_version=knowledge_version, author=actor.name,
            version=base_version + 1, status=status, override=chosen, change=change, now=ctx.now(),
        )  # fmt: skip
        return append_versions(unit, [record], record.created_at, ctx.database.display_url, kb=ctx.kb)[0]

    return ctx.database.run(lambda unit: once(ctx, unit, actor, "save_answers", token, work, version_ids, saved))


def version_ids(record: DecisionRecord) -> dict[str, int]:
    """What a submission that saved ``record`` stores: its workload and version."""
    return {"workload_id": record.workload_id, "version": record.version}


def saved(unit: UnitOfWork, ids: Mapping[str, Any]) -> DecisionRecord:
    """The version a submission saved (versions are never changed, so it is exactly the first result)."""
    record = unit.records.version(int(ids["workload_id"]), int(ids["version"]))
    assert record is not None, "a stored submission names a version that exists"
    return record


def record_answers(
    ctx: ServiceContext,
    actor: Actor,
    workload_name: str,
    answers: Mapping[str, str],
    knowledge_version: str | None = None,
    change: str = "saved from the command line",
    override: Override | None = None,
) -> DecisionRecord:
    """Save ``answers`` as the named workload's next version, creating the workload if no workload has that
    name (ignoring case): both in one transaction, so a version that cannot be saved leaves no workload behind.

    ``override`` saves what the questionnaire's override form saves: ``build_record`` refuses an unknown service,
    the tree's own outcome, or a record without one, and adds the chosen service's conditions."""
    grant = require(ctx, actor, "save_records", "save record version", str(workload_name))
    given = {question: GivenAnswer(answer=answer) for question, answer in answers.items()}
    if override is not None:
        view = ctx.kb.version(knowledge_version).services.get(override.service)
        change = f"{change}; override to {view.name if view else override.service}"
    with ctx.database.read() as unit:
        creates = unit.workloads.by_name(workload_name) is None
    # Checked before the write (workloads are never deleted): a refusal is audited on its own.
    creator = require(ctx, actor, "edit_workloads", "create workload", str(workload_name)) if creates else None

    def work(unit: UnitOfWork) -> DecisionRecord:
        moment = ctx.now()
        workload = unit.workloads.by_name(workload_name)
        if workload is None:
            name = clean_name(workload_name)
            refuse_taken_name(unit, name)
            workload = unit.workloads.insert_workload_row(
                name=name,
                owner="",
                context="",
                vm_links=(),
                archived=False,
                moment=moment,
                number=unit.workloads.next_record_number(),
            )
            if creator is not None:
                creator.record(unit, moment, name)
        head = unit.records.head(workload.id)
        if override is not None:  # checked as the override form's save is
            tree = _tree_service(ctx, given, knowledge_version)
            check_override(ctx.kb, ctx.kb.version(knowledge_version).id, tree, override.service)
        record = build_record(
            ctx.kb, workload=workload, answers=given, knowledge_version=knowledge_version, author=actor.name,
            version=(head.version if head is not None else 0) + 1, change=change, now=moment, override=override,
        )  # fmt: skip
        grant.record(unit, moment, workload.name, f"version {record.version}")
        return append_versions(unit, [record], moment, ctx.database.display_url, kb=ctx.kb)[0]

    return ctx.database.run(work)


def _tree_service(ctx: ServiceContext, answers: Mapping[str, GivenAnswer], knowledge_version: str | None) -> str | None:
    """Where the tree leads with these answers (None while the walk is incomplete)."""
    return recommend(ctx.kb, {q: given.answer for q, given in answers.items()}, knowledge_version).service


# Reads


def latest_record(ctx: ServiceContext, workload_id: int) -> DecisionRecord | None:
    """The workload's latest version, or None before its first save."""
    with ctx.database.read() as unit:
        existing_workload(unit, workload_id)
        return unit.records.latest(workload_id)


def record_history(ctx: ServiceContext, workload_id: int) -> list[DecisionRecord]:
    """Every version of the workload's record, oldest first."""
    with ctx.database.read() as unit:
        existing_workload(unit, workload_id)
        return unit.records.history(workload_id)


def record_version(ctx: ServiceContext, workload_id: int, version: int) -> DecisionRecord:
    """One version; InputError when the workload or that version does not exist."""
    with ctx.database.read() as unit:
        workload = existing_workload(unit, workload_id)
        record = unit.records.version(workload_id, version)
    if record is None:
        raise InputError(Problem(f"workload {workload.name!r} has no version {version}", ident="version"))
    return record


def latest_records(ctx: ServiceContext, status: str | None = None) -> list[DecisionRecord]:
    """The latest version of every workload that is not archived, by name, optionally of one status.

    ``status`` is a workload status (``in_progress``, ``recommended``, …) or a record status (``proposed``,
    ``accepted``, …); a record matches either.
    """
    check_status(status)
    with ctx.database.read() as unit:
        return unit.records.latest_records(status)


def record_histories(ctx: ServiceContext, workload_ids: Sequence[int]) -> dict[int, list[DecisionRecord]]:
    """Every version of each workload's record, oldest first (a workload without versions is absent)."""
    with ctx.database.read() as unit:
        return unit.records.histories(workload_ids)


def diff_versions(before: DecisionRecord, after: DecisionRecord, words: Words | None = None) -> list[Change]:
    """What changed between two versions of a record, field by field; with ``words``, question texts, answer
    labels and service names rather than ids."""
    return diff_records(before, after, words)


__all__ = [
    "KEEP",
    "Keep",
    "check_status",
    "diff_versions",
    "latest_record",
    "latest_records",
    "record_answers",
    "record_histories",
    "record_history",
    "record_version",
    "save_answers",
    "workload_status",
]


def check_status(status: str | None) -> None:
    """InputError for a status that is neither a workload nor a record status."""
    if status is not None and status not in STATUSES:
        raise InputError(Problem(f"unknown status {status!r} (known: {', '.join(STATUSES)})", ident="status"))
