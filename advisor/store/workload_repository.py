"""Workloads in the database: rows written as the services give them, and the workload list.

Workloads are never deleted: archiving sets ``archived_at``. Every write method's name says so
(``insert_…``, ``update_…``, ``touch_…``); only :mod:`advisor.services` calls them.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Connection, func, insert, select, update

from advisor.models.names import name_key
from advisor.models.record import VmLink, Workload
from advisor.store.queries import latest_join, matches_status, row_status
from advisor.store.tables import record_versions, workloads
from advisor.store.workload_list import WorkloadList
from advisor.store.workload_rows import WorkloadSummary, utc, vm_links_json, workload_from_row

_UNSET: Any = object()


class WorkloadRepository:
    """The workloads table, read and written on one connection."""

    def __init__(self, connection: Connection, workload_list: WorkloadList | None = None) -> None:
        self._conn = connection
        self._list = workload_list or WorkloadList()

    def get(self, workload_id: int) -> Workload | None:
        row = self._conn.execute(select(workloads).where(workloads.c.id == workload_id)).first()
        return workload_from_row(row) if row is not None else None

    def by_name(self, name: str) -> Workload | None:
        """The workload with this name, compared case-insensitively (archived ones included)."""
        row = self._conn.execute(select(workloads).where(workloads.c.name_key == name_key(name))).first()
        return workload_from_row(row) if row is not None else None

    def next_record_number(self) -> int:
        """One more than the highest decision-record number given so far (1 for the first workload)."""
        highest = self._conn.execute(select(func.max(workloads.c.record_number))).scalar()
        return (highest or 0) + 1

    def insert_workload_row(
        self, *, name: str, owner: str, context: str, vm_links: Sequence[VmLink], archived: bool,
        moment: datetime.datetime, number: int, origin_number: int | None = None,
    ) -> Workload:  # fmt: skip
        values = {
            "name": name, "name_key": name_key(name), "owner": owner, "context": context,
            "vm_links": vm_links_json(vm_links), "archived_at": moment if archived else None, "created_at": moment,
            "updated_at": moment, "record_number": number, "origin_number": origin_number,
        }  # fmt: skip
        new_id = self._conn.execute(insert(workloads).values(**values).returning(workloads.c.id)).scalar_one()
        found = self.get(new_id)
        assert found is not None
        return found

    def update_workload_row(
        self,
        workload_id: int,
        moment: datetime.datetime,
        *,
        name: str = _UNSET,
        owner: str = _UNSET,
        context: str = _UNSET,
        vm_links: Sequence[VmLink] = _UNSET,
        archived: bool = _UNSET,
    ) -> Workload:
        """Change the fields given (``updated_at`` to ``moment``, and count the change); the workload as it is now."""
        values: dict[str, Any] = {"updated_at": moment, "change_count": workloads.c.change_count + 1}
        if name is not _UNSET:
            values |= {"name": name, "name_key": name_key(name)}
        if owner is not _UNSET:
            values["owner"] = owner
        if context is not _UNSET:
            values["context"] = context
        if vm_links is not _UNSET:
            values["vm_links"] = vm_links_json(vm_links)
        if archived is not _UNSET:
            values["archived_at"] = moment if archived else None
        self._conn.execute(update(workloads).where(workloads.c.id == workload_id).values(**values))
        found = self.get(workload_id)
        assert found is not None
        return found

    def touch_workload_rows(self, workload_ids: Sequence[int], moment: datetime.datetime) -> None:
        """Set ``updated_at`` and count the change (a version was saved): the list's revision changes."""
        ids = list(dict.fromkeys(workload_ids))
        if ids:
            self._conn.execute(
                update(workloads)
                .where(workloads.c.id.in_(ids))
                .values(updated_at=moment, change_count=workloads.c.change_count + 1)
            )

    def summaries(self, *, search: str | None, include_archived: bool) -> list[WorkloadSummary]:
        """Workloads by name with their latest version's columns; ``search`` matches name, owner or context."""
        rv = record_versions.c
        query = latest_join(
            include_archived, workloads, rv.version.label("latest_version"), rv.status.label("record_status"),
            rv.walk_status, rv.service, rv.knowledge_version, rv.author,
        ).order_by(workloads.c.name_key)  # fmt: skip
        needle = (search or "").strip().casefold()
        result = []
        for row in self._conn.execute(query):
            if needle and not any(needle in text.casefold() for text in (row.name, row.owner, row.context)):
                continue
            result.append(
                WorkloadSummary(
                    workload=workload_from_row(row),
                    status=row_status(row),
                    service=row.service,
                    version=row.latest_version,
                    knowledge_version=row.knowledge_version,
                    author=row.author,
                    updated_at=utc(row.updated_at),
                )
            )
        return result

    def frame(self, *, search: str | None, include_archived: bool) -> pd.DataFrame:
        """The workload list as one DataFrame (no per-row objects): what a table of thousands needs.

        Columns id, name, owner, context, updated_at, version, service, knowledge_version, author, status, archived;
        sorted by name. Read through the database's in-memory list, which reads only the rows changed since.
        """
        frame = self._list.current(self._conn)
        if not include_archived:
            frame = frame[~frame["archived"]]
        needle = (search or "").strip().casefold()
        if needle and not frame.empty:
            text = frame["name"] + "\n" + frame["owner"] + "\n" + frame["context"]
            frame = frame[text.str.casefold().str.contains(needle, regex=False)]
        shown = ["id", "name", "owner", "context", "updated_at", "version", "service", "knowledge_version", "author"]
        return frame[[*shown, "status", "archived"]].reset_index(drop=True)

    def revision(self) -> tuple[object, ...]:
        """(workload count, their changes counted, newest record version id): any write changes one of them."""
        row = self._conn.execute(select(func.count(workloads.c.id), func.sum(workloads.c.change_count))).one()
        newest = self._conn.execute(select(func.max(record_versions.c.id))).scalar()
        return (row[0], int(row[1] or 0), newest)

    def latest_ids(self, *, status: str | None, service: str | None, knowledge_version: str | None) -> list[int]:
        """Ids of the live workloads whose latest version matches every filter given, by name.

        ``status`` is a workload or record status; ``service`` the chosen service (the override's, else the
        tree's); read from the copied columns, never the payloads.
        """
        rv = record_versions.c
        query = latest_join(
            False, workloads.c.id, rv.version.label("latest_version"), rv.status.label("record_status"), rv.walk_status
        ).where(rv.version.is_not(None))
        if service is not None:
            query = query.where(rv.service == service)
        if knowledge_version is not None:
            query = query.where(rv.knowledge_version == knowledge_version)
        rows = self._conn.execute(query.order_by(workloads.c.name_key))
        return [row.id for row in rows if matches_status(row, status)]
