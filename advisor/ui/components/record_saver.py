"""Saving a new record version from the UI, callback-safe, with optimistic concurrency.

A session edits on top of the version it loaded (its *base*). Saving builds version base+1; if
someone saved that version first, the store refuses with a conflict, the user's input stays on
screen, and the message says how to see the newer version. Nothing is ever overwritten.
"""

from __future__ import annotations

import streamlit as st

from advisor.decide.record_builder import build_record
from advisor.errors import AdvisorError, ConflictError
from advisor.models.record import DecisionRecord, DecisionStatus, GivenAnswer, Override, Workload
from advisor.ui import identity
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.safe_text import md
from advisor.ui.store_access import store

ERROR_KEY = "save_error"
_CONFLICT_KEY = "save_conflict"


def base_key(workload_id: int) -> str:
    return f"base_version::{workload_id}"


def base_record(workload_id: int) -> DecisionRecord | None:
    """The version this session works on: the latest when first opened, then its own saves."""
    key = base_key(workload_id)
    if key not in st.session_state:
        latest = store().latest_record(workload_id)
        st.session_state[key] = latest.version if latest else 0
    version = st.session_state[key]
    return store().record_version(workload_id, version) if version else None


def reload_latest(workload_id: int) -> None:
    st.session_state.pop(base_key(workload_id), None)
    st.session_state.pop(_CONFLICT_KEY, None)
    # Widgets keep what this session typed; drop it so they show the newer version's answers.
    for key in [k for k in st.session_state if str(k).startswith(("answer::", "note::"))]:
        del st.session_state[key]


class _Keep:
    """Marker: keep the base version's override."""


KEEP = _Keep()


def save(
    workload: Workload,
    answers: dict[str, GivenAnswer],
    knowledge_version: str,
    change: str,
    *,
    override: Override | _Keep | None = KEEP,
    status: DecisionStatus = "proposed",
) -> bool:
    """Append a version; on failure keep a message for the next run and return False.

    The override carries over from the version this session works on unless it is given.
    """
    st.session_state.pop(ERROR_KEY, None)
    author = identity.author()
    if not author:
        st.session_state[ERROR_KEY] = "Enter your name in the sidebar first: every saved version carries it."
        return False
    base = st.session_state.get(base_key(workload.id), 0)
    if isinstance(override, _Keep):
        previous = store().record_version(workload.id, base) if base else None
        override = previous.override if previous else None
    try:
        record = build_record(
            knowledge_base(),
            workload=workload,
            answers=answers,
            knowledge_version=knowledge_version,
            author=author,
            version=base + 1,
            override=override,
            status=status,
            change=change,
        )
        store().append_record(record)
    except ConflictError as exc:
        st.session_state[_CONFLICT_KEY] = f"{exc.problems[0].message} Your change ({change}) was not saved."
        return False
    except AdvisorError as exc:
        st.session_state[ERROR_KEY] = "; ".join(
            f"{p.ident}: {p.message}" if p.ident else p.message for p in exc.problems
        )
        return False
    st.session_state[base_key(workload.id)] = record.version
    return True


def show_messages(workload_id: int) -> None:
    """Errors and conflicts from the last save attempt, shown once."""
    error = st.session_state.pop(ERROR_KEY, None)
    if error:
        st.error(md(error), icon="⚠️")
    conflict = st.session_state.get(_CONFLICT_KEY)
    if conflict:
        st.warning(md(conflict), icon="🔀")
        st.button("Load the newer version", on_click=reload_latest, args=(workload_id,), key="reload_latest")
