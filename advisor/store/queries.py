"""The SQL behind :class:`~advisor.store.repository.Store`: row look-ups and the workload list.

The list joins each workload to its latest version through the (workload_id, version) unique
index and reads only the copied columns, never the payloads, so 10,000 workloads list fast.
"""

from __future__ import annotations

import functools
from typing import Any, get_args

import pandas as pd
from sqlalchemy import Connection, Row, and_, func, select

from advisor.decide.record_builder import workload_status
from advisor.errors import InputError, Problem
from advisor.models.record import WORKLOAD_STATUS_LABELS, DecisionRecord, DecisionStatus, WorkloadStatus
from advisor.store.tables import record_versions, workloads
from advisor.store.workload_rows import WorkloadSummary, utc, workload_from_row

STATUSES = tuple(WORKLOAD_STATUS_LABELS) + tuple(s for s in get_args(DecisionStatus) if s not in WORKLOAD_STATUS_LABELS)


def workload_row(conn: Connection, workload_id: int) -> Row[Any]:
    row = conn.execute(select(workloads).where(workloads.c.id == workload_id)).first()
    if row is None:
        raise InputError(Problem(f"no workload with id {workload_id}", ident="workload"))
    return row


def workload_row_by_key(conn: Connection, key: str) -> Row[Any] | None:
    return conn.execute(select(workloads).where(workloads.c.name_key == key)).first()


def latest_version_row(conn: Connection, workload_id: int) -> Row[Any] | None:
    rv = record_versions.c
    query = (
        select(rv.version, rv.author, rv.created_at, rv.payload)
        .where(rv.workload_id == workload_id)
        .order_by(rv.version.desc())
        .limit(1)
    )
    return conn.execute(query).first()


def payloads(conn: Connection, workload_id: int) -> list[str]:
    rv = record_versions.c
    return list(conn.execute(select(rv.payload).where(rv.workload_id == workload_id).order_by(rv.version)).scalars())


def payload(conn: Connection, workload_id: int, version: int) -> str | None:
    rv = record_versions.c
    query = select(rv.payload).where(rv.workload_id == workload_id, rv.version == version)
    return conn.execute(query).scalar_one_or_none()


def version_values(record: DecisionRecord) -> dict[str, Any]:
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


def _latest_join(include_archived: bool, *columns: Any) -> Any:
    rv = record_versions.c
    latest = select(rv.workload_id, func.max(rv.version).label("version")).group_by(rv.workload_id).subquery("latest")
    joined = workloads.outerjoin(latest, latest.c.workload_id == workloads.c.id).outerjoin(
        record_versions, and_(rv.workload_id == latest.c.workload_id, rv.version == latest.c.version)
    )
    query = select(*columns).select_from(joined)
    return query if include_archived else query.where(workloads.c.archived_at.is_(None))


def _status(row: Row[Any]) -> WorkloadStatus:
    return workload_status(None) if row.latest_version is None else _status_of(row.record_status, row.walk_status)


@functools.cache
def _status_of(record_status: str, walk_status: str) -> WorkloadStatus:
    """advisor.decide.record_builder.workload_status from the two stored columns (a handful of pairs, so cached)."""
    return workload_status(DecisionRecord.model_construct(status=record_status, walk_status=walk_status))


def summaries(conn: Connection, *, search: str | None, include_archived: bool) -> list[WorkloadSummary]:
    rv = record_versions.c
    query = _latest_join(
        include_archived,
        workloads,
        rv.version.label("latest_version"),
        rv.status.label("record_status"),
        rv.walk_status,
        rv.service,
        rv.knowledge_version,
        rv.author,
    ).order_by(workloads.c.name_key)
    needle = (search or "").strip().casefold()
    result = []
    for row in conn.execute(query):
        if needle and not any(needle in text.casefold() for text in (row.name, row.owner, row.context)):
            continue
        result.append(
            WorkloadSummary(
                workload=workload_from_row(row),
                status=_status(row),
                service=row.service,
                version=row.latest_version,
                knowledge_version=row.knowledge_version,
                author=row.author,
                updated_at=utc(row.updated_at),
            )
        )
    return result


def latest_payloads(conn: Connection, status: str | None) -> list[str]:
    """Payloads of each non-archived workload's latest version, by workload name."""
    if status is not None and status not in STATUSES:
        raise InputError(Problem(f"unknown status {status!r} (known: {', '.join(STATUSES)})", ident="status"))
    rv = record_versions.c
    query = (
        _latest_join(
            False, rv.version.label("latest_version"), rv.status.label("record_status"), rv.walk_status, rv.payload
        )
        .where(rv.version.is_not(None))
        .order_by(workloads.c.name_key)
    )
    rows = conn.execute(query)
    return [row.payload for row in rows if status is None or status in (row.record_status, _status(row))]


def latest_workload_ids(
    conn: Connection, *, status: str | None, service: str | None, knowledge_version: str | None
) -> list[int]:
    """Ids of the non-archived workloads whose latest version matches every filter given, by name.

    ``status`` is a workload or record status (as :func:`latest_payloads`); ``service`` is the chosen
    service (the override's, else the tree's outcome); read from the copied columns, never the payloads.
    """
    if status is not None and status not in STATUSES:
        raise InputError(Problem(f"unknown status {status!r} (known: {', '.join(STATUSES)})", ident="status"))
    rv = record_versions.c
    query = _latest_join(
        False, workloads.c.id, rv.version.label("latest_version"), rv.status.label("record_status"), rv.walk_status
    ).where(rv.version.is_not(None))
    if service is not None:
        query = query.where(rv.service == service)
    if knowledge_version is not None:
        query = query.where(rv.knowledge_version == knowledge_version)
    rows = conn.execute(query.order_by(workloads.c.name_key))
    return [row.id for row in rows if status is None or status in (row.record_status, _status(row))]


def summary_frame(conn: Connection, *, search: str | None, include_archived: bool) -> pd.DataFrame:
    """The workload list as one DataFrame (no per-row objects): what a table of thousands needs."""
    rv = record_versions.c
    w = workloads.c
    query = _latest_join(
        include_archived, w.id, w.name, w.owner, w.context, w.archived_at, w.updated_at,
        rv.version.label("latest_version"), rv.status.label("record_status"), rv.walk_status, rv.service,
        rv.knowledge_version, rv.author,
    ).order_by(w.name_key)  # fmt: skip
    # Plain tuples: pandas probing SQLAlchemy Row objects attribute by attribute is slow.
    frame = pd.DataFrame([tuple(row) for row in conn.execute(query).fetchall()], columns=[
        "id", "name", "owner", "context", "archived_at", "updated_at", "version", "record_status", "walk_status",
        "service", "knowledge_version", "author",
    ])  # fmt: skip
    needle = (search or "").strip().casefold()
    if needle and not frame.empty:
        text = frame["name"] + "\n" + frame["owner"] + "\n" + frame["context"]
        frame = frame[text.str.casefold().str.contains(needle, regex=False)]
    frame = frame.assign(
        status=[
            "not_started" if pd.isna(version) else _status_of(status, walk)
            for version, status, walk in zip(
                frame["version"], frame["record_status"], frame["walk_status"], strict=True
            )
        ],
        archived=frame["archived_at"].notna(),
        updated_at=pd.to_datetime(frame["updated_at"], utc=True),
    )
    return frame.drop(columns=["archived_at", "record_status", "walk_status"]).reset_index(drop=True)


def revision(conn: Connection) -> tuple[object, ...]:
    """(workload count, newest workload change, newest record version id): any write changes one of them."""
    row = conn.execute(
        select(func.count(workloads.c.id), func.max(workloads.c.updated_at)).select_from(workloads)
    ).one()
    newest = conn.execute(select(func.max(record_versions.c.id))).scalar()
    return (row[0], str(row[1]), newest)
