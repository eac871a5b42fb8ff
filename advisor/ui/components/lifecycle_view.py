"""Lifecycle notes on the pages: the entries touching a service, judged at the sidebar's as-of date and horizon.

Each note is shown with its date and whether it is already past, inside the horizon or later; the words come
from the note (its ``text``), the structure stays in the core (:class:`~advisor.lifecycle.entries.LifecycleNote`,
read through :func:`advisor.services.lifecycle_notes`).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from advisor.services import LifecycleNote, lifecycle_notes
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.lifecycle_setting import judgement
from advisor.ui.safe_text import md

_MARK = {"past": "⛔ already past", "within_horizon": "⚠️ within the horizon", "later": "🗓️ later"}


def notes(service: str | None) -> tuple[LifecycleNote, ...]:
    return lifecycle_notes(knowledge_base(), judgement(), service)


def qualifying(service: str | None) -> dict[str, tuple[LifecycleNote, ...]]:
    """Per catalog fact of the service, the notes of the entries that qualify it (e.g. a retired quota part)."""
    view = knowledge_base().lifecycle.view(judgement())
    facts = {entry.id: entry.facts for entry in view.lifecycle.entries_touching(service)} if service else {}
    found: dict[str, tuple[LifecycleNote, ...]] = {}
    for note in view.notes(service):
        for fact in facts.get(note.entry, ()):
            found[fact] = (*found.get(fact, ()), note)
    return found


def conditions(service: str | None) -> None:
    """The service's lifecycle entries as conditions with dates (nothing when there is none)."""
    found = notes(service)
    if found:
        st.markdown(f"**Lifecycle dates** ({judgement().describe()})")
        st.markdown(_bullets(found))


def cell(service: str) -> str:
    """The entries past or inside the horizon, for a table cell."""
    return "; ".join(f"{note.text}" for note in notes(service) if note.status != "later")


def side_by_side(current: Sequence[LifecycleNote], hypothetical: Sequence[LifecycleNote]) -> None:
    if not current and not hypothetical:
        return
    st.markdown(f"**Lifecycle dates** ({judgement().describe()})")
    now, then = st.columns(2)
    now.markdown(_bullets(current) or "None.")
    then.markdown(_bullets(hypothetical) or "None.")


def columns(names: Sequence[str], per_column: Sequence[Sequence[LifecycleNote]]) -> None:
    if not any(per_column):
        return
    st.markdown(f"**Lifecycle dates** ({judgement().describe()})")
    for column, name, found in zip(st.columns(len(names)), names, per_column, strict=True):
        column.markdown(f"*{md(name)}*\n\n" + (_bullets(found) or "None."))


def _bullets(found: Sequence[LifecycleNote]) -> str:
    return "\n".join(f"- {_MARK[note.status]}: {md(note.text)} ([source]({note.source}))" for note in found)
