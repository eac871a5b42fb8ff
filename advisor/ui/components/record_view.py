"""A decision record shown in full: service, conflicts, conditions, path, candidates, facts, graph.

The chosen service drives the page: with an override, the header, conditions and facts are the chosen
service's, and the tree's outcome stays visible as "the tree recommended …". Reasons and conditions are
worded from their structured form (:mod:`advisor.decide.reason_words`), never shown as ids.
With the record's knowledge version at hand it adds the catalog facts and the decision graph;
without it (a version no longer shipped) it shows what the record itself saved, read-only.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from advisor import KnowledgeVersion, services
from advisor.decide.reason_words import (
    Words,
    candidate_reasons,
    chosen_conditions,
    presentation_order,
    reason_texts,
)
from advisor.decide.wording import FIT_LABELS
from advisor.knowledge.diagram import record_dot
from advisor.models.record import DecisionRecord, Workload
from advisor.models.statuses import version_status_label
from advisor.ui import lifecycle_setting
from advisor.ui.components import cost_view, disagreement_view, lifecycle_view
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.safe_text import md

_FIT_ICONS = {"fit": "✅", "fit_with_effort": "🟡", "unknown": "❔", "no_fit": "⛔"}


def render(record: DecisionRecord, version: KnowledgeVersion | None = None) -> None:
    """The whole record: headline, then the details in tabs."""
    if record.service is None:
        question = version.questions.get(record.next_question or "") if version else None
        text = question.text if question else Words.from_kb(knowledge_base()).question(record.next_question or "")
        st.info(f"Not finished: the next question is “{text}”.")
        return
    headline(record, version)
    details(record, version)


def headline(record: DecisionRecord, version: KnowledgeVersion | None = None) -> None:
    """The recommended service, override, conflicts and conditions."""
    if record.service is not None:
        _headline(record, version, _name_of(version))


def details(record: DecisionRecord, version: KnowledgeVersion | None = None, workload: Workload | None = None) -> None:
    """Why (the path), every candidate, what each would cost, the service's facts and the decision graph; with
    ``workload`` (an editable result), the Functions cost input form under the costs."""
    if record.service is None:
        return
    name = _name_of(version)
    why, candidates, costs, facts, graph = st.tabs(["Why", "Every candidate", "Costs", "Facts", "Decision graph"])
    with why:
        _path(record, version)
    with candidates:
        _candidates(record, name)
    with costs:
        cost_view.table(record, name, workload)
    with facts:
        _facts(record, version)
    with graph:
        if version is None:
            st.caption("The graph needs the knowledge version this record was decided under.")
        else:
            st.graphviz_chart(record_dot(version, record), width="stretch")
            st.caption("The walked path is drawn in blue.")


def _name_of(version: KnowledgeVersion | None) -> Callable[[str], str]:
    """Service names from the record's version, else from any shipped version (an id only if none has it)."""
    words = Words.from_kb(knowledge_base())

    def name(service: str) -> str:
        view = version.services.get(service) if version else None
        return view.name if view else words.service(service)

    return name


def _headline(record: DecisionRecord, version: KnowledgeVersion | None, name: Callable[[str], str]) -> None:
    with st.container(border=True):
        service = record.service
        if service is None:
            st.subheader("No service recommended yet")
            return
        chosen = record.chosen_service or service
        if record.override:
            st.subheader(f"Chosen: {name(chosen)}")
            st.markdown(f"The tree recommended **{name(service)}**; the team chose {name(chosen)} instead.")
        else:
            st.subheader(f"Recommended: {name(service)}")
        if record.override is None and version is not None and service in version.outcomes:
            outcome = version.outcomes[service]
            st.write(outcome.help)
            if outcome.inferred:
                st.info(f"Our modeling choice: {outcome.inference_note}", icon="ℹ️")
            view = version.services[service]
            links = st.columns(4)
            links[0].link_button("Microsoft Learn", view.learn_url, width="stretch")
            pricing = getattr(view.entry, "pricing_url", None)
            if pricing:
                links[1].link_button("Pricing", pricing, width="stretch")
            for column, link in zip(links[1:], view.see_also, strict=False):
                column.link_button(link.name, link.url, width="stretch")
            cost_view.headline(record, name)
            disagreement_view.block(knowledge_base().disagreements.about_outcome(outcome.id, version.id))
        elif record.override is not None and version is not None and chosen in version.services:
            view = version.services[chosen]  # the chosen service's links, as the tree's outcome gets them
            links = st.columns(4)
            links[0].link_button("Microsoft Learn", view.learn_url, width="stretch")
            pricing = getattr(view.entry, "pricing_url", None)
            if pricing:
                links[1].link_button("Pricing", pricing, width="stretch")
            cost_view.headline(record, name)
        disagreement_view.relied_note(record)
        if record.override:
            st.warning(
                f"Overridden: the team chose **{name(record.override.service)}** instead of the tree's "
                f"{name(service)}. Reason: {md(record.override.reason)}",
                icon="✋",
            )
        st.caption(
            f"Status: {version_status_label(record)} · confidence {record.confidence:.0%} (share of requirement "
            f"questions answered) · knowledge version {record.knowledge_version}"
        )
        revisit = services.record_revisit(knowledge_base(), lifecycle_setting.judgement(), record)
        st.caption(f"Revisit by: {revisit.describe()}")
    words = Words.from_kb(knowledge_base())
    if record.conflicts:
        alternative = name(record.best_alternative) if record.best_alternative else None
        conflicts = reason_texts(record.conflicts, record.conflict_because, record.service, words)
        st.error(
            f"Your requirements rule the tree's outcome ({name(service)}) out:\n\n"
            + "\n".join(f"- {md(conflict)}" for conflict in conflicts)
            + (f"\n\n**Best alternative: {alternative}**" if alternative else "\n\nNo other candidate fits either.")
        )
    conditions = chosen_conditions(record, words, knowledge_base())
    if conditions:
        st.markdown(f"**Conditions for {name(record.chosen_service or service)}**")
        st.markdown("\n".join(f"- {md(condition)}" for condition in conditions))
    lifecycle_view.conditions(record.chosen_service)


def _path(record: DecisionRecord, version: KnowledgeVersion | None) -> None:
    words = Words.from_kb(knowledge_base())
    for number, step in enumerate(record.path, start=1):
        question = version.questions.get(step.question) if version else None
        text = question.text if question else words.question(step.question)
        labels = {a.id: a.label for a in question.answers} if question else {}
        label = labels.get(step.answer) or words.answer(step.question, step.answer)
        st.markdown(f"**{number}. {text}** → {label}")
        st.caption(step.rationale)
        if step.note:
            st.markdown(f"> Note: {md(step.note)}")


def _candidates(record: DecisionRecord, name: Callable[[str], str]) -> None:
    words = Words.from_kb(knowledge_base())
    costs = cost_view.load(record)
    rows = [
        {
            "Service": name(c.service) + _mark(c.service, record),
            "Fit": f"{_FIT_ICONS.get(c.fit, '')} {FIT_LABELS.get(c.fit, c.fit)}",
            "Estimated cost": costs.short(c.service) if costs is not None else "—",
            "Reasons": "; ".join(candidate_reasons(c, record, words)),
            "Lifecycle (past or within the horizon)": lifecycle_view.cell(c.service),
        }
        for c in presentation_order(record)
    ]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _mark(service: str, record: DecisionRecord) -> str:
    if service == record.service:
        return " (the tree's outcome)"
    return " (chosen by override)" if service == record.chosen_service else ""


def _facts(record: DecisionRecord, version: KnowledgeVersion | None) -> None:
    service = record.chosen_service
    view = version.services.get(service) if version and service else None
    if version is None or service is None or view is None or not view.facts:
        st.caption("No comparison facts for this service (a specialty route, or an unknown knowledge version).")
        return
    st.caption(f"Facts of {view.name}, the chosen service.")
    disputes = knowledge_base().disagreements
    qualifying = lifecycle_view.qualifying(service)
    rows = [
        {
            "Fact": fact.replace("_", " "),
            "Value": value.value,
            "As of": value.date.isoformat(),
            "Source": value.source,
            "Note": value.note or "",
            "Lifecycle": "; ".join(note.text for note in qualifying.get(fact, ())),
            disagreement_view.SOURCES_DISAGREE: disagreement_view.cell_note(
                disputes.about_fact(service, fact, version.id)
            ),
        }
        for fact, value in view.facts.items()
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={"Source": st.column_config.LinkColumn(display_text="source")},
    )
    for fact in view.facts:
        disagreement_view.block(disputes.about_fact(service, fact, version.id))
