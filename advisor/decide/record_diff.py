"""What changed between two versions of a decision record, in words a review board reads."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.models.record import DecisionRecord


@dataclass(frozen=True)
class Change:
    """One difference: the field or item, its old value and its new value (None for none)."""

    field: str
    before: str | None
    after: str | None


def diff_records(before: DecisionRecord, after: DecisionRecord) -> list[Change]:
    """Every difference that matters between two versions, answers first."""
    changes: list[Change] = []
    for question in sorted(before.answers.keys() | after.answers.keys()):
        old, new = before.answers.get(question), after.answers.get(question)
        old_answer, new_answer = (old.answer if old else None), (new.answer if new else None)
        if old_answer != new_answer:
            changes.append(Change(f"answer {question}", old_answer, new_answer))
        if (old.note if old else "") != (new.note if new else ""):
            changes.append(Change(f"note on {question}", old.note if old else None, new.note if new else None))
    for field in ("knowledge_version", "walk_status", "service", "status", "best_alternative"):
        old_value, new_value = getattr(before, field), getattr(after, field)
        if old_value != new_value:
            changes.append(Change(field.replace("_", " "), _text(old_value), _text(new_value)))
    if before.override != after.override:
        changes.append(Change("override", _override(before), _override(after)))
    if before.confidence != after.confidence:
        changes.append(Change("confidence", f"{before.confidence:.0%}", f"{after.confidence:.0%}"))
    old_fits = {c.service: c.fit for c in before.candidates}
    new_fits = {c.service: c.fit for c in after.candidates}
    for service in sorted(old_fits.keys() | new_fits.keys()):
        if old_fits.get(service) != new_fits.get(service):
            changes.append(Change(f"fit of {service}", old_fits.get(service), new_fits.get(service)))
    for condition in [c for c in before.conditions if c not in after.conditions]:
        changes.append(Change("condition", condition, None))
    for condition in [c for c in after.conditions if c not in before.conditions]:
        changes.append(Change("condition", None, condition))
    return changes


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _override(record: DecisionRecord) -> str | None:
    return f"{record.override.service} ({record.override.reason})" if record.override else None
