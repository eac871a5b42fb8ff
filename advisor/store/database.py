"""Choosing and opening the database: ``ADVISOR_DATABASE_URL``, else a SQLite file in the data folder.

SQLite connections run in WAL mode with foreign keys on, a busy timeout and ``synchronous=NORMAL``
(safe against a crashed or killed process). Transactions are begun explicitly: ``BEGIN`` for reads
and ``BEGIN IMMEDIATE`` for writes (``write=True`` execution option), so a writer takes the write
lock before it reads and never fails half-way on an upgrade from a read lock. PostgreSQL connections
are checked before use (``pool_pre_ping``).
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from advisor import paths
from advisor.errors import Problem, StoreError

DATABASE_URL_VARIABLE = "ADVISOR_DATABASE_URL"
DATA_DIR_VARIABLE = paths.DATA_DIR_VARIABLE
DATABASE_FILE_NAME = "advisor.db"
DEFAULT_BUSY_TIMEOUT_MS = 5000
# How long an instance starting at the same time as another waits for that one's schema upgrade (SQLite): the
# upgrade runs every migration in one transaction, which takes seconds on a loaded machine, not the 5 s of a write.
SCHEMA_UPGRADE_WAIT_MS = 120_000
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


MASK = "***"
# Query-string or key=value settings whose value is a secret (libpq's password, sslpassword, passfile...).
_SECRET_KEY = re.compile(r"pass|pwd|secret|token|credential|sslkey", re.IGNORECASE)
_KEY_VALUE = re.compile(r"""([A-Za-z_][\w.-]*)(\s*=\s*)('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s&;]*)""")
_USERINFO = re.compile(r"(//[^/@:\s]*:)\S*@")  # up to the last @: a password may hold / or @


def display_url(url: str | URL) -> str:
    """The URL to show people: every secret masked (userinfo password, ``password=`` settings), in any form.

    A text that is not a URL (a libpq ``key=value`` string, a port that is not a number) is shown with
    its ``user:password@`` part and every secret-looking ``key=value`` masked.
    """
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError, TypeError):
        return _masked_text(str(url))
    query = {key: (MASK if _SECRET_KEY.search(key) else value) for key, value in parsed.query.items()}
    if parsed.get_backend_name() == "sqlite":  # no password; show the path as typed, not percent-encoded
        text = "&".join(f"{key}={value}" for key, value in query.items())
        return _masked_text(f"{parsed.drivername}:///{parsed.database or ''}" + (f"?{text}" if text else ""))
    return _masked_text(parsed.set(query=query).render_as_string(hide_password=True))


def _masked_text(text: str) -> str:
    text = _USERINFO.sub(lambda m: f"{m.group(1)}{MASK}@", text)
    return _KEY_VALUE.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}" if _SECRET_KEY.search(m.group(1)) else m.group(0),
                          text)  # fmt: skip


def parse_url(url: str | URL) -> URL:
    """``url`` parsed; StoreError naming what is wrong (never echoing a secret) when it cannot be used."""
    shown = display_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        hint = (" (it looks like a libpq key=value string: write it as postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB)"
                if "=" in str(url) and "://" not in str(url) else "")  # fmt: skip
        raise _url_error(f"not a database URL{hint}", shown) from None
    except ValueError:
        raise _url_error("the port is not a number", shown) from None
    try:
        parsed.get_dialect().import_dbapi()
    except NoSuchModuleError:
        raise _url_error(f"unknown database driver {parsed.drivername!r}", shown) from None
    except ImportError as exc:
        raise _url_error(
            f"the database driver for {parsed.drivername!r} is not installed ({exc.name})", shown
        ) from None
    return parsed


def _url_error(what: str, shown: str) -> StoreError:
    return StoreError(Problem(f"not a usable database URL: {what}", file=shown))


def server_address(url: str | URL) -> str:
    """``host:port`` a PostgreSQL URL connects to, the query's ``host=``/``port=`` included."""
    parsed = make_url(url)
    host = parsed.host or parsed.query.get("host") or "localhost"
    port = parsed.port or parsed.query.get("port") or 5432
    return (
        f"{host if isinstance(host, str) else ','.join(host)}:{port if isinstance(port, str | int) else ','.join(port)}"
    )


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


def use_wal(cursor: Any, wait_seconds: float) -> None:
    """Put the database in WAL mode unless it is already.

    Several instances opening a new file at once all find it in rollback mode and all ask for WAL; SQLite may
    refuse one of them at once ("database is locked") instead of waiting, because waiting could deadlock (each
    holds the shared lock the other needs to give up). That one reads the mode again after a short pause (another
    instance has usually switched it meanwhile), until its busy timeout has passed.
    """
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)


def open_engine(url: str | URL, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> Engine:
    """An engine for ``url``; for SQLite the pragmas above are set on every new connection.

    A URL that cannot be used (not a URL, a port that is not a number, an unknown or missing driver) is
    a StoreError naming the problem, its secrets masked.
    """
    url = parse_url(url)
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
            use_wal(cursor, busy_timeout_ms / 1000)
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
