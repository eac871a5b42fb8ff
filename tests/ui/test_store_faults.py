"""An unusable database: every page says so in one clear line, with no traceback and no password."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

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
    assert not at.dataframe, "the page stops before anything that needs the ctx"
    assert "Create workload" not in [b.label for b in at.button]
