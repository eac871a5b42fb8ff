"""Database URLs shown to people: every secret masked in every form; an unusable URL is one line saying why."""

from __future__ import annotations

import pytest

from advisor.errors import StoreError
from advisor.store import Database, display_url

SECRET = "s3cret"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://team:s3cret@db.example:5432/advisor", "postgresql+psycopg://team:***@db.example:5432/advisor"),
        ("postgresql+psycopg://team@db.example/advisor?password=s3cret&sslmode=require",
         "postgresql+psycopg://team@db.example/advisor?password=***&sslmode=require"),
        ("postgresql+psycopg://team@db/advisor?sslpassword=s3cret", "postgresql+psycopg://team@db/advisor?sslpassword=***"),
        ("host=db.example user=team password=s3cret dbname=x", "host=db.example user=team password=*** dbname=x"),
        ("host=db password='s3cret with spaces' dbname=advisor", "host=db password=*** dbname=advisor"),
        ("postgresql://team:s3cret@db.example:notaport/advisor", "postgresql://team:***@db.example:notaport/advisor"),
        ("postgresql://team:s3/cr@et@db.example:notaport/advisor", "postgresql://team:***@db.example:notaport/advisor"),
        ("sqlite:////srv/advisor/data/advisor.db", "sqlite:////srv/advisor/data/advisor.db"),
    ],
)  # fmt: skip
def test_every_secret_is_masked(url: str, shown: str) -> None:
    assert display_url(url) == shown


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("host=db user=team password=s3cret", "not a usable database URL: not a database URL (it looks like a libpq "
                                              "key=value string"),
        ("postgresql://team:s3cret@db:notaport/advisor", "not a usable database URL: the port is not a number"),
        ("nosuchdb://team:s3cret@db/x", "not a usable database URL: unknown database driver 'nosuchdb'"),
        ("mysql://team:s3cret@db/x", "not a usable database URL: the database driver for 'mysql' is not installed"),
    ],
)  # fmt: skip
def test_an_unusable_url_is_one_problem_naming_it_without_the_secret(url: str, message: str) -> None:
    with pytest.raises(StoreError) as raised:
        Database(url)
    [problem] = raised.value.problems
    assert problem.message.startswith(message), problem.message
    assert SECRET not in str(problem)
