"""Board page: the portfolio of every latest record, filtered, charted, and a click away from each workload.

One service call reads everything (:func:`~advisor.services.board.board_view`: the records, the latest
inventory imports' verdicts, the latest stored re-evaluation run); the filters and charts are pandas over
its frame.
"""

from __future__ import annotations

import datetime
from typing import Any

import pandas as pd
import streamlit as st

from advisor import services as board
from advisor.models.record import WORKLOAD_STATUS_LABELS
from advisor.ui import lifecycle_setting, selection, verdict_style
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.safe_text import md
from advisor.ui.service_context import context

_TABLE = "board_table"


def render() -> None:
    st.title("Board")
    st.caption(
        "Every workload's latest record. Filter the portfolio, read the charts, and select a row to open the "
        "workload's questionnaire."
    )
    kb = knowledge_base()
    view = board.board_view(context(), lifecycle_setting.judgement())
    portfolio = view.portfolio
    if portfolio.empty:
        st.info("No records yet: answer a workload's first question to create one.")
        return
    shown = board.apply_filter(portfolio, _filters(portfolio, kb.default_version, has_triage=view.has_triage))
    _metrics(portfolio, shown)
    _charts(shown, view.chart_vms, view.chart_estate)
    _table(shown)


def _filters(portfolio: pd.DataFrame, default_version: str, *, has_triage: bool) -> board.BoardFilter:
    with st.container(border=True):
        first = st.columns(3)
        services = first[0].multiselect("Service", sorted(portfolio["service_name"].unique()), key="board_service")
        labels = [WORKLOAD_STATUS_LABELS[s] for s in WORKLOAD_STATUS_LABELS if s != "not_started"]
        statuses = first[1].multiselect("Status", labels, key="board_status")
        versions = first[2].multiselect("Knowledge version", sorted(portfolio["knowledge_version"].unique()),
                                        key="board_version")  # fmt: skip
        second = st.columns([1, 2, 1, 1])
        triage = (
            second[0].multiselect("Triage verdict", board.TRIAGE_VALUES, key="board_triage",
                                  help="The worst verdict of the workload's linked VMs in the latest imports.")
            if has_triage else ()
        )  # fmt: skip
        low, high = second[1].slider("Confidence (%)", 0, 100, (0, 100), step=5, key="board_confidence")
        stale = second[2].toggle(
            "Stale only",
            key="board_stale",
            help=f"Decided under a version other than {default_version}, a lifecycle date of the chosen service ahead "
            "within the horizon (sidebar: Lifecycle dates) or the whole service stopped, "
            "or listed as changed by the last re-evaluation (Re-evaluate page) and not superseded since.",
        )
        revisit = second[3].date_input(
            "Revisit by (on or before)",
            value=None,
            key="board_revisit",
            help="Only records whose revisit-by date (the first lifecycle date ahead touching the chosen service; "
            "kept from the sign-off once decided) falls on or before this day.",
        )
    before = revisit if isinstance(revisit, datetime.date) else None
    return board.BoardFilter(services, statuses, triage, versions, (low / 100, high / 100), stale, before)


def _metrics(portfolio: pd.DataFrame, shown: pd.DataFrame) -> None:
    cells = st.columns(4)
    cells[0].metric("Records shown", f"{len(shown):,} of {len(portfolio):,}")
    cells[1].metric("Decided", f"{int(shown['status'].isin(['accepted', 'rejected']).sum()):,}")
    cells[2].metric("Overridden", f"{int(shown['overridden'].sum()):,}")
    cells[3].metric("Stale", f"{int(shown['is_stale'].sum()):,}")


def _charts(shown: pd.DataFrame, vms: pd.DataFrame | None, estate: str) -> None:
    left, right = st.columns(2)
    with left:
        st.markdown("**Recommendations by service**")
        counts = board.by_service(shown)
        if counts.empty:
            st.caption("No record shown has an outcome yet.")
        else:
            st.bar_chart(counts, horizontal=True, x_label="", y_label="records")
        st.markdown("**Confidence distribution**")
        st.bar_chart(board.confidence_histogram(shown), x_label="confidence", y_label="records")
    with right:
        st.markdown("**Status by service**")
        statuses = board.status_by_service(shown)
        if statuses.empty:
            st.caption("No record shown.")
        else:
            st.bar_chart(statuses, horizontal=True, x_label="", y_label="records", stack=True)
        st.markdown("**Triage verdicts by migration unit**")
        units = board.unit_verdicts(vms) if vms is not None else pd.DataFrame()
        if units.empty:
            st.caption("No inventory import yet: import one on the Inventory page.")
        else:
            labelled = units.rename(columns=verdict_style.LABELS)
            # Streamlit's hint asks for a list of colour tuples or strings; ours are strings.
            colours: list[Any] = verdict_style.colours_for(list(labelled.columns))
            st.bar_chart(
                labelled,
                horizontal=True,
                x_label="",
                y_label="VMs",
                stack=True,
                sort=False,
                color=colours,
            )
            st.caption(f"Latest import of estate '{md(estate)}'; the {len(units)} largest units.")


def _table(shown: pd.DataFrame) -> None:
    if shown.empty:
        st.info("No record matches these filters.")
        return
    table = pd.DataFrame(
        {
            "Workload": shown["name"],
            "Service": shown["service_name"] + shown["overridden"].map({True: " (override)", False: ""}),
            "Status": shown["status_label"],
            "Revisit by": shown["revisit_by"],
            "Confidence": shown["confidence"] * 100,
            "Knowledge": shown["knowledge_version"],
            "Triage": shown["triage"],
            "Stale": shown["stale"],
            "Version": shown["version"],
        }
    )
    event = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=_TABLE,
        column_config={"Confidence": st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100)},
    )
    rows = [row for row in (event.selection.rows if event and event.selection else []) if row < len(shown)]
    if rows:
        _open(int(shown["workload_id"].iloc[rows[0]]))
    st.caption("Select a row to open the workload's questionnaire.")


def _open(workload_id: int) -> None:
    from advisor.ui.navigation import QUESTIONNAIRE  # the registry imports this page: import late

    st.session_state.pop(_TABLE, None)
    selection.select_workload(workload_id)
    st.switch_page(QUESTIONNAIRE)
