"""The database tables: workloads, their append-only record versions, and the schema version.

``record_versions.payload`` holds the whole :class:`~advisor.models.record.DecisionRecord` as the
JSON of ``model_dump_json()``; the other columns copy what listing needs, so listing never parses
payloads. UNIQUE(workload_id, version) both refuses a second writer of the same version and is the
index that finds each workload's latest version.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    inspect,
    select,
)

from advisor.errors import Problem, StoreError
from advisor.store.database import WRITE_OPTION

SCHEMA_VERSION = 1

metadata = MetaData()

schema_info = Table(
    "schema_version",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
)

workloads = Table(
    "workloads",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False, unique=True),
    Column("owner", Text, nullable=False, default=""),
    Column("context", Text, nullable=False, default=""),
    Column("vm_links", Text, nullable=False, default="[]"),
    Column("archived_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

record_versions = Table(
    "record_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("workload_id", Integer, ForeignKey("workloads.id", ondelete="RESTRICT"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("walk_status", String(20), nullable=False),
    Column("service", String(200), nullable=True, comment="the chosen service: the override's, else the tree's"),
    Column("knowledge_version", String(200), nullable=False),
    Column("author", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("session_id", Integer, nullable=True),
    Column("payload", Text, nullable=False),
    UniqueConstraint("workload_id", "version", name="uq_record_versions_workload_version"),
)

Index("ix_workloads_archived_name", workloads.c.archived_at, workloads.c.name_key)
Index("ix_record_versions_status", record_versions.c.status)


def stored_schema_version(connection: Connection) -> int | None:
    """The schema version the database was created with, or None before the first start."""
    if not inspect(connection).has_table(schema_info.name):
        return None
    return connection.execute(select(schema_info.c.version).where(schema_info.c.id == 1)).scalar_one_or_none()


def create_schema(connection: Connection) -> None:
    """Create missing tables and record the schema version (first start); existing data is untouched."""
    metadata.create_all(connection, checkfirst=True)
    if stored_schema_version(connection) is None:
        connection.execute(insert(schema_info).values(id=1, version=SCHEMA_VERSION))


def prepare_schema(engine: Engine, display_url: str) -> None:
    """Create the tables on first start; refuse a database made by a newer app. Reads only when set up."""
    with engine.connect() as conn, conn.begin():
        stored = stored_schema_version(conn)
    if stored is None:
        with engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                create_schema(conn)
    elif stored > SCHEMA_VERSION:
        message = f"the database has schema version {stored}, newer than this app's {SCHEMA_VERSION}; upgrade the app"
        raise StoreError(Problem(message, file=display_url))
