"""Stored re-evaluation runs: which knowledge version, who ran it and when, and the records it found changed."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, insert, select

from advisor.store.tables import reevaluation_changes, reevaluation_runs
from advisor.store.workload_rows import utc


@dataclass(frozen=True)
class ReevaluationRun:
    """A stored run: ``changed`` maps each workload it found changed to the record version it re-ran."""

    id: int
    target_version: str
    run_at: datetime.datetime
    actor_id: str
    author: str
    record_count: int
    changed: dict[int, int] = field(default_factory=dict)

    @property
    def changed_count(self) -> int:
        return len(self.changed)


class ReevaluationRepository:
    """The reevaluation_runs and reevaluation_changes tables, read and written on one connection."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def insert_run_row(
        self, *, target_version: str, run_at: datetime.datetime, actor_id: str, author: str, record_count: int,
        changed: Mapping[int, int],
    ) -> int:  # fmt: skip
        """The run and one row per changed record; its id."""
        values = {
            "target_version": target_version, "run_at": run_at, "actor_id": actor_id, "author": author,
            "record_count": record_count, "changed_count": len(changed),
        }  # fmt: skip
        run_id: int = self._conn.execute(
            insert(reevaluation_runs).values(**values).returning(reevaluation_runs.c.id)
        ).scalar_one()
        if changed:
            rows = [{"run_id": run_id, "workload_id": w, "version": v} for w, v in changed.items()]
            self._conn.execute(insert(reevaluation_changes), rows)
        return run_id

    def latest(self) -> ReevaluationRun | None:
        """The newest run with its changed records, or None before the first."""
        row = self._conn.execute(select(reevaluation_runs).order_by(reevaluation_runs.c.id.desc()).limit(1)).first()
        if row is None:
            return None
        rc = reevaluation_changes.c
        pairs = self._conn.execute(select(rc.workload_id, rc.version).where(rc.run_id == row.id)).all()
        return ReevaluationRun(
            id=row.id, target_version=row.target_version, run_at=utc(row.run_at), actor_id=row.actor_id,
            author=row.author, record_count=row.record_count, changed={int(w): int(v) for w, v in pairs},
        )  # fmt: skip
