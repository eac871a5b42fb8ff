"""Workloads page: create, find, rename, archive and restore workloads, and open one."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from advisor import KnowledgeBase, services
from advisor.errors import AdvisorError
from advisor.models.record import WORKLOAD_STATUS_LABELS, Workload
from advisor.models.statuses import STATUS_WORDS, status_help
from advisor.ui import forms, identity, permits, selection
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.safe_text import md
from advisor.ui.service_context import context


def render() -> None:
    st.title("Workloads")
    st.caption(
        "One workload per application or compute component leaving a classic VM. Open one to walk the "
        "questionnaire; every answer is saved as you give it."
    )
    ctx = context()
    if _GO in st.session_state:  # a workload was just created: its questionnaire says so
        st.session_state["questionnaire_flash"] = st.session_state.pop(_GO)
        _go_to_questionnaire()
    _flash()
    search = st.session_state.get("workload_search", "")
    show_archived = st.session_state.get("show_archived", False)
    # One DataFrame straight from the store: thousands of workloads list without per-row objects.
    frame = _workload_frame(ctx.database.url, search or None, show_archived, services.workloads_revision(ctx))
    creating = forms.has_errors(_CREATE) or (frame.empty and not search and not show_archived)
    with st.expander("➕ New workload", expanded=creating):
        _create_form()
    left, right = st.columns([3, 1])
    left.text_input("Search", placeholder="name, owner or context", key="workload_search")
    right.toggle("Show archived", key="show_archived")
    if frame.empty:
        if search:
            st.info("No workloads match.")
        elif not services.workload_frame(ctx, include_archived=True).empty:
            st.info("Every workload is archived: turn on “Show archived” to see them.")
        else:
            st.info("No workloads yet: create the first one above.")
        return
    names = _service_names(knowledge_base())
    table = pd.DataFrame(
        {
            "Workload": frame["name"],
            "Owner": frame["owner"],
            "Status": frame["status"].map(WORKLOAD_STATUS_LABELS) + frame["archived"].map({True: " (archived)",
                                                                                         False: ""}),
            "Service": [names.get((v, s), s) if isinstance(s, str) else ""
                        for v, s in zip(frame["knowledge_version"], frame["service"], strict=True)],
            "Versions": frame["version"].fillna(0).astype(int),
            "Updated": frame["updated_at"],
        }
    ).set_axis(frame["id"])  # fmt: skip
    event = st.dataframe(
        table,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="workload_table",
        column_config={
            "Updated": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
            "Status": st.column_config.TextColumn(help=status_help(tuple(STATUS_WORDS))),
        },
    )
    with st.expander("What the statuses mean"):
        st.markdown(status_help(tuple(STATUS_WORDS)))
    chosen = [row for row in (event.selection.rows if event and event.selection else []) if row < len(frame)]
    if chosen:
        _actions(services.get_workload(ctx, int(frame["id"].iloc[chosen[0]])))
    else:
        st.caption("Select a row to open, rename or archive a workload.")


_CREATE = "create_workload"
_CREATE_FIELDS = ("name", "owner", "context", "vm_links")
_GO = "go_to_questionnaire"


def _create_form() -> None:
    """The new-workload form: each refused field's message under it, what was typed kept."""
    # The owner defaults to the person's name, followed while they have not typed another owner.
    default, shown = identity.author(), st.session_state.get("new_workload_owner")
    if shown is None or shown == st.session_state.get("new_workload_owner_default", ""):
        st.session_state["new_workload_owner"] = default
    st.session_state["new_workload_owner_default"] = default
    why = permits.blocked("edit_workloads")
    if why:
        st.info(why)
    with st.form(_CREATE, clear_on_submit=False, border=False):
        forms.field_error(_CREATE)
        # No max_chars: the service refuses an overlong name with a message instead of cutting it silently.
        st.text_input("Name", placeholder="e.g. Payroll web front end", key="new_workload_name")
        forms.field_error(_CREATE, "name")
        st.text_input("Owner", max_chars=120, key="new_workload_owner")
        forms.field_error(_CREATE, "owner")
        purpose = "What it does, who uses it, what must not break."
        st.text_area("Context", placeholder=purpose, key="new_workload_context")
        forms.field_error(_CREATE, "context")
        st.text_area(
            "Inventory VMs (optional)",
            placeholder="one per line: cloud-service/vm-name",
            help="The classic VMs this workload covers, by cloud service and VM name.",
            key="new_workload_vm_links",
        )
        forms.field_error(_CREATE, "vm_links")
        st.form_submit_button("Create workload", type="primary", on_click=_create, disabled=bool(why), help=why)


def _create() -> None:
    """Create the workload once (a second click repeats the first submission) and open its questionnaire."""
    values = [str(st.session_state.get(f"new_workload_{field}", "")) for field in _CREATE_FIELDS]
    name, owner, purpose, links = values
    forms.clear(_CREATE)
    try:
        workload = services.create_workload(
            context(), identity.actor(), name, owner=owner, context=purpose, vm_links=services.parse_vm_links(links),
            token=forms.token(_CREATE, *values),
        )  # fmt: skip
    except AdvisorError as exc:
        forms.refused(_CREATE, exc, _CREATE_FIELDS)
        return
    selection.select_workload(workload.id)
    st.session_state[_GO] = f"Created workload {workload.name}: answer its first question."


def _actions(workload: Workload) -> None:
    st.markdown(f"#### {md(workload.name)}")
    if workload.context:
        st.markdown(md(workload.context))
    if workload.vm_links:
        st.caption("Inventory VMs: " + md(", ".join(f"{v.cloud_service}/{v.vm_name}" for v in workload.vm_links)))
    open_col, rename_col, archive_col = st.columns([1, 2, 1])
    no_edit, no_archive = permits.blocked("edit_workloads"), permits.blocked("archive_workloads")
    if open_col.button("Open questionnaire", type="primary", key=f"open-{workload.id}"):
        selection.select_workload(workload.id)
        _go_to_questionnaire()
    with rename_col.popover("Rename"):
        new_name = st.text_input("New name", value=workload.name, key=f"rename-{workload.id}")
        if st.button("Save name", key=f"save-name-{workload.id}", disabled=bool(no_edit), help=no_edit):
            token = forms.token(f"rename::{workload.id}", new_name)
            _run(lambda: services.rename_workload(context(), identity.actor(), workload.id, new_name, token=token),
                 f"Renamed to {new_name.strip()}.")  # fmt: skip
    if workload.archived:
        if archive_col.button("Restore", key=f"restore-{workload.id}", disabled=bool(no_archive), help=no_archive):
            _run(
                lambda: services.restore_workload(context(), identity.actor(), workload.id),
                f"Restored {workload.name}.",
            )
    elif archive_col.button(
        "Archive", key=f"archive-{workload.id}", disabled=bool(no_archive),
        help=no_archive or "Hides it; history is kept; undo any time.",
    ):  # fmt: skip
        _run(
            lambda: services.archive_workload(context(), identity.actor(), workload.id),
            f"Archived {workload.name}.",
            undo=workload.id,
        )


def _run(action: Callable[[], object], message: str, undo: int | None = None) -> None:
    try:
        action()
    except AdvisorError as exc:
        st.error(md(exc.messages()))
        return
    st.session_state["flash"] = message
    st.session_state["undo_archive"] = undo
    # The table's selected row number would point at another row (or none) once the list changes.
    st.session_state.pop("workload_table", None)
    st.rerun()


def _flash() -> None:
    message = st.session_state.pop("flash", None)
    if message:
        st.success(md(message))
    undo = st.session_state.get("undo_archive")
    if undo is not None:
        st.button("Undo archive", on_click=_undo_archive, args=(undo,))


def _undo_archive(workload_id: int) -> None:
    st.session_state.pop("undo_archive", None)
    try:
        services.restore_workload(context(), identity.actor(), workload_id)
    except AdvisorError as exc:
        st.session_state["flash"] = exc.messages()
        return
    st.session_state["flash"] = "Archive undone."


@st.cache_data(max_entries=64, show_spinner=False)
def _workload_frame(url: str, search: str | None, show_archived: bool, revision: tuple[object, ...]) -> pd.DataFrame:
    # Keyed on the database's revision, so any save anywhere makes the next run read afresh.
    return services.workload_frame(context(), search=search, include_archived=show_archived)


def _service_names(kb: KnowledgeBase) -> dict[tuple[str, str], str]:
    """(knowledge version, service id) -> service name, for every version."""
    return {(vid, sid): view.name for vid, version in kb.versions.items() for sid, view in version.services.items()}


def _go_to_questionnaire() -> None:
    from advisor.ui.navigation import QUESTIONNAIRE  # the registry imports this page: import late

    st.switch_page(QUESTIONNAIRE)
