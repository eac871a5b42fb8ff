"""Store fixtures: every store test runs on SQLite and on PostgreSQL, each test on an empty database.

PostgreSQL comes from ``ADVISOR_TEST_POSTGRES_URL`` (``.ci/run`` starts a server and sets it). Each
test gets its own schema, set as the connection's ``search_path``, dropped afterwards. Without the
variable the PostgreSQL runs are skipped locally, but fail in CI (``CI=true``), so CI never passes
with the PostgreSQL half silently missing.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from advisor.store import Store

POSTGRES_VARIABLE = "ADVISOR_TEST_POSTGRES_URL"


def postgres_base_url() -> str:
    url = os.environ.get(POSTGRES_VARIABLE, "").strip()
    if not url:
        message = f"no PostgreSQL: set {POSTGRES_VARIABLE}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI must run the PostgreSQL tests; .ci/run sets it up)")
        pytest.skip(message)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/advisor.db"
        for leftover in tmp_path.glob("advisor.db*"):  # pytest keeps tmp_path folders of the last runs
            leftover.unlink()
        return
    base = postgres_base_url()
    schema = f"test_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield (
            make_url(base)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as opened:
        yield opened
