"""The audit trail, append-only: this repository can add a line and read lines, and nothing else."""

from __future__ import annotations

import datetime

from sqlalchemy import Connection, insert, select

from advisor.models.account import AuditEvent
from advisor.store.tables import audit_events
from advisor.store.workload_rows import utc

AUDIT_LIMIT = 10_000  # the most lines one read returns (newest first): a page and an export stay bounded


class AuditRepository:
    """The audit_events table: append and read (no update, no delete, by design)."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def insert_audit_row(
        self, *, at: datetime.datetime, actor_id: str, actor_name: str, actor_email: str, os_user: str,
        source: str, action: str, target: str, outcome: str, detail: str,
    ) -> None:  # fmt: skip
        self._conn.execute(
            insert(audit_events).values(
                at=at,
                actor_id=actor_id,
                actor_name=actor_name,
                actor_email=actor_email,
                os_user=os_user,
                source=source,
                action=action,
                target=target,
                outcome=outcome,
                detail=detail,
            )
        )

    def read(
        self, *, since: datetime.datetime | None = None, until: datetime.datetime | None = None,
        limit: int = AUDIT_LIMIT,
    ) -> list[AuditEvent]:  # fmt: skip
        """Lines at or after ``since`` and before ``until``, newest first, at most ``limit``."""
        query = select(audit_events)
        if since is not None:
            query = query.where(audit_events.c.at >= since)
        if until is not None:
            query = query.where(audit_events.c.at < until)
        rows = self._conn.execute(query.order_by(audit_events.c.id.desc()).limit(limit)).all()
        return [
            AuditEvent(
                id=r.id,
                at=utc(r.at),
                actor_id=r.actor_id,
                actor_name=r.actor_name,
                actor_email=r.actor_email,
                os_user=r.os_user,
                source=r.source,
                action=r.action,
                target=r.target,
                outcome=r.outcome,
                detail=r.detail,
            )
            for r in rows
        ]
