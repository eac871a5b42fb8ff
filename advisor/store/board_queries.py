"""What the Board page reads: every live workload's latest record as one DataFrame, in one query.

Reading the latest records whole validates every payload into a DecisionRecord (about 2 s for 10,000 records);
the board needs a handful of fields per record, so it reads the copied columns, four of which the database
copies out of the payload on insert (the confidence, the tree's own outcome, the stored revisit-by date and its
lifecycle revision: migration 0007_board_columns): no payload is parsed, in Python or in the database, and
no timestamp is converted (the board shows none).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Connection, text

from advisor.store.queries import latest_join, status_of
from advisor.store.tables import BOARD_INDEX, record_versions, workloads

_COLUMNS = (
    "workload_id", "name", "vm_links", "version", "record_status", "walk_status", "service", "knowledge_version",
    "board_confidence", "tree_service", "stored_revisit_by", "lifecycle_revision", "author", "session_id",
)  # fmt: skip


class BoardQueries:
    """The board's portfolio frame, read on one connection."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def frame(self) -> pd.DataFrame:
        """The latest version of every workload that is not archived and has a record, by workload name.

        Columns: workload_id, name, vm_links (the workload's JSON list), version, record_status, walk_status,
        status (the workload status, as the Workloads page shows it), service (the chosen service: the
        override's, else the tree's), tree_service (the tree's outcome), overridden, knowledge_version,
        confidence (0 to 1), author, session_id (the review session that decided it, if any),
        stored_revisit_by and lifecycle_revision (as the version stored them; None before records had them).
        """
        rows = self._conn.execute(_query(self._conn)).fetchall()
        frame = pd.DataFrame([tuple(row) for row in rows], columns=list(_COLUMNS))
        frame["confidence"] = pd.to_numeric(frame.pop("board_confidence"), errors="coerce").fillna(0.0).astype(float)
        pairs = zip(frame["record_status"].tolist(), frame["walk_status"].tolist(), strict=True)  # not Arrow cells
        frame["status"] = [status_of(status, walk) for status, walk in pairs]
        frame["overridden"] = frame["service"].notna() & (frame["service"] != frame["tree_service"])
        return frame


def _query(conn: Connection) -> Any:
    rv, w = record_versions.c, workloads.c
    columns = (
        w.id, w.name, w.vm_links, rv.version, rv.status, rv.walk_status, rv.service, rv.knowledge_version,
        rv.board_confidence, rv.board_tree_service, rv.board_revisit_by, rv.board_lifecycle_revision, rv.author,
        rv.session_id,
    )  # fmt: skip
    query = latest_join(False, *columns).where(rv.version.is_not(None)).order_by(w.name_key)
    if conn.dialect.name != "sqlite":
        return query
    # SQLite's planner picks the (workload_id, version) unique index and then reads each row, whose copied columns
    # sit behind its payload; the board index holds every column read here. SQLAlchemy renders no SQLite index
    # hint, so the compiled statement (it has no parameters) gets its INDEXED BY here.
    sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    joined = "JOIN record_versions ON"
    assert sql.count(joined) == 1, sql
    return text(sql.replace(joined, f"JOIN record_versions INDEXED BY {BOARD_INDEX} ON"))
