"""What changed between two versions of a decision record, in words a review board reads: question texts,
answer labels and service names (from :class:`~advisor.decide.reason_words.Words`), never ids."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from advisor.decide.reason_words import Words, condition_texts
from advisor.models.record import DecisionRecord


@dataclass(frozen=True)
class Change:
    """One difference: the field or item, its old value and its new value (None for none)."""

    field: str
    before: str | None
    after: str | None


def diff_records(before: DecisionRecord, after: DecisionRecord, words: Words | None = None) -> list[Change]:
    """Every difference that matters between two versions, answers first (ids as they are without ``words``)."""
    service_name = words.service if words else str
    changes = _answer_changes(before, after, words)
    for field in ("knowledge_version", "walk_status", "service", "status", "best_alternative"):
        old_value, new_value = getattr(before, field), getattr(after, field)
        if old_value != new_value:
            if field in ("service", "best_alternative"):
                old_value, new_value = (None if v is None else service_name(v) for v in (old_value, new_value))
            changes.append(Change(field.replace("_", " "), _text(old_value), _text(new_value)))
    if _override_key(before) != _override_key(after):
        changes.append(Change("override", _override(before, service_name), _override(after, service_name)))
    if before.confidence != after.confidence:
        changes.append(Change("confidence", f"{before.confidence:.0%}", f"{after.confidence:.0%}"))
    old_fits = {c.service: c.fit for c in before.candidates}
    new_fits = {c.service: c.fit for c in after.candidates}
    for service in sorted(old_fits.keys() | new_fits.keys()):
        if old_fits.get(service) != new_fits.get(service):
            changes.append(Change(f"fit of {service_name(service)}", old_fits.get(service), new_fits.get(service)))
    old_conditions = condition_texts(before.conditions, before.condition_because, words) if words else before.conditions
    new_conditions = condition_texts(after.conditions, after.condition_because, words) if words else after.conditions
    changes += [Change("condition", c, None) for c in old_conditions if c not in new_conditions]
    changes += [Change("condition", None, c) for c in new_conditions if c not in old_conditions]
    return changes


def _answer_changes(before: DecisionRecord, after: DecisionRecord, words: Words | None) -> list[Change]:
    def label(question: str, answer: str | None) -> str | None:
        return None if answer is None or words is None else words.answer(question, answer)

    changes: list[Change] = []
    for question in sorted(before.answers.keys() | after.answers.keys()):
        old, new = before.answers.get(question), after.answers.get(question)
        old_answer, new_answer = (old.answer if old else None), (new.answer if new else None)
        named = f"“{words.question(question)}”" if words else question
        if old_answer != new_answer:
            field = f"answer to {named}" if words else f"answer {question}"
            old_shown, new_shown = (
                (label(question, old_answer), label(question, new_answer)) if words else (old_answer, new_answer)
            )
            changes.append(Change(field, old_shown, new_shown))
        if (old.note if old else "") != (new.note if new else ""):
            changes.append(Change(f"note on {named}", old.note if old else None, new.note if new else None))
    return changes


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _override_key(record: DecisionRecord) -> tuple[str, str] | None:
    """What the team decided (the service and why); the conditions follow from it and the answers."""
    return (record.override.service, record.override.reason) if record.override else None


def _override(record: DecisionRecord, service_name: Callable[[str], str]) -> str | None:
    return f"{service_name(record.override.service)} ({record.override.reason})" if record.override else None
