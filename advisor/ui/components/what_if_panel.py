"""What-if sandbox and service comparison for one record (questionnaire result or review-session item).

"What if…" offers every question of the record's path (and of the hypothetical path, and the question it
stops at) and every requirement question, with only the answers of the record's knowledge version. The
outcome of the changed answers is shown next to the current one; nothing is saved unless the user adopts
it with a reason (:func:`advisor.services.what_if.adopt_what_if`). The sandbox lives in widget state keyed
by workload, so a record shown under another knowledge version can meet answers that version lacks: they
are reported and reset. "Compare services" puts two to four candidates side by side
(:func:`advisor.services.what_if.compare`).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from advisor import KnowledgeBase, KnowledgeVersion, services
from advisor.decide.reason_words import Words, reworded
from advisor.decide.wording import FIT_LABELS, UNKNOWN_LABEL
from advisor.errors import AdvisorError, AnswersError
from advisor.models.record import DecisionRecord
from advisor.models.service_catalog import UNKNOWN_ANSWER
from advisor.services import MAX_SERVICES, WhatIf
from advisor.ui import forms, identity, lifecycle_setting
from advisor.ui.components import cost_view, disagreement_view, lifecycle_view
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.safe_text import md
from advisor.ui.service_context import context

Adopted = Callable[[DecisionRecord], None]


def render(
    record: DecisionRecord, kb: KnowledgeBase, *, key: str, read_only: bool = False, on_adopt: Adopted | None = None
) -> None:
    """Both expanders for ``record``; ``key`` keeps two places showing the same workload apart."""
    version = kb.versions.get(record.knowledge_version)
    if version is None:
        return
    prefix = f"whatif::{key}::{record.workload_id}"
    with st.expander("What if…", key=f"whatif_open::{key}::{record.workload_id}"):
        _sandbox(record, kb, version, prefix, read_only, on_adopt)
    with st.expander("Compare services", key=f"compare_open::{key}::{record.workload_id}"):
        _comparison(record, kb, version, f"compare::{key}::{record.workload_id}")


# What if


def _sandbox(
    record: DecisionRecord, kb: KnowledgeBase, version: KnowledgeVersion, prefix: str, read_only: bool,
    on_adopt: Adopted | None,
) -> None:  # fmt: skip
    st.caption("Change answers in a sandbox and see what would change. Nothing is saved unless you adopt it.")
    message = st.session_state.pop(f"{prefix}::message", None)
    if message:
        (st.success if message[0] == "ok" else st.error)(md(message[1]))
    changes = _changes(record, prefix)
    result = None
    if changes:
        try:
            result = services.explore_what_if(context(), record, changes, judgement=lifecycle_setting.judgement())
        except AnswersError as exc:
            st.error(
                md(f"The sandbox had answers knowledge version {version.id} lacks; they were reset: "
                   + "; ".join(f"{p.ident}: {p.message}" for p in exc.problems)),
                icon="⚠️",
            )  # fmt: skip
            _reset(prefix, [p.ident or "" for p in exc.problems] or list(changes))
    _answer_widgets(record, version, prefix, result)
    if result is None:
        st.info("Change an answer above to see the hypothetical outcome next to the current one.")
        return
    _side_by_side(result, version)
    reason_key = f"{prefix}::reason"
    st.text_area("Reason for adopting (required)", key=reason_key, max_chars=5000, disabled=read_only)
    st.button(
        "Adopt as a new version",
        key=f"{prefix}::adopt",
        disabled=read_only,
        on_click=_adopt,
        args=(record, kb, prefix, on_adopt),
        help="Saves the changed answers as the workload's next version (status proposed).",
    )


def _answer_widgets(record: DecisionRecord, version: KnowledgeVersion, prefix: str, result: WhatIf | None) -> None:
    tree = [step.question for step in record.path]
    if record.next_question:
        tree.append(record.next_question)
    if result is not None:
        tree += [step.question for step in result.hypothetical.path]
        if result.hypothetical.next_question:
            tree.append(result.hypothetical.next_question)
    tree_questions = [q for q in dict.fromkeys(tree) if q in version.questions]
    for title, questions in (("Tree questions", tree_questions), ("Requirements", list(version.requirements))):
        st.markdown(f"**{title}**")
        columns = st.columns(2)
        for number, question in enumerate(questions):
            _answer_widget(columns[number % 2], record, version, prefix, question)


def _answer_widget(
    column: DeltaGenerator, record: DecisionRecord, version: KnowledgeVersion, prefix: str, question: str
) -> None:
    options = list(version.answer_ids(question) or ())
    labels = _labels(version, question)
    given = record.answers.get(question)
    current = given.answer if given else None
    column.selectbox(
        _text(version, question),
        options,
        index=options.index(current) if current in options else None,
        format_func=lambda a: str(labels.get(a, a)) + (" (current)" if a == current else ""),
        key=f"{prefix}::{question}",
        placeholder="Not answered",
    )


def _side_by_side(result: WhatIf, version: KnowledgeVersion) -> None:
    now, then = st.columns(2)
    for column, title, rec in ((now, "Current", result.record), (then, "What if", result.hypothetical)):
        with column.container(border=True):
            ruled_out = rec.service is not None and bool(rec.conflicts)
            st.markdown(f"**{title}:** {_outcome(rec, version)}" + (", ruled out" if ruled_out else ""))
            if rec.service is not None and rec.conflicts:
                # The tree's outcome is ruled out by the requirements: say so here, not only in the table below.
                alternative = _name(version, rec.best_alternative) if rec.best_alternative else None
                why = "; ".join(conflict.rstrip(".") for conflict in rec.conflicts)
                st.error(
                    md(f"Conflict: the answers rule {_name(version, rec.service)} out: " + why
                       + (f". Best alternative: {alternative}." if alternative else ". No candidate fits instead.")),
                    icon="⛔",
                )  # fmt: skip
            st.caption(f"confidence {rec.confidence:.0%} · {len(rec.conditions)} conditions")
    _cost_change(result, version)
    if not result.changed:
        st.info("These answers change nothing the board looks at: same service, path, fits and conditions.")
    if result.answer_changes:
        st.markdown("**Answers changed**")
        answer_rows = [(_text(version, c.question), _label(version, c.question, c.before),
                        _label(version, c.question, c.after)) for c in result.answer_changes]  # fmt: skip
        frame = pd.DataFrame(answer_rows, columns=["Question", "Current", "What if"])
        st.dataframe(frame, hide_index=True, width="stretch")
    if result.path_changes:
        st.markdown("**Path steps that changed**")
        path_rows = [(_text(version, c.question), c.change, _label(version, c.question, c.before),
                      _label(version, c.question, c.after)) for c in result.path_changes]  # fmt: skip
        frame = pd.DataFrame(path_rows, columns=["Question", "Change", "Current", "What if"])
        st.dataframe(frame, hide_index=True, width="stretch")
    words = Words.from_kb(knowledge_base())
    if result.fit_changes:
        st.markdown("**Candidates whose fit changed**")
        fit_rows = [(_name(version, c.service), FIT_LABELS.get(c.before, c.before),
                     FIT_LABELS.get(c.after, c.after), "; ".join(reworded(r, words) for r in c.reasons_after))
                    for c in result.fit_changes]  # fmt: skip
        frame = pd.DataFrame(fit_rows, columns=["Service", "Current fit", "What-if fit", "Why (what if)"])
        st.dataframe(frame, hide_index=True, width="stretch")
    for title, conditions in (("Conditions added", result.conditions_added),
                              ("Conditions removed", result.conditions_removed)):  # fmt: skip
        if conditions:
            st.markdown(f"**{title}**")
            st.markdown("\n".join(f"- {md(reworded(condition, words))}" for condition in conditions))
    lifecycle_view.side_by_side(result.lifecycle_current, result.lifecycle_hypothetical)


def _adopt(record: DecisionRecord, kb: KnowledgeBase, prefix: str, on_adopt: Adopted | None) -> None:
    if not identity.author():
        st.session_state[f"{prefix}::message"] = ("error", "Enter your name in the sidebar first.")
        return
    reason = str(st.session_state.get(f"{prefix}::reason", ""))
    changes = _changes(record, prefix)
    token = forms.token(f"{prefix}::adopt", record.version, changes, reason)
    try:
        saved = services.adopt_what_if(context(), identity.actor(), record, changes, reason, token=token)
    except AdvisorError as exc:
        st.session_state[f"{prefix}::message"] = ("error", "; ".join(p.message for p in exc.problems))
        return
    _reset(prefix, [k.rsplit("::", 1)[1] for k in _keys(prefix)], reason=True)
    st.session_state[f"{prefix}::message"] = ("ok", f"Adopted as version {saved.version}: {saved.change}")
    if on_adopt is not None:
        on_adopt(saved)


def _changes(record: DecisionRecord, prefix: str) -> dict[str, str]:
    """{question: answer} picked in the sandbox that differ from the record's answers."""
    changes = {}
    for key in _keys(prefix):
        answer = st.session_state.get(key)
        question = key.rsplit("::", 1)[1]
        given = record.answers.get(question)
        if answer is not None and (given is None or given.answer != answer):
            changes[question] = str(answer)
    return changes


def _keys(prefix: str) -> list[str]:
    return [k for k in st.session_state if str(k).startswith(f"{prefix}::") and str(k).count("::") == 3
            and not str(k).endswith(("::reason", "::adopt", "::message"))]  # fmt: skip


def _reset(prefix: str, questions: list[str], *, reason: bool = False) -> None:
    for question in questions:
        st.session_state.pop(f"{prefix}::{question}", None)
    if reason:
        st.session_state.pop(f"{prefix}::reason", None)


# Comparison


def _comparison(record: DecisionRecord, kb: KnowledgeBase, version: KnowledgeVersion, key: str) -> None:
    options = list(dict.fromkeys([*(c.service for c in record.candidates), *([record.service] if record.service
                                                                              else [])]))  # fmt: skip
    options = [s for s in options if s in version.services]
    default = list(dict.fromkeys(s for s in (record.service, record.chosen_service, *options) if s in options))[:2]
    picked = st.multiselect(
        "Services to compare (two to four)",
        options,
        default=default,
        max_selections=MAX_SERVICES,
        format_func=lambda s: _name(version, s),
        key=key,
    )
    if len(picked) < 2:
        st.caption("Pick two to four services.")
        return
    try:
        comparison = services.compare(context(), record, picked, lifecycle_setting.judgement())
    except AdvisorError as exc:
        st.error(md("; ".join(p.message for p in exc.problems)))
        return
    names = [c.name + (" (recommended)" if c.recommended else "") + (" (chosen)" if c.chosen and not c.recommended
                                                                      else "") for c in comparison.columns]  # fmt: skip
    costs = cost_view.load(record)
    fit = pd.DataFrame(
        {
            name: [c.kind, c.hosting_model or "—", FIT_LABELS.get(c.fit, c.fit) if c.fit else "—", "; ".join(c.reasons),
                   *_cost_cells(costs, c.service)]
            for name, c in zip(names, comparison.columns, strict=True)
        },
        index=["Kind", "Hosting model", "Fit for this workload", "Reasons", "Monthly estimate", "Yearly estimate",
               "How the estimate is counted"],
    )  # fmt: skip
    st.markdown(f"**This workload's fit and cost** (knowledge version {comparison.knowledge_version})")
    st.dataframe(fit, width="stretch")
    if costs is not None:
        sheet = costs.costs.sheet
        st.caption(md(f"Estimates: pay-as-you-go, from the {costs.sheet_words}." if sheet else costs.costs.reason))
    facts = pd.DataFrame(
        {
            name: [f"{cell.value} (as of {cell.date.isoformat()}; {cell.source})"
                   + "".join(f" ⚠ {note.text}" for note in cell.lifecycle)
                   + (f" ⚖ {disagreement_view.cell_note(cell.disagreement)}" if cell.disagreement else "")
                   if cell else "—"
                   for cell in (row.cells[n] for row in comparison.rows)]
            for n, name in enumerate(names)
        },
        index=[row.label for row in comparison.rows],
    )  # fmt: skip
    st.markdown("**Catalog facts** (each with the date and source of its figure)")
    st.dataframe(facts, width="stretch")
    for n, (name, column) in enumerate(zip(names, comparison.columns, strict=True)):
        if column.disagreement is not None:
            disagreement_view.block(column.disagreement, f"{name}: {column.disagreement.topic}")
        for row in comparison.rows:
            cell = row.cells[n]
            if cell is not None and cell.disagreement is not None:
                disagreement_view.block(cell.disagreement, f"{name}, {row.label.lower()}: {cell.disagreement.topic}")
    lifecycle_view.columns(names, [c.lifecycle for c in comparison.columns])


def _cost_change(result: WhatIf, version: KnowledgeVersion) -> None:
    """The estimated monthly cost of each side's chosen service, and the change."""
    try:
        now = services.current_costs(context(), result.record)
        then = services.current_costs(context(), result.hypothetical)
    except AdvisorError:
        return
    if now.sheet is None:
        st.caption(md(f"Cost change: no estimates ({now.reason})."))
        return
    figures = []
    for rec, costs in ((result.record, now), (result.hypothetical, then)):
        service = rec.chosen_service
        candidate = costs.of(service) if service else None
        figures.append((service, candidate.monthly if candidate else None))
    currency = now.sheet.currency
    (before_service, before), (after_service, after) = figures

    def shown(service: str | None, amount: float | None) -> str:
        label = _name(version, service) if service else "no service yet"
        return f"{label}, {amount:,.2f} {currency} a month" if amount is not None else f"{label}, no estimate"

    change = f" (change {after - before:+,.2f} {currency} a month)" if before is not None and after is not None else ""
    st.markdown(md(f"**Cost change:** current {shown(before_service, before)} → what if {shown(after_service, after)}"
                   f"{change}."))  # fmt: skip


def _cost_cells(costs: services.CostView | None, service: str) -> list[str]:
    """Monthly, yearly, and how it is counted (or why there is none), for one compared service."""
    if costs is None:
        return ["—", "—", "the estimates cannot be read right now"]
    candidate = costs.of(service)
    if candidate is None or candidate.monthly is None:
        return ["no estimate", "—", costs.summary(service)]
    counted = "; ".join(costs.assumptions(service, with_sheet=False))
    return [costs.money(candidate.monthly), costs.money(candidate.yearly), counted]


# Labels


def _labels(version: KnowledgeVersion, question: str) -> dict[str, str]:
    if question in version.questions:
        return {a.id: a.label for a in version.questions[question].answers}
    requirement = version.requirements.get(question)
    labels = {a.id: a.label for a in requirement.answers} if requirement else {}
    return labels | {UNKNOWN_ANSWER: UNKNOWN_LABEL}


def _label(version: KnowledgeVersion, question: str, answer: str | None) -> str:
    return "—" if answer is None else _labels(version, question).get(answer, answer)


def _text(version: KnowledgeVersion, question: str) -> str:
    if question in version.questions:
        return version.questions[question].text
    requirement = version.requirements.get(question)
    return requirement.text if requirement else question


def _name(version: KnowledgeVersion, service: str) -> str:
    view = version.services.get(service)
    return view.name if view else service


def _outcome(record: DecisionRecord, version: KnowledgeVersion) -> str:
    if record.service is None:
        return f"stops at “{_text(version, record.next_question or '')}”"
    return _name(version, record.service)
