"""``python -m advisor roles …`` and ``python -m advisor audit``: the admin page's command-line twins."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

import pytest

from advisor import load_knowledge, services
from advisor.cli.main import main
from tests.services.builders import open_ctx

ISSUER = "https://login.example.com/tenant/v2.0"


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path}/cli.db"
    monkeypatch.setenv("ADVISOR_DATABASE_URL", url)
    with open_ctx(url, load_knowledge()) as ctx:  # two people signed in once (team mode)
        for sub, name in (("a1", "Alice Adams"), ("b2", "Bob Brown")):
            services.sign_in(
                ctx, issuer=ISSUER, subject=sub, name=name, email=f"{name.split()[0].lower()}@example.com",
                claims={}, settings=services.AccessSettings(),
            )  # fmt: skip
    return url


def test_roles_are_listed_granted_and_revoked_by_email(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["roles", "grant", "alice@example.com", "contributor", "--author", "Ops Olga"]) == 0
    assert main(["roles", "grant", "ALICE@example.com", "reviewer", "--author", "Ops Olga"]) == 0
    assert main(["roles", "revoke", "alice@example.com", "contributor", "--author", "Ops Olga"]) == 0
    capsys.readouterr()

    assert main(["roles", "list"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Alice Adams <alice@example.com>: reviewer",
        "Bob Brown <bob@example.com>: viewer",
    ]
    assert main(["audit", "--format", "json", "--search", "role"]) == 0
    lines = [(e["who"], e["os_user"], e["from"], e["action"], e["target"], e["detail"])
             for e in json.loads(capsys.readouterr().out)]  # fmt: skip
    me = getpass.getuser()
    assert lines == [
        ("Ops Olga", me, "cli", "revoke role", "Alice Adams <alice@example.com>", "contributor"),
        ("Ops Olga", me, "cli", "grant role", "Alice Adams <alice@example.com>", "reviewer"),
        ("Ops Olga", me, "cli", "grant role", "Alice Adams <alice@example.com>", "contributor"),
    ]


def test_an_account_removed_from_the_command_line_says_so(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["roles", "remove", "bob@example.com", "--format", "json"]) == 0

    listing = {row["email"]: (row["roles"], row["removed"]) for row in json.loads(capsys.readouterr().out)}
    assert listing == {"alice@example.com": (["viewer"], False), "bob@example.com": (["viewer"], True)}


def test_bad_arguments_are_one_line_each(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["roles", "grant", "nobody@example.com", "admin"]) == 2
    assert main(["audit", "--since", "2026-02-30"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: <input>: account: no account with the email, subject or name 'nobody@example.com' (people appear "
        "once signed in)",
        "error: --since: not a date: '2026-02-30' (expected YYYY-MM-DD)",
    ]
    with pytest.raises(SystemExit):
        main(["roles", "grant", "alice@example.com", "owner"])


def test_the_audit_prints_csv_newest_first(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "when,who,email,os_user,from,action,target,outcome,detail"
    assert [row.split(",", 1)[1] for row in rows[1:]] == [
        "Bob Brown,bob@example.com,,app,first sign-in,Bob Brown,done,account created",
        "Alice Adams,alice@example.com,,app,first sign-in,Alice Adams,done,account created",
    ]
