"""Schema migrations (Alembic), run by the app and the command line on start.

The revisions live in ``versions/`` beside this file and are configured here in code (there is no
``alembic.ini``): :func:`config` points Alembic at them. :func:`upgrade` brings a database to the newest
revision in ONE transaction, so a failure leaves it as it was; on PostgreSQL it first takes an advisory
lock, so two instances starting at once upgrade one after the other (the second finds nothing to do).

A database whose revision this code does not know (made by a newer app), or whose pre-migration
``schema_version`` is above 3, is refused with one line and left untouched. Databases made before
migrations (schema versions 1 to 3, no ``alembic_version`` table) and empty ones start at the base revision.

To write a new revision: ``alembic.command.revision(advisor.store.migrations.config(), "what it does")``
then edit the file it makes in ``versions/``, with ``down_revision`` the previous head.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, select, text

from advisor.errors import Problem, StoreError
from advisor.store.database import DEFAULT_BUSY_TIMEOUT_MS, SCHEMA_UPGRADE_WAIT_MS, WRITE_OPTION
from advisor.store.migrations import schema3

MIGRATIONS_DIR = Path(__file__).resolve().parent
_SCHEMA_LOCK = 0x61647673  # a PostgreSQL advisory lock key: one app instance changes the schema at a time


def config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for this package's revisions, optionally bound to ``connection``."""
    settings = Config()
    settings.set_main_option("script_location", str(MIGRATIONS_DIR))
    settings.attributes["connection"] = connection
    return settings


def head() -> str:
    """The newest revision this code knows."""
    revision = ScriptDirectory.from_config(config()).get_current_head()
    assert revision is not None, "no revisions in advisor/store/migrations/versions"
    return revision


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(config()).walk_revisions()}


@dataclass(frozen=True)
class SchemaState:
    """Where a database stands: its Alembic revision, and the pre-migration ``schema_version`` if it has one."""

    revision: str | None
    legacy_version: int | None

    @property
    def empty(self) -> bool:
        return self.revision is None and self.legacy_version is None


def state(connection: Connection) -> SchemaState:
    revision = MigrationContext.configure(connection).get_current_revision()
    legacy = None
    info = schema3.schema_info
    if inspect(connection).has_table(info.name):
        legacy = connection.execute(select(info.c.version).where(info.c.id == 1)).scalar_one_or_none()
    return SchemaState(revision, legacy)


def refusal(found: SchemaState) -> str | None:
    """Why this code must not touch a database in this state, or None when it may upgrade it."""
    if found.revision is not None and found.revision not in known_revisions():
        return (
            f"the database is at schema revision {found.revision!r}, which this app does not know (a newer app "
            f"made it; this one knows up to {head()!r}): upgrade the app; the database was not changed"
        )
    if found.legacy_version is not None and found.legacy_version > schema3.SCHEMA_VERSION:
        return (
            f"the database has schema version {found.legacy_version}, newer than this app's "
            f"{schema3.SCHEMA_VERSION}; upgrade the app"
        )
    return None


def upgrade(engine: Engine, display_url: str) -> None:
    """Bring the database to the newest revision in one transaction; refuse a newer app's database."""
    with engine.connect() as conn, conn.begin():  # a read first: a database at the head is never written to
        found = state(conn)
    _refuse(found, display_url)
    if found.revision == head():
        return
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})
        if conn.dialect.name == "sqlite":  # the second instance waits for the first one's upgrade, as PostgreSQL's does
            _sqlite_busy_timeout(conn, SCHEMA_UPGRADE_WAIT_MS)
        try:
            _upgrade_locked(conn, display_url)
        finally:
            if conn.dialect.name == "sqlite":
                _sqlite_busy_timeout(conn, DEFAULT_BUSY_TIMEOUT_MS)


def _sqlite_busy_timeout(conn: Connection, milliseconds: int) -> None:
    """Set the connection's busy timeout on the driver's own connection (outside any transaction: through
    SQLAlchemy the statement would begin one)."""
    driver = conn.connection.driver_connection  # the sqlite3 connection (None only once closed)
    driver.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")  # type: ignore[union-attr]  # open: just used


def _upgrade_locked(conn: Connection, display_url: str) -> None:
    """The upgrade in one write transaction, once the schema lock is held (another instance may have upgraded)."""
    with conn.begin():
        if conn.dialect.name == "postgresql":  # two instances starting at once: the second waits here
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
        found = state(conn)
        _refuse(found, display_url)
        if found.revision != head():  # another instance may have got here first
            command.upgrade(config(conn), "head")


def _refuse(found: SchemaState, display_url: str) -> None:
    reason = refusal(found)
    if reason is not None:
        raise StoreError(Problem(reason, file=display_url))
