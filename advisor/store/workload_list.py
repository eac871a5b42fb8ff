"""The workload list held in memory for one database, brought up to date from the rows that changed.

Reading every workload with its latest version's columns takes about 100 ms at 10,000 workloads and a second at
100,000, and the Workloads page and the Board both need the list afresh after every save anywhere. Each workload
row carries a change stamp: ``change_count`` (raised by every update the repository makes) and
``latest_record_version`` (raised by the database on every new version; versions are never changed once
written). A refresh reads every row's stamp (two small integer columns), then the full columns of only the rows
whose stamp differs from the one held, and splices them in.

Stamps are compared whole, never against a high-water mark, so a row that a concurrent writer commits late is
found on the next refresh all the same. Each refresh reads inside the caller's transaction, so the list it
returns is that transaction's snapshot; a refresh from an older snapshot only makes the next one read a few
more rows. Many changed rows at once (an import) are read as one full list instead.
"""

from __future__ import annotations

import threading
from typing import Any

import pandas as pd
from sqlalchemy import Connection, select

from advisor.store.queries import driver_rows, latest_join, statuses
from advisor.store.tables import record_versions, workloads

# The list's columns: the Workloads page's (WorkloadRepository.frame), the Board's (BoardQueries.frame), and
# name_key for sorting.
COLUMNS = [
    "id", "name", "name_key", "owner", "context", "vm_links", "archived", "updated_at", "version", "record_status",
    "walk_status", "status", "service", "knowledge_version", "author", "confidence", "tree_service",
    "stored_revisit_by", "lifecycle_revision", "session_id",
]  # fmt: skip
# Every workload's change stamp.
_STAMPS = select(workloads.c.id, workloads.c.change_count, workloads.c.latest_record_version)
# Above this share of changed rows, one full read is cheaper than reading the rows by id.
FULL_READ_SHARE = 0.1

Stamp = tuple[int, int, int | None]  # (workload id, change_count, latest_record_version)


class WorkloadList:
    """Every workload (archived ones too) with its latest version's columns, sorted by name; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamps: frozenset[Stamp] = frozenset()
        self._frame: pd.DataFrame | None = None

    def current(self, conn: Connection) -> pd.DataFrame:
        """The list as ``conn``'s transaction sees it (a copy the caller may keep)."""
        stamps = frozenset(driver_rows(conn, _STAMPS))
        with self._lock:
            frame = self._brought_up_to_date(conn, stamps)
            self._frame, self._stamps = frame, stamps
            return frame.copy(deep=False)

    def _brought_up_to_date(self, conn: Connection, stamps: frozenset[Stamp]) -> pd.DataFrame:
        if self._frame is None:
            return _read(conn, None)
        changed = {stamp[0] for stamp in stamps - self._stamps}
        if not changed and len(stamps) == len(self._stamps):
            return self._frame
        if len(changed) > FULL_READ_SHARE * len(stamps):
            return _read(conn, None)
        kept = self._frame[~self._frame["id"].isin(changed)]
        spliced = pd.concat([kept, _read(conn, sorted(changed))], ignore_index=True)
        if len(spliced) != len(stamps):
            # A held row is gone (workloads are never deleted, but a database can be restored from a backup).
            return _read(conn, None)
        return spliced.sort_values("name_key", kind="stable", ignore_index=True)


def _read(conn: Connection, ids: list[int] | None) -> pd.DataFrame:
    """The list's rows for ``ids`` (None: every workload), sorted by name key."""
    rv = record_versions.c
    w = workloads.c
    query = latest_join(
        True, w.id, w.name, w.name_key, w.owner, w.context, w.vm_links, w.archived_at, w.updated_at, rv.version,
        rv.status.label("record_status"), rv.walk_status, rv.service, rv.knowledge_version, rv.author,
        rv.board_confidence.label("confidence"), rv.board_tree_service.label("tree_service"),
        rv.board_revisit_by.label("stored_revisit_by"), rv.board_lifecycle_revision.label("lifecycle_revision"),
        rv.session_id,
    )  # fmt: skip
    if ids is not None:
        query = query.where(w.id.in_(ids))
    names = list(query.selected_columns.keys())
    rows = driver_rows(conn, query)
    columns: list[Any] = list(zip(*rows, strict=True)) if rows else [()] * len(names)
    raw = pd.DataFrame(dict(zip(names, columns, strict=True)))
    frame = raw.assign(
        archived=raw["archived_at"].notna(),
        # The driver's own values: text on SQLite (as SQLAlchemy writes it), timestamps on PostgreSQL.
        updated_at=pd.to_datetime(raw["updated_at"], utc=True, format="ISO8601"),
        version=raw["version"].astype("Int64"),
        status=statuses(raw["version"], raw["record_status"], raw["walk_status"]),
        confidence=pd.to_numeric(raw["confidence"], errors="coerce").fillna(0.0).astype(float),
        session_id=raw["session_id"].astype("Int64"),
    )
    # Code-point order of the name key (what SQLite's ORDER BY gives; PostgreSQL's collation may differ), the
    # same for a full read and a spliced one.
    return frame[COLUMNS].sort_values("name_key", kind="stable", ignore_index=True)
