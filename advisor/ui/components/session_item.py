"""One agenda item of a review session: the record, discussion notes, the outcome and its sign-off.

An outcome is saved as the workload's next record version (``services.decide_item``) only while the
version the item was taken at is still the newest; otherwise the service refuses with a conflict, shown
here with a button to take the latest version. A closed session, or a decided item, shows no inputs
for the outcome; a closed session shows none at all.
"""

from __future__ import annotations

import streamlit as st

from advisor import KnowledgeBase, services
from advisor.errors import AdvisorError, ConflictError
from advisor.models.record import DecisionRecord
from advisor.models.session import OUTCOME_LABELS, OUTCOMES, UNVERIFIED, ReviewSession, SessionItem
from advisor.models.statuses import version_status_label
from advisor.ui import forms, identity, permits
from advisor.ui.components import disagreement_view, record_view, what_if_panel
from advisor.ui.safe_text import md
from advisor.ui.service_context import context

OUTCOME_CHOICES = {
    "accept": "Accept",
    "reject": "Reject",
    "override": "Override to another service",
    "defer": "Defer",
}
TAKE_LATEST = "Take the latest version"
NO_SERVICE = (
    "This record has no recommended service yet: the questionnaire is not finished. There is nothing to accept, "
    "override or reject; the board can only defer it until the remaining questions are answered."
)
CHOOSE_OUTCOME = "Choose an outcome: none is preselected."


def render(session: ReviewSession, item: SessionItem, kb: KnowledgeBase) -> None:
    sid, wid = session.id, item.workload_id
    st.subheader(md(item.workload_name))
    message = st.session_state.pop(_key("message", sid, wid), None)
    if message:
        (st.success if message[0] == "ok" else st.error)(md(message[1]), icon="✅" if message[0] == "ok" else "⚠️")
    if item.archived:
        st.warning(
            "This workload was archived after it was put on the agenda: restore it on the Workloads page to decide "
            "on it. Its notes and history are kept.",
            icon="🗄️",
        )
    conflict = st.session_state.get(_key("conflict", sid, wid))
    if session.is_open and (conflict or item.stale):
        text = conflict or (
            f"Version {item.latest_version} of this workload was saved after this item was taken at version "
            f"{item.base_version}: signing off now would conflict."
        )
        st.warning(md(text), icon="🔀")
        why = permits.blocked("edit_agenda")
        st.button(TAKE_LATEST, key=_key("refresh", sid, wid), on_click=_refresh, args=(sid, wid, item.latest_version),
                  type="primary", disabled=bool(why), help=why)  # fmt: skip
    record = services.record_version(context(), wid, item.result_version or item.base_version)
    version = kb.versions.get(record.knowledge_version)
    if item.decided:
        st.success(md(_decision(item, record, kb)), icon="🖊️")
    st.caption(f"Record version {record.version} · knowledge version {record.knowledge_version}")
    record_view.render(record, version)
    _notes(session, item)
    if session.is_open and not item.decided and not item.archived:
        _outcome_form(session, item, record, kb)
    if session.is_open:
        cannot_save = bool(permits.blocked("save_records"))
        what_if_panel.render(record, kb, key=f"session{sid}", read_only=item.decided or item.archived or cannot_save)


def _notes(session: ReviewSession, item: SessionItem) -> None:
    sid, wid = session.id, item.workload_id
    if not session.is_open:
        st.markdown("**Discussion notes**")
        st.text(item.notes if item.notes.strip() else "No notes.")
        return
    st.text_area("Discussion notes", value=item.notes, key=_key("notes", sid, wid), height=120)
    why = permits.blocked("edit_agenda")
    st.button("Save notes", key=_key("save_notes", sid, wid), on_click=_save_notes, args=(sid, wid),
              disabled=bool(why), help=why)  # fmt: skip


def _outcome_form(session: ReviewSession, item: SessionItem, record: DecisionRecord, kb: KnowledgeBase) -> None:
    sid, wid = session.id, item.workload_id
    version = kb.versions.get(record.knowledge_version)
    services = [c.service for c in record.candidates if c.service != record.service]
    names = {s: version.services[s].name for s in services if version and s in version.services}
    makers = list(session.decision_makers)
    me = next((m for m in makers if m.casefold() == identity.author().casefold()), None)
    # No decision without a service: an unfinished record can only be deferred (the service refuses the rest too).
    offered = OUTCOMES if record.service is not None else ("defer",)
    form = _key("outcome_form", sid, wid)
    with st.form(form, border=True):
        forms.field_error(form)
        if record.service is None:
            st.info(NO_SERVICE, icon="🛑")
        # index=None: no outcome is preselected, so a sign-off always says what was chosen.
        st.radio("Outcome", offered, index=None, format_func=OUTCOME_CHOICES.__getitem__, horizontal=True,
                 key=_key("outcome", sid, wid))  # fmt: skip
        forms.field_error(form, "outcome")
        if record.service is not None:
            st.selectbox("Override to", services, index=None, format_func=lambda s: names.get(s, s),
                         placeholder="Only for an override", key=_key("override", sid, wid))  # fmt: skip
            forms.field_error(form, "override_service")
        reason_label = "Reason (required to reject or override)" if record.service is not None else "Reason (optional)"
        st.text_area(reason_label, key=_key("reason", sid, wid), max_chars=5000)
        forms.field_error(form, "reason")
        disputed = kb.disagreements.touching_record(record)
        disagreement_view.relied_inputs(disputed, _key("relied", sid, wid))
        team = identity.signed_in()
        if team is None:
            st.selectbox(
                "Sign off as", makers, index=makers.index(me) if me else (0 if len(makers) == 1 else None),
                placeholder="Choose a decision maker", key=_key("signer", sid, wid),
            )  # fmt: skip
            forms.field_error(form, "signed_off_by")
            st.caption(f"Local mode: the signature is {UNVERIFIED}.")
        else:  # team mode: the signed-in person signs, as themselves; the server checks they are a decision maker
            st.caption(f"You sign off as {team.name} ({team.email or 'signed in'}).")
            forms.field_error(form, "signed_off_by")
        disputed_ids = tuple(item.id for item in disputed)
        why = permits.blocked("decide")
        st.form_submit_button("Sign off", type="primary", on_click=_decide, args=(sid, wid, disputed_ids),
                              disabled=bool(why), help=why)  # fmt: skip


def _decide(session_id: int, workload_id: int, disputed: tuple[str, ...] = ()) -> None:
    state = st.session_state
    form = _key("outcome_form", session_id, workload_id)
    forms.clear(form)
    outcome = state.get(_key("outcome", session_id, workload_id))
    override = state.get(_key("override", session_id, workload_id)) if outcome == "override" else None
    reason = str(state.get(_key("reason", session_id, workload_id), ""))
    signer = str(state.get(_key("signer", session_id, workload_id)) or "")
    if outcome is None:
        forms.refuse(form, "outcome", CHOOSE_OUTCOME)
        return
    if identity.signed_in() is None and not signer:
        forms.refuse(form, "signed_off_by", "Choose the decision maker who signs off.")
        return
    relied = disagreement_view.relied_choices(disputed, _key("relied", session_id, workload_id))
    try:
        record = services.decide_item(
            context(), identity.actor(), session_id, workload_id, str(outcome), reason, override, signer,
            relied_on=relied, token=forms.token(form, outcome, reason, override, signer, relied),
        )  # fmt: skip
    except ConflictError as exc:
        state[_key("conflict", session_id, workload_id)] = exc.problems[0].message
        return
    except AdvisorError as exc:
        forms.refused(form, exc, ("outcome", "override_service", "reason", "signed_off_by"))
        return
    state.pop(_key("conflict", session_id, workload_id), None)
    state[_key("message", session_id, workload_id)] = (
        "ok", f"Signed off by {record.author}: saved as version {record.version} ({version_status_label(record)}).",
    )  # fmt: skip


def _refresh(session_id: int, workload_id: int, latest: int | None) -> None:
    """Take the item at the latest version; ``latest`` (the version on screen) tells a repeat from a new take."""
    st.session_state.pop(_key("conflict", session_id, workload_id), None)
    try:
        token = forms.token(_key("refresh", session_id, workload_id), latest)
        item = services.refresh_item(context(), identity.actor(), session_id, workload_id, token=token)
    except AdvisorError as exc:
        st.session_state[_key("message", session_id, workload_id)] = ("error", exc.problems[0].message)
        return
    st.session_state[_key("message", session_id, workload_id)] = (
        "ok", f"Now deciding on version {item.base_version}, the latest.",
    )  # fmt: skip


def _save_notes(session_id: int, workload_id: int) -> None:
    notes = str(st.session_state.get(_key("notes", session_id, workload_id), ""))
    try:
        token = forms.token(_key("save_notes", session_id, workload_id), notes)
        services.save_notes(context(), identity.actor(), session_id, workload_id, notes, token=token)
    except AdvisorError as exc:
        st.session_state[_key("message", session_id, workload_id)] = ("error", exc.problems[0].message)
        return
    st.session_state[_key("message", session_id, workload_id)] = ("ok", "Notes saved.")


def _decision(item: SessionItem, record: DecisionRecord, kb: KnowledgeBase) -> str:
    assert item.outcome is not None
    assert item.signed_at is not None
    what = OUTCOME_LABELS[item.outcome]
    if item.override_service:
        version = kb.versions.get(record.knowledge_version)
        view = version.services.get(item.override_service) if version else None
        what += f" to {view.name if view else item.override_service}"
    text = (
        f"{what[0].upper()}{what[1:]}, signed off by {item.signed_off_by} on {item.signed_at:%Y-%m-%d %H:%M} UTC "
        f"({item.signature})"
    )
    return text + (f". Reason: {item.reason}" if item.reason else ".")


def _key(kind: str, session_id: int, workload_id: int) -> str:
    return f"review_{kind}::{session_id}::{workload_id}"
