"""Who is working: in local mode a display name asked once, kept in the session and the page address; in team
mode the signed-in person (:mod:`advisor.ui.sign_in`), the address's ``?user=`` and the name field being gone.
Either way the :class:`~advisor.models.actor.Actor` every service call that writes is made as.

The name lives in a plain session key (widget keys are dropped on a page switch) and in the
address (``?user=``), so neither a page switch nor a refresh asks for it again.
"""

from __future__ import annotations

import streamlit as st

from advisor.models.actor import Actor

_NAME = "author_name"
_INPUT = "author_input"
_TEAM = "signed_in_actor"


def use_signed_in(actor: Actor) -> None:
    """Team mode: from now on in this browser session the acting person is ``actor`` (set at every run)."""
    st.session_state[_TEAM] = actor


def signed_in() -> Actor | None:
    """The signed-in person in team mode, else None."""
    found = st.session_state.get(_TEAM)
    return found if isinstance(found, Actor) else None


def author() -> str:
    """The display name, or "" when none is given yet."""
    team = signed_in()
    if team is not None:  # team mode: the token's identity; ?user= is ignored
        return team.name
    if _NAME not in st.session_state:
        st.session_state[_NAME] = st.query_params.get("user", "").strip()
    name = str(st.session_state[_NAME])
    if name and st.query_params.get("user") != name:
        st.query_params["user"] = name  # a page switch clears the address: put the name back
    return name


def actor() -> Actor:
    """The acting person: the name typed in the sidebar, or nobody yet (who may only keep workloads tidy)."""
    team = signed_in()
    if team is not None:
        return team
    name = author()
    return Actor.local(name) if name else Actor.nobody()


def sidebar_name_input() -> None:
    """The name field in the sidebar; every saved version carries it."""
    if _INPUT not in st.session_state:
        st.session_state[_INPUT] = author()
    st.sidebar.text_input(
        "Your name",
        key=_INPUT,
        max_chars=120,
        placeholder="e.g. Dana Rivera",
        help="Shown on every version you save. In local mode signatures are unverified (local mode); a team "
        "deployment signs people in instead (see the README).",
        on_change=_remember,
    )
    if not author():
        st.sidebar.info("Enter your name to save answers.", icon="👤")


def _remember() -> None:
    name = str(st.session_state.get(_INPUT, "")).strip()
    st.session_state[_NAME] = name
    if name:
        st.query_params["user"] = name
    else:
        st.query_params.pop("user", None)
