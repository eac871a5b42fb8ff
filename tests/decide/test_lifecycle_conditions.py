"""Lifecycle beside a recommendation: the conditions with dates for the outcome and every candidate, and a
service stopping inside the horizon never offered as the best alternative (contract §4 order otherwise).

Expected sentences are written by hand from the reference (lifecycle.md, second table) and the wording rule of
advisor/lifecycle/entries.py: "<service>: <advice>; <what happens> on <date>."
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from advisor import KnowledgeBase, load_knowledge, recommend
from advisor.cli.main import main
from advisor.lifecycle.judgement import Judgement
from tests.lifecycle.knowledge_copy import knowledge_copy

DEC_2026 = Judgement(datetime.date(2026, 12, 1), 24)
FUNCTIONS = {"specialty_workload": "none", "migrate_or_build": "build_new", "full_control": "no", "hpc": "no",
             "event_driven": "yes"}  # fmt: skip
FUNCTIONS_NOTES = [
    ("functions-in-process-support-ends", "2026-11-10", "past",
     "Azure Functions: use the isolated worker model; support for the in-process model for .NET ended on 2026-11-10."),
    ("functions-linux-consumption-retired", "2028-09-30", "within_horizon",
     "Azure Functions: host Linux function apps on the Flex Consumption plan (Windows apps on the Consumption plan "
     "are not affected); the Linux Consumption plan retires on 2028-09-30."),
]  # fmt: skip
AKS_NOTES = [
    ("aks-windows-server-2019-support-ends", "2026-03-01", "past",
     "Azure Kubernetes Service (AKS): run Windows node pools on a newer Windows Server version; support for Windows "
     "Server 2019 node pools ended on 2026-03-01."),
    ("aks-kubenet-retired", "2028-03-31", "within_horizon",
     "Azure Kubernetes Service (AKS): plan the cluster network on Azure CNI Overlay, not kubenet; kubenet networking "
     "retires on 2028-03-31."),
]  # fmt: skip
BATCH_NOTES = [
    ("batch-low-priority-vms-retired", "2025-09-30", "past",
     "Azure Batch: use Spot VMs; the default quota's low-priority cores can no longer be used; low-priority VMs in "
     "Batch pools retired on 2025-09-30."),
]  # fmt: skip


def _notes(items: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(n["entry"], n["date"], n["status"], n["text"]) for n in items]


def test_functions_shows_its_lifecycle_as_conditions_with_dates(kb: KnowledgeBase) -> None:
    data = recommend(kb, FUNCTIONS, judgement=DEC_2026).to_dict()
    assert data["service"] == "functions"
    assert _notes(data["lifecycle"]) == FUNCTIONS_NOTES
    assert all((n["service"], n["source"][:8]) == ("functions", "https://") for n in data["lifecycle"])
    assert {n["kind"] for n in data["lifecycle"]} == {"feature", "plan"}
    assert data["lifecycle_judgement"] == {"as_of": "2026-12-01", "horizon_months": 24, "horizon_end": "2028-12-01",
                                           "revision": kb.lifecycle.revision}  # fmt: skip


def test_every_candidate_carries_the_entries_touching_it(kb: KnowledgeBase) -> None:
    data = recommend(kb, FUNCTIONS, judgement=DEC_2026).to_dict()
    by_service = {c["service"]: c for c in data["candidates"]}
    assert _notes(by_service["aks"]["lifecycle"]) == AKS_NOTES
    assert _notes(by_service["batch"]["lifecycle"]) == BATCH_NOTES
    assert _notes(by_service["functions"]["lifecycle"]) == FUNCTIONS_NOTES
    assert by_service["app-service"]["lifecycle"] == [], "no entry touches App Service"
    assert by_service["container-apps"]["lifecycle"] == []


def test_a_date_before_the_as_of_is_worded_in_the_past_and_after_it_in_the_future(kb: KnowledgeBase) -> None:
    before = recommend(kb, FUNCTIONS, judgement=Judgement(datetime.date(2026, 6, 1), 24)).to_dict()
    assert before["lifecycle"][0]["status"] == "within_horizon"
    assert before["lifecycle"][0]["text"].endswith("support for the in-process model for .NET ends on 2026-11-10.")
    later = recommend(kb, FUNCTIONS, judgement=Judgement(datetime.date(2026, 6, 1), 12)).to_dict()
    assert [n["status"] for n in later["lifecycle"]] == ["within_horizon", "later"], "2028-09-30 beyond 2027-06-01"


# --- a service stopping inside the horizon is never the best alternative ---------------------------------------

GPU_CONFLICT = {  # tests/scenarios/functions-gpu-conflict-2026.yaml: only Container Apps fits, so it is the best
    **FUNCTIONS, "gpu": "required", "operational_overhead": "low", "windows_dependencies": "no",
    "peak_instances": "up_to_30", "kubernetes_skills": "none", "os_admin_skills": "none",
    "deployment_slots": "not_required", "state": "stateless", "long_running": "no", "multi_region": "not_required",
}  # fmt: skip
CONTAINER_APPS_RETIRES = (
    "  - id: container-apps-retired-fixture\n    subject: {kind: service, id: container-apps}\n    event: retired\n"
    "    date: 2027-06-30\n    touches: [container-apps]\n    source: https://example.com/test-fixture-not-real\n"
)


@pytest.fixture(scope="module")
def retiring_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """A fixture knowledge folder: the shipped knowledge with Azure Container Apps retiring on 2027-06-30."""
    folder = knowledge_copy(tmp_path_factory.mktemp("retiring"), append={"lifecycle.yaml": CONTAINER_APPS_RETIRES})
    return load_knowledge(folder)


def test_the_shipped_answer_has_container_apps_as_best_alternative(kb: KnowledgeBase) -> None:
    result = recommend(kb, GPU_CONFLICT, judgement=DEC_2026)
    assert (result.service, result.best_alternative) == ("functions", "container-apps")
    assert result.to_dict()["alternatives_set_aside"] == []


def test_a_service_retiring_inside_the_horizon_is_never_the_best_alternative_and_says_why(
    retiring_kb: KnowledgeBase,
) -> None:
    result = recommend(retiring_kb, GPU_CONFLICT, judgement=DEC_2026)
    data = result.to_dict()
    assert result.service == "functions"
    assert result.conflicts, "the tree's outcome still conflicts"
    assert data["best_alternative"] is None, "Container Apps was the only fitting candidate"
    fits = {c["service"]: c["fit"] for c in data["candidates"]}
    assert fits["container-apps"] == "fit", "its fit is unchanged: lifecycle is not a requirement"
    assert data["alternatives_set_aside"] == [
        {"service": "container-apps", "entry": "container-apps-retired-fixture", "event": "retired",
         "date": "2027-06-30", "status": "within_horizon",
         "reason": "never offered as the best alternative: Azure Container Apps retires on 2027-06-30 (inside the "
                   "24-month horizon, as of 2026-12-01, with a 24-month horizon (to 2028-12-01))"},
    ]  # fmt: skip


def test_beyond_the_horizon_the_same_service_is_the_best_alternative_again(retiring_kb: KnowledgeBase) -> None:
    result = recommend(retiring_kb, GPU_CONFLICT, judgement=Judgement(datetime.date(2025, 1, 1), 12))
    assert result.best_alternative == "container-apps", "2027-06-30 is after 2026-01-01"
    assert result.to_dict()["alternatives_set_aside"] == []


def test_the_text_output_says_why_it_was_set_aside(
    retiring_kb: KnowledgeBase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n" + "".join(f'  {q}: "{a}"\n' for q, a in GPU_CONFLICT.items()), encoding="utf-8")
    code = main(["recommend", str(answers), "--knowledge", str(retiring_kb.directory), "--as-of", "2026-12-01"])
    out = capsys.readouterr().out
    assert code == 0
    assert "No other candidate fits either" in out
    assert ("Azure Container Apps is never offered as the best alternative: Azure Container Apps retires on "
            "2027-06-30") in out  # fmt: skip
    assert "Lifecycle (as of 2026-12-01, with a 24-month horizon (to 2028-12-01)):" in out
