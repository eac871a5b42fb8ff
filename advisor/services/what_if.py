"""What-if and service comparison for one record: the sandbox and the comparison as queries (nothing saved),
and adopting a what-if as the workload's next version, with a mandatory reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from advisor.decide.record_builder import build_record
from advisor.errors import InputError, Problem
from advisor.lifecycle.judgement import Judgement
from advisor.models.actor import Actor
from advisor.models.names import within
from advisor.models.record import MAX_TEXT_LENGTH, DecisionRecord
from advisor.review.comparison import MAX_SERVICES, Comparison, compare_services
from advisor.review.what_if import WhatIf, adoption_change, what_if
from advisor.services.access import require
from advisor.services.appending import append_versions
from advisor.services.context import ServiceContext
from advisor.services.finding import existing_workload
from advisor.services.records import saved, version_ids
from advisor.services.submissions import once
from advisor.store import UnitOfWork

__all__ = ["MAX_SERVICES", "Comparison", "WhatIf", "adopt_what_if", "compare", "explore_what_if"]


def explore_what_if(
    ctx: ServiceContext,
    record: DecisionRecord,
    changes: Mapping[str, str],
    knowledge_version: str | None = None,
    judgement: Judgement | None = None,
) -> WhatIf:
    """The record with ``changes`` ({question id: answer id}) applied, under its own or another version; nothing
    is saved; lifecycle entries judged at ``judgement``. An unknown question or answer is an AnswersError."""
    return what_if(ctx.kb, record, changes, knowledge_version, judgement)


def compare(
    ctx: ServiceContext, record: DecisionRecord, services: Sequence[str], judgement: Judgement | None = None
) -> Comparison:
    """Two to four services side by side: catalog facts (with date and source), lifecycle entries judged at
    ``judgement``, and this record's fit."""
    return compare_services(ctx.kb, record, services, judgement)


def adopt_what_if(
    ctx: ServiceContext,
    actor: Actor,
    record: DecisionRecord,
    changes: Mapping[str, str],
    reason: str,
    knowledge_version: str | None = None,
    *,
    token: str | None = None,
) -> DecisionRecord:
    """Save the what-if as the workload's next version (status proposed); ``reason`` is mandatory.

    The record's override, if any, is dropped (it was chosen against the old outcome) and the change text
    says so. ConflictError if someone saved a newer version since ``record`` was read.
    """
    grant = require(ctx, actor, "save_records", "adopt what-if", record.workload_name)
    why = (reason or "").strip()
    if not why:
        raise InputError(Problem("adopting a what-if needs a reason: say why the answers changed", ident="reason"))
    within(why, MAX_TEXT_LENGTH, "reason")
    result = what_if(ctx.kb, record, changes, knowledge_version)
    if not result.answer_changes and result.hypothetical.knowledge_version == record.knowledge_version:
        raise InputError(Problem("no answer differs from the record: there is nothing to adopt", ident="changes"))

    def work(unit: UnitOfWork) -> DecisionRecord:
        moment = ctx.now()
        new = build_record(
            ctx.kb, workload=existing_workload(unit, record.workload_id), answers=result.hypothetical.answers,
            knowledge_version=result.hypothetical.knowledge_version, author=actor.name, version=record.version + 1,
            change=adoption_change(result, why), now=moment,
        )  # fmt: skip
        grant.record(unit, moment, detail=f"version {new.version}")
        return append_versions(unit, [new], moment, ctx.database.display_url, kb=ctx.kb)[0]

    return ctx.database.run(lambda unit: once(ctx, unit, actor, "adopt_what_if", token, work, version_ids, saved))
