"""Building decision records from answers, and deriving a workload's status from its latest record.

The web questionnaire and ``python -m advisor record`` both call :func:`build_record`, so the
command line creates exactly what the questionnaire would.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import cast

from advisor.decide.recommendation import recommend
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
    result = recommend(kb, {q: given.answer for q, given in answers.items()}, version_kb.id)
    if override is not None and override.service not in version_kb.services:
        raise InputError(Problem(f"unknown service {override.service!r} for the override", ident="override"))
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
        candidates=tuple(CandidateEntry(service=c.service, fit=c.fit, reasons=c.reasons) for c in result.candidates),
        conditions=result.conditions,
        conflicts=result.conflicts,
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
