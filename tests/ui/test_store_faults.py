"""An unusable database: every page says so in one clear line, with no traceback and no password."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from advisor.store import Database
from tests.ui.uihelp import goto, page_text, run, values

UNREACHABLE = "postgresql+psycopg://u:secret@127.0.0.1:1/x"


@pytest.fixture
def unreachable(monkeypatch: pytest.MonkeyPatch, repo_root: Path) -> AppTest:
    monkeypatch.setenv("ADVISOR_DATABASE_URL", UNREACHABLE)
    return AppTest.from_file(str(repo_root / "app.py"), default_timeout=30)


@pytest.mark.parametrize("page", ["Workloads", "Questionnaire", "Records"])
def test_unreachable_postgresql_is_reported_without_password_or_traceback(unreachable, page):
    at = run(unreachable)
    if page != "Workloads":
        at.query_params["workload"] = "1"
        goto(at, page)
    errors = values(at.error)
    assert len(errors) == 1, errors
    assert errors[0].startswith("The database cannot be used:")
    assert "127.0.0.1:1" in errors[0]
    assert "PostgreSQL" in errors[0]
    assert "secret" not in page_text(at)
    assert not at.dataframe
    assert "Save answer" not in [b.label for b in at.button]


def test_unusable_sqlite_path_is_reported(tmp_path, monkeypatch, repo_root):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("ADVISOR_DATABASE_URL", f"sqlite:///{blocker / 'advisor.db'}")
    at = run(AppTest.from_file(str(repo_root / "app.py"), default_timeout=30))
    errors = values(at.error)
    assert len(errors) == 1, errors
    assert errors[0].startswith("The database cannot be used:")
    assert "not-a-folder" in errors[0] or "cannot open" in errors[0], errors[0]
    assert not at.dataframe, "the page stops before anything that needs the database"
    assert "Create workload" not in [b.label for b in at.button]


def test_a_database_of_a_newer_app_is_refused_in_one_line_and_left_untouched(tmp_path, monkeypatch, repo_root):
    path = tmp_path / "newer.db"
    with Database(f"sqlite:///{path}") as database:
        database.check()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.close()
    before = path.read_bytes()
    monkeypatch.setenv("ADVISOR_DATABASE_URL", f"sqlite:///{path}")

    at = run(AppTest.from_file(str(repo_root / "app.py"), default_timeout=30))

    assert values(at.error) == [
        "The database cannot be used: the database is at schema revision '0099_from_the_future', which this app "
        "does not know (a newer app made it; this one knows up to '0010_workload_change_count'): upgrade the app; the "
        "database was not changed"
    ]
    assert not at.dataframe
    assert path.read_bytes() == before
