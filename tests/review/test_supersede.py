"""Superseding records under another knowledge version, in one step, from a re-evaluation or by workload id."""

from __future__ import annotations

import datetime

import pytest

from advisor import KnowledgeBase
from advisor.decide.record_builder import build_record
from advisor.errors import ConflictError
from advisor.models.record import DecisionRecord, GivenAnswer, Override, Workload
from advisor.review.reevaluation import reevaluate, supersede
from advisor.store import Store

MOMENT = datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
VM_2025 = {
    "migrate_or_build": "migrate",
    "migration_approach": "lift_and_shift",
    "containerizable": "no",
    "cots": "yes",
    "vmware": "no",
}
FABRIC_2025 = {
    "migrate_or_build": "build_new",
    "full_control": "no",
    "hpc": "no",
    "event_driven": "no",
    "managed_web_hosting": "no",
    "full_orchestration": "yes",
    "managed_orchestration": "yes",
    "service_fabric_or_legacy_dotnet": "yes",
}
NONE = {"specialty_workload": "none"}


def save(
    store: Store,
    kb: KnowledgeBase,
    workload: Workload,
    answers: dict[str, str],
    version: str = "compute-tree-2025",
    override: Override | None = None,
) -> DecisionRecord:
    given = {q: GivenAnswer(answer=a, note=f"why {q}") for q, a in answers.items()}
    return store.append_record(
        build_record(
            kb, workload=workload, answers=given, knowledge_version=version, author="Ann", version=1,
            override=override, now=MOMENT,
        )
    )  # fmt: skip


def test_supersede_creates_new_versions_under_the_target_and_skips_incomplete_ones(
    store: Store, kb: KnowledgeBase
) -> None:
    vms = save(store, kb, store.create_workload("VMs"), {**VM_2025, **NONE})
    fabric = save(store, kb, store.create_workload("Fabric"), {**FABRIC_2025, **NONE})
    old = save(store, kb, store.create_workload("Old"), VM_2025)
    current = save(store, kb, store.create_workload("Current"), {**VM_2025, **NONE}, "compute-tree-2026")
    results = reevaluate(kb, store.latest_records(), "compute-tree-2026")
    assert [r.workload_name for r in results] == ["Current", "Fabric", "Old", "VMs"]

    done = supersede(store, kb, results, "compute-tree-2026", "Board")

    [created] = done.created
    assert (created.workload_id, created.version, created.knowledge_version) == (
        vms.workload_id,
        2,
        "compute-tree-2026",
    )
    assert (created.status, created.supersedes_version, created.author) == ("proposed", 1, "Board")
    assert (created.service, created.walk_status) == ("virtual-machines", "complete")
    assert created.change == "re-evaluated under compute-tree-2026; supersedes version 1 (compute-tree-2025)"
    assert created.answers == vms.answers  # notes kept
    assert store.record_history(vms.workload_id) == [vms, created]
    assert [(s.workload_name, s.reason) for s in done.skipped] == [
        ("Current", "version 1 is already under compute-tree-2026"),
        ("Fabric", "under compute-tree-2026 it stops at openshift: answer that first"),
        ("Old", "under compute-tree-2026 it stops at specialty_workload: answer that first"),
    ]
    for untouched in (fabric, old, current):
        assert store.record_history(untouched.workload_id) == [untouched]


def test_supersede_by_workload_ids_keeps_a_valid_override(store: Store, kb: KnowledgeBase) -> None:
    override = Override(service="app-service", reason="Team knows it.")
    vms = save(store, kb, store.create_workload("VMs"), {**VM_2025, **NONE}, override=override)
    empty = store.create_workload("Empty")
    archived = store.create_workload("Archived")
    save(store, kb, archived, {**VM_2025, **NONE})
    store.archive_workload(archived.id)

    done = supersede(store, kb, [vms.workload_id, empty.id, archived.id], "compute-tree-2026", "Board")

    assert [(r.workload_name, r.override) for r in done.created] == [("VMs", override)]
    assert done.created[0].chosen_service == "app-service"
    assert [(s.workload_name, s.reason) for s in done.skipped] == [
        ("Empty", "it has no record yet"),
        ("Archived", "the workload is archived; restore it first"),
    ]


def test_an_override_the_target_lacks_is_dropped_and_said(store: Store, kb: KnowledgeBase) -> None:
    sap = Override(service="sap-on-azure", reason="SAP after all.")  # a 2026-only catalog entry
    record = save(store, kb, store.create_workload("ERP"), {**VM_2025, **NONE}, "compute-tree-2026", sap)

    [created] = supersede(store, kb, [record.workload_id], "compute-tree-2025", "Board").created

    assert created.override is None
    assert created.change.endswith("; override to sap-on-azure dropped (not in compute-tree-2025)")


def test_supersede_is_all_or_nothing_when_a_record_changed_meanwhile(store: Store, kb: KnowledgeBase) -> None:
    first = save(store, kb, store.create_workload("First"), {**VM_2025, **NONE})
    second = save(store, kb, store.create_workload("Second"), {**VM_2025, **NONE})
    results = reevaluate(kb, [first, second], "compute-tree-2026")
    meanwhile = store.append_record(second.model_copy(update={"version": 2, "author": "Bob"}))

    with pytest.raises(ConflictError, match="workload 'Second': version 2 was saved by Bob"):
        supersede(store, kb, results, "compute-tree-2026", "Board")

    assert store.record_history(first.workload_id) == [first]  # nothing saved, not even the first
    assert store.record_history(second.workload_id) == [second, meanwhile]
