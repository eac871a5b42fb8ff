"""Export and import on the Records page: the four downloads over a chosen selection, and a JSON upload.

The bytes come from :mod:`advisor.export` (pure functions) over the selection the exchange service reads; a
download button only wraps them. Files are made when a button is clicked (deferred data), so a page with
thousands of records stays quick; the context the files are made from is captured when the page runs.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

import streamlit as st

from advisor import services
from advisor.errors import AdvisorError
from advisor.export import EXTENSIONS, FORMATS, MEDIA_TYPES
from advisor.models.statuses import FILTER_STATUSES, status_help, status_label
from advisor.services import ServiceContext
from advisor.ui import forms, identity, permits
from advisor.ui.safe_text import md

SCOPES = ("All records", "By status", "Hand-picked workloads", "By review session")
BUTTONS = {
    "json": "Download JSON",
    "csv": "Download CSV",
    "xlsx": "Download Excel",
    "madr": "Download Markdown (zip)",
}
HELP = {
    "json": "Every field of every version: the exact format, and the one that imports into another instance.",
    "csv": "One row per workload, for spreadsheets. Cells that start like a formula get a leading quote.",
    "xlsx": "Sheets Summary, Path, Candidates and Findings; every text is a text cell, never a formula.",
    "madr": "One MADR 4.0 decision record per workload, with an index, zipped.",
}


def render(ctx: ServiceContext) -> None:
    """The export and import panel; call it inside an expander or container."""
    _export(ctx)
    st.divider()
    _import(ctx)


def _export(ctx: ServiceContext) -> None:
    scope = st.radio("Records to export", SCOPES, horizontal=True, key="export_scope")
    status: str | None = None
    names: list[str] | None = None
    session: int | None = None
    if scope == "By review session":
        sessions = {s.id: f"{s.title} ({s.date}, {s.status})" for s in services.list_sessions(ctx)}
        session = st.selectbox(
            "Review session",
            list(sessions),
            format_func=sessions.__getitem__,
            key="export_session",
            index=None,
            placeholder="Choose a session",
        )
        count = len(services.get_session(ctx, session).items) if session is not None else 0
    elif scope == "By status":
        status = st.selectbox("Status to export", FILTER_STATUSES, format_func=status_label, key="export_status",
                              help=status_help())  # fmt: skip
        count = len(services.latest_records(ctx, status))
    else:
        with_records = [s.workload.name for s in services.list_workloads(ctx) if s.version is not None]
        if scope == "Hand-picked workloads":
            names = st.multiselect("Workloads to export", with_records, key="export_names")
        count = len(names) if names is not None else len(with_records)
    st.caption(f"{count} workloads chosen, each with every version of its record.")
    columns = st.columns(len(FORMATS))
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M")
    for column, fmt in zip(columns, FORMATS, strict=True):
        column.download_button(
            BUTTONS[fmt],
            data=_maker(ctx, fmt, status, names, session),
            file_name=f"decision-records-{stamp}.{EXTENSIONS[fmt]}",
            mime=MEDIA_TYPES[fmt],
            key=f"export_{fmt}",
            help=HELP[fmt],
            on_click="ignore",
            disabled=count == 0,
            width="stretch",
        )


def _maker(
    ctx: ServiceContext,
    fmt: str,
    status: str | None,
    names: Sequence[str] | None,
    session: int | None = None,
) -> Callable[[], bytes]:
    def make() -> bytes:
        return FORMATS[fmt](services.select_records(ctx, status=status, names=names or None, session=session))

    return make


def _import(ctx: ServiceContext) -> None:
    st.markdown("**Import a JSON export**")
    st.caption(
        "All or nothing: a file with any fault imports nothing. A workload that exists here keeps its history; "
        "the file's versions are added after its latest one, and versions it already has are skipped."
    )
    upload = st.file_uploader("JSON export to import", type=["json"], key="import_file")
    why = permits.blocked("import_records")
    if not st.button("Import", key="import_button", disabled=upload is None or bool(why), help=why) or upload is None:
        return
    try:
        token = forms.token("import_records", upload.file_id)  # the same upload sent twice imports once
        report = services.import_records(ctx, identity.actor(), upload.getvalue(), upload.name, token=token)
    except AdvisorError as exc:
        lines = [f"- {md(str(problem))}" for problem in exc.problems]
        st.error("Nothing was imported:\n\n" + "\n".join(lines), icon="🛑")
        return
    st.success(md(report.text()), icon="✅")
