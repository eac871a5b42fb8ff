"""Review sessions between input, rows and models: what a title, attendee, note or outcome must be, the
sessions rebuilt from their rows, and the messages a refused change gets.

Notes are stored exactly as typed (not even stripped): HTML or Markdown in them is text, and the pages
escape it. Titles, names and reasons are stripped of surrounding spaces only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from advisor.errors import ConflictError, InputError, Problem
from advisor.models.record import MAX_NAME_LENGTH, MAX_TEXT_LENGTH
from advisor.models.session import (
    MAX_NOTES_LENGTH,
    OUTCOME_LABELS,
    OUTCOMES,
    ROLES,
    Attendee,
    ReviewSession,
    SessionItem,
)
from advisor.store.workload_rows import describe_time, name_key, utc


def clean_title(title: str) -> str:
    cleaned = (title or "").strip()
    if not cleaned:
        raise InputError(Problem("a review session needs a title", ident="title"))
    return _within(cleaned, MAX_NAME_LENGTH, "title")


def clean_person(name: str, field: str) -> str:
    """A person's display name: stripped, non-empty, at most MAX_NAME_LENGTH characters."""
    cleaned = (name or "").strip()
    if not cleaned:
        raise InputError(Problem("a name is needed", ident=field))
    return _within(cleaned, MAX_NAME_LENGTH, field)


def clean_date(value: datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if not isinstance(value, datetime.date):
        raise InputError(Problem(f"must be a date, found {type(value).__name__}", ident="date"))
    return value


def clean_attendees(attendees: Iterable[tuple[str, str]]) -> list[Attendee]:
    """The attendees in the order given; each name once (ignoring case); at least one decision maker."""
    cleaned: list[Attendee] = []
    seen: dict[str, str] = {}
    for name, role in attendees:
        person = clean_person(name, "attendee")
        if role not in ROLES:
            known = ", ".join(ROLES)
            raise InputError(Problem(f"unknown role {role!r} for {person!r} (known: {known})", ident="role"))
        key = name_key(person)
        if key in seen:
            raise InputError(Problem(f"{person!r} is listed twice (as {seen[key]!r})", ident="attendee"))
        seen[key] = person
        cleaned.append(Attendee(person, role))
    if not any(a.role == "decision_maker" for a in cleaned):
        raise InputError(Problem("a review session needs at least one decision maker", ident="attendees"))
    return cleaned


def clean_notes(notes: str) -> str:
    if not isinstance(notes, str):
        raise InputError(Problem(f"notes must be text, found {type(notes).__name__}", ident="notes"))
    return _within(notes, MAX_NOTES_LENGTH, "notes")


def clean_outcome(outcome: str, reason: str, override_service: str | None) -> tuple[str, str, str | None]:
    """The outcome, its stripped reason and the override's service, checked against each other."""
    if outcome not in OUTCOMES:
        raise InputError(Problem(f"unknown outcome {outcome!r} (known: {', '.join(OUTCOMES)})", ident="outcome"))
    cleaned = _within((reason or "").strip(), MAX_TEXT_LENGTH, "reason")
    service = (override_service or "").strip() or None
    if outcome in ("reject", "override") and not cleaned:
        what = "a rejection" if outcome == "reject" else "an override"
        raise InputError(Problem(f"{what} needs a reason: say why the board decided so", ident="reason"))
    if outcome == "override" and service is None:
        raise InputError(Problem("an override needs the service chosen instead", ident="override_service"))
    if outcome != "override" and service is not None:
        message = f"a service ({service!r}) is only given with an override, not with {outcome!r}"
        raise InputError(Problem(message, ident="override_service"))
    return outcome, cleaned, service


def change_text(title: str, outcome: str, signer: str, override_service: str | None, reason: str) -> str:
    """The new record version's ``change``: which session, what it decided, who signed off, and why."""
    decided = f"overridden to {override_service}" if outcome == "override" else OUTCOME_LABELS[outcome]
    text = f"review session {title!r}: {decided}, signed off by {signer}"
    return f"{text}; reason: {reason}" if reason else text


def closed_error(row: Any) -> InputError:
    return InputError(
        Problem(
            f"review session {row.title!r} was closed on {describe_time(row.closed_at)} by {row.closed_by}; "
            "a closed session is read-only",
            ident="session",
        )
    )


def sign_off_conflict(
    database: str, workload: str, base_version: int, latest: Any, session_title: str | None
) -> ConflictError:
    """Why a sign-off on ``base_version`` was refused: a newer version was saved since the item was taken."""
    where = f" in review session {session_title!r}" if session_title else ""
    message = (
        f"workload {workload!r}: this item was taken at version {base_version}, but version {latest.version} was "
        f"saved{where} by {latest.author} at {describe_time(latest.created_at)} meanwhile; this sign-off was "
        f"refused and nothing was overwritten. Refresh the item to decide on version {latest.version}."
    )
    return ConflictError(Problem(message, file=database, ident="version"))


def session_from_rows(row: Any, attendee_rows: Sequence[Any], item_rows: Sequence[Any]) -> ReviewSession:
    return ReviewSession(
        id=row.id,
        title=row.title,
        date=row.date,
        status=row.status,
        created_by=row.created_by,
        created_at=utc(row.created_at),
        closed_at=utc(row.closed_at) if row.closed_at is not None else None,
        closed_by=row.closed_by,
        attendees=tuple(Attendee(a.name, a.role) for a in attendee_rows),
        items=tuple(item_from_row(item) for item in item_rows),
    )


def item_from_row(row: Any) -> SessionItem:
    """An item from a session_items row joined to its workload (name, archived_at) and latest version."""
    return SessionItem(
        workload_id=row.workload_id,
        workload_name=row.workload_name,
        position=row.position,
        base_version=row.base_version,
        notes=row.notes,
        outcome=row.outcome,
        reason=row.reason,
        override_service=row.override_service,
        signed_off_by=row.signed_off_by,
        signed_at=utc(row.signed_at) if row.signed_at is not None else None,
        result_version=row.result_version,
        archived=row.archived_at is not None,
        latest_version=row.latest_version,
    )


def _within(text: str, limit: int, field: str) -> str:
    if len(text) > limit:
        raise InputError(Problem(f"can have at most {limit} characters (this one has {len(text)})", ident=field))
    return text
