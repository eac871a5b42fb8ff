"""The persistent store: workloads (soft-deleted by archiving) and their append-only record versions,
plus estates and inventory imports (:mod:`.inventory_repository`), answer profiles
(:mod:`.profile_repository`) and review sessions (:mod:`.session_repository`); the plumbing they share is
in :mod:`.base`.

Every method is one transaction: a failed save leaves the database as it was. Record versions are
never updated or deleted; a save must carry the next version number, so a writer that read an
older version gets :class:`~advisor.errors.ConflictError` instead of overwriting someone's work.
Database failures surface as one-line :class:`~advisor.errors.StoreError` messages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import pandas as pd
from sqlalchemy import Connection, insert, update
from sqlalchemy.exc import IntegrityError

from advisor.errors import InputError, Problem
from advisor.models.record import DecisionRecord, VmLink, Workload
from advisor.store import queries
from advisor.store.board_repository import BoardStore
from advisor.store.export_repository import ExportStore
from advisor.store.faults import store_error
from advisor.store.inventory_repository import InventoryStore
from advisor.store.profile_repository import ProfileStore
from advisor.store.session_repository import SessionStore
from advisor.store.tables import record_versions, workloads
from advisor.store.workload_rows import (
    WorkloadSummary,
    clean_context,
    clean_name,
    clean_owner,
    conflict_error,
    name_key,
    now,
    vm_links_json,
    workload_from_row,
)


class Store(InventoryStore, ProfileStore, SessionStore, ExportStore, BoardStore):
    """Workloads and decision records, inventory imports (:class:`InventoryStore`), answer profiles
    (:class:`ProfileStore`), review sessions (:class:`SessionStore`), the bulk reads and all-or-nothing
    imports of exports (:class:`ExportStore`) and the board's portfolio frame (:class:`BoardStore`) in the
    database at ``url`` (default: :func:`~advisor.store.database.database_url`).
    """

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # Workloads

    def create_workload(
        self, name: str, owner: str = "", context: str = "", vm_links: Iterable[VmLink | Mapping[str, Any]] = ()
    ) -> Workload:
        values = {
            "name": clean_name(name),
            "owner": clean_owner(owner),
            "context": clean_context(context),
            "vm_links": vm_links_json(vm_links),
        }
        values["name_key"] = name_key(values["name"])
        with self._unique_name(values["name_key"]), self._write() as conn:
            self._refuse_taken_name(conn, values["name_key"])
            moment = now()
            new_id = conn.execute(
                insert(workloads).values(**values, created_at=moment, updated_at=moment).returning(workloads.c.id)
            ).scalar_one()
            return workload_from_row(queries.workload_row(conn, new_id))

    def rename_workload(self, workload_id: int, name: str) -> Workload:
        cleaned = clean_name(name)
        key = name_key(cleaned)
        with self._unique_name(key), self._write() as conn:
            queries.workload_row(conn, workload_id)
            self._refuse_taken_name(conn, key, but=workload_id)
            return self._update(conn, workload_id, name=cleaned, name_key=key)

    def update_workload(
        self,
        workload_id: int,
        *,
        owner: str | None = None,
        context: str | None = None,
        vm_links: Iterable[VmLink | Mapping[str, Any]] | None = None,
    ) -> Workload:
        values: dict[str, Any] = {}
        if owner is not None:
            values["owner"] = clean_owner(owner)
        if context is not None:
            values["context"] = clean_context(context)
        if vm_links is not None:
            values["vm_links"] = vm_links_json(vm_links)
        with self._write() as conn:
            queries.workload_row(conn, workload_id)
            return self._update(conn, workload_id, **values)

    def archive_workload(self, workload_id: int) -> Workload:
        """Hide the workload from lists; its history is kept, and :meth:`restore_workload` undoes it."""
        with self._write() as conn:
            if queries.workload_row(conn, workload_id).archived_at is not None:
                return workload_from_row(queries.workload_row(conn, workload_id))
            return self._update(conn, workload_id, archived_at=now())

    def restore_workload(self, workload_id: int) -> Workload:
        with self._write() as conn:
            if queries.workload_row(conn, workload_id).archived_at is None:
                return workload_from_row(queries.workload_row(conn, workload_id))
            return self._update(conn, workload_id, archived_at=None)

    def get_workload(self, workload_id: int) -> Workload:
        with self._read() as conn:
            return workload_from_row(queries.workload_row(conn, workload_id))

    def find_workload(self, name: str) -> Workload | None:
        """The workload with this name, compared case-insensitively (archived ones included)."""
        with self._read() as conn:
            row = queries.workload_row_by_key(conn, name_key(name))
            return workload_from_row(row) if row is not None else None

    def list_workloads(self, search: str | None = None, include_archived: bool = False) -> list[WorkloadSummary]:
        """Workloads by name with their latest record's status; ``search`` matches name, owner or context."""
        with self._read() as conn:
            return queries.summaries(conn, search=search, include_archived=include_archived)

    def revision(self) -> tuple[object, ...]:
        """Changes whenever a workload or a record version is written: a key for caching lists."""
        with self._read() as conn:
            return queries.revision(conn)

    def workload_frame(self, search: str | None = None, include_archived: bool = False) -> pd.DataFrame:
        """The same list as :meth:`list_workloads`, as a DataFrame (columns id, name, owner, context,
        updated_at, version, service, knowledge_version, author, status, archived), for large tables."""
        with self._read() as conn:
            return queries.summary_frame(conn, search=search, include_archived=include_archived)

    # Records

    def latest_record(self, workload_id: int) -> DecisionRecord | None:
        with self._read() as conn:
            queries.workload_row(conn, workload_id)
            row = queries.latest_version_row(conn, workload_id)
            return DecisionRecord.model_validate_json(row.payload) if row is not None else None

    def record_history(self, workload_id: int) -> list[DecisionRecord]:
        """Every version of the workload's record, oldest first."""
        with self._read() as conn:
            queries.workload_row(conn, workload_id)
            return [DecisionRecord.model_validate_json(payload) for payload in queries.payloads(conn, workload_id)]

    def record_version(self, workload_id: int, version: int) -> DecisionRecord:
        with self._read() as conn:
            workload = queries.workload_row(conn, workload_id)
            payload = queries.payload(conn, workload_id, version)
            if payload is None:
                raise InputError(Problem(f"workload {workload.name!r} has no version {version}", ident="version"))
            return DecisionRecord.model_validate_json(payload)

    def latest_records(self, status: str | None = None) -> list[DecisionRecord]:
        """The latest version of every workload that is not archived, optionally of one status.

        ``status`` is a workload status (``in_progress``, ``recommended``, …) or a record status
        (``proposed``, ``accepted``, …); a record matches either.
        """
        with self._read() as conn:
            return [DecisionRecord.model_validate_json(payload) for payload in queries.latest_payloads(conn, status)]

    def append_record(self, record: DecisionRecord) -> DecisionRecord:
        """Save ``record`` as its workload's next version; ConflictError if someone saved first."""
        try:
            with self._write() as conn:
                workload = queries.workload_row(conn, record.workload_id)
                if workload.archived_at is not None:
                    raise InputError(
                        Problem(f"workload {workload.name!r} is archived; restore it to save", ident="workload")
                    )
                latest = queries.latest_version_row(conn, record.workload_id)
                if record.version != (latest.version if latest is not None else 0) + 1:
                    raise conflict_error(self.display_url, workload.name, record, latest)
                conn.execute(insert(record_versions).values(**queries.version_values(record)))
                conn.execute(update(workloads).where(workloads.c.id == record.workload_id).values(updated_at=now()))
        except IntegrityError:  # a writer racing for the same version committed first
            with self._read() as conn:
                name = queries.workload_row(conn, record.workload_id).name
                raise conflict_error(
                    self.display_url, name, record, queries.latest_version_row(conn, record.workload_id)
                ) from None
        return record

    def append_records(self, records: Sequence[DecisionRecord]) -> list[DecisionRecord]:
        """Save each record as its workload's next version, all in one transaction: all or nothing.

        ConflictError (nothing saved) if any workload got a newer version first; InputError if one is archived.
        """
        current: DecisionRecord | None = None
        try:
            with self._write() as conn:
                for current in records:
                    workload = queries.workload_row(conn, current.workload_id)
                    if workload.archived_at is not None:
                        raise InputError(
                            Problem(f"workload {workload.name!r} is archived; restore it to save", ident="workload")
                        )
                    latest = queries.latest_version_row(conn, current.workload_id)
                    if current.version != (latest.version if latest is not None else 0) + 1:
                        raise conflict_error(self.display_url, workload.name, current, latest)
                    conn.execute(insert(record_versions).values(**queries.version_values(current)))
                    conn.execute(
                        update(workloads).where(workloads.c.id == current.workload_id).values(updated_at=now())
                    )
        except IntegrityError:  # a writer racing for one of these versions committed first
            assert current is not None
            with self._read() as conn:
                name = queries.workload_row(conn, current.workload_id).name
                latest = queries.latest_version_row(conn, current.workload_id)
                raise conflict_error(self.display_url, name, current, latest) from None
        return list(records)

    # Plumbing

    @contextmanager
    def _unique_name(self, key: str) -> Iterator[None]:
        """Turn a lost race for a name into the same InputError a taken name gives."""
        try:
            yield
        except IntegrityError as exc:
            with self._read() as conn:
                self._refuse_taken_name(conn, key)
            raise store_error(exc, self.url) from exc

    @staticmethod
    def _refuse_taken_name(conn: Connection, key: str, *, but: int | None = None) -> None:
        existing = queries.workload_row_by_key(conn, key)
        if existing is not None and existing.id != but:
            archived = " (archived: restore it instead)" if existing.archived_at is not None else ""
            raise InputError(Problem(f"a workload named {existing.name!r} already exists{archived}", ident="name"))

    @staticmethod
    def _update(conn: Connection, workload_id: int, **values: Any) -> Workload:
        conn.execute(update(workloads).where(workloads.c.id == workload_id).values(**values, updated_at=now()))
        return workload_from_row(queries.workload_row(conn, workload_id))
