"""Re-evaluation on a knowledge change: re-run records' answers under another knowledge version.

:func:`reevaluate` saves nothing. For each record it re-runs the plain answer ids with the bare engine
(:func:`~advisor.decide.recommendation.recommend`) and compares the engine's tuples with the record's:
the outcome, the candidates' fits, the conditions, and the question that newly needs an answer
(contract §2: a 2025 record under 2026 stops at ``specialty_workload``; it is reported, never guessed).
Nothing here builds a pydantic model per record, so it runs close to the engine's own speed.

:func:`plan_supersede` builds, for chosen re-evaluations, the new record versions under the target version,
each naming the version it supersedes (the re-evaluation service saves them in one transaction).
:func:`retirement_flags` lists, per record, the lifecycle entries (knowledge/lifecycle.yaml) touching its
chosen service that are past or inside the horizon.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from advisor.decide.outcome_diff import FitChange, candidate_changes, fit_changes
from advisor.decide.reason_words import Words
from advisor.decide.recommendation import recommend
from advisor.decide.record_builder import build_record
from advisor.errors import AnswersError
from advisor.knowledge.assembly import KnowledgeBase
from advisor.lifecycle.judgement import Judgement
from advisor.models.record import DecisionRecord, Workload


class Reevaluation(NamedTuple):
    """One record's answers re-run under ``target_version``, and what would change.

    A candidate that only one version has (Service Fabric left the 2026 tree) is listed in
    ``candidates_added``/``candidates_removed``; it changes every record alike, so on its own it does
    not make a record ``changed``. ``fit_changes`` compares the candidates both versions have.
    """

    workload_id: int
    workload_name: str
    version: int  # the record version re-run
    from_version: str  # its knowledge version
    target_version: str
    before_status: str
    before_service: str | None
    after_status: str | None  # None when the answers could not be re-run (see ``error``)
    after_service: str | None
    next_question: str | None  # where the re-run stops, when incomplete
    new_questions: tuple[str, ...]  # the stop, when the record never answered it and did not stop there
    fit_changes: tuple[FitChange, ...]
    candidates_added: tuple[str, ...]
    candidates_removed: tuple[str, ...]
    conditions_added: tuple[str, ...]
    conditions_removed: tuple[str, ...]
    unused_questions: tuple[str, ...]  # answered questions the target version does not ask (kept, unused)
    error: str | None = None

    @property
    def outcome_changed(self) -> bool:
        return (self.before_status, self.before_service) != (self.after_status, self.after_service)

    @property
    def changed(self) -> bool:
        return bool(
            self.outcome_changed or self.fit_changes or self.conditions_added or self.conditions_removed
            or self.new_questions or self.error
        )  # fmt: skip

    @property
    def complete(self) -> bool:
        return self.after_status == "complete"


@dataclass(frozen=True)
class Skipped:
    workload_id: int
    workload_name: str
    reason: str


@dataclass(frozen=True)
class SupersedeResult:
    created: tuple[DecisionRecord, ...]
    skipped: tuple[Skipped, ...]


@dataclass(frozen=True)
class RetirementFlag:
    """A lifecycle entry, past or inside the horizon, touching a record's chosen service (override, else outcome)."""

    workload_id: int
    workload_name: str
    version: int
    service: str
    service_name: str
    retirement_date: datetime.date  # the entry's date
    source: str
    note: str | None  # the entry in words
    entry: str = ""
    kind: str = ""  # service, plan, feature or size_family
    event: str = ""  # no_new_customers, support_ends or retired
    status: str = ""  # past or within_horizon


@dataclass(frozen=True)
class LifecycleTouch:
    """A record saved under another lifecycle revision (or before records kept one) whose chosen service the
    current revision, or the one it was saved under, dates: its revisit-by then and now."""

    workload_id: int
    workload_name: str
    version: int
    service: str
    service_name: str
    revision_then: str | None  # None: saved before records kept a lifecycle revision
    revisit_then: datetime.date | None
    revisit_now: datetime.date | None
    entries: int  # how many entries of the current revision touch the chosen service

    @property
    def revisit_changed(self) -> bool:
        return self.revisit_then != self.revisit_now


def lifecycle_touches(
    kb: KnowledgeBase, records: Iterable[DecisionRecord], judgement: Judgement | None = None
) -> list[LifecycleTouch]:
    """The records a new lifecycle revision touches, in the order given: saved under another revision, with a
    chosen service that the current revision has entries for or that had a revisit-by date when saved."""
    life = kb.lifecycle
    view = life.view(judgement)
    found = []
    for record in records:
        service = record.chosen_service
        if service is None or record.lifecycle_revision == life.revision:
            continue
        entries = len(life.entries_touching(service))
        if not entries and record.revisit_by is None:
            continue
        note = view.revisit(service)
        found.append(
            LifecycleTouch(
                record.workload_id, record.workload_name, record.version, service,
                _service_name(kb, record.knowledge_version, service), record.lifecycle_revision, record.revisit_by,
                note.date if note else None, entries,
            )
        )  # fmt: skip
    return found


def reevaluate(kb: KnowledgeBase, records: Iterable[DecisionRecord], target_version: str) -> list[Reevaluation]:
    """Every record re-run under ``target_version``, in the order given; nothing is saved."""
    version = kb.version(target_version)
    target = version.id
    asked = version.accepted
    results = []
    for record in records:
        answers = {question: given.answer for question, given in record.answers.items()}
        try:
            outcome = recommend(kb, answers, target)
        except AnswersError as exc:
            results.append(_failed(record, target, str(exc)))
            continue
        old, new = record.candidates, outcome.candidates
        fits: tuple[FitChange, ...] = ()
        added: tuple[str, ...] = ()
        removed: tuple[str, ...] = ()
        if len(old) != len(new) or any(o.fit != n.fit or o.service != n.service for o, n in zip(old, new)):  # noqa: B905
            fits = fit_changes(old, new)
            added, removed = candidate_changes(old, new)
        if record.conditions == outcome.conditions:
            conditions_added: tuple[str, ...] = ()
            conditions_removed: tuple[str, ...] = ()
        else:
            conditions_added = tuple(c for c in outcome.conditions if c not in record.conditions)
            conditions_removed = tuple(c for c in record.conditions if c not in outcome.conditions)
        stop = outcome.next_question
        new_questions = (stop,) if stop is not None and stop not in answers and stop != record.next_question else ()
        results.append(
            Reevaluation(
                record.workload_id, record.workload_name, record.version, record.knowledge_version, target,
                record.walk_status, record.service, outcome.status, outcome.service, stop, new_questions,
                fits, added, removed, conditions_added, conditions_removed,
                tuple(u.question for u in outcome.unused_answers if u.question not in asked)
                if outcome.unused_answers else (),
            )
        )  # fmt: skip
    return results


def plan_supersede(
    kb: KnowledgeBase,
    chosen: Sequence[tuple[Workload, DecisionRecord | None]],
    target_version: str,
    author: str,
    now: datetime.datetime | None = None,
) -> tuple[list[DecisionRecord], list[Skipped]]:
    """The new versions under ``target_version`` for the chosen (workload, record to supersede) pairs, and those
    skipped with the reason; nothing is saved (:func:`advisor.services.reevaluations.supersede` saves them).

    Each new version re-runs the record's answers (notes kept) through ``build_record``, has status
    ``proposed`` and ``supersedes_version`` = the version it replaces; a valid override is kept. Records whose
    re-run stops incomplete, that are already under the target version, or whose workload is archived are
    skipped with the reason. A record already under the target version is superseded only when it was saved under
    another lifecycle revision (its conditions and revisit-by date come from the current one).
    """
    version = kb.version(target_version)
    created: list[DecisionRecord] = []
    skipped: list[Skipped] = []
    for workload, record in chosen:
        if record is None:
            skipped.append(Skipped(workload.id, workload.name, "it has no record yet"))
            continue
        if workload.archived:
            skipped.append(Skipped(workload.id, workload.name, "the workload is archived; restore it first"))
            continue
        revision = kb.lifecycle.revision
        if record.knowledge_version == version.id and record.lifecycle_revision == revision:
            reason = f"version {record.version} is already under {version.id} and lifecycle revision {revision}"
            skipped.append(Skipped(workload.id, workload.name, reason))
            continue
        words = Words.from_kb(kb)
        override = record.override if record.override and record.override.service in version.services else None
        change = f"re-evaluated under {version.id}; supersedes version {record.version} ({record.knowledge_version})"
        if record.knowledge_version == version.id:  # the same tree, a newer lifecycle revision
            then = record.lifecycle_revision or "none kept"
            change = (
                f"re-evaluated under lifecycle revision {revision}; supersedes version {record.version} "
                f"(lifecycle revision {then})"
            )
        if record.override is not None and override is None:
            change += f"; override to {words.service(record.override.service)} dropped (not in {version.id})"
        try:
            tree = recommend(kb, {q: given.answer for q, given in record.answers.items()}, version.id).service
            if override is not None and override.service == tree:
                change += f"; override to {words.service(override.service)} dropped (the tree now leads there)"
                override = None
            new = build_record(
                kb, workload=workload, answers=record.answers, knowledge_version=version.id, author=author,
                version=record.version + 1, override=override, change=change, supersedes_version=record.version,
                now=now,
            )  # fmt: skip
        except AnswersError as exc:
            skipped.append(Skipped(workload.id, workload.name, f"its answers do not fit {version.id}: {exc}"))
            continue
        if new.walk_status != "complete":
            stop = words.question(new.next_question or "")
            reason = f"under {version.id} it stops at “{stop}”: answer that first"
            skipped.append(Skipped(workload.id, workload.name, reason))
            continue
        created.append(new)
    return created, skipped


def retirement_flags(
    kb: KnowledgeBase, records: Iterable[DecisionRecord], judgement: Judgement | None = None
) -> list[RetirementFlag]:
    """Per record (in the order given), every lifecycle entry touching its chosen service that is past or inside
    the horizon at ``judgement`` (default: today, the knowledge's horizon), by date."""
    view = kb.lifecycle.view(judgement)
    flags = []
    for record in records:
        service = record.chosen_service
        for note in view.due(service):
            assert service is not None
            flags.append(
                RetirementFlag(
                    record.workload_id, record.workload_name, record.version, service,
                    _service_name(kb, record.knowledge_version, service), note.date, note.source, note.text,
                    note.entry, note.kind, note.event, note.status,
                )
            )  # fmt: skip
    return flags


def _service_name(kb: KnowledgeBase, knowledge_version: str, service: str) -> str:
    """The service's name as the record's version has it, else as any shipped version has it."""
    versions = [kb.versions[knowledge_version]] if knowledge_version in kb.versions else []
    for version in [*versions, *kb.versions.values()]:
        if service in version.services:
            return version.services[service].name
    return kb.lifecycle.name(service)


def _failed(record: DecisionRecord, target: str, error: str) -> Reevaluation:
    return Reevaluation(
        record.workload_id, record.workload_name, record.version, record.knowledge_version, target,
        record.walk_status, record.service, None, None, None, (), (), (), (), (), (), (), error,
    )  # fmt: skip
