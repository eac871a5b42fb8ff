"""Requirement questions after the tree: each answer (or "don't know") and note is saved on change."""

from __future__ import annotations

import streamlit as st

from advisor import KnowledgeVersion
from advisor.decide.reason_words import Words, answer_change
from advisor.decide.wording import UNKNOWN_LABEL
from advisor.models.record import GivenAnswer, Workload
from advisor.models.service_catalog import UNKNOWN_ANSWER
from advisor.ui.components import record_saver
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.safe_text import md


def render(workload: Workload, version: KnowledgeVersion, answers: dict[str, GivenAnswer], read_only: bool) -> None:
    answered = sum(1 for q in version.requirements if q in answers and answers[q].answer != UNKNOWN_ANSWER)
    given = sum(1 for q in version.requirements if q in answers)
    # Open until every requirement has an answer (“don't know” included), so it never folds mid-way.
    title = f"Requirements: {answered} of {len(version.requirements)} answered"
    with st.expander(title, expanded=given < len(version.requirements)):
        st.caption(
            "These refine how well each candidate fits and which conditions apply; they never change the "
            "tree's outcome. Answer “Don't know” when unsure: it lowers the confidence, nothing else."
        )
        for question in version.requirements.values():
            options = [*(answer.id for answer in question.answers), UNKNOWN_ANSWER]
            labels = {answer.id: answer.label for answer in question.answers} | {UNKNOWN_ANSWER: UNKNOWN_LABEL}
            current = answers.get(question.id)
            with st.container(border=True):
                st.radio(
                    question.text,
                    options,
                    index=options.index(current.answer) if current and current.answer in options else None,
                    format_func=labels.__getitem__,
                    key=f"answer::{question.id}",
                    on_change=_save,
                    args=(workload, version, answers, question.id),
                    horizontal=True,
                    disabled=read_only,
                )
                st.caption(question.help)
                if current is not None and current.source != "user":
                    st.caption(f":blue-badge[from {current.source}] {md(current.note)}")
                if current is not None:
                    st.text_input(
                        "Note (optional)",
                        value=current.note,
                        key=f"note::{question.id}",
                        on_change=_save,
                        args=(workload, version, answers, question.id),
                        disabled=read_only,
                        max_chars=5000,
                    )


def _save(workload: Workload, version: KnowledgeVersion, answers: dict[str, GivenAnswer], question_id: str) -> None:
    answer = st.session_state.get(f"answer::{question_id}")
    if answer is None:
        return
    current = answers.get(question_id)
    note = str(st.session_state.get(f"note::{question_id}", current.note if current else "")).strip()
    words = Words.from_kb(knowledge_base())
    if current and current.answer == answer:
        change = f"note on “{words.question(question_id)}”"
    else:
        change = answer_change("answered", question_id, answer, words)
    record_saver.save(workload, answers | {question_id: GivenAnswer(answer=answer, note=note)}, version.id, change)
