"""Store faults: read-only and locked SQLite files, an unreachable PostgreSQL, and a writer killed mid-save.

Each fault must surface as one StoreError line naming the database and what is wrong, and must
leave what was already stored intact and readable.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from advisor import KnowledgeBase, load_knowledge, services
from advisor.errors import StoreError
from advisor.models.record import DecisionRecord
from advisor.services import ServiceContext
from advisor.store import Database
from tests.conftest import REPO_ROOT
from tests.services.builders import new_workload, open_ctx, save


@pytest.fixture
def db_file(tmp_path: Path, kb: KnowledgeBase) -> Path:
    """A SQLite database holding one workload, Payroll, with one version."""
    path = tmp_path / "advisor.db"
    with open_ctx(f"sqlite:///{path}", kb) as ctx:
        save(ctx, new_workload(ctx, "Payroll"), 1)
    return path


def test_read_only_database_refuses_saves_with_a_clear_message_and_still_reads(
    db_file: Path, kb: KnowledgeBase
) -> None:
    # Tests run as root, and root ignores file permissions: chmod 0o444 on the file and its folder
    # would not stop a single write here. SQLite's own read-only open mode (mode=ro) makes the
    # driver refuse every write with the same SQLITE_READONLY error a read-only file or mount gives,
    # so the store's real path from that error to StoreError is what this exercises.
    url = f"sqlite:///file:{db_file}?mode=ro&uri=true"
    with open_ctx(url, kb) as ctx:
        [summary] = services.list_workloads(ctx)
        payroll = summary.workload

        with pytest.raises(StoreError) as caught:
            new_workload(ctx, "Billing")
        with pytest.raises(StoreError, match="database is read-only"):
            save(ctx, payroll, 2)

        assert str(caught.value) == f"{url}: database is read-only"
        assert [s.workload.name for s in services.list_workloads(ctx)] == ["Payroll"]
        assert [r.version for r in services.record_history(ctx, payroll.id)] == [1]


@pytest.fixture
def exclusive_lock(db_file: Path) -> Iterator[None]:
    """Another process holds ``BEGIN EXCLUSIVE`` on the database until the test ends."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sqlite3, sys
                conn = sqlite3.connect({str(db_file)!r}, isolation_level=None)
                conn.execute("BEGIN EXCLUSIVE")
                print("locked", flush=True)
                sys.stdin.read()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.stdin.close()  # the holder's read returns, it exits and its lock goes
        holder.wait(timeout=30)


def test_locked_database_refuses_saves_after_the_busy_timeout(
    db_file: Path, kb: KnowledgeBase, exclusive_lock: None
) -> None:
    url = f"sqlite:///{db_file}"
    with ServiceContext(Database(url, busy_timeout_ms=200), kb) as ctx:
        payroll = services.list_workloads(ctx)[0].workload  # readers are not blocked by a writer in WAL mode
        started = time.monotonic()

        with pytest.raises(StoreError) as caught:
            save(ctx, payroll, 2)

        waited = time.monotonic() - started
        assert str(caught.value) == f"{url}: database is locked by another process"
        assert 0.15 <= waited < 5, "it waits for the busy timeout, and no longer"
        assert [r.version for r in services.record_history(ctx, payroll.id)] == [1]


def test_save_after_the_lock_is_released_succeeds(db_file: Path, kb: KnowledgeBase) -> None:
    url = f"sqlite:///{db_file}"
    with ServiceContext(Database(url, busy_timeout_ms=200), kb) as ctx:
        payroll = services.list_workloads(ctx)[0].workload
        save(ctx, payroll, 2)

        assert [r.version for r in services.record_history(ctx, payroll.id)] == [1, 2]


def test_unreachable_postgresql_is_reported_at_check_with_host_port_and_masked_password(kb: KnowledgeBase) -> None:
    with open_ctx("postgresql+psycopg://u:s3cret@127.0.0.1:1/x", kb) as ctx:
        with pytest.raises(StoreError) as caught:
            ctx.database.check()

        message = str(caught.value)
        assert message == (
            "postgresql+psycopg://u:***@127.0.0.1:1/x: cannot connect to PostgreSQL at 127.0.0.1:1 (connection refused)"
        )
        assert "s3cret" not in message
        assert "\n" not in message
        with pytest.raises(StoreError, match=r"cannot connect to PostgreSQL at 127\.0\.0\.1:1"):
            services.list_workloads(ctx)


_WRITER = textwrap.dedent(
    """
    import sys
    from advisor import load_knowledge
    from tests.services.builders import new_workload, open_ctx, save

    ctx = open_ctx(sys.argv[1], load_knowledge())
    workloads = [new_workload(ctx, f"Workload {n}") for n in range(3)]
    version = 0
    while True:
        version += 1
        for workload in workloads:
            save(ctx, workload, version, change=f"save {version}")
        print(version, flush=True)
    """
)


@pytest.mark.parametrize("saves_before_kill", [5, 40])
def test_writer_killed_mid_save_leaves_a_sound_database(tmp_path: Path, saves_before_kill: int) -> None:
    path = tmp_path / "advisor.db"
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, f"sqlite:///{path}"], cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    try:
        for _ in range(saves_before_kill):
            assert writer.stdout.readline(), "the writer stopped on its own"
    finally:
        os.kill(writer.pid, signal.SIGKILL)  # in the middle of the next round of saves
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute("SELECT workload_id, version, payload FROM record_versions ORDER BY workload_id, version")
        versions: dict[int, list[int]] = {}
        for workload_id, version, payload in rows:
            record = DecisionRecord.model_validate_json(payload)
            assert (record.workload_id, record.version) == (workload_id, version)
            versions.setdefault(workload_id, []).append(version)
    finally:
        conn.close()
    assert len(versions) == 3
    for numbers in versions.values():
        assert numbers == list(range(1, len(numbers) + 1))
        assert len(numbers) >= saves_before_kill
    with open_ctx(f"sqlite:///{path}", load_knowledge()) as ctx:
        assert [s.version for s in services.list_workloads(ctx)] == [len(numbers) for numbers in versions.values()]
