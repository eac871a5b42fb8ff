"""Review sessions page: create a session, pick its agenda, go through it one workload at a time, sign off,
close it, and download its minutes (Markdown, and a PDF of the same content).

A closed session is read-only: it shows its record, notes, outcomes and minutes, and no input at all.
"""

from __future__ import annotations

import datetime
import re

import pandas as pd
import streamlit as st

from advisor import KnowledgeBase, services
from advisor.errors import AdvisorError
from advisor.export.minutes import minutes_markdown, minutes_pdf
from advisor.models.session import OUTCOME_LABELS, ROLE_LABELS, ROLES, ReviewSession, SessionItem
from advisor.ui import forms, identity, permits
from advisor.ui.components import session_agenda, session_item
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.safe_text import md
from advisor.ui.service_context import context

CHOSEN = "review_session"
_CREATE = "create_session"
_FLASH = "sessions_flash"
_CONFIRM = "confirm_close"
MAX_ATTENDEES = 20


def render() -> None:
    st.title("Review sessions")
    st.caption(
        "A review board goes through its agenda one workload at a time: notes, an outcome, and a sign-off by a "
        "decision maker. Each outcome is a new record version linked to the session."
    )
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        (st.success if flash[0] == "ok" else st.error)(md(flash[1]))
    sessions = services.list_sessions(context())
    with st.expander("➕ New session", expanded=not sessions or forms.has_errors(_CREATE)):
        _create_form()
    if not sessions:
        st.info("No review session yet: create the first one above.")
        return
    _session_list(sessions)
    by_id = {s.id: s for s in sessions}
    if st.session_state.get(CHOSEN) not in by_id:
        st.session_state.pop(CHOSEN, None)
        # Open the newest open session for the board at once; with none open, let them choose.
        open_sessions = [sid for sid, session in by_id.items() if session.is_open]
        if open_sessions:
            st.session_state[CHOSEN] = open_sessions[0]
    chosen = st.selectbox(
        "Open a session", list(by_id), index=None, key=CHOSEN, placeholder="Choose a session",
        format_func=lambda sid: f"{by_id[sid].title} · {by_id[sid].date.isoformat()} · {by_id[sid].status}",
    )  # fmt: skip
    if chosen is not None:
        _session_view(services.get_session(context(), chosen), knowledge_base())


def _create_form() -> None:
    count = st.number_input("Number of attendees", 1, MAX_ATTENDEES, 3, key="attendee_count")
    with st.form("create_session", border=False):
        forms.field_error(_CREATE)
        st.text_input("Title", placeholder="e.g. Architecture board, March", key="new_session_title")
        forms.field_error(_CREATE, "title")
        st.date_input("Date", value=datetime.date.today(), key="new_session_date")
        forms.field_error(_CREATE, "date")
        for n in range(int(count)):
            name_col, role_col = st.columns([2, 1])
            name_col.text_input(f"Attendee {n + 1}", key=f"attendee_name::{n}")
            role_col.selectbox(f"Role of attendee {n + 1}", ROLES, index=0 if n == 0 else 1,
                               format_func=ROLE_LABELS.__getitem__, key=f"attendee_role::{n}")  # fmt: skip
        for field in ("attendees", "attendee", "role"):
            forms.field_error(_CREATE, field)
        st.caption("Leave a name empty to skip that row. At least one decision maker signs off the outcomes.")
        if identity.signed_in() is not None:
            st.caption("Give each attendee's email as they sign in: they are linked to their account, and only a "
                       "linked reviewer who is a decision maker can sign off.")  # fmt: skip
        why = permits.blocked("run_sessions")
        st.form_submit_button("Create session", type="primary", on_click=_create, args=(int(count),),
                              disabled=bool(why), help=why)  # fmt: skip


def _create(count: int) -> None:
    state = st.session_state
    forms.clear(_CREATE)
    if not identity.author():
        forms.refuse(_CREATE, "", "Enter your name in the sidebar first: the session records who created it.")
        return
    attendees = [
        (str(state.get(f"attendee_name::{n}", "")), str(state.get(f"attendee_role::{n}", "consulted")))
        for n in range(count)
        if str(state.get(f"attendee_name::{n}", "")).strip()
    ]
    try:
        title = str(state.get("new_session_title", ""))
        date = state.get("new_session_date") or datetime.date.today()
        token = forms.token(_CREATE, title, date, attendees)
        session = services.create_session(context(), identity.actor(), title, date, attendees, token=token)
    except AdvisorError as exc:
        forms.refused(_CREATE, exc, ("title", "date", "attendees", "attendee", "role"))
        return
    state[CHOSEN] = session.id
    state[_FLASH] = ("ok", f"Created review session {session.title}: now pick its agenda.")


def _session_list(sessions: list[ReviewSession]) -> None:
    rows = [
        {
            "Title": s.title,
            "Date": s.date,
            "Status": s.status,
            "Agenda": len(s.items),
            "Decided": sum(1 for item in s.items if item.decided),
            "Decision makers": ", ".join(s.decision_makers),
        }
        for s in sessions
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _session_view(session: ReviewSession, kb: KnowledgeBase) -> None:
    st.header(md(session.title), divider="gray")
    st.caption(md(f"{session.date.isoformat()} · {session.status} · created by {session.created_by}"))
    if not session.is_open:
        closed = f"{session.closed_at:%Y-%m-%d %H:%M} UTC" if session.closed_at else "?"
        st.info(md(f"Closed on {closed} by {session.closed_by}. A closed session is read-only."), icon="🔒")
    team = identity.signed_in() is not None
    attendees = pd.DataFrame(
        [(a.name + ("" if a.linked or not team else " (not linked to an account)"), a.role_label)
         for a in session.attendees],
        columns=["Attendee", "Role"],
    )  # fmt: skip
    st.dataframe(attendees, hide_index=True)
    if session.is_open:
        session_agenda.render(session, kb)
    if not session.items:
        st.info("The agenda is empty: add workloads by filter or by hand above.")
    else:
        _agenda_overview(session)
        _current_item(session, kb)
    _minutes(session, kb)
    if session.is_open:
        _close_controls(session)


def _agenda_overview(session: ReviewSession) -> None:
    def flag(item: SessionItem) -> str:
        if item.archived:
            return "archived after it was put on the agenda"
        return f"version {item.latest_version} saved since" if item.stale else ""

    rows = [
        (n, item.workload_name, OUTCOME_LABELS[item.outcome] if item.outcome else "—", item.signed_off_by or "—",
         flag(item))
        for n, item in enumerate(session.items, start=1)
    ]  # fmt: skip
    table = pd.DataFrame(rows, columns=["#", "Workload", "Outcome", "Signed off by", "Attention"])
    st.dataframe(table, hide_index=True, width="stretch")


def _current_item(session: ReviewSession, kb: KnowledgeBase) -> None:
    key = f"item_position::{session.id}"
    total = len(session.items)
    position = min(max(int(st.session_state.get(key, 0)), 0), total - 1)
    back, where, onward = st.columns([1, 2, 1])
    back.button("← Previous", key=f"previous::{session.id}", disabled=position == 0,
                on_click=st.session_state.__setitem__, args=(key, position - 1))  # fmt: skip
    where.markdown(f"**Item {position + 1} of {total}**")
    onward.button("Next →", key=f"next::{session.id}", disabled=position >= total - 1,
                  on_click=st.session_state.__setitem__, args=(key, position + 1))  # fmt: skip
    with st.container(border=True):
        session_item.render(session, session.items[position], kb)


def _minutes(session: ReviewSession, kb: KnowledgeBase) -> None:
    st.subheader("Minutes")
    records = services.agenda_records(context(), session.id)
    slug = re.sub(r"[^a-z0-9]+", "-", session.title.casefold()).strip("-") or "session"
    name = f"minutes-{session.date.isoformat()}-{slug}"
    left, right = st.columns(2)
    left.download_button(
        "Download minutes (Markdown)", minutes_markdown(session, records, kb), file_name=f"{name}.md",
        mime="text/markdown", key=f"minutes_md::{session.id}", on_click="ignore",
    )  # fmt: skip
    right.download_button(
        "Download minutes (PDF)", lambda: minutes_pdf(session, records, kb), file_name=f"{name}.pdf",
        mime="application/pdf", key=f"minutes_pdf::{session.id}", on_click="ignore",
    )  # fmt: skip
    if session.is_open:
        st.caption("The session is open: these are draft minutes. Close it to make them final.")
    st.caption(
        "The agenda's decision records themselves (JSON, CSV, Excel, Markdown) export from the Records page: "
        "Export or import records → By review session."
    )


def _close_controls(session: ReviewSession) -> None:
    key = f"{_CONFIRM}::{session.id}"
    if not st.session_state.get(key):
        why = permits.blocked("run_sessions")
        st.button("Close the session…", key=f"close::{session.id}", on_click=st.session_state.__setitem__,
                  args=(key, True), disabled=bool(why), help=why)  # fmt: skip
        return
    undecided = sum(1 for item in session.items if not item.decided)
    warning = "Close this session? It becomes read-only: no more notes, outcomes or agenda changes."
    if undecided:
        warning += f" {undecided} agenda item{'s' if undecided != 1 else ''} without an outcome will stay undecided."
    st.warning(warning, icon="🔒")
    yes, no = st.columns(2)
    yes.button("Yes, close the session", type="primary", key=f"close_yes::{session.id}", on_click=_close,
               args=(session.id,))  # fmt: skip
    no.button("Cancel", key=f"close_no::{session.id}", on_click=st.session_state.pop, args=(key, None))


def _close(session_id: int) -> None:
    st.session_state.pop(f"{_CONFIRM}::{session_id}", None)
    if not identity.author():
        st.session_state[_FLASH] = ("error", "Enter your name in the sidebar first: closing records who closed it.")
        return
    try:
        token = forms.token(f"close_session::{session_id}")
        session = services.close_session(context(), identity.actor(), session_id, token=token)
    except AdvisorError as exc:
        st.session_state[_FLASH] = ("error", "; ".join(p.message for p in exc.problems))
        return
    st.session_state[_FLASH] = ("ok", f"Closed review session {session.title}: it is read-only now.")
