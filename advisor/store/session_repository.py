"""Architecture review sessions in the database: sessions, their attendees and agenda items.

Each item is read joined to its workload (name, archived) and the workload's latest version, so a session
says which items went stale. Sessions and attendees are never deleted; the session service drops an item
from the agenda only while it is undecided. The rules (who signs off, what an outcome makes) are in
:mod:`advisor.services.sessions`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from advisor.models.names import name_key
from advisor.models.session import Attendee, ReviewSession, SessionItem
from advisor.store.session_rows import item_from_row, session_from_rows
from advisor.store.tables import (
    attendee_accounts,
    item_signatures,
    record_versions,
    review_sessions,
    session_attendees,
    session_items,
    workloads,
)


class SessionRepository:
    """The review_sessions, session_attendees and session_items tables, read and written on one connection."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def insert_session_row(
        self, title: str, date: datetime.date, created_by: str, attendees: Sequence[Attendee], moment: datetime.datetime
    ) -> int:
        """A new open session with its attendees, in the order given; its id."""
        values = {"title": title, "date": date, "created_by": created_by, "status": "open", "created_at": moment}
        session_id: int = self._conn.execute(
            insert(review_sessions).values(**values).returning(review_sessions.c.id)
        ).scalar_one()
        self._conn.execute(
            insert(session_attendees),
            [
                {"session_id": session_id, "position": n, "name": a.name, "name_key": name_key(a.name), "role": a.role}
                for n, a in enumerate(attendees)
            ],
        )
        return session_id

    def update_session_row(self, session_id: int, **values: Any) -> None:
        self._conn.execute(update(review_sessions).where(review_sessions.c.id == session_id).values(**values))

    def get(self, session_id: int) -> ReviewSession | None:
        """The session with its attendees and agenda."""
        row = self._conn.execute(select(review_sessions).where(review_sessions.c.id == session_id)).first()
        if row is None:
            return None
        return session_from_rows(row, self._attendee_rows(session_id), self._item_rows(session_id))

    def all(self) -> list[ReviewSession]:
        """Every session with its attendees and items, newest date first."""
        rs = review_sessions.c
        rows = self._conn.execute(select(review_sessions).order_by(rs.date.desc(), rs.id.desc())).all()
        attendees = self._attendee_rows(None)
        items = self._item_rows(None)
        return [
            session_from_rows(
                row, [a for a in attendees if a.session_id == row.id], [i for i in items if i.session_id == row.id]
            )
            for row in rows
        ]

    def item(self, session_id: int, workload_id: int) -> SessionItem | None:
        row = self._conn.execute(_items_query().where(*_item_key(session_id, workload_id))).first()
        return item_from_row(row) if row is not None else None

    def insert_item_row(self, session_id: int, workload_id: int, position: int, base_version: int) -> None:
        values = {"base_version": base_version, "notes": "", "reason": ""}
        self._conn.execute(
            insert(session_items).values(session_id=session_id, workload_id=workload_id, position=position, **values)
        )

    def update_item_row(self, session_id: int, workload_id: int, **values: Any) -> None:
        self._conn.execute(update(session_items).where(*_item_key(session_id, workload_id)).values(**values))

    def delete_item_rows(self, session_id: int, workload_ids: Sequence[int]) -> None:
        si = session_items.c
        if workload_ids:
            self._conn.execute(
                session_items.delete().where(si.session_id == session_id, si.workload_id.in_(list(workload_ids)))
            )

    def _item_rows(self, session_id: int | None) -> list[Any]:
        query = _items_query()
        if session_id is not None:
            query = query.where(session_items.c.session_id == session_id)
        return list(self._conn.execute(query).all())

    def _attendee_rows(self, session_id: int | None) -> list[Any]:
        sa, aa = session_attendees.c, attendee_accounts.c
        linked = (aa.session_id == sa.session_id) & (aa.position == sa.position)
        query = (
            select(session_attendees, aa.account_id)
            .outerjoin(attendee_accounts, linked)
            .order_by(sa.session_id, sa.position)
        )
        if session_id is not None:
            query = query.where(sa.session_id == session_id)
        return list(self._conn.execute(query).all())


def _item_key(session_id: int, workload_id: int) -> tuple[Any, Any]:
    return session_items.c.session_id == session_id, session_items.c.workload_id == workload_id


def _items_query() -> Any:
    si, rv = session_items.c, record_versions.c
    latest = select(func.max(rv.version)).where(rv.workload_id == si.workload_id).scalar_subquery()
    return (
        select(
            session_items,
            workloads.c.name.label("workload_name"),
            workloads.c.archived_at,
            latest.label("latest_version"),
            item_signatures.c.account_id.label("signed_account_id"),
        )
        .join(workloads, workloads.c.id == si.workload_id)
        .outerjoin(
            item_signatures,
            (item_signatures.c.session_id == si.session_id) & (item_signatures.c.workload_id == si.workload_id),
        )
        .order_by(si.session_id, si.position)
    )
