"""Re-evaluation on a knowledge change: run one over every latest record and STORE the run, read the latest
run (the Board's "stale" filter: the same for every user), and supersede chosen records in one transaction.

A run saves no record: it re-runs the answers under the target version
(:func:`~advisor.review.reevaluation.reevaluate`) and stores which records would change, at the version it
re-ran. Superseding builds each new version with ``build_record`` and appends them all together, or none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from advisor.errors import InputError, Problem
from advisor.lifecycle.judgement import Judgement
from advisor.models.actor import Actor
from advisor.models.record import DecisionRecord, Workload
from advisor.review.reevaluation import (
    LifecycleTouch,
    Reevaluation,
    RetirementFlag,
    Skipped,
    SupersedeResult,
    lifecycle_touches,
    plan_supersede,
    reevaluate,
    retirement_flags,
)
from advisor.services.access import require
from advisor.services.appending import append_versions
from advisor.services.context import ServiceContext
from advisor.services.finding import existing_workload
from advisor.services.records import saved, version_ids
from advisor.services.submissions import once
from advisor.store import ReevaluationRun, UnitOfWork

__all__ = [
    "LifecycleTouch",
    "Reevaluation",
    "ReevaluationReport",
    "ReevaluationRun",
    "RetirementFlag",
    "Skipped",
    "SupersedeResult",
    "latest_reevaluation",
    "run_reevaluation",
    "supersede",
]


@dataclass(frozen=True)
class ReevaluationReport:
    """A stored run, with every record's re-evaluation and the records whose chosen service retires."""

    run: ReevaluationRun
    results: tuple[Reevaluation, ...]
    flags: tuple[RetirementFlag, ...]
    touched: tuple[LifecycleTouch, ...] = ()  # saved under another lifecycle revision that dates their service
    lifecycle_revision: str = ""

    @property
    def target(self) -> str:
        return self.run.target_version

    @property
    def changed(self) -> list[Reevaluation]:
        return [r for r in self.results if r.changed]


def run_reevaluation(
    ctx: ServiceContext, actor: Actor, target_version: str, judgement: Judgement | None = None
) -> ReevaluationReport:
    """Re-run every live workload's latest record under ``target_version`` and store the run; no record changes.
    The lifecycle flags are judged at ``judgement`` (default: today and the knowledge's horizon)."""
    grant = require(ctx, actor, "reevaluate", "run re-evaluation", str(target_version))
    target = ctx.kb.version(target_version).id
    with ctx.database.read() as unit:
        records = unit.records.latest_records(None)
    results = reevaluate(ctx.kb, records, target)
    flags = retirement_flags(ctx.kb, records, judgement)
    touched = lifecycle_touches(ctx.kb, records, judgement)
    changed = {r.workload_id: r.version for r in results if r.changed}
    with ctx.database.transaction() as unit:  # short: the re-run above held no lock
        unit.reevaluations.insert_run_row(
            target_version=target, run_at=ctx.now(), actor_id=actor.id, author=actor.name,
            record_count=len(results), changed=changed,
        )  # fmt: skip
        grant.record(unit, ctx.now(), target, f"{len(results)} records re-run, {len(changed)} would change")
        run = unit.reevaluations.latest()
    assert run is not None
    return ReevaluationReport(run, tuple(results), tuple(flags), tuple(touched), ctx.kb.lifecycle.revision)


def latest_reevaluation(ctx: ServiceContext) -> ReevaluationRun | None:
    """The newest stored run (what the Board's "stale" filter reads), or None before the first."""
    with ctx.database.read() as unit:
        return unit.reevaluations.latest()


def supersede(
    ctx: ServiceContext,
    actor: Actor,
    items: Sequence[Reevaluation | int],
    target_version: str,
    *,
    token: str | None = None,
) -> SupersedeResult:
    """New versions under ``target_version`` for the chosen records (re-evaluations, or workload ids for their
    latest version), in one transaction; records that cannot be superseded are skipped with the reason.

    ConflictError (nothing saved) when any workload got a newer version since it was re-evaluated.
    """
    grant = require(ctx, actor, "supersede", "supersede records", str(target_version))
    ctx.kb.version(target_version)  # an unknown version is refused before anything is read
    for item in items:
        if not isinstance(item, Reevaluation) and (isinstance(item, bool) or not isinstance(item, int)):
            raise InputError(Problem(f"expected a re-evaluation or a workload id, found {item!r}", ident="items"))

    def work(unit: UnitOfWork) -> SupersedeResult:
        moment = ctx.now()
        chosen = [_record_of(unit, item) for item in items]
        created, skipped = plan_supersede(ctx.kb, chosen, target_version, actor.name, moment)
        append_versions(unit, created, moment, ctx.database.display_url, kb=ctx.kb)
        grant.record(unit, moment, detail=", ".join(f"{r.workload_name} v{r.version}" for r in created))
        return SupersedeResult(tuple(created), tuple(skipped))

    def ids(result: SupersedeResult) -> dict[str, Any]:
        return {"created": [version_ids(r) for r in result.created], "skipped": [asdict(s) for s in result.skipped]}

    def again(unit: UnitOfWork, stored: Mapping[str, Any]) -> SupersedeResult:
        created = tuple(saved(unit, one) for one in stored["created"])
        return SupersedeResult(created, tuple(Skipped(**one) for one in stored["skipped"]))

    return ctx.database.run(lambda unit: once(ctx, unit, actor, "supersede", token, work, ids, again))


def _record_of(unit: UnitOfWork, item: Reevaluation | int) -> tuple[Workload, DecisionRecord | None]:
    """The workload and the record version to supersede: the one re-evaluated, or the latest."""
    if isinstance(item, Reevaluation):
        workload = existing_workload(unit, item.workload_id)
        record = unit.records.version(item.workload_id, item.version)
        if record is None:
            message = f"workload {workload.name!r} has no version {item.version}"
            raise InputError(Problem(message, ident="version"))
        return workload, record
    return existing_workload(unit, item), unit.records.latest(item)
