"""Exports carry where Microsoft's sources disagree (issue 19): the key dates with the claims beside a disputed
date in the JSON export, and, for the records that use a disputed fact, outcome or finding, every claim with its
sources (JSON and Markdown decision records).

Expected values are written by hand from shared/reference/lifecycle.md ("Corrections") and migration-tool.md §6.
"""

from __future__ import annotations

import datetime
import json

from advisor import KnowledgeBase
from advisor.export import ExportSet, Glossary, LinkedTriage, TriagedVm, WorkloadExport, madr_files, to_json
from tests.export.records import at, golden_set, record, workload

TO_AKS_2026 = {
    "specialty_workload": "none", "migrate_or_build": "build_new", "full_control": "no", "hpc": "no",
    "event_driven": "no", "managed_web_hosting": "no", "full_orchestration": "yes", "managed_orchestration": "yes",
    "openshift": "no", "full_kubernetes": "yes",
}  # fmt: skip
TO_AKS_2025 = {k: v for k, v in TO_AKS_2026.items() if k != "specialty_workload"} | {
    "service_fabric_or_legacy_dotnet": "no"
}
TO_VIRTUAL_MACHINES = {
    "specialty_workload": "none", "migrate_or_build": "migrate", "migration_approach": "lift_and_shift",
    "containerizable": "no", "cots": "yes", "vmware": "no",
}  # fmt: skip


def test_the_json_export_carries_the_key_dates_with_the_three_retirement_claims(kb: KnowledgeBase) -> None:
    document = json.loads(to_json(golden_set(kb)))
    dates = {(d["date"], d["title"]) for d in document["key_dates"]}
    assert ("2023-09-01", "Classic VMs retired") in dates
    assert ("2024-08-31", "Classic resource providers retired") in dates
    assert ("2024-08-31", "Classic storage accounts retired") in dates
    [retired] = [d for d in document["key_dates"] if d["title"] == "Classic VMs retired"]
    claims = retired["sources_disagree"]["claims"]
    assert [c["value"] for c in claims] == ["2023-03-01", "2023-09-06", "2023-09-01"]
    files = [[s["ref"].rsplit("/", 1)[1] for s in c["sources"]] for c in claims]
    assert files == [
        ["classic-vm-deprecation.md", "migration-classic-resource-manager-plan.md",
         "migration-classic-resource-manager-faq.yml"],
        ["migration-classic-resource-manager-overview.md", "migration-classic-resource-manager-errors.md"],
        ["classic-vm-deprecation.md"],
    ]  # fmt: skip
    assert [[s["dated"] for s in c["sources"]] for c in claims][1] == ["2023-01-25", "2023-03-08"]
    assert retired["sources_disagree"]["default"]["value"] == "2023-09-01"
    [providers] = [d for d in document["key_dates"] if d["title"] == "Classic resource providers retired"]
    assert "validate, prepare and commit" in providers["event"]
    assert "“tool ready”" in providers["verdict_note"]
    assert document["sources_disagree"] == [], "no golden record uses a disputed fact, outcome or finding"


def test_a_record_using_the_disputed_aks_fact_lists_both_revisions(kb: KnowledgeBase) -> None:
    owner = workload(21, "Orders")
    records = (
        record(kb, owner, 1, TO_AKS_2025, at(1, 9), knowledge_version="compute-tree-2025"),
        record(kb, owner, 2, TO_AKS_2026, at(2, 9)),
    )
    document = json.loads(to_json(ExportSet((WorkloadExport(owner, records),), Glossary.from_kb(kb))))
    [aks] = document["sources_disagree"]
    assert aks["id"] == "aks-minimum-nodes-2026"
    assert aks["records"] == [{"workload": "Orders", "version": 2}], "the 2025 version uses the 2025 figure only"
    assert [(c["value"], [s["dated"] for s in c["sources"]]) for c in aks["claims"]] == [
        ("3", ["2026-02-04"]),
        ("6", ["2026-02-18"]),
    ]
    assert aks["default"]["value"] == "6"


def test_the_decision_record_of_a_linked_vm_with_an_xml_extension_shows_both_claims(kb: KnowledgeBase) -> None:
    owner = workload(22, "Intranet")
    made = record(kb, owner, 1, TO_VIRTUAL_MACHINES, at(3, 9))
    triage = LinkedTriage(7, "Contoso", datetime.datetime(2026, 2, 27, tzinfo=datetime.UTC),
                          (TriagedVm("web-cs", "web01", "corp", "ready_with_conditions", ("C5",)),))  # fmt: skip
    export = ExportSet((WorkloadExport(owner, (made,), triage),), Glossary.from_kb(kb))
    text = madr_files(export)["0001-intranet.md"]
    assert "### Where Microsoft's sources disagree" in text
    assert "- **dropped automatically**: " in text
    assert "- **must be uninstalled before migration** (the tool goes by this): " in text
    assert "the migration errors page (its list of errors), dated 2023-03-08" in text
    assert "- **BGInfo 1.x skipped**: " in text
    [c5] = json.loads(to_json(export))["sources_disagree"]
    assert c5["about"] == {"kind": "triage_rule", "rule": "C5"}
    assert c5["records"] == [{"workload": "Intranet", "version": 1}]


def test_a_record_without_a_disputed_element_has_no_such_section(kb: KnowledgeBase) -> None:
    files = madr_files(golden_set(kb))
    assert not any("sources disagree" in text for text in files.values())
