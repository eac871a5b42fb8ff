"""Board page: the portfolio of every latest record, filtered, charted, and a click away from each workload.

One service call reads everything (:func:`~advisor.services.board.board_view`: the records, the latest
inventory imports' verdicts, the latest stored re-evaluation run); the filters and charts are pandas over
its frame.
"""

from __future__ import annotations

import datetime

import pandas as pd
import streamlit as st

from advisor import services as board
from advisor.models.statuses import FILTER_STATUSES, status_help, status_label
from advisor.ui import charts, lifecycle_setting, selection, verdict_style
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
    with_costs = bool(st.session_state.get(_COSTS, False))
    view = board.board_view(context(), lifecycle_setting.judgement(), with_costs=with_costs)
    portfolio = view.portfolio
    if portfolio.empty:
        st.info("No records yet: answer a workload's first question to create one.")
        return
    shown = board.apply_filter(portfolio, _filters(portfolio, kb.default_version, has_triage=view.has_triage))
    _metrics(portfolio, shown)
    _charts(shown, view.estate_vms, with_costs)
    _table(shown, with_costs)


def _filters(portfolio: pd.DataFrame, default_version: str, *, has_triage: bool) -> board.BoardFilter:
    with st.container(border=True):
        first = st.columns(3)
        services = first[0].multiselect("Service", sorted(portfolio["service_name"].unique()), key="board_service")
        labels = [status_label(s) for s in FILTER_STATUSES]
        statuses = first[1].multiselect("Status", labels, key="board_status", help=status_help())
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


# One colour per status label, in the order of the status language.
_STATUS_COLOURS = ["#9e9e9e", "#0f6cbd", "#2e7d32", "#c62828", "#6d4c41"]


def _charts(shown: pd.DataFrame, estate_vms: dict[str, pd.DataFrame], with_costs: bool) -> None:
    # Bars by service the page's whole width: service names are shown whole.
    st.markdown("**Recommendations by service**")
    counts = board.by_service(shown)
    if counts.empty:
        st.caption("No record shown has an outcome yet.")
    else:
        charts.bars(counts.rename_axis("service").reset_index(), "service", ["records"], ["#0f6cbd"],
                    value_title="records", key="board_services")  # fmt: skip
    _costs(shown, with_costs)
    st.markdown("**Status by service**")
    statuses = board.status_by_service(shown)
    if statuses.empty:
        st.caption("No record shown.")
    else:
        labels = [status_label(s) for s in FILTER_STATUSES]
        columns = [c for c in labels if c in statuses.columns]
        colours = [_STATUS_COLOURS[labels.index(c)] for c in columns]
        frame = statuses[columns].rename_axis("service").reset_index()
        charts.bars(frame, "service", columns, colours, value_title="records", key="board_statuses")
    st.markdown("**Confidence distribution**")
    st.bar_chart(board.confidence_histogram(shown), x_label="confidence", y_label="records")
    st.markdown("**Triage verdicts by migration unit**")
    if not estate_vms:
        st.caption("No inventory import yet: import one on the Inventory page.")
        return
    estates: list[str | None] = [None, *estate_vms]
    estate = st.selectbox("Estate", estates, format_func=lambda e: "Every estate" if e is None else e,
                          key="board_estate")  # fmt: skip
    units = board.estate_unit_verdicts(estate_vms, estate)
    if units.empty:
        st.caption("This estate's latest import has no VM.")
        return
    labelled = units.rename(columns=verdict_style.LABELS).reset_index()
    columns = [c for c in labelled.columns if c != "unit"]
    charts.bars(labelled, "unit", columns, verdict_style.colours_for(columns), key="board_units")
    where = "every estate's latest import" if estate is None else f"the latest import of estate {md(estate)}"
    st.caption(f"VMs of {where}; the {len(units)} largest units.")


_COSTS = "board_costs"


def _costs(shown: pd.DataFrame, with_costs: bool) -> None:
    """The shown records' estimated monthly cost, totalled by chosen service, once the person turns costs on."""
    st.markdown("**Estimated monthly cost by service** (each record's chosen service, pay-as-you-go)")
    st.toggle(
        "Show estimated costs", key=_COSTS,
        help="Prices every record's chosen service from the price sheets (kept from the sign-off once decided). "
        "Off by default: on thousands of records it takes a while.",
    )  # fmt: skip
    if not with_costs:
        return
    totals = board.cost_by_service(shown)
    if totals.empty or totals["monthly"].isna().all():
        st.caption("No record shown has an estimate yet: load a price sheet on the Settings page and link VMs.")
        return
    table = pd.DataFrame({
        "Service": totals["service"],
        "Monthly": _money(totals["monthly"], totals["currency"]),
        "Yearly": _money(totals["yearly"], totals["currency"]),
        "Records with an estimate": totals["records"],
        "Records without one": totals["without_estimate"],
    })  # fmt: skip
    st.dataframe(table, hide_index=True, width="stretch")


def _money(amounts: pd.Series, currencies: pd.Series) -> list[str]:
    return [f"{a:,.2f} {c}" if pd.notna(a) else "—" for a, c in zip(amounts.tolist(), currencies.tolist(), strict=True)]


def _table(shown: pd.DataFrame, with_costs: bool) -> None:
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
    if with_costs:  # after "Revisit by", as the costs toggle put it
        table.insert(4, "Monthly estimate", _money(shown["monthly_cost"], shown["cost_currency"]))
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
