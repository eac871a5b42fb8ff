"""Stored submissions: a form's token, who sent it, to which action, and the ids of what it created."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select

from advisor.store.tables import submissions


@dataclass(frozen=True)
class Submission:
    token: str
    actor_id: str
    action: str
    result: dict[str, Any]
    created_at: datetime.datetime


class SubmissionRepository:
    """The submissions table, read and written on one connection."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def get(self, token: str) -> Submission | None:
        row = self._conn.execute(select(submissions).where(submissions.c.token == token)).first()
        if row is None:
            return None
        return Submission(row.token, row.actor_id, row.action, json.loads(row.result), row.created_at)

    def insert_submission_row(
        self, token: str, actor_id: str, action: str, result: dict[str, Any], moment: datetime.datetime
    ) -> None:
        values = {"token": token, "actor_id": actor_id, "action": action, "created_at": moment}
        self._conn.execute(insert(submissions).values(result=json.dumps(result, sort_keys=True), **values))
