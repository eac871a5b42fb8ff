"""What-if: change some answers of a record in a sandbox and see the outcome next to the current one.

:func:`what_if` saves nothing: it checks the changed answers against the knowledge version, builds the
hypothetical record exactly as the questionnaire would (:func:`~advisor.decide.record_builder.build_record`), and
lists what differs: the service, the path steps, the candidates whose fit changed and the conditions; and the
lifecycle entries touching the current and the hypothetical chosen service, judged at an as-of date and horizon.
:func:`advisor.services.what_if.adopt_what_if` saves that hypothetical as the workload's next version, with a
mandatory reason and the change text :func:`adoption_change` writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from advisor.decide.answers import validate_answers
from advisor.decide.outcome_diff import (
    FitChange,
    PathChange,
    candidate_changes,
    condition_changes,
    fit_changes,
    path_changes,
)
from advisor.decide.record_builder import build_record
from advisor.errors import AnswersError, Problem
from advisor.knowledge.assembly import KnowledgeBase
from advisor.lifecycle.entries import LifecycleNote
from advisor.lifecycle.judgement import Judgement
from advisor.models.record import DecisionRecord, GivenAnswer, Workload


@dataclass(frozen=True)
class AnswerChange:
    question: str
    before: str | None  # None: the record had no answer to it
    after: str


@dataclass(frozen=True)
class WhatIf:
    """The current record and its unsaved hypothetical, with what differs between them."""

    record: DecisionRecord
    hypothetical: DecisionRecord  # built with build_record, never saved; its override is dropped
    answer_changes: tuple[AnswerChange, ...]
    path_changes: tuple[PathChange, ...]
    fit_changes: tuple[FitChange, ...]
    conditions_added: tuple[str, ...]
    conditions_removed: tuple[str, ...]
    candidates_added: tuple[str, ...]  # only when the knowledge version differs
    candidates_removed: tuple[str, ...]
    lifecycle_current: tuple[LifecycleNote, ...] = ()  # entries touching the record's chosen service
    lifecycle_hypothetical: tuple[LifecycleNote, ...] = ()  # entries touching the hypothetical service

    @property
    def current_service(self) -> str | None:
        return self.record.service

    @property
    def hypothetical_service(self) -> str | None:
        return self.hypothetical.service

    @property
    def service_changed(self) -> bool:
        before, after = self.record, self.hypothetical
        return (before.walk_status, before.service) != (after.walk_status, after.service)

    @property
    def changed(self) -> bool:
        """Anything differs that the board would look at."""
        return bool(
            self.service_changed or self.path_changes or self.fit_changes or self.conditions_added
            or self.conditions_removed or self.candidates_added or self.candidates_removed
        )  # fmt: skip


def what_if(
    kb: KnowledgeBase,
    record: DecisionRecord,
    changes: Mapping[str, str],
    knowledge_version: str | None = None,
    judgement: Judgement | None = None,
) -> WhatIf:
    """The record with ``changes`` ({question id: answer id}) applied, under its own or another version; lifecycle
    entries judged at ``judgement`` (default: today, the knowledge's horizon).

    A question the version does not ask, or an answer it does not offer, is an AnswersError naming the id.
    """
    version = kb.version(knowledge_version or record.knowledge_version)
    problems = [
        Problem(f"unknown question id in knowledge version {version.id}", ident=str(question))
        for question in changes
        if question not in version.accepted
    ]
    known = {q: a for q, a in changes.items() if q in version.accepted}
    try:
        validate_answers(kb, version, known)
    except AnswersError as exc:
        problems += exc.problems
    if problems:
        raise AnswersError(problems)
    answers = dict(record.answers)
    answer_changes = []
    for question, answer in changes.items():
        old = record.answers.get(question)
        if old is not None and old.answer == answer:
            continue
        answers[question] = GivenAnswer(answer=answer)
        answer_changes.append(AnswerChange(question, old.answer if old else None, answer))
    hypothetical = build_record(
        kb,
        workload=_workload(record),
        answers=answers,
        knowledge_version=version.id,
        author=record.author,
        version=record.version + 1,
        change="what-if (not saved)",
    )
    added, removed = condition_changes(record.conditions, hypothetical.conditions)
    new_candidates, gone_candidates = candidate_changes(record.candidates, hypothetical.candidates)
    life = kb.lifecycle.view(judgement)
    return WhatIf(
        record=record,
        hypothetical=hypothetical,
        answer_changes=tuple(answer_changes),
        path_changes=path_changes(record.path, hypothetical.path),
        fit_changes=fit_changes(record.candidates, hypothetical.candidates),
        conditions_added=added,
        conditions_removed=removed,
        candidates_added=new_candidates,
        candidates_removed=gone_candidates,
        lifecycle_current=life.notes(record.chosen_service),
        lifecycle_hypothetical=life.notes(hypothetical.chosen_service),
    )


def adoption_change(result: WhatIf, reason: str) -> str:
    """The ``change`` text of an adopted what-if: each answer changed, the knowledge version if it changed, the
    reason, and the override dropped (it was chosen against the old outcome)."""
    record = result.record
    parts = [f"{c.question} {c.before or '(none)'} → {c.after}" for c in result.answer_changes]
    if result.hypothetical.knowledge_version != record.knowledge_version:
        parts.append(f"knowledge version {record.knowledge_version} → {result.hypothetical.knowledge_version}")
    change = f"what-if adopted: {', '.join(parts)}; reason: {reason}"
    if record.override is not None:
        change += f"; override to {record.override.service} dropped"
    return change


def _workload(record: DecisionRecord) -> Workload:
    return Workload(
        id=record.workload_id, name=record.workload_name, created_at=record.created_at, updated_at=record.created_at
    )
