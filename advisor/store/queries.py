"""SQL shared by the workload, record and board reads: each workload joined to its latest record version.

The join follows each workload's stored ``latest_record_version`` pointer through the (workload_id, version)
unique index and reads only the copied columns, never the payloads, so 10,000 workloads list fast. A
workload's status is derived from two of those columns.
"""

from __future__ import annotations

import functools
from typing import Any, get_args

import numpy as np
import pandas as pd
from sqlalchemy import ClauseElement, Connection, Row, and_, select

from advisor.decide.record_builder import status_from_columns
from advisor.models.record import WORKLOAD_STATUS_LABELS, DecisionStatus, WorkloadStatus
from advisor.store.tables import record_versions, workloads

# Every status a filter may name: a workload status or a record status.
STATUSES = tuple(WORKLOAD_STATUS_LABELS) + tuple(s for s in get_args(DecisionStatus) if s not in WORKLOAD_STATUS_LABELS)


def latest_join(include_archived: bool, *columns: Any) -> Any:
    """SELECT ``columns`` FROM every workload LEFT JOIN its latest record version (live workloads only unless
    ``include_archived``)."""
    rv = record_versions.c
    # The stored pointer (kept by the database on every insert) replaces a max(version) grouping of every version.
    # "version + 0" keeps SQLite from finding the row by the unique (workload, version) index and then reading the
    # table row, whose payload (tens of KB, overflow pages) lies before the columns the lists read: the workload's
    # versions are found in the board's covering index instead (a handful per workload), and no payload is read.
    joined = workloads.outerjoin(
        record_versions, and_(rv.workload_id == workloads.c.id, rv.version + 0 == workloads.c.latest_record_version)
    )
    query = select(*columns).select_from(joined)
    return query if include_archived else query.where(workloads.c.archived_at.is_(None))


def row_status(row: Row[Any]) -> WorkloadStatus:
    """The workload status of a :func:`latest_join` row with ``latest_version``, ``record_status``, ``walk_status``."""
    return "not_started" if row.latest_version is None else status_of(row.record_status, row.walk_status)


@functools.cache
def status_of(record_status: str, walk_status: str) -> WorkloadStatus:
    """advisor.decide.record_builder.workload_status from the two stored columns (a handful of pairs, so cached)."""
    return status_from_columns(record_status, walk_status)


def matches_status(row: Row[Any], status: str | None) -> bool:
    """``status`` (a workload or a record status, or None for any) matches the row's latest version."""
    return status is None or status in (row.record_status, row_status(row))


def statuses(version: pd.Series, record_status: pd.Series, walk_status: pd.Series) -> np.ndarray[Any, Any]:
    """Each row's workload status from its latest version's columns (``version`` missing: not started),
    worked out once per distinct (record status, walk status) pair."""
    if version.empty:
        return np.array([], dtype=object)
    pairs = record_status.fillna("").astype(str) + "\x1f" + walk_status.fillna("").astype(str)
    codes, uniques = pd.factorize(pairs)
    words = np.array([status_of(*pair.split("\x1f")) for pair in uniques], dtype=object)
    return np.where(version.notna().to_numpy(), words[codes], "not_started")


def driver_rows(conn: Connection, statement: ClauseElement) -> list[tuple[Any, ...]]:
    """Every row of ``statement`` (no parameters) as the driver's plain tuples, fetched at once, in ``conn``'s
    transaction: for reads of tens of thousands of rows, where SQLAlchemy's row objects (made one by one,
    with per-column processing) cost more than the query. Only for columns the driver returns as wanted
    (numbers and text, not timestamps on SQLite)."""
    sql = str(statement.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()
