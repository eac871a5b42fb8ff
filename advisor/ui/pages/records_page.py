"""Records page: the latest decision of every workload, a record's whole history, what changed, and the
export (JSON, CSV, Excel, Markdown) and JSON import of records."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from advisor import KnowledgeBase, services
from advisor.decide.reason_words import Words, change_text
from advisor.models.record import DecisionRecord
from advisor.models.statuses import FILTER_STATUSES, STATUS_WORDS, status_help, status_label, version_status_label
from advisor.ui import selection
from advisor.ui.components import record_exchange, record_view
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.safe_text import md
from advisor.ui.service_context import context


def render() -> None:
    st.title("Records")
    st.caption("Every save is a new, immutable version. Pick a record to see its history and compare versions.")
    with st.expander("Export or import records"):
        record_exchange.render(context())
    status = st.segmented_control(
        "Status", FILTER_STATUSES, selection_mode="single", key="records_status", format_func=status_label,
        help=status_help(),
    )  # fmt: skip
    records = services.latest_records(context(), status=status)
    if not records:
        if status:
            st.info(f"No record has the status “{status_label(status)}”: {STATUS_WORDS[status].meaning}")
        else:
            st.info("No records yet: answer a workload's first question to create one.")
        return
    kb = knowledge_base()
    rows = [
        {
            "Workload": r.workload_name,
            "Version": r.version,
            "Status": version_status_label(r),
            "Service": _name(kb, r, r.chosen_service),
            "Overridden": "yes" if r.override else "",
            "Confidence": f"{r.confidence:.0%}",
            "Knowledge": r.knowledge_version,
            "Author": r.author,
            "Saved": r.created_at,
        }
        for r in records
    ]
    event = st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="records_table",
        column_config={"Saved": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")},
    )
    picked = [row for row in (event.selection.rows if event and event.selection else []) if row < len(records)]
    preselected = selection.selected_workload_id()
    record = records[picked[0]] if picked else next((r for r in records if r.workload_id == preselected), None)
    if record is None:
        st.caption("Select a row to see that record's history.")
        return
    _history(record.workload_id)


def _history(workload_id: int) -> None:
    """The versions that matter by default (milestones, each with why), every version on demand."""
    history = services.record_history(context(), workload_id)
    latest = history[-1]
    kb = knowledge_base()
    st.subheader(f"History of {md(latest.workload_name)}")
    marks = {m.version: m.why for m in services.milestones(history, lambda s: _name(kb, latest, s))}
    every = st.toggle(f"Show every version ({len(history)})", key=f"every_version::{workload_id}",
                      help="By default only the versions that matter are listed; every version is kept.")  # fmt: skip
    shown = history if every else [r for r in history if r.version in marks]
    if not every and len(shown) < len(history):
        st.caption(
            f"{len(shown)} of {len(history)} versions: the first, the first complete recommendation, outcome "
            "changes, overrides, decisions, supersessions and the latest. The others only carried the walk forward."
        )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Version": r.version,
                    "Saved": r.created_at,
                    "Author": r.author,
                    "Change": change_text(r.change, Words.from_kb(knowledge_base())),
                    "Status": version_status_label(r),
                    "Service": _name(kb, r, r.chosen_service),
                    "Why it matters": "; ".join(marks.get(r.version, ())),
                }
                for r in reversed(shown)
            ]
        ),
        hide_index=True,
        width="stretch",
        column_config={"Saved": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm:ss")},
    )
    versions = [r.version for r in shown]
    left, right = st.columns(2)
    older = left.selectbox(
        "Compare version", versions, index=max(len(versions) - 2, 0), key=f"diff_a::{workload_id}::{every}"
    )
    newer = right.selectbox("with version", versions, index=len(versions) - 1, key=f"diff_b::{workload_id}::{every}")
    by_version = {r.version: r for r in history}
    _diff(by_version[older], by_version[newer])
    with st.expander(f"Version {newer} in full"):
        record = by_version[newer]
        if record.knowledge_version not in kb.versions:
            st.error(f"Knowledge version {record.knowledge_version} is no longer shipped: shown read-only, as saved.")
        record_view.render(record, kb.versions.get(record.knowledge_version))


def _diff(before: DecisionRecord, after: DecisionRecord) -> None:
    changes = services.diff_versions(before, after, Words.from_kb(knowledge_base()))
    if before.version == after.version:
        st.caption("Pick two different versions to see what changed.")
    elif not changes:
        st.info(f"Versions {before.version} and {after.version} decide the same.")
    else:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "What": c.field,
                        f"Version {before.version}": c.before or "—",
                        f"Version {after.version}": c.after or "—",
                    }
                    for c in changes
                ]
            ),
            hide_index=True,
            width="stretch",
        )


def _name(kb: KnowledgeBase, record: DecisionRecord, service: str | None) -> str:
    if service is None:
        return "(incomplete)"
    version = kb.versions.get(record.knowledge_version)
    view = version.services.get(service) if version else None
    return view.name if view else Words.from_kb(kb).service(service)
