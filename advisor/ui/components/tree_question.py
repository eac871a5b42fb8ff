"""The tree part of the questionnaire: the answered steps (each can be changed) and one question."""

from __future__ import annotations

import streamlit as st

from advisor import KnowledgeVersion, Recommendation
from advisor.decide.reason_words import Words, answer_change
from advisor.models.record import GivenAnswer, Workload
from advisor.ui import forms
from advisor.ui.components import record_saver
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.safe_text import md


def focus_key(workload_id: int) -> str:
    return f"focus::{workload_id}"


def answered_steps(
    version: KnowledgeVersion,
    result: Recommendation,
    answers: dict[str, GivenAnswer],
    workload_id: int,
    focus: str | None,
) -> None:
    """The walked path so far, each step with its answer, note and a Change button."""
    if not result.path:
        return
    with st.expander(f"Your answers so far ({len(result.path)})", expanded=False):
        for number, step in enumerate(result.path, start=1):
            question = version.questions[step.question]
            label = next(a.label for a in question.answers if a.id == step.answer)
            text_col, button_col = st.columns([6, 1])
            given = answers.get(step.question)
            badge = f" :blue-badge[from {given.source}]" if given is not None and given.source != "user" else ""
            text_col.markdown(f"**{number}. {question.text}**  \n→ {label}{badge}")
            note = given.note if given is not None else ""
            if note:
                text_col.caption(f"Note: {md(note)}")
            button_col.button(
                "Change",
                key=f"change::{step.question}",
                on_click=_set_focus,
                args=(workload_id, step.question),
                disabled=step.question == focus,
            )


def render(
    workload: Workload,
    version: KnowledgeVersion,
    result: Recommendation,
    answers: dict[str, GivenAnswer],
    question_id: str,
    read_only: bool = False,
) -> None:
    """One tree question, with its help, an optional note, Save and Back."""
    question = version.questions[question_id]
    options = [answer.id for answer in question.answers]
    labels = {answer.id: answer.label for answer in question.answers}
    current = answers.get(question_id)
    position = next((i for i, s in enumerate(result.path) if s.question == question_id), len(result.path))
    with st.container(border=True):
        st.markdown(f"### {position + 1}. {question.text}")
        st.write(question.help)
        if question.inferred:
            st.info(f"Our modeling choice, not read from Microsoft's page: {question.inference_note}", icon="ℹ️")
        if current is not None and current.source == "inventory" and current.answer not in options:
            st.warning(
                md(f"The inventory suggested “{current.answer}”, which knowledge version {version.id} does not offer "
                   f"for this question ({current.note}). Choose an answer."),
                icon="⚠️",
            )  # fmt: skip
        elif current is not None and current.source == "inventory":
            why = current.note.removeprefix("From inventory: ")
            st.info(
                md(f"Suggested by the inventory: “{labels[current.answer]}”. {why} It is preselected below; "
                   "it counts as answered once you save it (or choose another answer)."),
                icon="💡",
            )  # fmt: skip
        elif current is not None and current.source != "user":
            st.info(f"Suggested (from {current.source}): {md(current.note)} Confirm it or choose another answer.")
        form = _form(workload.id, question_id)
        with st.form(f"question::{question_id}", border=False):
            forms.field_error(form)
            st.radio(
                "Your answer",
                options,
                index=options.index(current.answer) if current and current.answer in options else None,
                format_func=labels.__getitem__,
                key=f"answer::{question_id}",
            )
            forms.field_error(form, "answer")
            st.text_area(
                "Note (optional): why we answered this",
                value=current.note if current else "",
                key=f"note::{question_id}",
                max_chars=5000,
                height=80,
            )
            forms.field_error(form, "note")
            st.form_submit_button(
                "Save answer",
                type="primary",
                disabled=read_only,
                on_click=_save_answer,
                args=(workload, version, answers, question_id),
            )
        st.caption("Preview: where each answer leads")
        for answer in question.answers:
            st.caption(f"• {answer.label}: {answer.rationale}")
    if position > 0:
        previous = result.path[position - 1].question
        st.button("← Back", key="back", on_click=_set_focus, args=(workload.id, previous))


def _form(workload_id: int, question_id: str) -> str:
    return f"question::{workload_id}::{question_id}"


def _set_focus(workload_id: int, question_id: str) -> None:
    st.session_state[focus_key(workload_id)] = question_id


def _save_answer(
    workload: Workload, version: KnowledgeVersion, answers: dict[str, GivenAnswer], question_id: str
) -> None:
    answer = st.session_state.get(f"answer::{question_id}")
    note = str(st.session_state.get(f"note::{question_id}", "")).strip()
    form = _form(workload.id, question_id)
    forms.clear(form)
    if answer is None:
        forms.refuse(form, "answer", "Choose an answer before saving.")
        return
    updated = answers | {question_id: GivenAnswer(answer=answer, note=note)}
    previous = answers.get(question_id)
    verb = "answered" if previous is None else "changed"
    token = forms.token(form, answer, note)
    change = answer_change(verb, question_id, answer, Words.from_kb(knowledge_base()))
    if record_saver.save(workload, updated, version.id, change, token=token, form=form):
        st.session_state.pop(focus_key(workload.id), None)  # go on to the next unanswered question
