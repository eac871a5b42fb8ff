"""Questionnaire page: walk the decision tree one question at a time and show the outcome.

Answers live in ``st.session_state["answers"]`` (a plain dict, not a widget key), so a
changed earlier answer re-walks the path and answers that fall off it are kept, shown as unused.
"""

from __future__ import annotations

import streamlit as st

from advisor import KnowledgeVersion, Recommendation, recommend
from advisor.models.catalog import UNKNOWN_ANSWER
from advisor.render import UNKNOWN_LABEL
from advisor.ui.components import recommendation_view
from advisor.ui.knowledge_cache import knowledge_base

ANSWERS_KEY = "answers"
VERSION_KEY = "knowledge_version"


def render() -> None:
    kb = knowledge_base()
    st.title("Questionnaire")
    st.caption(
        "Answer one question at a time. Each answer shows why it leads where it does; change any "
        "earlier answer and the path is walked again."
    )
    answers: dict[str, str] = st.session_state.setdefault(ANSWERS_KEY, {})
    version_ids = list(kb.versions)
    version_id = st.selectbox(
        "Knowledge version",
        version_ids,
        index=version_ids.index(st.session_state.get(VERSION_KEY, kb.default_version)),
        key=VERSION_KEY,
        help="The version of Microsoft's decision tree to walk. The newest is the default.",
    )
    version = kb.version(version_id)
    result = recommend(kb, answers, version.id)

    for number, step in enumerate(result.path, start=1):
        _question(version, step.question, number, answered=step.answer)
    if result.next_question:
        _question(version, result.next_question, len(result.path) + 1, answered=None)
        st.caption(f"{len(result.path)} answered so far.")
    else:
        _requirements(version, answers)
        recommendation_view.render(version, result)
    _footer(result)


def _question(version: KnowledgeVersion, question_id: str, number: int, answered: str | None) -> None:
    question = version.questions[question_id]
    options = [answer.id for answer in question.answers]
    labels = {answer.id: answer.label for answer in question.answers}
    with st.container(border=True):
        st.radio(
            f"{number}. {question.text}",
            options,
            index=options.index(answered) if answered in options else None,
            format_func=labels.__getitem__,
            key=f"answer::{question_id}",
            on_change=_store_answer,
            args=(question_id,),
        )
        st.caption(question.help)
        if question.inferred:
            st.info(f"Our modeling choice, not read from Microsoft's page: {question.inference_note}", icon="ℹ️")
        if answered is not None:
            chosen = next(answer for answer in question.answers if answer.id == answered)
            st.markdown(f"**Why:** {chosen.rationale}")


def _requirements(version: KnowledgeVersion, answers: dict[str, str]) -> None:
    st.subheader("Requirements")
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
                index=options.index(current) if current in options else None,
                format_func=labels.__getitem__,
                key=f"answer::{question.id}",
                on_change=_store_answer,
                args=(question.id,),
                horizontal=True,
            )
            st.caption(question.help)


def _store_answer(question_id: str) -> None:
    value = st.session_state.get(f"answer::{question_id}")
    if value is not None:
        st.session_state[ANSWERS_KEY][question_id] = value


def _footer(result: Recommendation) -> None:
    if result.unused_answers:
        with st.expander(f"Answers not used on this path ({len(result.unused_answers)})"):
            for unused in result.unused_answers:
                st.text(f"{unused.question} = {unused.answer}: {unused.reason}")
    if st.button("Start over", icon=":material/restart_alt:"):
        st.session_state[ANSWERS_KEY] = {}
        for key in [k for k in st.session_state if str(k).startswith("answer::")]:
            del st.session_state[key]
        st.rerun()
