"""UI fixtures: each test gets its own SQLite file, named in ADVISOR_DATABASE_URL before the app starts.

The app caches its service context with ``st.cache_resource`` keyed by URL, so a distinct file per test keeps
tests independent even though every AppTest runs in this one process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from advisor import KnowledgeBase
from advisor.services import ServiceContext
from tests.services.builders import open_ctx


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'advisor.db'}"
    monkeypatch.setenv("ADVISOR_DATABASE_URL", url)
    return url


@pytest.fixture
def ctx(db_url: str, kb: KnowledgeBase) -> Iterator[ServiceContext]:
    """The services on the test's database, for setting up states and checking what was saved."""
    with open_ctx(db_url, kb) as opened:
        opened.database.check()
        yield opened


@pytest.fixture
def new_app(db_url: str, repo_root: Path) -> Callable[[], AppTest]:
    """A fresh browser session of the app (not yet run) on the test's database."""

    def make() -> AppTest:
        return AppTest.from_file(str(repo_root / "app.py"), default_timeout=30)

    return make
