"""Schema migrations: databases made before migrations (schema 3, made by the code of commit ab543d2, committed
as test data with the script that made them) upgrade on first use with every row intact, on SQLite and on
PostgreSQL; an empty database gets every table; a failed upgrade changes nothing; two instances starting at
once do not race; a database of a newer app is refused in one line and left untouched."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from alembic.operations import Operations
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from advisor import KnowledgeBase, services
from advisor.errors import StoreError
from advisor.store import Database, migrations
from advisor.store.migrations import schema3
from advisor.store.tables import metadata
from tests.conftest import REPO_ROOT, postgres_base_url, schema_url
from tests.services.builders import ANN, open_ctx, save

LEGACY = REPO_ROOT / "tests" / "data" / "legacy"
LEGACY_TABLES = sorted(schema3.metadata.tables)
# What tests/data/legacy/make_schema3.py wrote (hand-counted from the script: 3 workloads with 3 + 2 + 1
# versions, 3 started from the 3 VMs the tool cannot move, each with 1 version; 2 imports of 8 and 6 VMs...).
LEGACY_COUNTS = {
    "estates": 1, "inventory_imports": 2, "inventory_vms": 14, "profiles": 2, "record_versions": 10,
    "review_sessions": 2, "schema_version": 1, "session_attendees": 4, "session_items": 3, "workloads": 6,
}  # fmt: skip
NEW_TABLES = (
    "reevaluation_runs", "reevaluation_changes", "price_sheets", "price_items", "accounts", "account_roles",
    "attendee_accounts", "item_signatures", "audit_events", "submissions",
)  # fmt: skip


def _rows(url: str, tables: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order (all columns compared)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table: sorted(
                    (tuple(row) for row in conn.execute(text(f'SELECT * FROM "{table}"'))), key=lambda r: repr(r)
                )
                for table in tables
            }
    finally:
        engine.dispose()


def _revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        engine.dispose()


@pytest.fixture
def legacy_sqlite(tmp_path: Path) -> str:
    """A copy of the schema-3 SQLite file made by the code of ab543d2."""
    path = tmp_path / "schema3.sqlite3"
    shutil.copyfile(LEGACY / "schema3.sqlite3", path)
    return f"sqlite:///{path}"


@pytest.fixture
def legacy_postgres() -> Iterator[str]:
    """A fresh PostgreSQL schema holding the dump of a database made by the old create_schema (ab543d2)."""
    base = postgres_base_url()
    schema = f"test_{uuid.uuid4().hex[:16]}"
    dump = (LEGACY / "schema3-postgres.sql").read_text(encoding="utf-8")
    # pg_dump's psql meta-commands are not SQL; the dump names its schema, which becomes this test's own.
    sql = "\n".join(line for line in dump.splitlines() if not line.startswith("\\")).replace("legacy_schema3", schema)
    conninfo = make_url(base).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(sql)  # no parameters: psycopg runs the whole script as one simple query
    try:
        yield schema_url(base, schema)
    finally:
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def legacy_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("legacy_sqlite" if request.param == "sqlite" else "legacy_postgres")


def _pointers(url: str) -> dict[int, int | None]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return dict(conn.execute(text("SELECT id, latest_record_version FROM workloads")).all())  # type: ignore[arg-type]
    finally:
        engine.dispose()


def _newest_versions(url: str) -> dict[int, int | None]:
    """Each workload's highest record version, None without one: what the stored pointer must say."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            newest = dict(conn.execute(text("SELECT workload_id, max(version) FROM record_versions GROUP BY 1")).all())
            ids = conn.execute(text("SELECT id FROM workloads")).scalars().all()
            return {workload: newest.get(workload) for workload in ids}
    finally:
        engine.dispose()


def test_the_legacy_databases_hold_what_the_script_wrote(legacy_url: str) -> None:
    before = _rows(legacy_url, LEGACY_TABLES)

    assert {table: len(rows) for table, rows in before.items()} == LEGACY_COUNTS
    assert before["schema_version"] == [(1, 3)]
    assert _revision(legacy_url) is None, "made before migrations"


def _without_signature(payload: str) -> dict[str, Any]:
    fields: dict[str, Any] = json.loads(payload)
    fields.pop("signature", None)
    return fields


def test_a_schema_3_database_upgrades_with_every_row_intact(legacy_url: str, kb: KnowledgeBase) -> None:
    before = _rows(legacy_url, LEGACY_TABLES)

    with Database(legacy_url) as database:
        database.check()

    after = _rows(legacy_url, LEGACY_TABLES)
    # 0006_latest_version_pointer adds workloads.latest_record_version, 0008_record_numbers the decision-record
    # numbers (record_number, origin_number), 0010_workload_change_count each row's change count (none yet): the
    # last four columns; the rest is as it was.
    numbers = sorted((row[0], row[1], *row[-3:-1]) for row in after["workloads"])
    assert [row[-1] for row in after["workloads"]] == [0] * len(after["workloads"])
    after["workloads"] = sorted((row[:-4] for row in after["workloads"]), key=lambda r: repr(r))
    # 0007_board_columns adds four copies of payload fields as the last columns of record_versions
    after["record_versions"] = sorted((row[:-4] for row in after["record_versions"]), key=lambda r: repr(r))
    # 0009_record_signatures writes how the one sign-off (Ann Lee accepted Payroll in "Board March", making
    # version 4, in local mode) was signed into that version's payload; every other field stays as it was.
    signed = {(row[1], row[2]): json.loads(row[-1]) for row in after["record_versions"]}
    assert signed.pop((1, 4)).pop("signature") == "Ann Lee, unverified (local mode)"
    assert all("signature" not in payload for payload in signed.values())
    after["record_versions"] = [(*row[:-1], _without_signature(row[-1])) for row in after["record_versions"]]
    before["record_versions"] = [(*row[:-1], json.loads(row[-1])) for row in before["record_versions"]]
    assert after == before  # table by table, row by row, every column
    assert numbers == [  # by creation order, no origin
        (1, "Payroll <b>EU</b>", 1, None), (2, "Billing", 2, None), (3, "Intranet", 3, None),
        (4, "contoso-app/sql01", 4, None), (5, "contoso-lnx/lnx01", 5, None), (6, "contoso-lnx/lnx02", 6, None),
    ]  # fmt: skip
    assert _revision(legacy_url) == migrations.head() == "0010_workload_change_count"
    assert _pointers(legacy_url) == _newest_versions(legacy_url)
    assert _rows(legacy_url, list(NEW_TABLES)) == {table: [] for table in NEW_TABLES}
    assert _rows(legacy_url, list(NEW_TABLES)) == {table: [] for table in NEW_TABLES}


def test_an_upgraded_database_works_as_a_new_one(legacy_url: str, kb: KnowledgeBase) -> None:
    with open_ctx(legacy_url, kb) as ctx:
        names = [s.workload.name for s in services.list_workloads(ctx, include_archived=True)]
        assert names == [
            "Billing", "contoso-app/sql01", "contoso-lnx/lnx01", "contoso-lnx/lnx02", "Intranet", "Payroll <b>EU</b>",
        ]  # fmt: skip
        payroll = services.find_workload(ctx, "payroll <b>eu</b>")
        assert payroll is not None
        history = services.record_history(ctx, payroll.id)
        assert [(r.version, r.status, r.session_id is not None) for r in history] == [
            (1, "proposed", False), (2, "proposed", False), (3, "accepted", False), (4, "accepted", True),
        ]  # fmt: skip
        saved = save(ctx, payroll, 5, author="After the upgrade")
        assert services.latest_record(ctx, payroll.id) == saved
        sessions = {s.title: s for s in services.list_sessions(ctx)}
        assert sessions["Board March"].status == "closed"
        assert sessions["Board April"].items[0].notes == "to decide next time"
        assert sorted(services.list_profiles(ctx)) == ["Lift and shift, Windows", "Ünïcode & <markup>"]
        [estate] = services.list_estates(ctx)
        assert (estate.name, estate.import_count, estate.vm_count) == ("Contoso production", 2, 8)
        report = services.run_reevaluation(ctx, ANN, "compute-tree-2026")
        assert services.latest_reevaluation(ctx) == report.run


def test_an_empty_database_gets_every_table_at_the_newest_revision(store_url: str) -> None:
    with Database(store_url) as database:
        database.check()

    engine = create_engine(store_url)
    with engine.connect() as conn:
        assert set(metadata.tables) | {"alembic_version"} <= set(inspect(conn).get_table_names())
        assert conn.execute(text("SELECT id, version FROM schema_version")).all() == [(1, 3)]
    engine.dispose()
    assert _revision(store_url) == migrations.head()


def test_a_failed_upgrade_changes_nothing(legacy_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _rows(legacy_url, LEGACY_TABLES)
    create_table = Operations.create_table

    def failing(self: Operations, name: str, *columns: Any, **kw: Any) -> Any:
        if name == "reevaluation_changes":  # the second table of 0002: the first one exists by now
            raise RuntimeError("the disk went away")
        return create_table(self, name, *columns, **kw)

    monkeypatch.setattr(Operations, "create_table", failing)

    with Database(legacy_url) as database, pytest.raises(RuntimeError, match="the disk went away"):
        database.check()

    assert _rows(legacy_url, LEGACY_TABLES) == before
    assert _revision(legacy_url) is None
    engine = create_engine(legacy_url)
    with engine.connect() as conn:
        assert not set(NEW_TABLES) & set(inspect(conn).get_table_names()), "the first new table was rolled back too"
    engine.dispose()


def test_two_instances_starting_at_once_upgrade_once(store_url: str) -> None:
    starters = 4
    barrier = threading.Barrier(starters)
    failures: list[BaseException] = []

    def start() -> None:
        with Database(store_url) as database:
            barrier.wait()
            try:
                database.check()
            except BaseException as exc:
                failures.append(exc)

    threads = [threading.Thread(target=start) for _ in range(starters)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert failures == []
    engine = create_engine(store_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [migrations.head()]
        assert conn.execute(text("SELECT COUNT(*) FROM schema_version")).scalar() == 1
    engine.dispose()


def test_an_instance_starting_while_another_upgrades_slowly_waits_for_it(tmp_path: Path) -> None:
    # The other instance's upgrade is a write transaction held for longer than an ordinary write's 5 s wait
    # (a loaded machine); the starting instance waits for it instead of failing with "database is locked".
    path = tmp_path / "advisor.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("PRAGMA journal_mode = WAL")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE held_by_the_other_instance (x INTEGER)")
    released = threading.Timer(6.5, lambda: holder.execute("ROLLBACK"))
    released.start()
    try:
        with Database(f"sqlite:///{path}") as database:
            database.check()
    finally:
        released.join()
        holder.close()

    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [migrations.head()]
    engine.dispose()


def test_a_database_of_a_newer_app_is_refused_in_one_line_and_left_untouched(store_url: str, kb: KnowledgeBase) -> None:
    with open_ctx(store_url, kb) as ctx:
        save(ctx, services.create_workload(ctx, ANN, "Payroll"), 1)
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    engine.dispose()
    tables = sorted({*metadata.tables, "alembic_version"})
    before = _rows(store_url, tables)

    with Database(store_url) as database, pytest.raises(StoreError) as refused:
        database.check()

    message = str(refused.value)
    assert "\n" not in message
    assert message.endswith(
        "the database is at schema revision '0099_from_the_future', which this app does not know (a newer app "
        "made it; this one knows up to '0010_workload_change_count'): upgrade the app; the database was not changed"
    )
    assert _rows(store_url, tables) == before
    with open_ctx(store_url, kb) as ctx, pytest.raises(StoreError, match="0099_from_the_future"):
        services.list_workloads(ctx)  # every use is refused, not only the first


def test_the_command_line_refuses_a_newer_database_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    with Database(f"sqlite:///{path}") as database:
        database.check()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.close()
    before = path.read_bytes()

    env_result = subprocess.run(
        [sys.executable, "-m", "advisor", "export", "--format", "csv"],
        cwd=REPO_ROOT,
        env={**os.environ, "ADVISOR_DATABASE_URL": f"sqlite:///{path}"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert env_result.returncode == 2
    assert env_result.stdout == ""
    assert env_result.stderr.splitlines() == [
        f"error: sqlite:///{path}: the database is at schema revision '0099_from_the_future', which this app does "
        "not know (a newer app made it; this one knows up to '0010_workload_change_count'): upgrade the app; the "
        "database was not changed"
    ]
    assert path.read_bytes() == before


def test_the_record_numbers_revision_numbers_existing_workloads_by_creation_order(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'at-0007.db'}"
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            migrations.command.upgrade(migrations.config(conn), "0007_board_columns")
            for workload_id, name, created in [
                (1, "Zeta", "2026-03-05 10:00:00"), (2, "Alpha", "2026-03-01 09:00:00"),
                (3, "Mid", "2026-03-03 12:00:00"), (4, "Also early", "2026-03-01 09:00:00"),
            ]:  # fmt: skip
                conn.execute(
                    text(
                        "INSERT INTO workloads (id, name, name_key, owner, context, vm_links, created_at, updated_at)"
                        " VALUES (:id, :name, :key, '', '', '[]', :at, :at)"
                    ),
                    {"id": workload_id, "name": name, "key": name.casefold(), "at": created},
                )
        with Database(url) as database:
            database.check()
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT name, record_number, origin_number FROM workloads ORDER BY id")).all()
    finally:
        engine.dispose()
    # Creation order, then id among equal times: Alpha (2) and Also early (4) at 09:00 on the 1st, Mid, Zeta.
    assert [tuple(row) for row in rows] == [
        ("Zeta", 4, None),
        ("Alpha", 1, None),
        ("Mid", 3, None),
        ("Also early", 2, None),
    ]
