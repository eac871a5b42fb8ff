"""What-if: changed answers in a sandbox and the outcome side by side (adopting it: tests/services/test_what_if.py).

The record walks 2026 to Virtual Machines (specialty none, migrate, lift and shift, not containerizable,
COTS, not VMware) and also holds two answers off that path: event_driven = no, managed_web_hosting = yes.
By decision-tree.md 2.1, a containerizable lift-and-shift joins the build-new column at B3 (event-driven?):
no leads to B4 (managed web hosting?), and yes there ends at Azure App Service. So the what-if
containerizable = yes must turn Virtual Machines into App Service, drop the COTS and VMware steps and add
the event-driven and web-hosting ones. The fits follow from the catalog's tree-step rules: on the old path
containerizable = no rules out every container service, cots = yes App Service and Functions, vmware = no
Azure VMware Solution; the new path matches no tree-step rule, and no requirement is answered, so all of
them become unknown.
"""

from __future__ import annotations

import datetime

import pytest

from advisor import KnowledgeBase
from advisor.decide.outcome_diff import PathChange
from advisor.errors import AnswersError
from advisor.models.record import DecisionRecord, GivenAnswer, Workload
from advisor.review.what_if import AnswerChange, what_if
from tests.services.builders import COMPLETE_ANSWERS, make_record

ANSWERS = {**COMPLETE_ANSWERS, "event_driven": "no", "managed_web_hosting": "yes"}


@pytest.fixture
def vm_record(kb: KnowledgeBase) -> DecisionRecord:
    moment = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    workload = Workload(id=7, name="Payroll", created_at=moment, updated_at=moment)
    return make_record(kb, workload, 1, answers=ANSWERS)


def test_containerizable_yes_turns_virtual_machines_into_app_service(
    kb: KnowledgeBase, vm_record: DecisionRecord
) -> None:
    result = what_if(kb, vm_record, {"containerizable": "yes"})

    assert (result.current_service, result.hypothetical_service) == ("virtual-machines", "app-service")
    assert result.service_changed
    assert result.changed
    assert result.answer_changes == (AnswerChange("containerizable", "no", "yes"),)
    assert result.path_changes == (
        PathChange("containerizable", "changed", "no", "yes"),
        PathChange("event_driven", "added", None, "no"),
        PathChange("managed_web_hosting", "added", None, "yes"),
        PathChange("cots", "removed", "yes", None),
        PathChange("vmware", "removed", "no", None),
    )
    assert [(c.service, c.before, c.after) for c in result.fit_changes] == [
        ("vmware-solution", "no_fit", "unknown"),
        ("app-service", "no_fit", "unknown"),
        ("functions", "no_fit", "unknown"),
        ("container-instances", "no_fit", "unknown"),
        ("self-managed-orchestration", "no_fit", "unknown"),
        ("red-hat-openshift", "no_fit", "unknown"),
        ("aks", "no_fit", "unknown"),
        ("container-apps", "no_fit", "unknown"),
    ]
    app_service = result.fit_changes[1]
    assert app_service.reasons_before == (
        'tree step cots = yes: Tree step "commercial off-the-shelf" answered yes: a vendor package needs the server '
        "its vendor certifies, not a platform that hosts your own code.",
    )
    assert "requirement operational_overhead is not answered yet" in app_service.reasons_after
    assert len(result.conditions_removed) == 2
    assert result.conditions_removed[0].startswith("Run at least two instances")
    assert len(result.conditions_added) == 1
    assert result.conditions_added[0].startswith("The instance ceilings shown for App Service")
    assert (result.candidates_added, result.candidates_removed) == ((), ())


def test_hypothetical_is_a_record_built_as_the_questionnaire_builds_it(
    kb: KnowledgeBase, vm_record: DecisionRecord
) -> None:
    result = what_if(kb, vm_record, {"containerizable": "yes"})

    hypothetical = result.hypothetical
    assert (hypothetical.version, hypothetical.knowledge_version, hypothetical.walk_status) == (
        2,
        "compute-tree-2026",
        "complete",
    )
    assert hypothetical.answers["containerizable"] == GivenAnswer(answer="yes")
    assert hypothetical.answers["cots"] == vm_record.answers["cots"]  # kept, now off the path
    assert [u.question for u in hypothetical.unused_answers] == ["cots", "vmware"]
    assert result.record is vm_record


def test_changing_to_the_same_answer_changes_nothing(kb: KnowledgeBase, vm_record: DecisionRecord) -> None:
    result = what_if(kb, vm_record, {"containerizable": "no"})
    assert result.answer_changes == ()
    assert not result.changed
    assert result.hypothetical_service == "virtual-machines"


def test_vmware_yes_leads_to_azure_vmware_solution(kb: KnowledgeBase, vm_record: DecisionRecord) -> None:
    result = what_if(kb, vm_record, {"vmware": "yes"})
    assert result.hypothetical_service == "vmware-solution"
    assert result.path_changes == (PathChange("vmware", "changed", "no", "yes"),)
    assert [(c.service, c.before, c.after) for c in result.fit_changes] == [
        ("virtual-machines", "unknown", "fit_with_effort"),
        ("vmware-solution", "no_fit", "unknown"),
    ]


def test_what_if_under_another_knowledge_version(kb: KnowledgeBase, vm_record: DecisionRecord) -> None:
    result = what_if(kb, vm_record, {}, knowledge_version="compute-tree-2025")

    assert result.hypothetical.knowledge_version == "compute-tree-2025"
    assert result.hypothetical_service == "virtual-machines"
    assert result.path_changes == (PathChange("specialty_workload", "removed", "none", None),)
    assert result.candidates_added == ("service-fabric",)
    assert result.changed


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        ({"containerisable": "yes"}, ["containerisable: unknown question id in knowledge version compute-tree-2026"]),
        (
            {"service_fabric_or_legacy_dotnet": "yes"},
            ["service_fabric_or_legacy_dotnet: unknown question id in knowledge version compute-tree-2026"],
        ),
        ({"containerizable": "maybe"}, ["containerizable: unknown answer id 'maybe' (expected one of: yes, no)"]),
        ({"containerizable": True}, ["containerizable: answer must be an answer id string, found a boolean True"]),
        (
            {"nope": "x", "gpu": "lots"},
            ["nope: unknown question id in knowledge version compute-tree-2026", "gpu: unknown answer id 'lots'"],
        ),
    ],
)
def test_answer_ids_the_knowledge_lacks_are_refused_naming_the_id(
    kb: KnowledgeBase, vm_record: DecisionRecord, changes: dict, messages: list[str]
) -> None:
    with pytest.raises(AnswersError) as refused:
        what_if(kb, vm_record, changes)

    text = str(refused.value)
    assert all(message in text for message in messages)
    assert len(refused.value.problems) == len(messages)
