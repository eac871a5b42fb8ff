"""The plumbing every part of :class:`~advisor.store.repository.Store` shares: the engine, the schema
check on first use, and read and write transactions whose database failures surface as StoreError.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import ArgumentError, IntegrityError

from advisor.errors import Problem, StoreError
from advisor.store.database import (
    DEFAULT_BUSY_TIMEOUT_MS,
    WRITE_OPTION,
    create_data_folder,
    database_url,
    display_url,
    open_engine,
)
from advisor.store.faults import store_error, translated_faults
from advisor.store.tables import prepare_schema

T = TypeVar("T")


class StoreBase:
    """An open database at ``url`` (default: :func:`database_url`); tables are created on first use."""

    def __init__(self, url: str | None = None, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> None:
        self.url = url or database_url()
        self.display_url = display_url(self.url)
        try:
            self._engine = open_engine(self.url, busy_timeout_ms=busy_timeout_ms)
        except ArgumentError as exc:
            raise StoreError(Problem(f"not a usable database URL: {exc}", file=self.display_url)) from None
        self._ready = False

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    def check(self) -> None:
        """Connect and create the tables if missing; raises StoreError when the database is unusable."""
        self._ready = False
        self._ensure_schema()

    def _ensure_schema(self) -> None:
        if not self._ready:
            with translated_faults(self.url):
                create_data_folder(self.url)
                prepare_schema(self._engine, self.display_url)
            self._ready = True

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        self._ensure_schema()
        with translated_faults(self.url), self._engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        self._ensure_schema()
        with translated_faults(self.url), self._engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                yield conn

    def _write_retrying(self, work: Callable[[Connection], T]) -> T:
        """``work`` in one write transaction, run once more if a concurrent writer took a unique name first.

        On PostgreSQL two writers can both find a name free and both insert it; the loser's transaction
        is rolled back whole, and its second run finds the winner's row. A second refusal is a StoreError.
        """
        for attempt in (1, 2):
            try:
                with self._write() as conn:
                    return work(conn)
            except IntegrityError as exc:
                if attempt == 2:
                    raise store_error(exc, self.url) from exc
        raise AssertionError("unreachable")
