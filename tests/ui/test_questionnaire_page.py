"""Questionnaire page: walks to outcomes, Change and Back, notes, requirements, progress, identity, override.

Expected outcomes are written by hand from the decision tree (shared/reference/decision-tree.md §2.1,
with the 2026 changes of §2.2: specialty workloads asked first, Service Fabric only a specialty route).
"""

from __future__ import annotations

import pytest

from advisor import services
from tests.ui.uihelp import (
    ANSWER,
    answer,
    click,
    create_workload,
    labels,
    one,
    page_text,
    progress_text,
    question_heading,
    run,
    shown,
    shown_values,
    sign_in,
    values,
    walk,
)

NAME = "Payroll web"
SPECIALTY_HEADING = (
    "### 1. Is this one of the specialty workloads that Microsoft routes outside its general compute tree?"
)
MIGRATE_HEADING = "### 2. Are you migrating an existing workload, or building a new one?"
UNUSED_REASON = "the walk did not reach this question"


@pytest.fixture
def at(new_app):
    """Dana signed in, a new workload created on the Workloads page, its questionnaire open."""
    app = sign_in(run(new_app()), "Dana")
    create_workload(app, NAME, owner="Ops")
    assert values(app.title) == [NAME]
    assert question_heading(app) == SPECIALTY_HEADING
    return app


@pytest.fixture
def workload_id(at, ctx):
    return services.find_workload(ctx, NAME).id


def _latest(ctx, workload_id):
    record = services.latest_record(ctx, workload_id)
    assert record is not None, "nothing was saved"
    return record


def _subheaders(at):
    return values(at.subheader)


def _unused_lines(at):
    expanders = [label for label in labels(at.expander) if label.startswith("Answers kept but not used")]
    assert len(expanders) == 1, labels(at.expander)
    return expanders[0], values(at.text)


OUTCOMES = [
    ("functions", ["none", "build_new", "no", "no", "yes"], "Azure Functions"),
    ("virtual-machines-full-control", ["none", "build_new", "yes"], "Azure Virtual Machines"),
    ("virtual-machines-cots", ["none", "migrate", "lift_and_shift", "no", "yes", "no"], "Azure Virtual Machines"),
    ("app-service-custom-app", ["none", "migrate", "lift_and_shift", "no", "no"], "Azure App Service"),
    ("vmware-solution", ["none", "migrate", "lift_and_shift", "no", "yes", "yes"], "Azure VMware Solution"),
    ("batch", ["none", "build_new", "no", "yes"], "Azure Batch"),
    ("container-instances", ["none", "build_new", "no", "no", "no", "no", "no"], "Azure Container Instances"),
    (
        "container-apps",
        ["none", "migrate", "cloud_optimized", "no", "no", "no", "yes", "yes", "no", "no"],
        "Azure Container Apps",
    ),
    (
        "aks",
        ["none", "migrate", "lift_and_shift", "yes", "no", "no", "yes", "yes", "no", "yes"],
        "Azure Kubernetes Service (AKS)",
    ),
    (
        "red-hat-openshift",
        ["none", "build_new", "no", "no", "no", "no", "yes", "yes", "yes"],
        "Azure Red Hat OpenShift",
    ),
    ("sap-on-azure", ["sap"], "SAP on Azure"),
]
SERVICE_IDS = {
    "Azure Functions": "functions",
    "Azure Virtual Machines": "virtual-machines",
    "Azure App Service": "app-service",
    "Azure VMware Solution": "vmware-solution",
    "Azure Batch": "batch",
    "Azure Container Instances": "container-instances",
    "Azure Container Apps": "container-apps",
    "Azure Kubernetes Service (AKS)": "aks",
    "Azure Red Hat OpenShift": "red-hat-openshift",
    "SAP on Azure": "sap-on-azure",
}


@pytest.mark.parametrize(("case", "answers", "service_name"), OUTCOMES, ids=[case for case, _, _ in OUTCOMES])
def test_walk_through_the_ui_reaches_the_expected_outcome(at, ctx, workload_id, case, answers, service_name):
    for number, answer_id in enumerate(answers, start=1):
        assert _subheaders(at) == [], "no recommendation before the walk ends"
        answer(at, answer_id)
        assert _latest(ctx, workload_id).version == number, "every answer is saved as a new version"
    assert f"Recommended: {service_name}" in _subheaders(at)
    assert progress_text(at) == f"Tree complete: {len(answers)} questions answered."
    record = _latest(ctx, workload_id)
    assert record.service == SERVICE_IDS[service_name]
    assert record.walk_status == "complete"
    assert [step.answer for step in record.path] == answers
    assert record.author == "Dana"
    assert "Save answer" not in labels(at.button)


def test_knowledge_version_2025_walks_to_service_fabric(at, ctx, workload_id):
    one(at.selectbox, "Knowledge version").set_value("compute-tree-2025")
    run(at)
    assert question_heading(at) == MIGRATE_HEADING.replace("### 2.", "### 1.")
    assert progress_text(at) == "0 answered on this path; at most 10 to go."
    walk(at, ["build_new", "no", "no", "no", "no", "yes", "yes", "yes"])
    assert "Recommended: Azure Service Fabric" in _subheaders(at)
    record = _latest(ctx, workload_id)
    assert (record.knowledge_version, record.service) == ("compute-tree-2025", "service-fabric")
    assert "Knowledge version" not in labels(at.selectbox), "the version is fixed once an answer is saved"


def test_progress_counts_the_longest_remaining_path(at):
    # 2026: specialty, migrate_or_build, then at most 8 on the build-new side (full control … Kubernetes)
    assert progress_text(at) == "0 answered on this path; at most 10 to go."
    answer(at, "none")
    assert progress_text(at) == "1 answered on this path; at most 9 to go."
    answer(at, "build_new")
    assert progress_text(at) == "2 answered on this path; at most 8 to go."
    click(at, "← Back")
    answer(at, "migrate")  # migration approach, then cloud-optimized joins at HPC: 1 + 7
    assert progress_text(at) == "2 answered on this path; at most 8 to go."
    answer(at, "lift_and_shift")  # containerizable, then event-driven … Kubernetes: 1 + 6
    assert progress_text(at) == "3 answered on this path; at most 7 to go."
    answer(at, "no")  # COTS?, VMware?
    assert progress_text(at) == "4 answered on this path; at most 2 to go."


def test_changing_an_earlier_answer_changes_the_outcome_and_keeps_the_others_unused(at, ctx, workload_id):
    walk(at, ["none", "build_new", "no", "no", "yes"])
    assert "Recommended: Azure Functions" in _subheaders(at)
    assert "Your answers so far (5)" in labels(at.expander)

    at.button(key="change::migrate_or_build").click()
    run(at)
    assert question_heading(at) == MIGRATE_HEADING
    assert one(at.radio, ANSWER).value == "build_new", "the saved answer is preselected"
    assert _subheaders(at) == []

    answer(at, "migrate")
    assert question_heading(at) == (
        "### 3. Will you lift and shift the workload as it is, or is it already optimized for the cloud?"
    )
    label, lines = _unused_lines(at)
    assert label == "Answers kept but not used on this path (3)"
    assert lines == [
        f"event_driven = yes: {UNUSED_REASON}",
        f"full_control = no: {UNUSED_REASON}",
        f"hpc = no: {UNUSED_REASON}",
    ]

    walk(at, ["lift_and_shift", "no", "no"])
    assert "Recommended: Azure App Service" in _subheaders(at)
    record = _latest(ctx, workload_id)
    assert record.service == "app-service"
    assert record.version == 9
    assert [(u.question, u.answer) for u in record.unused_answers] == [
        ("event_driven", "yes"),
        ("full_control", "no"),
        ("hpc", "no"),
    ]
    assert set(record.answers) == {
        "specialty_workload",
        "migrate_or_build",
        "migration_approach",
        "containerizable",
        "cots",
        "full_control",
        "hpc",
        "event_driven",
    }
    label, _ = _unused_lines(at)
    assert label == "Answers kept but not used on this path (3)"


def test_back_goes_to_the_previous_question_and_a_new_answer_changes_the_outcome(at, ctx, workload_id):
    walk(at, ["none", "build_new", "no", "no"])
    assert question_heading(at) == "### 5. Is it an event-driven workload made of short-lived processes?"
    click(at, "← Back")
    assert question_heading(at) == (
        "### 4. Is this a high-performance computing (HPC) or large-scale parallel batch workload?"
    )
    assert one(at.radio, ANSWER).value == "no"
    answer(at, "yes")
    assert "Recommended: Azure Batch" in _subheaders(at)
    assert _latest(ctx, workload_id).service == "batch"
    assert progress_text(at) == "Tree complete: 4 questions answered."


def test_a_note_given_with_an_answer_is_saved_and_shown_in_the_path(at, ctx, workload_id):
    answer(at, "none")
    answer(at, "build_new")
    answer(at, "no", note="  Nobody on the team patches servers.  ")
    record = _latest(ctx, workload_id)
    assert record.answers["full_control"].note == "Nobody on the team patches servers."
    assert "Note: Nobody on the team patches servers." in shown_values(at.caption), "the note under the answered step"
    walk(at, ["no", "no", "yes"])
    record = _latest(ctx, workload_id)
    assert record.answers["full_control"].note == "Nobody on the team patches servers."
    assert [s.note for s in record.path if s.question == "full_control"] == ["Nobody on the team patches servers."]
    assert "> Note: Nobody on the team patches servers." in shown_values(at.markdown), "the note in the Why path"


def test_requirement_questions_follow_the_tree_and_change_confidence_and_fit(at, ctx, workload_id):
    walk(at, ["none", "build_new", "no", "no", "no", "yes"])
    assert "Recommended: Azure App Service" in _subheaders(at)
    requirement_radios = [r for r in at.radio if r.label != ANSWER]
    assert len(requirement_radios) == 12
    assert all(r.options[-1] == "Don't know" for r in requirement_radios), [r.options for r in requirement_radios]
    assert all(r.value is None for r in requirement_radios)
    assert "Requirements: 0 of 12 answered" in labels(at.expander)
    before = _latest(ctx, workload_id)
    assert before.confidence == 0.0
    assert {c.service: c.fit for c in before.candidates}["app-service"] != "no_fit"

    at.radio(key="answer::gpu").set_value("required")
    run(at)
    after = _latest(ctx, workload_id)
    assert after.version == before.version + 1
    assert after.answers["gpu"].answer == "required"
    assert after.service == "app-service", "requirements never change the tree's outcome"
    assert after.confidence == pytest.approx(1 / 12, abs=0.001)
    assert {c.service: c.fit for c in after.candidates}["app-service"] == "no_fit"
    assert any("confidence 8%" in c for c in values(at.caption)), values(at.caption)
    assert "Requirements: 1 of 12 answered" in labels(at.expander)
    assert any(
        "rule the tree's outcome (Azure App Service) out" in e
        and "“Does the workload need graphics processors" in e
        and "answered “GPU required”" in e
        for e in values(at.error)
    ), values(at.error)

    at.radio(key="answer::state").set_value("unknown")  # "Don't know" is saved, but adds no confidence
    run(at)
    latest = _latest(ctx, workload_id)
    assert latest.version == after.version + 1
    assert latest.answers["state"].answer == "unknown"
    assert latest.confidence == pytest.approx(1 / 12, abs=0.001)


def test_saving_without_a_display_name_asks_for_it_and_saves_nothing(new_app, ctx):
    at = run(new_app())
    create_workload(at, NAME)
    assert values(at.title) == [NAME]
    assert "Enter your name to save answers." in values(at.sidebar.info)
    answer(at, "none")
    assert any("Enter your name" in e for e in values(at.error)), values(at.error)
    assert services.latest_record(ctx, services.find_workload(ctx, NAME).id) is None
    assert question_heading(at) == SPECIALTY_HEADING
    assert progress_text(at) == "0 answered on this path; at most 10 to go."


def _choose_override(at, service: str | None, reason: str):
    if service is not None:
        one(at.selectbox, "Use this service instead").set_value(service)
    one(at.text_area, "Reason (required)").set_value(reason)
    return click(at, "Save override")


def test_override_needs_a_reason_and_then_is_saved_and_shown(at, ctx, workload_id):
    walk(at, ["none", "build_new", "no", "no", "no", "yes"])
    saved = _latest(ctx, workload_id)
    assert saved.override is None

    _choose_override(at, "container-apps", "   ")
    assert any("needs a reason" in e for e in values(at.error)), values(at.error)
    assert _latest(ctx, workload_id).version == saved.version, "nothing saved without a reason"
    assert not any("Overridden" in w for w in values(at.warning))

    _choose_override(at, "container-apps", "The team already ships containers.")
    record = _latest(ctx, workload_id)
    assert record.version == saved.version + 1
    assert record.override is not None
    assert (record.override.service, record.override.reason) == ("container-apps", "The team already ships containers.")
    assert record.service == "app-service"
    assert record.chosen_service == "container-apps"
    overridden = [w for w in values(at.warning) if w.startswith("Overridden")]
    assert len(overridden) == 1, values(at.warning)
    assert "Azure Container Apps" in overridden[0]
    assert "Reason: The team already ships containers." in shown(overridden[0])


def test_inferred_question_and_outcome_show_our_modeling_choice(at):
    notices = [i for i in values(at.info) if i.startswith("Our modeling choice")]
    assert len(notices) == 1
    assert "does not ask this as a question" in notices[0]
    answer(at, "none")
    assert not any(i.startswith("Our modeling choice") for i in values(at.info)), "migrate_or_build is not inferred"
    click(at, "← Back")
    answer(at, "stateful_microservices")
    assert "Recommended: Azure Service Fabric" in _subheaders(at)
    assert any(i.startswith("Our modeling choice") and "Service Fabric" in i for i in values(at.info)), page_text(at)


def test_answering_a_requirement_keeps_the_override(at, ctx, workload_id):
    walk(at, ["none", "build_new", "no", "no", "no", "yes"])
    _choose_override(at, "container-apps", "The team already ships containers.")
    overridden = _latest(ctx, workload_id)
    assert overridden.override is not None
    at.radio(key="answer::gpu").set_value("not_required")  # requirements never change the tree's outcome
    run(at)
    latest = _latest(ctx, workload_id)
    assert latest.version == overridden.version + 1
    assert latest.answers["gpu"].answer == "not_required"
    assert latest.override == overridden.override, "answering a requirement silently removed the override"
    assert any(w.startswith("Overridden") for w in values(at.warning))
