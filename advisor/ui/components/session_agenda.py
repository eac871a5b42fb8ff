"""A review session's agenda: pick it by filter (added to the agenda) or by hand (the whole agenda, in order)."""

from __future__ import annotations

import streamlit as st

from advisor import KnowledgeBase, services
from advisor.errors import AdvisorError
from advisor.models.session import ReviewSession
from advisor.models.statuses import FILTER_STATUSES, status_help, status_label
from advisor.ui import forms, identity, permits
from advisor.ui.safe_text import md
from advisor.ui.service_context import context

MESSAGE_KEY = "agenda_message"


def render(session: ReviewSession, kb: KnowledgeBase) -> None:
    """The agenda editor of an open session."""
    # Keyed: the label changes with the count, and a rerun must not fold it or switch back to the first tab.
    with st.expander(f"Agenda: {_workloads(len(session.items))}", expanded=not session.items,
                     key=f"agenda_expander::{session.id}"):  # fmt: skip
        message = st.session_state.pop(MESSAGE_KEY, None)
        if message:
            (st.success if message[0] == "ok" else st.error)(md(message[1]))
        by_filter, by_hand = st.tabs(["By filter", "By hand"], key=f"agenda_tabs::{session.id}")
        with by_filter:
            _by_filter(session, kb)
        with by_hand:
            _by_hand(session)


def _by_filter(session: ReviewSession, kb: KnowledgeBase) -> None:
    sid = session.id
    columns = st.columns(3)
    status = columns[0].selectbox(
        "Status", FILTER_STATUSES, index=None, placeholder="Any", key=f"agenda_status::{sid}",
        format_func=status_label, help=status_help(),
    )  # fmt: skip
    names = {sid_: view.name for version in kb.versions.values() for sid_, view in version.services.items()}
    service = columns[1].selectbox(
        "Service", sorted(names, key=names.__getitem__), index=None, placeholder="Any", key=f"agenda_service::{sid}",
        format_func=names.__getitem__,
    )  # fmt: skip
    version = columns[2].selectbox(
        "Knowledge version", list(kb.versions), index=None, placeholder="Any", key=f"agenda_version::{sid}"
    )
    found = services.agenda_by_filter(context(), status=status, service=service, knowledge_version=version)
    on_agenda = {item.workload_id for item in session.items}
    new = [w for w in found if w not in on_agenda]
    st.caption(f"{_workloads(len(found))} match; {len(new)} of them {'is' if len(new) == 1 else 'are'} not on the "
               "agenda yet.")  # fmt: skip
    st.button(
        f"Add {len(new)} to the agenda",
        key=f"agenda_add::{sid}",
        disabled=not new or bool(permits.blocked("edit_agenda")),
        help=permits.blocked("edit_agenda"),
        on_click=_set_agenda,
        args=(sid, [item.workload_id for item in session.items] + new),
    )


def _by_hand(session: ReviewSession) -> None:
    frame = services.workload_frame(context())
    frame = frame[frame["version"].notna()]
    names = dict(zip(frame["id"].astype(int), frame["name"], strict=True))
    names |= {item.workload_id: item.workload_name for item in session.items}  # archived ones stay listed
    st.multiselect(
        "Workloads on the agenda, in order",
        list(names),
        default=[item.workload_id for item in session.items],
        format_func=names.__getitem__,
        key=f"agenda_hand::{session.id}",
        help="Workloads with a record. A decided item stays on the agenda.",
    )
    why = permits.blocked("edit_agenda")
    st.button("Save agenda", key=f"agenda_save::{session.id}", on_click=_save_by_hand, args=(session.id,),
              disabled=bool(why), help=why)  # fmt: skip


def _save_by_hand(session_id: int) -> None:
    _set_agenda(session_id, list(st.session_state.get(f"agenda_hand::{session_id}", [])))


def _set_agenda(session_id: int, workload_ids: list[int]) -> None:
    try:
        token = forms.token(f"agenda::{session_id}", workload_ids)
        session = services.set_agenda(context(), identity.actor(), session_id, workload_ids, token=token)
    except AdvisorError as exc:
        st.session_state[MESSAGE_KEY] = ("error", "; ".join(p.message for p in exc.problems))
        return
    st.session_state.pop(f"agenda_hand::{session_id}", None)  # show the saved agenda next run
    st.session_state[MESSAGE_KEY] = ("ok", f"The agenda has {_workloads(len(session.items))}.")


def _workloads(count: int) -> str:
    return f"{count} workload{'' if count == 1 else 's'}"
