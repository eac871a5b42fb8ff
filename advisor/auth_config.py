"""Team mode's configuration: the ``[auth]`` section of ``.streamlit/secrets.toml`` (Streamlit's ``st.login``,
OpenID Connect) and the ``[access]`` section beside it (the first admins, an optional claim mapped to roles);
and the check that the identity provider answers before anyone is sent to it.

Without ``[auth]`` the app runs in local mode. A malformed section is one line naming the key; a secret's value
(``client_secret``, ``cookie_secret``) is never part of any message. Never imports Streamlit.
"""

from __future__ import annotations

import json
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from advisor.errors import InputError, Problem
from advisor.models.account import ROLES

SECRETS_FILE = ".streamlit/secrets.toml"
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")
MIN_COOKIE_SECRET = 32  # characters: a shorter cookie secret can be guessed
PROVIDER_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class TeamSettings:
    """What team mode needs from the secrets: the provider to call ``st.login`` with (None: the keys are directly
    under ``[auth]``), its discovery URL, and who gets which role from configuration."""

    provider: str | None
    server_metadata_url: str
    admins: tuple[str, ...]
    role_claim: str
    claim_roles: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Secrets:
    """The secrets files merged (a later file wins, as in Streamlit), and the file ``[auth]`` came from."""

    values: dict[str, Any]
    source: str = SECRETS_FILE


def read_secrets(paths: Sequence[str]) -> Secrets:
    """The secrets files Streamlit reads (``secrets.files``), merged in order; a file that is there but is not
    TOML is an InputError naming it and the line (team mode fails closed: it never falls back to local mode)."""
    merged: dict[str, Any] = {}
    source = SECRETS_FILE
    for name in paths:
        path = Path(name)
        if not path.is_file():
            continue
        try:
            values = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InputError(Problem(f"cannot be read as TOML: {exc}", file=str(path))) from None
        if "auth" in values or "access" in values:
            source = str(path)
        merged.update(values)
    return Secrets(merged, source)


def team_settings(found: Secrets | Mapping[str, Any]) -> TeamSettings | None:
    """None without ``[auth]`` (local mode); else the checked settings, or an InputError naming the file and key."""
    secrets, source = (found.values, found.source) if isinstance(found, Secrets) else (found, SECRETS_FILE)
    try:
        return _team_settings(secrets)
    except InputError as exc:
        raise InputError([replace(p, file=source) for p in exc.problems]) from None


def _team_settings(secrets: Mapping[str, Any]) -> TeamSettings | None:
    if "auth" not in secrets:
        return None
    auth = secrets["auth"]
    if not isinstance(auth, Mapping):
        raise _bad("auth", "must be a section ([auth]), not a single value")
    redirect = _text(auth, "redirect_uri", "auth")
    parsed = urllib.parse.urlsplit(redirect)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or not parsed.path.endswith("/oauth2callback"):
        raise _bad("auth.redirect_uri", "must be the app's address ending in /oauth2callback, e.g. "
                   "https://advisor.example.com/oauth2callback")  # fmt: skip
    cookie = _text(auth, "cookie_secret", "auth")
    if len(cookie) < MIN_COOKIE_SECRET:
        raise _bad("auth.cookie_secret", f"too short: use at least {MIN_COOKIE_SECRET} random characters "
                   "(e.g. python -c 'import secrets; print(secrets.token_hex(32))')")  # fmt: skip
    providers = {name: value for name, value in auth.items() if isinstance(value, Mapping)}
    if len(providers) > 1:
        raise _bad("auth", f"names {len(providers)} providers ({', '.join(sorted(providers))}); configure one")
    provider, section, where = (
        (next(iter(providers)), next(iter(providers.values())), f"auth.{next(iter(providers))}")
        if providers
        else (None, auth, "auth")
    )
    for key in PROVIDER_KEYS:
        _text(section, key, where)
    metadata = str(section["server_metadata_url"]).strip()
    if urllib.parse.urlsplit(metadata).scheme not in ("http", "https"):
        raise _bad(f"{where}.server_metadata_url", "must be an http(s) address (the provider's "
                   ".well-known/openid-configuration)")  # fmt: skip
    return TeamSettings(provider, metadata, *_access(secrets.get("access", {})))


def check_provider(server_metadata_url: str, timeout: float = PROVIDER_TIMEOUT_S) -> str:
    """ "" when the identity provider answers with its OpenID configuration; else why not, in words."""
    host = urllib.parse.urlsplit(server_metadata_url).netloc or server_metadata_url
    try:
        with urllib.request.urlopen(server_metadata_url, timeout=timeout) as response:
            document = json.loads(response.read(1_000_000))
    except urllib.error.HTTPError as exc:
        return f"the sign-in provider at {host} answered with an error (HTTP {exc.code})"
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        said = getattr(reason, "strerror", None) or str(reason)  # "Connection refused", not "[Errno 111] ..."
        return f"the sign-in provider at {host} does not answer ({said})"
    except ValueError:
        return f"the sign-in provider at {host} did not send its OpenID configuration"
    if not isinstance(document, dict) or "authorization_endpoint" not in document:
        return f"the sign-in provider at {host} did not send its OpenID configuration"
    return ""


def _access(section: Any) -> tuple[tuple[str, ...], str, dict[str, tuple[str, ...]]]:
    if not isinstance(section, Mapping):
        raise _bad("access", "must be a section ([access])")
    admins = section.get("admins", [])
    if not isinstance(admins, list) or not all(isinstance(a, str) and a.strip() for a in admins):
        raise _bad("access.admins", 'must be a list of emails or subjects, e.g. admins = ["ada@example.com"]')
    claim = section.get("role_claim", "")
    if not isinstance(claim, str):
        raise _bad("access.role_claim", 'must be the name of a token claim, e.g. "groups" or "roles"')
    mapping = section.get("claim_roles", {})
    if not isinstance(mapping, Mapping):
        raise _bad("access.claim_roles", "must be a section mapping a claim value to a list of roles")
    roles: dict[str, tuple[str, ...]] = {}
    for value, given in mapping.items():
        listed = [given] if isinstance(given, str) else given
        if not isinstance(listed, list) or not all(r in ROLES for r in listed):
            raise _bad(f"access.claim_roles.{value}", f"must list roles among {', '.join(ROLES)}")
        roles[str(value)] = tuple(listed)
    if roles and not claim.strip():
        raise _bad("access.role_claim", 'needed with claim_roles: name the claim, e.g. "groups"')
    return tuple(a.strip() for a in admins), claim.strip(), roles


def _text(section: Mapping[str, Any], key: str, where: str) -> str:
    value = section.get(key)
    if value is None:
        raise _bad(f"{where}.{key}", "missing")
    if not isinstance(value, str) or not value.strip():
        raise _bad(f"{where}.{key}", "must be a non-empty text")
    return value.strip()


def _bad(key: str, message: str) -> InputError:
    return InputError(Problem(message, file=SECRETS_FILE, ident=key))
