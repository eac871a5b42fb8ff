"""Questionnaire page: one workload, one tree question at a time, then requirements and the result.

Every answer is saved as a new record version the moment it is given, so a refresh, a closed tab
or a restarted server loses nothing. Changing an earlier answer re-walks the path; answers that
fall off it are kept and listed as unused. An answer profile can give several answers at once
(one new version, its answers marked "from profile"; the user's own answers are kept unless asked).
"""

from __future__ import annotations

import streamlit as st

from advisor import KnowledgeVersion, Recommendation, recommend, services
from advisor.errors import AdvisorError
from advisor.models.record import DecisionRecord, GivenAnswer, Workload, confirmed_answers
from advisor.ui import forms, identity, permits, selection
from advisor.ui.components import (
    override_form,
    record_saver,
    record_view,
    requirements_form,
    tree_question,
    what_if_panel,
)
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.safe_text import md
from advisor.ui.service_context import context


def render() -> None:
    workload = _workload()
    if workload is None:
        return
    kb = knowledge_base()
    base = record_saver.base_record(workload.id)
    st.title(md(workload.name))
    created = st.session_state.pop("questionnaire_flash", None)
    if created:
        st.success(md(created), icon="✅")
    if workload.archived:
        st.warning("This workload is archived: restore it on the Workloads page to change it.")
    cannot_save = permits.blocked("save_records")
    if cannot_save:
        st.info(cannot_save + " You can read this workload's answers and result.")
    read_only = workload.archived or bool(cannot_save)
    if base is not None and base.knowledge_version not in kb.versions:
        st.error(
            f"This record was decided under knowledge version {base.knowledge_version}, which this installation "
            "no longer has. It is shown read-only, as it was saved.",
            icon="🔒",
        )
        record_view.render(base)
        return
    record_saver.show_messages(workload.id)
    version_id = base.knowledge_version if base else _choose_version(workload)
    version = kb.version(version_id)
    answers = dict(base.answers) if base else {}
    result = recommend(kb, confirmed_answers(answers), version.id)  # a suggestion is asked, not applied
    _profile_control(workload, version.id, answers, fixed=base is not None)
    focus = _focus(workload.id, result)
    _progress(version, result, focus)
    tree_question.answered_steps(version, result, answers, workload.id, focus)
    if focus is not None:
        tree_question.render(workload, version, result, answers, focus, read_only=read_only)
    else:
        if base is not None:
            record_view.headline(base, version)
        requirements_form.render(workload, version, answers, read_only=read_only)
        if base is not None:
            record_view.details(base, version, None if read_only else workload)
            override_form.render(workload, version, base, read_only=read_only)
            what_if_panel.render(base, kb, key="questionnaire", read_only=read_only, on_adopt=_adopted)
    _unused(result)
    if base is not None:
        st.caption(md(f"Version {base.version}, saved by {base.author} at {base.created_at:%Y-%m-%d %H:%M} UTC."))


def _adopted(record: DecisionRecord) -> None:
    """A what-if was adopted: work on top of the version it saved, and show its answers."""
    record_saver.reload_latest(record.workload_id)
    st.session_state[record_saver.base_key(record.workload_id)] = record.version


def _workload() -> Workload | None:
    workload_id = selection.selected_workload_id()
    if workload_id is None:
        summaries = services.list_workloads(context())
        st.title("Questionnaire")
        if not summaries:
            st.info("Create a workload first; the questionnaire then walks it one question at a time.")
            _link_to_workloads()
            return None
        names = {s.workload.id: s.workload.name for s in summaries}
        chosen = st.selectbox(
            "Workload", list(names), format_func=names.__getitem__, index=None, placeholder="Choose a workload"
        )
        if chosen is not None:
            selection.select_workload(chosen)
            st.rerun()
        return None
    try:
        return services.get_workload(context(), workload_id)
    except AdvisorError:
        st.error(f"There is no workload {workload_id}. Choose one on the Workloads page.")
        selection.select_workload(None)
        _link_to_workloads()
        return None


def _choose_version(workload: Workload) -> str:
    kb = knowledge_base()
    ids = list(kb.versions)
    return st.selectbox(
        "Knowledge version",
        ids,
        index=ids.index(kb.default_version),
        key=f"version::{workload.id}",
        help="The version of Microsoft's decision tree to walk; fixed once the first answer is saved.",
    )


_APPLIED = "profile_applied"


def _profile_control(workload: Workload, version_id: str, answers: dict[str, GivenAnswer], *, fixed: bool) -> None:
    """Apply an answer profile: one new version with its answers, marked "from profile"."""
    profiles = services.list_profiles(context())
    if not profiles:
        return
    with st.expander("🧩 Apply an answer profile", expanded=not answers):
        applied = st.session_state.pop(_APPLIED, None)
        if applied:
            st.success(md(applied))
        left, right = st.columns([3, 2])
        chosen = left.selectbox("Answer profile", list(profiles), key=f"apply_profile::{workload.id}")
        right.checkbox(
            "Also replace my own answers",
            key=f"apply_replace::{workload.id}",
            help="Off: answers you gave yourself stay; only unanswered ones and suggestions take the profile's.",
        )
        profile = profiles.get(chosen)
        if profile is not None:
            st.caption(
                md(profile.description or "No description.")
                + f" · {len(profile.answers)} answers"
                + (f" · knowledge version {md(profile.knowledge_version)}" if profile.knowledge_version else "")
            )
        st.button(
            "Apply profile",
            key=f"apply_profile_button::{workload.id}",
            on_click=_apply_profile,
            args=(workload, version_id, answers, fixed),
            disabled=workload.archived,
        )


def _apply_profile(workload: Workload, version_id: str, answers: dict[str, GivenAnswer], fixed: bool) -> None:
    name = str(st.session_state.get(f"apply_profile::{workload.id}") or "")
    replace_own = bool(st.session_state.get(f"apply_replace::{workload.id}"))
    applied: list[services.ProfileOutcome] = []
    shown = sorted((q, a.answer, a.source) for q, a in answers.items())
    token = forms.token(f"apply_profile::{workload.id}", name, replace_own, shown)

    def apply(base: int) -> DecisionRecord | None:
        outcome = services.apply_profile_to_workload(
            context(), identity.actor(), workload.id, profile_name=name, base_version=base, answers=answers,
            knowledge_version=version_id, version_fixed=fixed, replace_own=replace_own, token=token,
        )  # fmt: skip
        applied.append(outcome)
        return outcome.record

    change = f"applied profile {name}"
    if record_saver.run_save(workload.id, apply, change, error_prefix=f"Profile {name} cannot be applied: ") is None:
        if applied and not applied[0].applied.changed:
            kept = _kept(applied[0])
            st.session_state[_APPLIED] = f"Profile {name} gives no answer this workload does not have already.{kept}"
        return
    result = applied[0].applied
    st.session_state.pop(tree_question.focus_key(workload.id), None)  # go on to the next unanswered question
    for question in result.set:  # widgets on screen would otherwise keep showing the answers replaced
        st.session_state.pop(f"answer::{question}", None)
        st.session_state.pop(f"note::{question}", None)
    given = f"{len(result.set)} answer{'' if len(result.set) == 1 else 's'}"
    version = knowledge_base().version(version_id)
    listed = "".join(f"\n- {_question_text(version, q)}: {_answer_label(version, q, result.answers[q].answer)}"
                     for q in result.set)  # fmt: skip
    st.session_state[_APPLIED] = f"Applied profile {name}: {given} set.{_kept(applied[0])}{listed}"


def _question_text(version: KnowledgeVersion, question: str) -> str:
    if question in version.questions:
        return version.questions[question].text
    requirement = version.requirements.get(question)
    return requirement.text if requirement else question


def _answer_label(version: KnowledgeVersion, question: str, answer: str) -> str:
    found = version.questions.get(question) or version.requirements.get(question)
    return next((a.label for a in found.answers if a.id == answer), answer) if found else answer


def _kept(outcome: services.ProfileOutcome) -> str:
    kept = outcome.applied.kept
    return f" {len(kept)} of your own answers kept." if kept else ""


def _focus(workload_id: int, result: Recommendation) -> str | None:
    """The tree question on screen: one picked with Back/Change if still on the path, else the next one."""
    picked = st.session_state.get(tree_question.focus_key(workload_id))
    on_path = {step.question for step in result.path}
    if picked in on_path or picked == result.next_question:
        return picked
    return result.next_question


def _progress(version: KnowledgeVersion, result: Recommendation, focus: str | None) -> None:
    answered = len(result.path)
    remaining = version.most_questions_from(result.next_question) if result.next_question else 0
    total = answered + remaining
    if result.status == "complete":
        st.progress(1.0, text=f"Tree complete: {answered} questions answered.")
    else:
        st.progress(
            answered / total if total else 0.0, text=f"{answered} answered on this path; at most {remaining} to go."
        )


def _unused(result: Recommendation) -> None:
    if result.unused_answers:
        with st.expander(f"Answers kept but not used on this path ({len(result.unused_answers)})"):
            for unused in result.unused_answers:
                st.text(f"{unused.question} = {unused.answer}: {unused.reason}")


def _link_to_workloads() -> None:
    from advisor.ui.navigation import WORKLOADS  # the registry imports this page: import late

    st.page_link(WORKLOADS, label="Go to Workloads", icon="📋")
