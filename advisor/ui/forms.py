"""What every form of the app shares: its submission token, and its errors shown beside the fields.

**Tokens.** Each form has a token in the session, sent with what the form asks a service to do
(:mod:`advisor.services.submissions`). The token stays the same while the same person sends the same content
again from the same form: a double click, or a click queued while the page was still running, repeats the
first submission, and the service answers with the first result (shown as that success) instead of acting
twice. Sending other content (another answer, another name) makes a new token. A refused call uses no token,
so correcting a field and sending again acts.

**Errors beside the field.** A refused submission keeps its problems by the field that caused each one
(the problem's ``ident``); the form shows each under its field on the next run, keeping what was typed
(widget state survives), and problems that name no field of the form at its top.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable

import streamlit as st

from advisor.errors import AdvisorError
from advisor.ui import identity
from advisor.ui.safe_text import md

_TOKENS = "form_tokens"
_ERRORS = "form_errors::"


def token(form: str, *content: object) -> str:
    """The submission token of ``form`` sent with ``content`` (the values it sends) by the acting person."""
    digest = hashlib.sha256(repr((identity.actor().id, content)).encode()).hexdigest()
    tokens: dict[str, tuple[str, str]] = st.session_state.setdefault(_TOKENS, {})
    kept = tokens.get(form)
    if kept is not None and kept[0] == digest:
        return kept[1]
    fresh = uuid.uuid4().hex
    tokens[form] = (digest, fresh)
    return fresh


def refused(form: str, exc: AdvisorError, fields: Iterable[str]) -> None:
    """Keep the problems of a refused submission of ``form``: by field where they name one of ``fields``."""
    known = set(fields)
    errors: dict[str, list[str]] = {}
    for problem in exc.problems:
        where = problem.ident if problem.ident in known else ""
        errors.setdefault(where or "", []).append(problem.message)
    st.session_state[_ERRORS + form] = errors


def refuse(form: str, field: str, message: str) -> None:
    """Keep one problem of ``form`` by ``field`` (a check the page makes itself, like a missing name)."""
    st.session_state.setdefault(_ERRORS + form, {}).setdefault(field, []).append(message)


def clear(form: str) -> None:
    st.session_state.pop(_ERRORS + form, None)


def has_errors(form: str) -> bool:
    return bool(st.session_state.get(_ERRORS + form))


def field_error(form: str, field: str = "") -> None:
    """The problems kept for ``field`` of ``form`` (``""``: those of the whole form), shown where this is called."""
    for message in st.session_state.get(_ERRORS + form, {}).get(field, []):
        st.error(md(message), icon="⚠️")
