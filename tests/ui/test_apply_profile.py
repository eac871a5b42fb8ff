"""Questionnaire: applying an answer profile saves one version with its answers marked "from profile".

The user's own answers stay unless "Also replace my own answers" is ticked; inventory suggestions
and earlier profile answers give way. Expected headings are written by hand from the 2026 tree.
"""

from __future__ import annotations

import pytest

from advisor.decide.record_builder import build_record
from advisor.models.answer_profile import AnswerProfile
from advisor.models.record import GivenAnswer
from tests.ui.uihelp import (
    answer,
    click,
    create_workload,
    labels,
    one,
    open_workload,
    progress_text,
    question_heading,
    run,
    shown_values,
    sign_in,
    values,
)

NAME = "Payroll web"
APPLY = "Apply profile"
REPLACE = "Also replace my own answers"
LIFT = AnswerProfile(
    description="Move as is",
    knowledge_version="compute-tree-2026",
    answers={"specialty_workload": "none", "migrate_or_build": "migrate", "gpu": "not_required"},
)
APPROACH_HEADING = "### 3. Will you lift and shift the workload as it is, or is it already optimized for the cloud?"
NOTE = "From profile Lift"


@pytest.fixture
def at(new_app, store):
    """Dana signed in, a profile "Lift" stored, a new workload's questionnaire open."""
    store.save_profile("Lift", LIFT, "Ann")
    app = sign_in(run(new_app()), "Dana")
    create_workload(app, NAME)
    assert values(app.title) == [NAME]
    return app


@pytest.fixture
def workload(at, store):
    return store.find_workload(NAME)


def _apply(at, profile: str = "Lift", replace: bool = False):
    one(at.selectbox, "Answer profile").set_value(profile)
    one(at.checkbox, REPLACE).set_value(replace)
    return click(at, APPLY)


def test_no_control_without_profiles(new_app, store):
    at = sign_in(run(new_app()), "Dana")
    create_workload(at, NAME)
    assert APPLY not in labels(at.button)
    assert not any("answer profile" in label for label in labels(at.expander))


def test_applying_a_profile_saves_one_version_marked_from_profile_and_the_walk_advances(at, store, workload):
    assert "🧩 Apply an answer profile" in labels(at.expander)
    assert one(at.selectbox, "Answer profile").options == ["Lift"]
    _apply(at)

    record = store.latest_record(workload.id)
    assert record is not None
    assert record.version == 1, "one version for the whole profile"
    assert record.change == "applied profile Lift"
    assert record.knowledge_version == "compute-tree-2026"
    assert record.answers == {q: GivenAnswer(answer=a, source="profile", note=NOTE) for q, a in LIFT.answers.items()}
    walked = [(s.question, s.answer) for s in record.path]
    assert walked == [("specialty_workload", "none"), ("migrate_or_build", "migrate")]
    assert question_heading(at) == APPROACH_HEADING, "the walk goes on to the first question the profile leaves"
    assert progress_text(at) == "2 answered on this path; at most 8 to go."
    assert "Applied profile Lift: 3 answers set." in shown_values(at.success)
    # The answered steps show where the answers came from.
    assert any("from profile" in m for m in values(at.markdown)), values(at.markdown)

    # The walk goes on as usual, and the profile's answers stay marked.
    answer(at, "lift_and_shift")
    latest = store.latest_record(workload.id)
    assert latest.version == 2
    assert latest.answers["migrate_or_build"].source == "profile"
    assert latest.answers["migration_approach"].source == "user"

    # Applying the same profile again gives nothing new and saves nothing.
    _apply(at)
    assert store.latest_record(workload.id).version == 2
    assert any("gives no answer this workload does not have already" in s for s in shown_values(at.success))


def test_own_answers_are_kept_unless_replace_is_ticked(at, store, workload):
    answer(at, "none")
    answer(at, "build_new")
    assert store.latest_record(workload.id).version == 2

    _apply(at)
    record = store.latest_record(workload.id)
    assert record.version == 3
    assert record.answers["migrate_or_build"] == GivenAnswer(answer="build_new"), "the user's answer is kept"
    assert record.answers["specialty_workload"] == GivenAnswer(answer="none"), "same answer: left as the user gave it"
    assert record.answers["gpu"] == GivenAnswer(answer="not_required", source="profile", note=NOTE)
    assert "Applied profile Lift: 1 answer set. 1 of your own answers kept." in shown_values(at.success)
    assert question_heading(at) == "### 3. Do you need full control over the operating system and the virtual machine?"

    _apply(at, replace=True)
    record = store.latest_record(workload.id)
    assert record.version == 4
    assert record.answers["migrate_or_build"] == GivenAnswer(answer="migrate", source="profile", note=NOTE)
    assert record.answers["specialty_workload"] == GivenAnswer(answer="none")
    assert question_heading(at) == APPROACH_HEADING
    assert [(u.question, u.answer) for u in record.unused_answers] == []


def test_inventory_suggestions_give_way_to_the_profile(new_app, kb, store):
    store.save_profile("Lift", LIFT, "Ann")
    workload = store.create_workload(NAME)
    suggested = {"migrate_or_build": GivenAnswer(answer="build_new", source="inventory", note="From inventory: x")}
    store.append_record(build_record(kb, workload=workload, answers=suggested, knowledge_version=None,
                                     author="Seeder", version=1, change="seeded"))  # fmt: skip
    at = open_workload(sign_in(run(new_app()), "Dana"), workload.id)
    assert "🧩 Apply an answer profile" in labels(at.expander)
    _apply(at)
    record = store.latest_record(workload.id)
    assert record.version == 2
    assert record.answers["migrate_or_build"] == GivenAnswer(answer="migrate", source="profile", note=NOTE)


def test_the_profile_version_is_used_until_the_first_answer_fixes_it(new_app, store):
    old = AnswerProfile(knowledge_version="compute-tree-2025", answers={"migrate_or_build": "migrate"})
    store.save_profile("Old", old, "Ann")
    at = sign_in(run(new_app()), "Dana")
    create_workload(at, NAME)
    assert one(at.selectbox, "Knowledge version").value == "compute-tree-2026"
    _apply(at, "Old")
    record = store.latest_record(store.find_workload(NAME).id)
    assert record.knowledge_version == "compute-tree-2025"
    assert question_heading(at) == APPROACH_HEADING.replace("### 3.", "### 2."), "2025 has no specialty question"


def test_a_profile_with_a_bad_answer_is_refused_naming_the_question_and_nothing_is_saved(at, store, workload):
    store.save_profile("Odd", {"answers": {"cots": "maybe"}}, "Ann")
    run(at)
    _apply(at, "Odd")
    assert store.latest_record(workload.id) is None
    errors = shown_values(at.error)
    assert any(
        "Profile Odd cannot be applied: “Is it a commercial off-the-shelf (COTS) application?” (cots): "
        "unknown answer id 'maybe'" in e
        for e in errors
    ), errors


def test_applying_without_a_name_saves_nothing(new_app, store):
    store.save_profile("Lift", LIFT, "Ann")
    at = run(new_app())
    create_workload(at, NAME)
    _apply(at)
    assert any("Enter your name" in e for e in values(at.error)), values(at.error)
    assert store.latest_record(store.find_workload(NAME).id) is None


def test_requirement_widgets_show_the_answers_a_profile_replaced(at, store, workload):
    store.save_profile("No GPU", AnswerProfile(answers={"gpu": "not_required"}), "Ann")
    for answer_id in ["none", "build_new", "no", "no", "no", "yes"]:
        answer(at, answer_id)
    at.radio(key="answer::gpu").set_value("required")
    run(at)
    assert store.latest_record(workload.id).answers["gpu"].answer == "required"
    _apply(at, "No GPU", replace=True)
    record = store.latest_record(workload.id)
    assert record.answers["gpu"] == GivenAnswer(answer="not_required", source="profile", note="From profile No GPU")
    assert at.radio(key="answer::gpu").value == "not_required", "the radio shows the saved answer, not the old one"
