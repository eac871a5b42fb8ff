"""Building decision records from answers, and deriving a workload's status from its latest record.

The web questionnaire and ``python -m advisor record`` both call :func:`build_record`, so the
command line creates exactly what the questionnaire would.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import cast

from advisor.decide.fit import assess
from advisor.decide.recommendation import Recommendation, recommend
from advisor.decide.tree_reasons import tree_relation
from advisor.errors import InputError, Problem
from advisor.knowledge.assembly import KnowledgeBase
from advisor.models.record import (
    CandidateEntry,
    DecisionRecord,
    DecisionStatus,
    GivenAnswer,
    Override,
    PathEntry,
    UnusedEntry,
    Workload,
    WorkloadStatus,
    confirmed_answers,
)


def build_record(
    kb: KnowledgeBase,
    *,
    workload: Workload,
    answers: Mapping[str, GivenAnswer],
    knowledge_version: str | None,
    author: str,
    version: int,
    status: DecisionStatus = "proposed",
    override: Override | None = None,
    change: str = "",
    supersedes_version: int | None = None,
    session_id: int | None = None,
    now: datetime.datetime | None = None,
) -> DecisionRecord:
    """Walk ``answers`` and freeze everything the result says into a new record version."""
    author = author.strip()
    if not author:
        raise InputError(Problem("a display name is needed to save a version", ident="author"))
    version_kb = kb.version(knowledge_version)
    # The walk is the questionnaire's: an inventory suggestion is kept in the answers, asked at its question, and
    # counts once a person confirms it (contract §5's `batch` applies them; it does not build records here).
    result = recommend(kb, confirmed_answers(answers), version_kb.id)
    if override is not None and result.service is not None:
        override = chosen_consequences(kb, version_kb.id, result, override)
    # An override carried over to answers whose walk stopped short waits, as saved, for the walk to finish: the
    # entry points that set an override (the form, a session, the command line) refuse one on such a record.
    moment = now or datetime.datetime.now(datetime.UTC)
    chosen = override.service if override is not None else result.service
    revisit = kb.lifecycle.view(kb.lifecycle.judgement(as_of=moment.date())).revisit(chosen)
    return DecisionRecord(
        workload_id=workload.id,
        workload_name=workload.name,
        version=version,
        knowledge_version=version_kb.id,
        answers=dict(answers),
        walk_status=result.status,
        service=result.service,
        next_question=result.next_question,
        path=tuple(
            PathEntry(question=s.question, answer=s.answer, rationale=s.rationale, note=answers[s.question].note)
            for s in result.path
        ),
        candidates=tuple(
            CandidateEntry(
                service=c.service,
                fit=c.fit,
                reasons=c.reasons,
                because=c.because,
                tree=tree_relation(version_kb, result.path, result.service, result.next_question, c.service),
            )
            for c in result.candidates
        ),
        conditions=result.conditions,
        condition_because=result.condition_because,
        conflicts=result.conflicts,
        conflict_because=result.conflict_because,
        best_alternative=result.best_alternative,
        confidence=result.confidence,
        unused_answers=tuple(
            UnusedEntry(question=u.question, answer=u.answer, reason=u.reason) for u in result.unused_answers
        ),
        status=status,
        override=override,
        author=author,
        created_at=moment,
        change=change,
        supersedes_version=supersedes_version,
        session_id=session_id,
        revisit_by=revisit.date if revisit else None,
        lifecycle_revision=kb.lifecycle.revision,
    )


def check_override(kb: KnowledgeBase, knowledge_version: str, tree_service: str | None, service: str) -> None:
    """InputError unless ``service`` can override a record whose tree leads to ``tree_service``: a catalog
    entry of the version, other than the tree's own outcome, on a record that has an outcome at all."""
    version = kb.version(knowledge_version)
    names = {sid: view.name for sid, view in version.services.items()}
    if tree_service is None:
        message = "a record without a recommended service cannot be overridden: answer the remaining questions first"
        raise InputError(Problem(message, ident="override_service"))
    if service not in version.services:
        message = f"unknown service {service!r}: not a catalog entry of {version.id}"
        raise InputError(Problem(message, ident="override_service"))
    if service == tree_service:
        message = f"{names[service]} is the recommendation: accept it rather than override to it"
        raise InputError(Problem(message, ident="override_service"))


def chosen_consequences(
    kb: KnowledgeBase, knowledge_version: str, result: Recommendation, override: Override
) -> Override:
    """The override with its service's conditions (text and structured) under these answers."""
    check_override(kb, knowledge_version, result.service, override.service)
    version = kb.version(knowledge_version)
    evidence = {step.question: step.answer for step in result.path}
    evidence.update({q: a for q, a in result.answers.items() if q in version.requirements})
    fit = assess(version.rules, version.tree_outcomes, override.service, evidence, version.requirements)
    return override.model_copy(update={"conditions": fit.conditions, "condition_because": fit.condition_because})


def workload_status(latest: DecisionRecord | None) -> WorkloadStatus:
    """not started, in progress (incomplete), recommended (complete, proposed), or the decision."""
    if latest is None:
        return "not_started"
    return status_from_columns(latest.status, latest.walk_status)


def status_from_columns(record_status: str, walk_status: str) -> WorkloadStatus:
    """The workload status of a latest version from its record status and walk status (as the store keeps them)."""
    if record_status in ("accepted", "rejected", "superseded"):
        return cast(WorkloadStatus, record_status)
    return "recommended" if walk_status == "complete" else "in_progress"
