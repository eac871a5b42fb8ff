"""Choosing and opening the database: environment variables, the data folder, pragmas and schema version."""

from __future__ import annotations

import contextlib
import datetime
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, inspect, text

from advisor import KnowledgeBase, services
from advisor.errors import StoreError
from advisor.models.record import Workload
from advisor.store import SCHEMA_VERSION, Database, database_url, display_url, open_engine
from advisor.store.database import use_wal
from advisor.store.migrations.schema3 import (
    metadata,
    record_versions,
    record_versions_by_session,
    schema_info,
    workloads,
)
from advisor.store.record_repository import version_values
from tests.services.builders import ANN, make_record, open_ctx

SESSION_TABLES = ("review_sessions", "session_attendees", "session_items")  # added by schema 3
MOMENT = datetime.datetime(2026, 3, 1, 9, tzinfo=datetime.UTC)


def test_database_url_is_taken_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_DATABASE_URL", "postgresql+psycopg://team:pw@db.example:5432/advisor")

    assert database_url() == "postgresql+psycopg://team:pw@db.example:5432/advisor"


def test_default_database_is_advisor_db_in_the_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ADVISOR_DATABASE_URL", raising=False)
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(tmp_path / "nested" / "data"))

    assert database_url() == f"sqlite:///{tmp_path}/nested/data/advisor.db"


def test_first_start_creates_the_data_folder_and_a_wal_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ADVISOR_DATABASE_URL", raising=False)
    monkeypatch.setenv("ADVISOR_DATA_DIR", str(tmp_path / "data"))

    with Database() as database:
        database.check()

    conn = sqlite3.connect(tmp_path / "data" / "advisor.db")
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("SELECT id, version FROM schema_version").fetchall() == [(1, SCHEMA_VERSION)]
    finally:
        conn.close()


def test_sqlite_connections_get_the_pragmas(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path}/a.db", busy_timeout_ms=1234)
    try:
        with engine.connect() as conn:
            pragmas = [
                conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
            ]
    finally:
        engine.dispose()

    assert pragmas == ["wal", 1, 1234, 1]  # synchronous 1 = NORMAL


@contextlib.contextmanager
def _refused_at_once_while_another_reads(path: Path, seconds: float) -> Iterator[sqlite3.Connection]:
    """A connection to a new rollback-mode file while another instance holds a read on it for ``seconds``: its
    shared lock blocks the WAL switch. The connection's busy timeout is 0, so every refusal is immediate, as SQLite's
    refusal is where waiting could deadlock (several instances opening a new file together)."""
    sqlite3.connect(path).close()
    holding = threading.Event()

    def read_for_a_while() -> None:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM sqlite_master").fetchone()
        holding.set()
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    reader = threading.Thread(target=read_for_a_while)
    reader.start()
    holding.wait()
    connection = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        yield connection
    finally:
        reader.join()
        connection.close()


def test_an_instance_refused_the_wal_switch_at_once_asks_again_until_the_other_lets_go(tmp_path: Path) -> None:
    with _refused_at_once_while_another_reads(tmp_path / "new.db", 0.3) as connection:
        use_wal(connection.cursor(), 5.0)

        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_wal_switch_gives_up_after_the_busy_timeout_with_the_driver_s_error(tmp_path: Path) -> None:
    with (
        _refused_at_once_while_another_reads(tmp_path / "new.db", 1.0) as connection,
        pytest.raises(sqlite3.OperationalError, match="locked"),
    ):
        use_wal(connection.cursor(), 0.2)


def test_password_is_masked_when_a_url_is_shown() -> None:
    assert display_url("postgresql+psycopg://team:pw@db.example:5432/advisor") == (
        "postgresql+psycopg://team:***@db.example:5432/advisor"
    )
    assert display_url("sqlite:////srv/advisor/data/advisor.db") == "sqlite:////srv/advisor/data/advisor.db"


def test_database_from_a_newer_app_is_refused(store_url: str) -> None:
    with Database(store_url) as database:
        database.check()
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE schema_version SET version = 99"))
    engine.dispose()

    with (
        Database(store_url) as database,
        pytest.raises(StoreError, match=f"schema version 99, newer than this app's {SCHEMA_VERSION}"),
    ):
        database.check()


def test_database_of_schema_version_1_gets_the_new_tables_and_keeps_its_workloads(
    store_url: str, kb: KnowledgeBase
) -> None:
    engine = create_engine(store_url)
    with engine.begin() as conn:  # what the first app version created
        metadata.create_all(conn, tables=[schema_info, workloads, record_versions])
        conn.execute(insert(schema_info).values(id=1, version=1))
    engine.dispose()
    engine = create_engine(store_url)
    with engine.begin() as conn:  # a workload the first app version saved
        conn.execute(insert(workloads).values(name="Payroll", name_key="payroll", owner="", context="",
                                              vm_links="[]", created_at=MOMENT, updated_at=MOMENT))  # fmt: skip
    engine.dispose()

    with open_ctx(store_url, kb) as ctx:  # the first use upgrades
        assert [s.workload.name for s in services.list_workloads(ctx)] == ["Payroll"]
        assert services.list_estates(ctx) == []
        assert services.list_profiles(ctx) == {}
    engine = create_engine(store_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == SCHEMA_VERSION == 3
        assert {"estates", "inventory_imports", "inventory_vms", "profiles"} <= set(inspect(conn).get_table_names())
        assert {"review_sessions", "session_attendees", "session_items"} <= set(inspect(conn).get_table_names())
    engine.dispose()


def test_database_of_schema_version_2_gets_the_session_tables_and_keeps_its_records(
    store_url: str, kb: KnowledgeBase
) -> None:
    engine = create_engine(store_url)
    with engine.begin() as conn:  # what the second app version created: everything but the review sessions
        metadata.create_all(conn, tables=[t for t in metadata.sorted_tables if t.name not in SESSION_TABLES])
        record_versions_by_session.drop(conn)  # created with record_versions now; schema 2 had no such index
        conn.execute(insert(schema_info).values(id=1, version=2))
    engine.dispose()
    record = _schema2_record(store_url, kb)  # a workload with a version, as the second app version saved it
    with open_ctx(store_url, kb) as ctx:  # a fresh start upgrades: the sessions work on the kept records
        payroll = services.find_workload(ctx, "Payroll")
        assert payroll is not None
        session = services.create_session(ctx, ANN, "Board", datetime.date(2026, 3, 2), [("Ann", "decision_maker")])
        services.set_agenda(ctx, ANN, session.id, [payroll.id])
        assert services.decide_item(ctx, ANN, session.id, payroll.id, "accept", "", None, "Ann").version == 2
        assert services.record_history(ctx, payroll.id)[0] == record
    engine = create_engine(store_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == SCHEMA_VERSION
        assert set(SESSION_TABLES) <= set(inspect(conn).get_table_names())
        indexes = {index["name"] for index in inspect(conn).get_indexes("record_versions")}
        assert "ix_record_versions_session" in indexes
    engine.dispose()


def test_url_that_names_no_database_driver_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="not a usable database URL"):
        Database("nosuchdb://somewhere/x")


def _schema2_record(store_url: str, kb: KnowledgeBase) -> object:
    """Workload Payroll with version 1, written with plain SQL into a schema-2 database; the record."""
    engine = create_engine(store_url)
    with engine.begin() as conn:
        workload_id = conn.execute(
            insert(workloads).values(name="Payroll", name_key="payroll", owner="", context="", vm_links="[]",
                                     created_at=MOMENT, updated_at=MOMENT).returning(workloads.c.id)
        ).scalar_one()  # fmt: skip
        record = make_record(kb, Workload(id=workload_id, name="Payroll", created_at=MOMENT, updated_at=MOMENT), 1)
        conn.execute(insert(record_versions).values(**version_values(record)))
    engine.dispose()
    return record
