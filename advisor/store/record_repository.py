"""Decision record versions in the database: appended, never changed or deleted.

``record_versions.payload`` holds the whole record (``model_dump_json()``); the other columns copy what
listing and filtering need. UNIQUE(workload_id, version) refuses a second writer of the same version. The one
write method, :meth:`RecordRepository.insert_version_rows`, is called by one service function only
(:func:`advisor.services.appending.append_versions`), which checks every rule first.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select

from advisor.models.record import DecisionRecord
from advisor.store.queries import latest_join, matches_status
from advisor.store.tables import record_versions, review_sessions, workloads
from advisor.store.workload_rows import utc

ID_CHUNK = 500  # workload ids per IN (...) query


@dataclass(frozen=True)
class VersionHead:
    """A workload's latest version: its number, who saved it and when, and the review session that did, if any."""

    version: int
    author: str
    created_at: datetime.datetime
    session_title: str | None


class RecordRepository:
    """The record_versions table, read and written on one connection."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def insert_version_rows(self, records: Sequence[DecisionRecord]) -> None:
        """Insert the versions as they are (in one statement)."""
        if records:
            self._conn.execute(insert(record_versions), [_values(record) for record in records])

    def head(self, workload_id: int) -> VersionHead | None:
        """The latest version's number, author, time and session title; None before the first save."""
        rv = record_versions.c
        row = self._conn.execute(
            select(rv.version, rv.author, rv.created_at, review_sessions.c.title)
            .outerjoin(review_sessions, review_sessions.c.id == rv.session_id)
            .where(rv.workload_id == workload_id)
            .order_by(rv.version.desc())
            .limit(1)
        ).first()
        return VersionHead(row.version, row.author, utc(row.created_at), row.title) if row is not None else None

    def latest(self, workload_id: int) -> DecisionRecord | None:
        rv = record_versions.c
        query = select(rv.payload).where(rv.workload_id == workload_id).order_by(rv.version.desc()).limit(1)
        payload = self._conn.execute(query).scalar_one_or_none()
        return DecisionRecord.model_validate_json(payload) if payload is not None else None

    def history(self, workload_id: int) -> list[DecisionRecord]:
        """Every version, oldest first."""
        rv = record_versions.c
        query = select(rv.payload).where(rv.workload_id == workload_id).order_by(rv.version)
        return [DecisionRecord.model_validate_json(payload) for payload in self._conn.execute(query).scalars()]

    def version(self, workload_id: int, version: int) -> DecisionRecord | None:
        rv = record_versions.c
        query = select(rv.payload).where(rv.workload_id == workload_id, rv.version == version)
        payload = self._conn.execute(query).scalar_one_or_none()
        return DecisionRecord.model_validate_json(payload) if payload is not None else None

    def latest_records(self, status: str | None) -> list[DecisionRecord]:
        """The latest version of each live workload, by workload name; ``status`` a workload or record status."""
        rv = record_versions.c
        query = (
            latest_join(
                False, rv.version.label("latest_version"), rv.status.label("record_status"), rv.walk_status, rv.payload
            )
            .where(rv.version.is_not(None))
            .order_by(workloads.c.name_key)
        )
        return [
            DecisionRecord.model_validate_json(row.payload)
            for row in self._conn.execute(query)
            if matches_status(row, status)
        ]

    def histories(self, workload_ids: Sequence[int]) -> dict[int, list[DecisionRecord]]:
        """Every version of each workload's record, oldest first (a workload without versions is absent)."""
        rv = record_versions.c
        found: dict[int, list[DecisionRecord]] = {}
        ids = list(dict.fromkeys(workload_ids))
        for start in range(0, len(ids), ID_CHUNK):
            query = (
                select(rv.workload_id, rv.payload)
                .where(rv.workload_id.in_(ids[start : start + ID_CHUNK]))
                .order_by(rv.workload_id, rv.version)
            )
            for row in self._conn.execute(query):
                found.setdefault(row.workload_id, []).append(DecisionRecord.model_validate_json(row.payload))
        return found

    def of_session(self, session_id: int) -> list[DecisionRecord]:
        """The versions a review session created, by workload name then version."""
        rv = record_versions.c
        query = (
            select(rv.payload)
            .join(workloads, workloads.c.id == rv.workload_id)
            .where(rv.session_id == session_id)
            .order_by(workloads.c.name_key, rv.version)
        )
        return [DecisionRecord.model_validate_json(payload) for payload in self._conn.execute(query).scalars()]


def _values(record: DecisionRecord) -> dict[str, Any]:
    """The columns of a new record_versions row."""
    return {
        "workload_id": record.workload_id,
        "version": record.version,
        "status": record.status,
        "walk_status": record.walk_status,
        "service": record.chosen_service,
        "knowledge_version": record.knowledge_version,
        "author": record.author,
        "created_at": record.created_at,
        "session_id": record.session_id,
        "payload": record.model_dump_json(),
    }


version_values = _values  # the row a version becomes: the store bench seeds its tables with it
