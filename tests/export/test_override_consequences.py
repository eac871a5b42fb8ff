"""An override to Azure Virtual Machines: the record's consequences are the chosen service's, everywhere.

The walk leads to Azure App Service (tests/scenarios/app-service-conditions-2026.yaml); the team overrides it to
Azure Virtual Machines. Expected conditions written by hand from knowledge/catalog/services.yaml, the
``virtual-machines`` entry's ``conditions``: the two that always hold, then (in catalog order) the ones whose
``when`` these answers match: ``hybrid_connectivity: required`` and ``multi_region: required``. The GPU and
large-fleet ones do not match. App Service's conditions (Free/Shared tiers, Hybrid Connections) appear nowhere.
"""

from __future__ import annotations

import datetime
import json

import pytest

from advisor import KnowledgeBase
from advisor.decide.record_builder import build_record
from advisor.errors import InputError
from advisor.export import ExportSet, Glossary, WorkloadExport
from advisor.export.json_file import to_json
from advisor.export.madr import madr_files
from advisor.export.table_rows import condition_rows, summary_rows
from advisor.models.record import DecisionRecord, GivenAnswer, Override, Workload

UTC = datetime.UTC
TO_APP_SERVICE = {  # tests/scenarios/app-service-conditions-2026.yaml
    "specialty_workload": "none", "migrate_or_build": "build_new", "full_control": "no", "hpc": "no",
    "event_driven": "no", "managed_web_hosting": "yes", "vnet_integration": "required",
    "hybrid_connectivity": "required", "multi_region": "required", "peak_instances": "up_to_200",
    "long_running": "yes", "state": "stateful",
}  # fmt: skip
REASON = "The vendor certifies only its own VM image."
VM_CONDITIONS = [
    "Run at least two instances, in an availability set or across zones, to qualify for the stronger VM SLA; a "
    "lone VM is covered by a weaker one.",
    "Patching, hardening, backup and monitoring of every VM stay with your team; the platform takes none of them over.",
    "“Must the workload reach systems that stay in your on-premises network?” answered “On-premises access "
    "required”: Link the VMs' virtual network to the datacenter with a VPN gateway or an ExpressRoute circuit "
    "before cutting over.",
    "“Must the workload run in more than one Azure region at the same time?” answered “Multi-region required”: "
    "Stand up the complete VM stack in each region and steer users with Front Door, Traffic Manager or a "
    "cross-region load balancer.",
]
APP_SERVICE_ONLY = ("Free and Shared tiers", "Hybrid Connections", "App Service Environment")
MOMENT = datetime.datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


TO_VMS = Override(service="virtual-machines", reason=REASON)


def _record(kb: KnowledgeBase, override: Override | None = TO_VMS) -> tuple[Workload, DecisionRecord]:
    workload = Workload(id=7, name="Claims portal", created_at=MOMENT, updated_at=MOMENT)
    record = build_record(
        kb, workload=workload, answers={q: GivenAnswer(answer=a) for q, a in TO_APP_SERVICE.items()},
        knowledge_version="compute-tree-2026", author="Ann Arbiter", version=1, status="accepted", override=override,
        now=MOMENT,
    )  # fmt: skip
    return workload, record


@pytest.fixture
def export(kb: KnowledgeBase) -> ExportSet:
    workload, record = _record(kb)
    return ExportSet((WorkloadExport(workload, (record,)),), Glossary.from_kb(kb))


def test_the_record_keeps_both_the_trees_conditions_and_the_chosen_services(kb: KnowledgeBase) -> None:
    _, record = _record(kb)
    assert (record.service, record.chosen_service) == ("app-service", "virtual-machines")
    assert record.override is not None
    assert [c.text for c in record.override.condition_because] == [
        "Run at least two instances, in an availability set or across zones, to qualify for the stronger VM SLA; a "
        "lone VM is covered by a weaker one.",
        "Patching, hardening, backup and monitoring of every VM stay with your team; the platform takes none of them "
        "over.",
        "Link the VMs' virtual network to the datacenter with a VPN gateway or an ExpressRoute circuit before "
        "cutting over.",
        "Stand up the complete VM stack in each region and steer users with Front Door, Traffic Manager or a "
        "cross-region load balancer.",
    ]
    assert [(a.question, a.answer, a.kind) for c in record.override.condition_because for a in c.answers] == [
        ("hybrid_connectivity", "required", "requirement"), ("multi_region", "required", "requirement"),
    ]  # fmt: skip
    assert any("Free and Shared tiers" in c for c in record.conditions), "the tree outcome's stay in the record"


def test_the_json_export_keeps_both(export: ExportSet) -> None:
    [saved] = json.loads(to_json(export))["workloads"][0]["records"]
    assert saved["service"] == "app-service"
    assert saved["override"]["service"] == "virtual-machines"
    assert any("Free and Shared tiers" in text for text in saved["conditions"])
    assert not any("Free and Shared tiers" in text for text in saved["override"]["conditions"])
    assert [c["answers"] for c in saved["override"]["condition_because"]][2] == [
        {"question": "hybrid_connectivity", "answer": "required", "kind": "requirement"}
    ]


def test_the_madr_consequences_are_the_chosen_services(export: ExportSet) -> None:
    [name] = [n for n in madr_files(export) if n != "index.md"]
    text = madr_files(export)[name]
    consequences = text.split("### Consequences\n\n", 1)[1].split("\n\n### Confirmation", 1)[0]
    assert consequences.splitlines() == [
        "Conditions of the chosen option, “Azure Virtual Machines”:",
        "",
        *(f"- Condition: {condition}" for condition in VM_CONDITIONS),  # nothing in them needs escaping
    ]
    assert "the tree recommended “Azure App Service”" in text
    assert not any(word in consequences for word in APP_SERVICE_ONLY)


def test_the_excel_conditions_and_summary_are_the_chosen_services(export: ExportSet) -> None:
    rows = list(condition_rows(export))
    assert rows == [
        ("Claims portal", 1, "virtual-machines", "Azure Virtual Machines", "yes", condition)
        for condition in VM_CONDITIONS
    ]
    [summary] = list(summary_rows(export))
    assert summary[3:7] == ("virtual-machines", "Azure Virtual Machines", "app-service", "yes")
    assert summary[16] == "Azure App Service", "the tree's outcome stays visible, by name"


def test_an_override_to_the_trees_own_service_is_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(InputError, match="Azure App Service is the recommendation: accept it rather than override"):
        _record(kb, Override(service="app-service", reason="Same."))


def test_an_override_to_an_unknown_service_is_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(InputError, match="unknown service 'mainframe-in-a-box': not a catalog entry of compute-tree"):
        _record(kb, Override(service="mainframe-in-a-box", reason="Why not."))
