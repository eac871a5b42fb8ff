"""What the Board page reads: every live workload's latest record as one DataFrame, in one query.

Reading the latest records whole validates every payload into a DecisionRecord (about 2 s for 10,000 records);
the board needs a handful of fields per record, so it reads the copied columns and takes the four it
lacks (the confidence, the tree's own outcome, the stored revisit-by date and its lifecycle revision) out of
the payload inside the database, as one small JSON array per row (``json_extract`` with four paths on
SQLite, ``jsonb_build_array`` on PostgreSQL): no payload is parsed in Python, and no timestamp is converted
(the board shows none).
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from sqlalchemy import Connection, cast, func, literal
from sqlalchemy.dialects.postgresql import JSONB

from advisor.store.queries import latest_join, status_of
from advisor.store.tables import record_versions, workloads

_COLUMNS = (
    "workload_id", "name", "vm_links", "version", "record_status", "walk_status", "service", "knowledge_version",
    "extracted", "author", "session_id",
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
        extracted = [json.loads(pair) if isinstance(pair, str) else pair for pair in frame.pop("extracted")]
        frame["confidence"] = pd.to_numeric([pair[0] for pair in extracted], errors="coerce")
        frame["confidence"] = frame["confidence"].fillna(0.0).astype(float)
        frame["tree_service"] = [pair[1] for pair in extracted]
        frame["stored_revisit_by"] = [pair[2] if len(pair) > 2 else None for pair in extracted]
        frame["lifecycle_revision"] = [pair[3] if len(pair) > 3 else None for pair in extracted]
        pairs = zip(frame["record_status"], frame["walk_status"], strict=True)
        frame["status"] = [status_of(status, walk) for status, walk in pairs]
        frame["overridden"] = frame["service"].notna() & (frame["service"] != frame["tree_service"])
        return frame


def _query(conn: Connection) -> Any:
    rv, w = record_versions.c, workloads.c
    columns = (
        w.id, w.name, w.vm_links, rv.version, rv.status, rv.walk_status, rv.service, rv.knowledge_version,
        _confidence_and_outcome(conn), rv.author, rv.session_id,
    )  # fmt: skip
    return latest_join(False, *columns).where(rv.version.is_not(None)).order_by(w.name_key)


def _confidence_and_outcome(conn: Connection) -> Any:
    """[confidence, service, revisit_by, lifecycle_revision] of the payload, read by the database: a JSON text on
    SQLite, a list on PostgreSQL."""
    payload = record_versions.c.payload
    if conn.dialect.name == "postgresql":
        document = cast(payload, JSONB)
        return func.jsonb_build_array(
            document["confidence"], document["service"], document["revisit_by"], document["lifecycle_revision"]
        )
    return func.json_extract(
        payload, literal("$.confidence"), literal("$.service"), literal("$.revisit_by"), literal("$.lifecycle_revision")
    )
