"""Shared fixtures: the shipped knowledge base, the repository root, a ``python -m advisor`` runner, and the
databases the services and the store are tested on.

Every test that takes ``store_url`` (or ``ctx``, the services' context on it) runs on SQLite and on
PostgreSQL, each test on an empty database. PostgreSQL comes from ``ADVISOR_TEST_POSTGRES_URL`` (``.ci/run``
starts a server and sets it). Each test gets its own schema, set as the connection's ``search_path``,
dropped afterwards. Without the variable the PostgreSQL runs are skipped locally, but fail in CI
(``CI=true``), so CI never passes with the PostgreSQL half silently missing.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

import advisor
from advisor import KnowledgeBase
from advisor.services import ServiceContext
from advisor.store import Database

REPO_ROOT = Path(__file__).resolve().parent.parent
POSTGRES_VARIABLE = "ADVISOR_TEST_POSTGRES_URL"


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The per-user cache (the triage knowledge the ``triage`` command keeps) in a folder of this test run, for
    the tests and the commands they start alike: never the home folder, never the checkout."""
    from advisor.paths import CACHE_DIR_VARIABLE

    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get(CACHE_DIR_VARIABLE)
    os.environ[CACHE_DIR_VARIABLE] = str(folder)
    yield folder
    if before is None:
        os.environ.pop(CACHE_DIR_VARIABLE, None)
    else:
        os.environ[CACHE_DIR_VARIABLE] = before


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return advisor.load_knowledge()


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def run_advisor() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m advisor ARGS`` in a child process from the repository root."""

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "advisor", *map(str, args)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    return run


def postgres_base_url() -> str:
    url = os.environ.get(POSTGRES_VARIABLE, "").strip()
    if not url:
        message = f"no PostgreSQL: set {POSTGRES_VARIABLE}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI must run the PostgreSQL tests; .ci/run sets it up)")
        pytest.skip(message)
    return url


def schema_url(base: str, schema: str) -> str:
    """``base`` with every connection's ``search_path`` set to ``schema``."""
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/advisor.db"
        for leftover in tmp_path.glob("advisor.db*"):  # pytest keeps tmp_path folders of the last runs
            leftover.unlink()
        return
    with postgres_schema("test") as url:
        yield url


@contextlib.contextmanager
def postgres_schema(prefix: str) -> Iterator[str]:
    """A URL on a fresh schema of the test PostgreSQL (skipped, or failed in CI, without one), dropped after."""
    base = postgres_base_url()
    schema = f"{prefix}_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield schema_url(base, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def ctx(store_url: str, kb: KnowledgeBase) -> Iterator[ServiceContext]:
    """The services' context on the test's database (SQLite, and PostgreSQL when configured)."""
    with ServiceContext(Database(store_url), kb) as opened:
        yield opened
