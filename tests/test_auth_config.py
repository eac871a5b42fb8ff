"""Team mode's settings (``[auth]`` and ``[access]`` of the secrets) and the check that the provider answers.

Expected messages are written from issue 17 ("one line naming the key"; secrets never printed)."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from advisor.auth_config import check_provider, read_secrets, team_settings
from advisor.errors import InputError
from tests.e2e.harness import free_port

SECRET = "s3cret-value-that-must-never-be-shown-0123456789"
GOOD: dict[str, Any] = {
    "auth": {
        "redirect_uri": "https://advisor.example.com/oauth2callback",
        "cookie_secret": SECRET,
        "client_id": "00000000-0000-0000-0000-000000000000",
        "client_secret": SECRET,
        "server_metadata_url": "https://login.microsoftonline.com/TENANT/v2.0/.well-known/openid-configuration",
    },
    "access": {"admins": ["ada@example.com"], "role_claim": "roles", "claim_roles": {"Advisor.Reviewers": "reviewer"}},
}


def _with(section: str, **changes: Any) -> dict[str, Any]:
    copied = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        if value is None:
            copied[section].pop(key)
        else:
            copied[section][key] = value
    return copied


def test_without_auth_the_app_is_in_local_mode() -> None:
    assert team_settings({}) is None
    assert team_settings({"access": {"admins": ["x"]}, "other": 1}) is None


def test_the_settings_are_read_flat_or_from_one_named_provider() -> None:
    flat = team_settings(GOOD)
    assert flat is not None
    assert (flat.provider, flat.admins, flat.role_claim, flat.claim_roles) == (
        None, ("ada@example.com",), "roles", {"Advisor.Reviewers": ("reviewer",)},
    )  # fmt: skip
    auth = GOOD["auth"]
    provider = {k: auth[k] for k in ("client_id", "client_secret", "server_metadata_url")}
    named = {"auth": {"redirect_uri": auth["redirect_uri"], "cookie_secret": SECRET, "microsoft": provider}}
    found = team_settings(named)
    assert found is not None
    assert (found.provider, found.admins) == ("microsoft", ())


@pytest.mark.parametrize(
    ("secrets", "line"),
    [
        (_with("auth", client_secret=None), ".streamlit/secrets.toml: auth.client_secret: missing"),
        (_with("auth", client_id=""), ".streamlit/secrets.toml: auth.client_id: must be a non-empty text"),
        (_with("auth", redirect_uri="https://advisor.example.com/"),
         ".streamlit/secrets.toml: auth.redirect_uri: must be the app's address ending in /oauth2callback, e.g. "
         "https://advisor.example.com/oauth2callback"),
        (_with("auth", cookie_secret="s3cret"),
         ".streamlit/secrets.toml: auth.cookie_secret: too short: use at least 32 random characters (e.g. python "
         "-c 'import secrets; print(secrets.token_hex(32))')"),
        (_with("auth", server_metadata_url="file:///etc/passwd"),
         ".streamlit/secrets.toml: auth.server_metadata_url: must be an http(s) address (the provider's "
         ".well-known/openid-configuration)"),
        (_with("auth", a={"client_id": "x"}, b={"client_id": "y"}),
         ".streamlit/secrets.toml: auth: names 2 providers (a, b); configure one"),
        ({"auth": "on"}, ".streamlit/secrets.toml: auth: must be a section ([auth]), not a single value"),
        (_with("access", admins="ada@example.com"),
         '.streamlit/secrets.toml: access.admins: must be a list of emails or subjects, e.g. admins = '
         '["ada@example.com"]'),
        (_with("access", claim_roles={"Advisor.Owners": ["owner"]}),
         ".streamlit/secrets.toml: access.claim_roles.Advisor.Owners: must list roles among viewer, contributor, "
         "reviewer, admin"),
        (_with("access", role_claim=None),
         '.streamlit/secrets.toml: access.role_claim: needed with claim_roles: name the claim, e.g. "groups"'),
    ],
)  # fmt: skip
def test_malformed_settings_are_one_line_naming_the_key_and_never_the_secret(
    secrets: dict[str, Any], line: str
) -> None:
    with pytest.raises(InputError) as caught:
        team_settings(secrets)

    assert str(caught.value) == line
    assert SECRET not in str(caught.value)


def test_a_secrets_file_that_is_not_toml_is_refused_naming_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "secrets.toml"
    bad.write_text(f'[auth]\nclient_secret = "{SECRET}\n', encoding="utf-8")

    with pytest.raises(InputError) as caught:
        read_secrets([str(tmp_path / "absent.toml"), str(bad)])

    assert str(caught.value) == f"{bad}: cannot be read as TOML: Illegal character '\\n' (at line 2, column 66)"
    assert SECRET not in str(caught.value)


def test_a_problem_names_the_file_auth_came_from(tmp_path: Path) -> None:
    first, second = tmp_path / "global.toml", tmp_path / "project.toml"
    first.write_text("[other]\nx = 1\n", encoding="utf-8")
    second.write_text('[auth]\nredirect_uri = "nope"\n', encoding="utf-8")

    with pytest.raises(InputError, match=rf"^{second}: auth.redirect_uri: must be the app's address"):
        team_settings(read_secrets([str(first), str(second)]))


class _Provider(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/ok/.well-known/openid-configuration":
            body, status = json.dumps({"issuer": "x", "authorization_endpoint": "x/authorize"}).encode(), 200
        elif self.path == "/html/.well-known/openid-configuration":
            body, status = b"<html>sign in</html>", 200
        else:
            body, status = b"oops", 500
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def provider() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_provider_check_says_whether_and_why_the_provider_answers(provider: str) -> None:
    well_known = ".well-known/openid-configuration"
    closed = f"127.0.0.1:{free_port()}"

    assert check_provider(f"http://{provider}/ok/{well_known}") == ""
    assert check_provider(f"http://{provider}/down/{well_known}") == (
        f"the sign-in provider at {provider} answered with an error (HTTP 500)"
    )
    assert check_provider(f"http://{provider}/html/{well_known}") == (
        f"the sign-in provider at {provider} did not send its OpenID configuration"
    )
    assert check_provider(f"http://{closed}/{well_known}") == (
        f"the sign-in provider at {closed} does not answer (Connection refused)"
    )
