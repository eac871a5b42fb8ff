"""The database and its units of work: one transaction, with a repository per aggregate bound to it.

:class:`Database` holds the engine; on first use it brings the schema to the newest revision
(:mod:`advisor.store.migrations`). :meth:`Database.read` opens a read transaction (``BEGIN`` on SQLite),
:meth:`Database.transaction` a write transaction (``BEGIN IMMEDIATE`` on SQLite: the writer takes the write
lock before it reads), and :meth:`Database.run` runs a unit of work in a write transaction, once more if a
concurrent writer won a race on a unique key (on PostgreSQL two writers can both find a name or a version
free; the loser's transaction is rolled back whole and its second run sees the winner's row, so the
service's own check then refuses it in words). Database failures surface as one-line StoreErrors.

Only services open write transactions: the repositories persist and query, they decide nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import ArgumentError, IntegrityError

from advisor.errors import Problem, StoreError
from advisor.store import migrations
from advisor.store.account_repository import AccountRepository
from advisor.store.audit_repository import AuditRepository
from advisor.store.board_queries import BoardQueries
from advisor.store.database import (
    DEFAULT_BUSY_TIMEOUT_MS,
    WRITE_OPTION,
    create_data_folder,
    database_url,
    display_url,
    open_engine,
)
from advisor.store.faults import store_error, translated_faults
from advisor.store.inventory_repository import InventoryRepository
from advisor.store.price_repository import PriceRepository
from advisor.store.profile_repository import ProfileRepository
from advisor.store.record_repository import RecordRepository
from advisor.store.reevaluation_repository import ReevaluationRepository
from advisor.store.session_repository import SessionRepository
from advisor.store.submission_repository import SubmissionRepository
from advisor.store.workload_list import WorkloadList
from advisor.store.workload_repository import WorkloadRepository

T = TypeVar("T")


class UnitOfWork:
    """One open transaction and the repositories bound to it."""

    def __init__(self, connection: Connection, workload_list: WorkloadList | None = None) -> None:
        self.connection = connection
        self._workload_list = workload_list

    @cached_property
    def workloads(self) -> WorkloadRepository:
        return WorkloadRepository(self.connection, self._workload_list)

    @cached_property
    def records(self) -> RecordRepository:
        return RecordRepository(self.connection)

    @cached_property
    def inventories(self) -> InventoryRepository:
        return InventoryRepository(self.connection)

    @cached_property
    def profiles(self) -> ProfileRepository:
        return ProfileRepository(self.connection)

    @cached_property
    def sessions(self) -> SessionRepository:
        return SessionRepository(self.connection)

    @cached_property
    def reevaluations(self) -> ReevaluationRepository:
        return ReevaluationRepository(self.connection)

    @cached_property
    def prices(self) -> PriceRepository:
        return PriceRepository(self.connection)

    @cached_property
    def accounts(self) -> AccountRepository:
        return AccountRepository(self.connection)

    @cached_property
    def audit(self) -> AuditRepository:
        return AuditRepository(self.connection)

    @cached_property
    def submissions(self) -> SubmissionRepository:
        return SubmissionRepository(self.connection)

    @cached_property
    def board(self) -> BoardQueries:
        return BoardQueries(self.connection, self._workload_list)


class Database:
    """An open database at ``url`` (default: :func:`~advisor.store.database.database_url`)."""

    def __init__(self, url: str | None = None, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> None:
        self.url = url or database_url()
        self.display_url = display_url(self.url)
        try:
            self._engine = open_engine(self.url, busy_timeout_ms=busy_timeout_ms)
        except ArgumentError as exc:
            raise StoreError(Problem(f"not a usable database URL: {exc}", file=self.display_url)) from None
        self._ready = False
        # The workload list in memory, shared by every unit of this database (brought up to date on each read).
        self._workload_list = WorkloadList()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    def check(self) -> None:
        """Connect and bring the schema to the newest revision; StoreError when the database is unusable."""
        self._ready = False
        self._ensure_schema()

    def _ensure_schema(self) -> None:
        if not self._ready:
            with translated_faults(self.url):
                create_data_folder(self.url)
                migrations.upgrade(self._engine, self.display_url)
            self._ready = True

    @contextmanager
    def read(self) -> Iterator[UnitOfWork]:
        """A read transaction: what it reads is one consistent snapshot."""
        self._ensure_schema()
        with translated_faults(self.url), self._engine.connect() as conn, conn.begin():
            yield UnitOfWork(conn, self._workload_list)

    @contextmanager
    def transaction(self) -> Iterator[UnitOfWork]:
        """A write transaction: everything in it is saved together, or nothing is."""
        self._ensure_schema()
        with translated_faults(self.url), self._engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                yield UnitOfWork(conn, self._workload_list)

    def run(self, work: Callable[[UnitOfWork], T]) -> T:
        """``work`` in one write transaction, run once more if a concurrent writer took a unique key first.

        A second refusal by the database is a StoreError; nothing of either run is saved.
        """
        for attempt in (1, 2):
            try:
                with self.transaction() as unit:
                    return work(unit)
            except IntegrityError as exc:
                if attempt == 2:
                    raise store_error(exc, self.url) from exc
        raise AssertionError("unreachable")
