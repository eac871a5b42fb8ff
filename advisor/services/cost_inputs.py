"""The Functions cost input, saved with the record: a new version with the same answers and override whose
estimates use the executions a month, their duration and memory (the result page's form, one submission token).
"""

from __future__ import annotations

from advisor.decide.record_builder import build_record
from advisor.errors import InputError, Problem
from advisor.models.actor import Actor
from advisor.models.cost_estimates import FunctionsUsage
from advisor.models.record import DecisionRecord
from advisor.services.access import named, require
from advisor.services.appending import append_versions
from advisor.services.context import ServiceContext
from advisor.services.costs import functions_usage
from advisor.services.finding import existing_workload
from advisor.services.records import saved, version_ids
from advisor.services.submissions import once
from advisor.store import UnitOfWork

__all__ = ["functions_usage", "save_cost_inputs"]


def save_cost_inputs(
    ctx: ServiceContext,
    actor: Actor,
    workload_id: int,
    *,
    base_version: int,
    usage: FunctionsUsage,
    token: str | None = None,
) -> DecisionRecord:
    """Save the Functions cost input as the workload's next version (its answers and override as they are); the
    version's estimates use it. ConflictError when someone saved since ``base_version``; ``token`` (the form's
    submission token) makes a repeat return the version the first call saved."""
    grant = require(ctx, actor, "save_records", "save cost input", named(ctx, workload_id=workload_id))

    def work(unit: UnitOfWork) -> DecisionRecord:
        workload = existing_workload(unit, workload_id)
        base = unit.records.version(workload_id, base_version)
        if base is None:
            raise InputError(Problem(f"workload {workload.name!r} has no version {base_version}", ident="version"))
        moment = ctx.now()
        change = (
            f"Functions cost input: {usage.executions:,} executions a month of {usage.duration_ms:,g} ms "
            f"at {usage.memory_mb:,} MB"
        )
        record = build_record(
            ctx.kb, workload=workload, answers=base.answers, knowledge_version=base.knowledge_version,
            author=actor.name, version=base_version + 1, override=base.override, change=change, now=moment,
        ).model_copy(update={"cost_inputs": usage})  # fmt: skip
        grant.record(unit, moment, workload.name, change)
        return append_versions(unit, [record], moment, ctx.database.display_url, kb=ctx.kb)[0]

    return ctx.database.run(lambda unit: once(ctx, unit, actor, "save_cost_inputs", token, work, version_ids, saved))
