"""Saving a new record version from the UI, callback-safe, with optimistic concurrency.

A session edits on top of the version it loaded (its *base*). Saving asks the records service for version
base+1; if someone saved that version first, the service refuses with a conflict, the user's input stays
on screen, and the message says how to see the newer version. Nothing is ever overwritten.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from advisor import services
from advisor.errors import AdvisorError, ConflictError
from advisor.models.record import DecisionRecord, DecisionStatus, GivenAnswer, Override, Workload
from advisor.services.records import Keep
from advisor.ui import forms, identity
from advisor.ui.safe_text import md
from advisor.ui.service_context import context

ERROR_KEY = "save_error"
FORM_FIELDS = ("answer", "note", "override_service", "reason", "changes")  # the fields a save's problems name
_CONFLICT_KEY = "save_conflict"


def base_key(workload_id: int) -> str:
    return f"base_version::{workload_id}"


def base_record(workload_id: int) -> DecisionRecord | None:
    """The version this session works on: the latest when first opened, then its own saves."""
    key = base_key(workload_id)
    if key not in st.session_state:
        latest = services.latest_record(context(), workload_id)
        st.session_state[key] = latest.version if latest else 0
    version = st.session_state[key]
    return services.record_version(context(), workload_id, version) if version else None


def reload_latest(workload_id: int) -> None:
    st.session_state.pop(base_key(workload_id), None)
    st.session_state.pop(_CONFLICT_KEY, None)
    # Widgets keep what this session typed; drop it so they show the newer version's answers.
    for key in [k for k in st.session_state if str(k).startswith(("answer::", "note::"))]:
        del st.session_state[key]


KEEP = services.KEEP  # keep the base version's override


def save(
    workload: Workload,
    answers: dict[str, GivenAnswer],
    knowledge_version: str,
    change: str,
    *,
    override: Override | Keep | None = KEEP,
    status: DecisionStatus = "proposed",
    token: str | None = None,
    form: str | None = None,
) -> bool:
    """Append a version; on failure keep a message for the next run and return False.

    The override carries over from the version this session works on unless it is given. ``token`` is the
    form's submission token (a repeat gives the version the first click saved); with ``form``, a refusal is
    shown in that form, beside the field it names.
    """

    def append(base: int) -> DecisionRecord:
        return services.save_answers(
            context(), identity.actor(), workload.id, base_version=base, answers=answers,
            knowledge_version=knowledge_version, change=change, status=status, override=override, token=token,
        )  # fmt: skip

    return run_save(workload.id, append, change, form=form) is not None


def run_save(
    workload_id: int,
    action: Callable[[int], DecisionRecord | None],
    change: str,
    *,
    error_prefix: str = "",
    form: str | None = None,
) -> DecisionRecord | None:
    """Run a service that saves a version on top of this session's base version (``action(base)``); on success
    the session works on the version saved. On failure keep a message for the next run and return None."""
    st.session_state.pop(ERROR_KEY, None)
    if not identity.author():
        st.session_state[ERROR_KEY] = "Enter your name in the sidebar first: every saved version carries it."
        return None
    try:
        record = action(st.session_state.get(base_key(workload_id), 0))
    except ConflictError as exc:
        st.session_state[_CONFLICT_KEY] = f"{exc.problems[0].message} Your change ({change}) was not saved."
        return None
    except AdvisorError as exc:
        if form is not None:
            forms.refused(form, exc, FORM_FIELDS)
            return None
        st.session_state[ERROR_KEY] = error_prefix + "; ".join(
            f"{p.ident}: {p.message}" if p.ident and not error_prefix else p.message for p in exc.problems
        )
        return None
    if record is not None:
        st.session_state[base_key(workload_id)] = record.version
    return record


def show_messages(workload_id: int) -> None:
    """Errors and conflicts from the last save attempt, shown once."""
    error = st.session_state.pop(ERROR_KEY, None)
    if error:
        st.error(md(error), icon="⚠️")
    conflict = st.session_state.get(_CONFLICT_KEY)
    if conflict:
        st.warning(md(conflict), icon="🔀")
        st.button("Load the newer version", on_click=reload_latest, args=(workload_id,), key="reload_latest")
