"""Override: the team picks another service than the recommended one, and must say why."""

from __future__ import annotations

import streamlit as st

from advisor import KnowledgeVersion
from advisor.models.record import DecisionRecord, Override, Workload
from advisor.ui import forms
from advisor.ui.components import record_saver


def render(workload: Workload, version: KnowledgeVersion, record: DecisionRecord, read_only: bool) -> None:
    form = _form(workload.id)
    with st.expander("Override the recommendation", expanded=record.override is not None or forms.has_errors(form)):
        services = [c.service for c in record.candidates if c.service != record.service]
        names = {sid: version.services[sid].name for sid in services if sid in version.services}
        current = record.override
        with st.form(f"override::{workload.id}", border=False):
            forms.field_error(form)
            st.selectbox(
                "Use this service instead",
                services,
                index=services.index(current.service) if current and current.service in services else None,
                format_func=lambda sid: names.get(sid, sid),
                key="override_service",
                placeholder="Choose a service",
            )
            forms.field_error(form, "override_service")
            st.text_area(
                "Reason (required)",
                value=current.reason if current else "",
                key="override_reason",
                max_chars=5000,
                help="Why the team departs from the tree's outcome; it goes into the decision record.",
            )
            forms.field_error(form, "reason")
            st.form_submit_button("Save override", disabled=read_only, on_click=_save, args=(workload, version, record))
        if current is not None:
            st.button("Remove the override", disabled=read_only, on_click=_remove, args=(workload, version, record))


def _save(workload: Workload, version: KnowledgeVersion, record: DecisionRecord) -> None:
    service = st.session_state.get("override_service")
    reason = str(st.session_state.get("override_reason", "")).strip()
    form = _form(workload.id)
    forms.clear(form)
    if service is None:
        forms.refuse(form, "override_service", "Choose the service to use instead.")
    if not reason:
        forms.refuse(form, "reason", "An override needs a reason: say why the team departs from it.")
    if service is None or not reason:
        return
    record_saver.save(
        workload,
        dict(record.answers),
        version.id,
        f"override to {version.services[service].name if service in version.services else service}",
        override=Override(service=service, reason=reason),
        token=forms.token(form, service, reason),
        form=form,
    )


def _form(workload_id: int) -> str:
    return f"override::{workload_id}"


def _remove(workload: Workload, version: KnowledgeVersion, record: DecisionRecord) -> None:
    form = f"remove_override::{workload.id}"
    record_saver.save(
        workload, dict(record.answers), version.id, "override removed", override=None,
        token=forms.token(form, record.version),
    )  # fmt: skip
