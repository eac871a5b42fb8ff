"""The SQL behind :class:`~advisor.store.session_repository.SessionStore`: sessions, attendees and
agenda items, each item joined to its workload (name, archived) and the workload's latest version.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, func, select

from advisor.errors import InputError, Problem
from advisor.models.session import ReviewSession
from advisor.store import queries
from advisor.store.session_rows import closed_error, session_from_rows
from advisor.store.tables import record_versions, review_sessions, session_attendees, session_items, workloads


def agenda_version(conn: Connection, workload_id: int) -> int:
    """The latest version of a live workload that has a record: what a new agenda item is taken at."""
    workload = queries.workload_row(conn, workload_id)
    if workload.archived_at is not None:
        raise InputError(
            Problem(f"workload {workload.name!r} is archived; restore it to put it on an agenda", ident="agenda")
        )
    latest = queries.latest_version_row(conn, workload_id)
    if latest is None:
        message = f"workload {workload.name!r} has no record yet; answer its questions before reviewing it"
        raise InputError(Problem(message, ident="agenda"))
    return int(latest.version)


def session_row(conn: Connection, session_id: int) -> Row[Any]:
    row = conn.execute(select(review_sessions).where(review_sessions.c.id == session_id)).first()
    if row is None:
        raise InputError(Problem(f"no review session with id {session_id}", ident="session"))
    return row


def open_row(conn: Connection, session_id: int) -> Row[Any]:
    row = session_row(conn, session_id)
    if row.status != "open":
        raise closed_error(row)
    return row


def item_key(session_id: int, workload_id: int) -> tuple[Any, Any]:
    return session_items.c.session_id == session_id, session_items.c.workload_id == workload_id


def items_query() -> Any:
    si, rv = session_items.c, record_versions.c
    latest = select(func.max(rv.version)).where(rv.workload_id == si.workload_id).scalar_subquery()
    return (
        select(
            session_items,
            workloads.c.name.label("workload_name"),
            workloads.c.archived_at,
            latest.label("latest_version"),
        )
        .join(workloads, workloads.c.id == si.workload_id)
        .order_by(si.session_id, si.position)
    )


def item_rows(conn: Connection, session_id: int | None) -> list[Row[Any]]:
    query = items_query()
    if session_id is not None:
        query = query.where(session_items.c.session_id == session_id)
    return list(conn.execute(query).all())


def item_row(conn: Connection, session_id: int, workload_id: int) -> Row[Any]:
    row = conn.execute(items_query().where(*item_key(session_id, workload_id))).first()
    if row is None:
        name = queries.workload_row(conn, workload_id).name
        raise InputError(Problem(f"workload {name!r} is not on this session's agenda", ident="workload"))
    return row


def attendee_rows(conn: Connection, session_id: int | None) -> list[Row[Any]]:
    sa = session_attendees.c
    query = select(session_attendees).order_by(sa.session_id, sa.position)
    if session_id is not None:
        query = query.where(sa.session_id == session_id)
    return list(conn.execute(query).all())


def load_session(conn: Connection, session_id: int) -> ReviewSession:
    row = session_row(conn, session_id)
    return session_from_rows(row, attendee_rows(conn, session_id), item_rows(conn, session_id))
