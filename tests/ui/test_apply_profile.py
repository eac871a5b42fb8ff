"""Questionnaire: applying an answer profile saves one version with its answers marked "from profile".

The user's own answers stay unless "Also replace my own answers" is ticked; inventory suggestions
and earlier profile answers give way. Expected headings are written by hand from the 2026 tree.
"""

from __future__ import annotations

import pytest

from advisor import services
from advisor.models.answer_profile import AnswerProfile
from advisor.models.record import GivenAnswer
from tests.services.builders import left_by_an_older_installation, new_workload, person
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
def at(new_app, ctx):
    """Dana signed in, a profile "Lift" stored, a new workload's questionnaire open."""
    services.save_profile(ctx, person("Ann"), "Lift", LIFT)
    app = sign_in(run(new_app()), "Dana")
    create_workload(app, NAME)
    assert values(app.title) == [NAME]
    return app


@pytest.fixture
def workload(at, ctx):
    return services.find_workload(ctx, NAME)


def _apply(at, profile: str = "Lift", replace: bool = False):
    one(at.selectbox, "Answer profile").set_value(profile)
    one(at.checkbox, REPLACE).set_value(replace)
    return click(at, APPLY)


def test_no_control_without_profiles(new_app, ctx):
    at = sign_in(run(new_app()), "Dana")
    create_workload(at, NAME)
    assert APPLY not in labels(at.button)
    assert not any("answer profile" in label for label in labels(at.expander))


def test_applying_a_profile_saves_one_version_marked_from_profile_and_the_walk_advances(at, ctx, workload):
    assert "🧩 Apply an answer profile" in labels(at.expander)
    assert one(at.selectbox, "Answer profile").options == ["Lift"]
    _apply(at)

    record = services.latest_record(ctx, workload.id)
    assert record is not None
    assert record.version == 1, "one version for the whole profile"
    assert record.change == "applied profile Lift"
    assert record.knowledge_version == "compute-tree-2026"
    assert record.answers == {q: GivenAnswer(answer=a, source="profile", note=NOTE) for q, a in LIFT.answers.items()}
    walked = [(s.question, s.answer) for s in record.path]
    assert walked == [("specialty_workload", "none"), ("migrate_or_build", "migrate")]
    assert question_heading(at) == APPROACH_HEADING, "the walk goes on to the first question the profile leaves"
    assert progress_text(at) == "2 answered on this path; at most 8 to go."
    # The answers it set are listed on screen, by question and answer.
    assert shown_values(at.success) == [
        "Applied profile Lift: 3 answers set.  \n"
        "- Is this one of the specialty workloads that Microsoft routes outside its general compute tree?: "
        "None of these — general-purpose workload  \n"
        "- Are you migrating an existing workload, or building a new one?: Migrate an existing workload  \n"
        "- Does the workload need graphics processors (GPUs)?: No GPU needed"
    ]
    # The answered steps show where the answers came from.
    assert any("from profile" in m for m in values(at.markdown)), values(at.markdown)

    # The walk goes on as usual, and the profile's answers stay marked.
    answer(at, "lift_and_shift")
    latest = services.latest_record(ctx, workload.id)
    assert latest.version == 2
    assert latest.answers["migrate_or_build"].source == "profile"
    assert latest.answers["migration_approach"].source == "user"

    # Applying the same profile again gives nothing new and saves nothing.
    _apply(at)
    assert services.latest_record(ctx, workload.id).version == 2
    assert any("gives no answer this workload does not have already" in s for s in shown_values(at.success))


def test_own_answers_are_kept_unless_replace_is_ticked(at, ctx, workload):
    answer(at, "none")
    answer(at, "build_new")
    assert services.latest_record(ctx, workload.id).version == 2

    _apply(at)
    record = services.latest_record(ctx, workload.id)
    assert record.version == 3
    assert record.answers["migrate_or_build"] == GivenAnswer(answer="build_new"), "the user's answer is kept"
    assert record.answers["specialty_workload"] == GivenAnswer(answer="none"), "same answer: left as the user gave it"
    assert record.answers["gpu"] == GivenAnswer(answer="not_required", source="profile", note=NOTE)
    assert shown_values(at.success) == [
        "Applied profile Lift: 1 answer set. 1 of your own answers kept.  \n"
        "- Does the workload need graphics processors (GPUs)?: No GPU needed"
    ]
    assert question_heading(at) == "### 3. Do you need full control over the operating system and the virtual machine?"

    _apply(at, replace=True)
    record = services.latest_record(ctx, workload.id)
    assert record.version == 4
    assert record.answers["migrate_or_build"] == GivenAnswer(answer="migrate", source="profile", note=NOTE)
    assert record.answers["specialty_workload"] == GivenAnswer(answer="none")
    assert question_heading(at) == APPROACH_HEADING
    assert [(u.question, u.answer) for u in record.unused_answers] == []


def test_inventory_suggestions_give_way_to_the_profile(new_app, kb, ctx):
    services.save_profile(ctx, person("Ann"), "Lift", LIFT)
    workload = new_workload(ctx, NAME)
    suggested = {"migrate_or_build": GivenAnswer(answer="build_new", source="inventory", note="From inventory: x")}
    services.save_answers(ctx, person("Seeder"), workload.id, base_version=0, answers=suggested, change="seeded")
    at = open_workload(sign_in(run(new_app()), "Dana"), workload.id)
    assert "🧩 Apply an answer profile" in labels(at.expander)
    _apply(at)
    record = services.latest_record(ctx, workload.id)
    assert record.version == 2
    assert record.answers["migrate_or_build"] == GivenAnswer(answer="migrate", source="profile", note=NOTE)


def test_the_profile_version_is_used_until_the_first_answer_fixes_it(new_app, ctx):
    old = AnswerProfile(knowledge_version="compute-tree-2025", answers={"migrate_or_build": "migrate"})
    services.save_profile(ctx, person("Ann"), "Old", old)
    at = sign_in(run(new_app()), "Dana")
    create_workload(at, NAME)
    assert one(at.selectbox, "Knowledge version").value == "compute-tree-2026"
    _apply(at, "Old")
    record = services.latest_record(ctx, services.find_workload(ctx, NAME).id)
    assert record.knowledge_version == "compute-tree-2025"
    assert question_heading(at) == APPROACH_HEADING.replace("### 3.", "### 2."), "2025 has no specialty question"


def test_a_profile_with_a_bad_answer_is_refused_naming_the_question_and_nothing_is_saved(at, ctx, workload):
    left_by_an_older_installation(ctx, profile=("Odd", {"answers": {"cots": "maybe"}}))
    run(at)
    _apply(at, "Odd")
    assert services.latest_record(ctx, workload.id) is None
    errors = shown_values(at.error)
    assert any(
        "Profile Odd cannot be applied: “Is it a commercial off-the-shelf (COTS) application?” (cots): "
        "unknown answer id 'maybe'" in e
        for e in errors
    ), errors


def test_applying_without_a_name_saves_nothing(new_app, ctx):
    services.save_profile(ctx, person("Ann"), "Lift", LIFT)
    at = run(new_app())
    create_workload(at, NAME)
    _apply(at)
    assert any("Enter your name" in e for e in values(at.error)), values(at.error)
    assert services.latest_record(ctx, services.find_workload(ctx, NAME).id) is None


def test_requirement_widgets_show_the_answers_a_profile_replaced(at, ctx, workload):
    services.save_profile(ctx, person("Ann"), "No GPU", AnswerProfile(answers={"gpu": "not_required"}))
    for answer_id in ["none", "build_new", "no", "no", "no", "yes"]:
        answer(at, answer_id)
    at.radio(key="answer::gpu").set_value("required")
    run(at)
    assert services.latest_record(ctx, workload.id).answers["gpu"].answer == "required"
    _apply(at, "No GPU", replace=True)
    record = services.latest_record(ctx, workload.id)
    assert record.answers["gpu"] == GivenAnswer(answer="not_required", source="profile", note="From profile No GPU")
    assert at.radio(key="answer::gpu").value == "not_required", "the radio shows the saved answer, not the old one"
