"""What each candidate would cost, on the result page: the chosen service's estimate under the headline, a table
of every candidate (monthly, yearly, reservations, how it is counted, or why there is none), how the workload was
sized, the price sheet used, and the Functions cost input form (saved with the record, one submission token).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from advisor import services
from advisor.decide.reason_words import presentation_order
from advisor.errors import InputError, StoreError
from advisor.models.record import DecisionRecord, Workload
from advisor.services import CostView
from advisor.ui import forms, identity, permits
from advisor.ui.components import price_hint, record_saver
from advisor.ui.safe_text import md
from advisor.ui.service_context import context

FIELDS = ("executions", "duration_ms", "memory_mb")


def load(record: DecisionRecord) -> CostView | None:
    """The record's estimates as shown (None when the database cannot be read: the page still works)."""
    try:
        return services.cost_view(context(), record)
    except StoreError:
        return None


def headline(record: DecisionRecord, name: Callable[[str], str]) -> None:
    """One line under the headline: the chosen service's monthly and yearly estimate and the sheet, or why none."""
    view = load(record)
    if view is None or view.costs.sheet is None:
        price_hint.caption()
        return
    service = record.chosen_service or record.service
    candidate = view.of(service)
    label = name(service) if service else "the chosen service"
    # The words are the advisor's own (service names, figures, the sheet's region and date): only they are escaped,
    # so the figure can be bold.
    if candidate is not None and candidate.monthly is not None:
        text = (f"Estimated cost of {md(label)}: **{md(view.money(candidate.monthly))} a month** "
                f"({md(view.money(candidate.yearly))} a year), pay-as-you-go; {md(view.sheet_words)}.")  # fmt: skip
    else:
        text = f"Estimated cost of {md(label)}: {md(view.summary(service))} ({md(view.sheet_words)})."
    st.markdown(f"💶 {text}")


def table(record: DecisionRecord, name: Callable[[str], str], workload: Workload | None = None) -> None:
    """Every candidate's estimate; with ``workload``, the Functions cost input form too."""
    view = load(record)
    if view is None:
        st.caption("The estimates cannot be read right now (the database did not answer).")
        return
    if view.costs.sheet is None:
        st.info(md(f"No estimates: {view.costs.reason}"), icon="💶")
    else:
        kept = "Figures kept from the sign-off. " if view.frozen and not view.sheet_deleted else ""
        st.caption(md(f"{kept}Pay-as-you-go estimates from the {view.sheet_words}, "
                      f"{view.costs.hours_per_month:,.0f} hours a month."))  # fmt: skip
        if view.sheet_deleted:
            st.warning(md(view.sheet_words[0].upper() + view.sheet_words[1:] + "."), icon="🗑️")
    st.dataframe(frame(record, view, name), hide_index=True, width="stretch")
    _assumptions(record, view, name)
    if view.costs.sizing:
        st.markdown("**How the workload was sized** (from its linked VMs in the newest inventory import)")
        st.markdown("\n".join(f"- {md(line)}" for line in view.costs.sizing))
    if workload is not None:
        _functions_form(workload, record)


def frame(record: DecisionRecord, view: CostView, name: Callable[[str], str]) -> pd.DataFrame:
    """One row per candidate, in the record's order: figures for people (service names, never ids)."""
    rows = []
    for entry in presentation_order(record):
        candidate = view.of(entry.service)
        priced = candidate is not None and candidate.monthly is not None
        options = "; ".join(f"{o.label}: {view.money(o.monthly)}" for o in candidate.options) if candidate else ""
        counted = (
            "; ".join(line.text for line in candidate.lines) if priced and candidate else view.summary(entry.service)
        )
        rows.append({
            "Service": name(entry.service),
            "Monthly": view.money(candidate.monthly) if priced and candidate else "—",
            "Yearly": view.money(candidate.yearly) if priced and candidate else "—",
            "Reservations (a month)": options or "—",
            "What is counted, or why there is no estimate": counted,
        })  # fmt: skip
    return pd.DataFrame(rows)


def _assumptions(record: DecisionRecord, view: CostView, name: Callable[[str], str]) -> None:
    """Every estimate's lines and assumptions in full (the table's cells are cut to their width)."""
    priced = [entry.service for entry in presentation_order(record) if (c := view.of(entry.service)) and c.monthly]
    if not priced:
        return
    with st.expander("What each estimate counts and assumes"):
        for service in priced:
            st.markdown(f"**{md(name(service))}**")
            st.markdown("\n".join(f"- {md(text)}" for text in view.assumptions(service, with_sheet=False)))


def _functions_form(workload: Workload, record: DecisionRecord) -> None:
    form = f"cost_inputs::{workload.id}"
    given = record.cost_inputs
    title = "Functions cost input" + (
        f": {given.executions:,} executions a month of {given.duration_ms:,g} ms at {given.memory_mb:,} MB"
        if given
        else ""
    )
    with st.expander(title, expanded=forms.has_errors(form)):
        st.caption(
            "Azure Functions on the Consumption plan is priced by use: give the executions a month, their average "
            "duration and memory. Saving makes a new version of the record with the same answers."
        )
        with st.form(form, border=False):
            forms.field_error(form)
            left, middle, right = st.columns(3)
            left.text_input(
                "Executions a month", value=f"{given.executions}" if given else "", key=f"{form}::executions"
            )
            middle.text_input("Average duration (ms)", value=f"{given.duration_ms:g}" if given else "",
                              key=f"{form}::duration_ms")  # fmt: skip
            rules = context().kb.costs  # knowledge/costs.yaml: the memory offered until a person gives theirs
            offered = rules.default_memory_mb() if rules is not None else None
            memory = f"{given.memory_mb}" if given else (f"{offered}" if offered else "")
            right.text_input("Memory (MB)", value=memory, key=f"{form}::memory_mb")
            why = permits.blocked("save_records")
            st.form_submit_button("Save cost input", disabled=workload.archived or bool(why), help=why, on_click=_save,
                                  args=(workload,))  # fmt: skip


def _save(workload: Workload) -> None:
    form = f"cost_inputs::{workload.id}"
    forms.clear(form)
    values = [st.session_state.get(f"{form}::{field}", "") for field in FIELDS]
    try:
        usage = services.functions_usage(*values)
    except InputError as exc:
        forms.refused(form, exc, ())
        return
    token = forms.token(form, *values)

    def save(base: int) -> DecisionRecord:
        return services.save_cost_inputs(context(), identity.actor(), workload.id, base_version=base,
                                         usage=usage, token=token)  # fmt: skip

    record_saver.run_save(workload.id, save, "Functions cost input", form=form)
