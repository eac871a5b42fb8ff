"""Choosing and opening the database: ``ADVISOR_DATABASE_URL``, else a SQLite file in the data folder.

SQLite connections run in WAL mode with foreign keys on, a busy timeout and ``synchronous=NORMAL``
(safe against a crashed or killed process). Transactions are begun explicitly: ``BEGIN`` for reads
and ``BEGIN IMMEDIATE`` for writes (``write=True`` execution option), so a writer takes the write
lock before it reads and never fails half-way on an upgrade from a read lock. PostgreSQL connections
are checked before use (``pool_pre_ping``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from advisor import paths

DATABASE_URL_VARIABLE = "ADVISOR_DATABASE_URL"
DATA_DIR_VARIABLE = paths.DATA_DIR_VARIABLE
DATABASE_FILE_NAME = "advisor.db"
DEFAULT_BUSY_TIMEOUT_MS = 5000
WRITE_OPTION = "advisor_write"


def data_dir() -> Path:
    """``ADVISOR_DATA_DIR`` if set, else ``data/`` in a checkout or a per-user folder when installed (advisor.paths)."""
    return paths.data_dir()


def database_url() -> str:
    """``ADVISOR_DATABASE_URL`` if set, else the SQLite file ``advisor.db`` in the data folder."""
    configured = os.environ.get(DATABASE_URL_VARIABLE, "").strip()
    if configured:
        return configured
    return f"sqlite:///{data_dir().resolve() / DATABASE_FILE_NAME}"


def display_url(url: str | URL) -> str:
    """The URL to show people: the password masked."""
    try:
        parsed = make_url(url)
    except Exception:  # not a URL at all: show it as given, it holds no parsed password
        return str(url)
    if parsed.get_backend_name() == "sqlite":  # no password; show the path as typed, not percent-encoded
        query = "&".join(f"{key}={value}" for key, value in parsed.query.items())
        return f"{parsed.drivername}:///{parsed.database or ''}" + (f"?{query}" if query else "")
    return parsed.render_as_string(hide_password=True)


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_file(url: str | URL) -> Path | None:
    """The database file of a SQLite URL, or None for an in-memory database."""
    parsed = make_url(url)
    database = parsed.database or ""
    if not database or database == ":memory:" or "mode=memory" in database:
        return None
    if parsed.query.get("uri") == "true" and database.startswith("file:"):
        return Path(database.removeprefix("file:"))
    return Path(database)


def create_data_folder(url: str | URL) -> None:
    """Create the folder of a SQLite database file (the data folder on first start); no-op otherwise."""
    path = sqlite_file(url)
    if path is not None and make_url(url).query.get("mode") != "ro":
        path.parent.mkdir(parents=True, exist_ok=True)


def open_engine(url: str | URL, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    """An engine for ``url``; for SQLite the pragmas above are set on every new connection."""
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver must not begin transactions on its own
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
