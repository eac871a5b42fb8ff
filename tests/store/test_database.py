"""Choosing and opening the database: environment variables, the data folder, pragmas and schema version."""

from __future__ import annotations

import datetime
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert, inspect, text

from advisor import KnowledgeBase
from advisor.errors import StoreError
from advisor.store import SCHEMA_VERSION, Store, database_url, display_url, open_engine
from advisor.store.tables import metadata, record_versions, record_versions_by_session, schema_info, workloads
from tests.store.builders import make_record

SESSION_TABLES = ("review_sessions", "session_attendees", "session_items")  # added by schema 3


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

    with Store() as store:
        store.check()

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


def test_password_is_masked_when_a_url_is_shown() -> None:
    assert display_url("postgresql+psycopg://team:pw@db.example:5432/advisor") == (
        "postgresql+psycopg://team:***@db.example:5432/advisor"
    )
    assert display_url("sqlite:////srv/advisor/data/advisor.db") == "sqlite:////srv/advisor/data/advisor.db"


def test_database_from_a_newer_app_is_refused(store_url: str) -> None:
    with Store(store_url) as store:
        store.check()
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE schema_version SET version = 99"))
    engine.dispose()

    with (
        Store(store_url) as store,
        pytest.raises(StoreError, match=f"schema version 99, newer than this app's {SCHEMA_VERSION}"),
    ):
        store.check()


def test_database_of_schema_version_1_gets_the_new_tables_and_keeps_its_workloads(store_url: str) -> None:
    engine = create_engine(store_url)
    with engine.begin() as conn:  # what the first app version created
        metadata.create_all(conn, tables=[schema_info, workloads, record_versions])
        conn.execute(insert(schema_info).values(id=1, version=1))
    engine.dispose()
    with Store(store_url) as store:
        store.create_workload("Payroll")  # version 1 tables still work before anything else is touched
        store.check()

    with Store(store_url) as store:
        assert [s.workload.name for s in store.list_workloads()] == ["Payroll"]
        assert store.list_estates() == []
        assert store.list_profiles() == {}
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
    with Store(store_url) as store:
        payroll = store.create_workload("Payroll")  # schema 2 tables still work before anything else is touched
        record = store.append_record(make_record(kb, payroll, 1))
    with Store(store_url) as store:  # a fresh start upgrades: the sessions work on the kept records
        session = store.create_session("Board", datetime.date(2026, 3, 2), [("Ann", "decision_maker")], "Ann")
        store.set_agenda(session.id, [payroll.id])
        assert store.record_outcome(session.id, payroll.id, "accept", "", None, "Ann", kb).version == 2
        assert store.record_history(payroll.id)[0] == record
    engine = create_engine(store_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version FROM schema_version")).scalar() == SCHEMA_VERSION
        assert set(SESSION_TABLES) <= set(inspect(conn).get_table_names())
        indexes = {index["name"] for index in inspect(conn).get_indexes("record_versions")}
        assert "ix_record_versions_session" in indexes
    engine.dispose()


def test_url_that_names_no_database_driver_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="not a usable database URL"):
        Store("nosuchdb://somewhere/x")
