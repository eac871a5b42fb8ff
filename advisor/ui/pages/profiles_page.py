"""Profiles page: named answer sets, made from the questions' own answers, checked, exchanged as YAML.

A profile ("lift and shift, Windows, no containers") answers some tree and requirement questions
at once; the Questionnaire applies one to a workload (answers marked "from profile") and
``advisor batch --profiles`` reads the YAML file this page downloads. Every answer is picked from
the question's answers, and a save is checked against the knowledge version, so nobody needs ids.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from advisor import KnowledgeBase, KnowledgeVersion, services
from advisor.decide.wording import UNKNOWN_LABEL
from advisor.errors import AdvisorError, NameTakenError
from advisor.models.answer_profile import AnswerProfile
from advisor.models.service_catalog import UNKNOWN_ANSWER
from advisor.services import ProfileEntry
from advisor.ui import forms, identity, permits
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.safe_text import md
from advisor.ui.service_context import context

NEW = ""  # the "Profile" choice that starts a new profile
ANY_VERSION = ""  # no knowledge version: the default one where the profile is used
NOT_SET = ""  # a question the profile leaves unanswered

_CHOICE = "profile_choice"
_GENERATION = "profile_generation"  # bumped after each change, so the form shows what is stored
_FLASH = "profile_flash"
_EDIT_ERRORS = "profile_edit_errors"
_IMPORT_ERRORS = "profile_import_errors"
_CONFIRM = "profile_confirm_delete"
_FILE = "profiles_file"


def render() -> None:
    st.title("Answer profiles")
    st.caption(
        "A profile answers several questions at once, e.g. “lift and shift, Windows, no containers”. Apply one "
        "on the Questionnaire page (its answers are marked “from profile”); `advisor batch --profiles` reads the "
        "downloaded file."
    )
    kb = knowledge_base()
    entries = services.profile_entries(context())
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        st.success(md(flash))
    if entries:
        _table(kb, entries)
    else:
        st.info("No answer profiles yet: create the first one below, or import a YAML file.")
    _editor(kb, entries)
    _exchange(entries)


def _table(kb: KnowledgeBase, entries: Sequence[ProfileEntry]) -> None:
    rows = [
        {
            "Name": e.name,
            "Description": e.profile.description,
            "Knowledge version": e.profile.knowledge_version or f"any (default: {kb.default_version})",
            "Answers": len(e.profile.answers),
            "Author": e.author,
            "Updated": e.updated_at,
        }
        for e in entries
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={"Updated": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")},
    )


# --- create and edit --------------------------------------------------------------------------------------------


def _editor(kb: KnowledgeBase, entries: Sequence[ProfileEntry]) -> None:
    st.subheader("Create or edit a profile")
    names = [e.name for e in entries]
    if st.session_state.get(_CHOICE, NEW) not in [NEW, *names]:
        st.session_state[_CHOICE] = NEW  # deleted or renamed meanwhile
    choice = st.selectbox(
        "Profile", [NEW, *names], format_func=lambda n: "➕ New profile" if n == NEW else n, key=_CHOICE
    )
    entry = next((e for e in entries if e.name == choice), None)
    profile = entry.profile if entry else AnswerProfile()
    prefix = f"{st.session_state.get(_GENERATION, 0)}::{choice}"
    version_ids = [ANY_VERSION, *kb.versions]
    stored_version = profile.knowledge_version or ANY_VERSION
    if stored_version not in version_ids:
        message = f"This profile names knowledge version {stored_version}, which this installation does not have."
        st.warning(md(message) + " Choose one before saving.")
    version_id = st.selectbox(
        "Knowledge version",
        version_ids,
        index=version_ids.index(stored_version) if stored_version in version_ids else 0,
        format_func=lambda v: v or f"any (the default, {kb.default_version}, where it is used)",
        key=f"profile_version::{prefix}",
        help="The questions below are those of this version; the answers are checked against it when saved.",
    )
    version = kb.version(version_id or None)
    questions = [*version.question_order, *version.requirements]
    others = {q: a for q, a in profile.answers.items() if q not in version.accepted}
    with st.form(f"profile_form::{prefix}::{version.id}"):
        st.text_input(
            "Profile name", value=entry.name if entry else "", key=f"profile_name::{prefix}",
            placeholder="e.g. Lift and shift, Windows",
        )  # fmt: skip
        st.text_area("Description", value=profile.description, key=f"profile_description::{prefix}", height=80)
        st.caption("Leave a question “(not set)” to let the questionnaire ask it.")
        tree_column, requirement_column = st.columns(2)
        with tree_column:
            st.markdown("**Tree questions**")
            for question_id in version.question_order:
                question = version.questions[question_id]
                options = {answer.id: answer.label for answer in question.answers}
                _answer_select(question.text, question_id, options, profile.answers.get(question_id),
                               _answer_key(prefix, version, question_id))  # fmt: skip
        with requirement_column:
            st.markdown("**Requirements**")
            for requirement in version.requirements.values():
                options = {answer.id: answer.label for answer in requirement.answers} | {UNKNOWN_ANSWER: UNKNOWN_LABEL}
                _answer_select(requirement.text, requirement.id, options, profile.answers.get(requirement.id),
                               _answer_key(prefix, version, requirement.id))  # fmt: skip
        if others:
            st.multiselect(
                "Answers to questions this version does not ask (kept)",
                list(others),
                default=list(others),
                format_func=lambda q: f"{q} = {others[q]}",
                key=f"profile_others::{prefix}::{version.id}",
                help="Kept with the profile, and used where a workload is decided under a version that asks them.",
            )
        st.form_submit_button(
            "Save profile",
            type="primary",
            on_click=_save,
            args=(entry.name if entry else None, prefix, version_id or None, questions, others),
            disabled=bool(permits.blocked("edit_profiles")),
            help=permits.blocked("edit_profiles"),
        )
    for message in st.session_state.pop(_EDIT_ERRORS, []):
        st.error(md(message), icon="⚠️")
    if entry is not None:
        _delete_control(entry.name)


def _answer_key(prefix: str, version: KnowledgeVersion, question_id: str) -> str:
    return f"profile_answer::{prefix}::{version.id}::{question_id}"


def _answer_select(label: str, question_id: str, options: dict[str, str], stored: str | None, key: str) -> None:
    ids = [NOT_SET, *options]
    labels = {NOT_SET: "(not set)", **options}
    if stored is not None and stored not in options:  # kept so the check names it, never dropped silently
        ids.append(stored)
        labels[stored] = f"{stored} (not an answer of this question)"
    st.selectbox(
        label,
        ids,
        index=ids.index(stored) if stored is not None else 0,
        format_func=labels.__getitem__,
        key=key,
        help=f"Question id: {question_id}",
    )


def _save(
    original: str | None, prefix: str, version_id: str | None, questions: list[str], others: dict[str, str]
) -> None:
    kb = knowledge_base()
    version = kb.version(version_id)
    name = str(st.session_state.get(f"profile_name::{prefix}", "")).strip()
    description = str(st.session_state.get(f"profile_description::{prefix}", "")).strip()
    answers = {}
    for question_id in questions:
        chosen = st.session_state.get(_answer_key(prefix, version, question_id))
        if chosen:
            answers[question_id] = chosen
    for question_id in st.session_state.get(f"profile_others::{prefix}::{version.id}", list(others)):
        answers.setdefault(question_id, others[question_id])
    if not identity.author():
        st.session_state[_EDIT_ERRORS] = ["Enter your name in the sidebar first: every profile records who saved it."]
        return
    profile = AnswerProfile(description=description, knowledge_version=version_id, answers=answers)
    try:
        if original is None:
            token = forms.token("create_profile", name, profile.model_dump_json())
            services.create_profile(context(), identity.actor(), name, profile, token=token)
        else:  # a new name renames it: the save and the old name's removal are one transaction
            services.save_profile(context(), identity.actor(), name, profile, original=original)
    except NameTakenError as exc:
        clash = exc.existing
        st.session_state[_EDIT_ERRORS] = [
            f"There is already a profile named {clash}: choose another name, or choose {clash} above to edit it."
        ]
        return
    except AdvisorError as exc:
        st.session_state[_EDIT_ERRORS] = [f"The profile was not saved: {p.message}" for p in exc.problems]
        return
    renamed = original is not None and original.strip().casefold() != name.casefold()
    if renamed:
        what = f"Renamed profile {original} to {name}"
    else:
        what = f"{'Created' if original is None else 'Saved'} profile {name}"
    st.session_state[_FLASH] = f"{what} ({len(answers)} answer{'' if len(answers) == 1 else 's'})."
    st.session_state[_CHOICE] = name
    _refresh()


def _delete_control(name: str) -> None:
    if st.session_state.get(_CONFIRM) != name:
        why = permits.blocked("edit_profiles")
        st.button("Delete profile", key="profile_delete", on_click=_ask_delete, args=(name,), disabled=bool(why),
                  help=why)  # fmt: skip
        return
    st.warning(md(f"Delete the profile {name}? Records that used it keep their answers; this cannot be undone."))
    yes, no = st.columns([1, 4])
    yes.button("Yes, delete it", type="primary", key="profile_delete_yes", on_click=_delete, args=(name,))
    no.button("Cancel", key="profile_delete_no", on_click=_cancel_delete)


def _ask_delete(name: str) -> None:
    st.session_state[_CONFIRM] = name


def _cancel_delete() -> None:
    st.session_state.pop(_CONFIRM, None)


def _delete(name: str) -> None:
    st.session_state.pop(_CONFIRM, None)
    try:
        services.delete_profile(context(), identity.actor(), name)
    except AdvisorError as exc:
        st.session_state[_EDIT_ERRORS] = [p.message for p in exc.problems]
        return
    st.session_state[_FLASH] = f"Deleted profile {name}."
    st.session_state[_CHOICE] = NEW
    _refresh()


def _refresh() -> None:
    """Show what is stored now: new widget keys drop what the form held."""
    st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1


# --- download and import ----------------------------------------------------------------------------------------


def _exchange(entries: Sequence[ProfileEntry]) -> None:
    st.subheader("Download and import")
    if entries:
        st.download_button(
            "Download all profiles (YAML)",
            services.profiles_yaml(context()),
            file_name="answer-profiles.yaml",
            mime="application/x-yaml",
            on_click="ignore",
        )
    with st.form("import_profiles", clear_on_submit=True):
        st.file_uploader(
            "Profiles YAML file",
            type=["yaml", "yml"],
            key=_FILE,
            help="A file this page downloaded (profiles: {name: {description, knowledge_version, answers}}). "
            "Profiles of the same names are replaced; a fault anywhere imports nothing.",
        )
        why = permits.blocked("edit_profiles")
        st.form_submit_button("Import profiles", on_click=_import, disabled=bool(why), help=why)
    errors = st.session_state.pop(_IMPORT_ERRORS, [])
    if errors:
        st.error(md("\n".join(errors)), icon="⚠️")


def _import() -> None:
    upload = st.session_state.get(_FILE)
    if upload is None:
        st.session_state[_IMPORT_ERRORS] = ["Choose a YAML file first."]
        return
    if not identity.author():
        st.session_state[_IMPORT_ERRORS] = ["Enter your name in the sidebar first: every profile records who saved it."]
        return
    refused = f"{upload.name} was not imported; nothing was stored:"
    try:
        text = upload.getvalue().decode("utf-8")
    except UnicodeDecodeError:
        st.session_state[_IMPORT_ERRORS] = [refused, f"{upload.name}: not a UTF-8 text file"]
        return
    try:
        names = services.import_profiles_yaml(context(), identity.actor(), text, upload.name)
    except AdvisorError as exc:
        st.session_state[_IMPORT_ERRORS] = [refused, *(str(p) for p in exc.problems)]
        return
    if names:
        st.session_state[_FLASH] = f"Imported {len(names)} profiles from {upload.name}: {', '.join(names)}."
    else:
        st.session_state[_FLASH] = f"{upload.name} has no profiles: nothing was imported."
    _refresh()
