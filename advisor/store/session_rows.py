"""Review sessions rebuilt from their rows (a session, its attendees, its items joined to their workloads)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from advisor.models.session import Attendee, ReviewSession, SessionItem
from advisor.store.workload_rows import utc


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
        attendees=tuple(Attendee(a.name, a.role, a.account_id) for a in attendee_rows),
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
        signed_account_id=row.signed_account_id,
    )
