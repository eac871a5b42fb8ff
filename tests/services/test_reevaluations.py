"""Superseding records under another knowledge version, in one step, from a re-evaluation or by workload id."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from advisor import KnowledgeBase, services
from advisor.errors import AccessError, ConflictError
from advisor.models.actor import Actor
from advisor.models.record import DecisionRecord, GivenAnswer, Override, Workload
from advisor.review.reevaluation import reevaluate
from advisor.services import Judgement, ServiceContext
from tests.services.builders import ANN, at_minute, new_workload, open_ctx, person

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
BOARD = person("Board")
QUIET = Judgement(datetime.date(2026, 4, 1), 12)  # no lifecycle date of Virtual Machines is near then


def save(
    ctx: ServiceContext,
    workload: Workload,
    answers: dict[str, str],
    version: str = "compute-tree-2025",
    override: Override | None = None,
) -> DecisionRecord:
    """Version 1 of the workload, each answer with a note, saved at MOMENT as Ann."""
    given = {q: GivenAnswer(answer=a, note=f"why {q}") for q, a in answers.items()}
    return services.save_answers(
        dataclasses.replace(ctx, clock=lambda: MOMENT), ANN, workload.id, base_version=0, answers=given,
        knowledge_version=version, override=override,
    )  # fmt: skip


def test_supersede_creates_new_versions_under_the_target_and_skips_incomplete_ones(
    ctx: ServiceContext, kb: KnowledgeBase
) -> None:
    vms = save(ctx, new_workload(ctx, "VMs"), {**VM_2025, **NONE})
    fabric = save(ctx, new_workload(ctx, "Fabric"), {**FABRIC_2025, **NONE})
    old = save(ctx, new_workload(ctx, "Old"), VM_2025)
    current = save(ctx, new_workload(ctx, "Current"), {**VM_2025, **NONE}, "compute-tree-2026")
    results = reevaluate(kb, services.latest_records(ctx), "compute-tree-2026")
    assert [r.workload_name for r in results] == ["Current", "Fabric", "Old", "VMs"]

    done = services.supersede(ctx, BOARD, results, "compute-tree-2026")

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
    assert services.record_history(ctx, vms.workload_id) == [vms, created]
    assert [(s.workload_name, s.reason) for s in done.skipped] == [
        ("Current", "version 1 is already under compute-tree-2026 and lifecycle revision lifecycle-2026-12-01"),
        ("Fabric", "under compute-tree-2026 it stops at “Are you using Red Hat OpenShift?”: answer that first"),
        (
            "Old",
            "under compute-tree-2026 it stops at “Is this one of the specialty workloads that Microsoft routes outside "
            "its general compute tree?”: answer that first",
        ),
    ]
    for untouched in (fabric, old, current):
        assert services.record_history(ctx, untouched.workload_id) == [untouched]


def test_supersede_by_workload_ids_keeps_a_valid_override(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    override = Override(service="app-service", reason="Team knows it.")
    vms = save(ctx, new_workload(ctx, "VMs"), {**VM_2025, **NONE}, override=override)
    empty = new_workload(ctx, "Empty")
    archived = new_workload(ctx, "Archived")
    save(ctx, archived, {**VM_2025, **NONE})
    services.archive_workload(ctx, ANN, archived.id)

    done = services.supersede(ctx, BOARD, [vms.workload_id, empty.id, archived.id], "compute-tree-2026")

    assert [(r.workload_name, r.override and (r.override.service, r.override.reason)) for r in done.created] == [
        ("VMs", (override.service, override.reason))
    ]
    assert done.created[0].chosen_service == "app-service"
    assert [(s.workload_name, s.reason) for s in done.skipped] == [
        ("Empty", "it has no record yet"),
        ("Archived", "the workload is archived; restore it first"),
    ]


def test_an_override_the_target_lacks_is_dropped_and_said(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    sap = Override(service="sap-on-azure", reason="SAP after all.")  # a 2026-only catalog entry
    record = save(ctx, new_workload(ctx, "ERP"), {**VM_2025, **NONE}, "compute-tree-2026", sap)

    [created] = services.supersede(ctx, BOARD, [record.workload_id], "compute-tree-2025").created

    assert created.override is None
    assert created.change.endswith("; override to SAP on Azure dropped (not in compute-tree-2025)")


def test_supersede_is_all_or_nothing_when_a_record_changed_meanwhile(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    first = save(ctx, new_workload(ctx, "First"), {**VM_2025, **NONE})
    second = save(ctx, new_workload(ctx, "Second"), {**VM_2025, **NONE})
    results = reevaluate(kb, [first, second], "compute-tree-2026")
    meanwhile = services.save_answers(ctx, person("Bob"), second.workload_id, base_version=1, answers=second.answers)

    with pytest.raises(ConflictError, match="workload 'Second': version 2 was saved by Bob"):
        services.supersede(ctx, BOARD, results, "compute-tree-2026")

    assert services.record_history(ctx, first.workload_id) == [first]  # nothing saved, not even the first
    assert services.record_history(ctx, second.workload_id) == [second, meanwhile]


def test_a_run_is_stored_with_who_ran_it_and_what_it_found_changed(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    vms = save(ctx, new_workload(ctx, "VMs"), VM_2025)  # 2025; under 2026 it stops at specialty_workload: changed
    current = save(ctx, new_workload(ctx, "Current"), {**VM_2025, **NONE}, "compute-tree-2026")  # unchanged

    report = services.run_reevaluation(at_minute(ctx, 7), person("Dana"), "compute-tree-2026")

    run = report.run
    assert (run.target_version, run.author, run.actor_id, run.record_count) == (
        "compute-tree-2026", "Dana", "local:dana", 2,
    )  # fmt: skip
    assert run.run_at == datetime.datetime(2026, 3, 1, 9, 7, tzinfo=datetime.UTC)
    assert run.changed == {vms.workload_id: 1}
    assert current.workload_id not in run.changed
    assert [r.workload_name for r in report.changed] == ["VMs"]
    assert services.record_history(ctx, vms.workload_id) == [vms], "a run saves no record"


def test_the_latest_run_is_the_same_for_everyone_and_feeds_the_board(
    store_url: str, ctx: ServiceContext, kb: KnowledgeBase
) -> None:
    save(ctx, new_workload(ctx, "VMs"), {**VM_2025, **NONE})
    old = save(ctx, new_workload(ctx, "Old"), VM_2025)  # under 2026 it stops at specialty_workload: changed
    services.run_reevaluation(ctx, person("Dana"), "compute-tree-2025")  # nothing changes under its own version
    services.run_reevaluation(ctx, person("Erin"), "compute-tree-2026")

    with open_ctx(store_url, kb) as elsewhere:  # another app instance
        latest = services.latest_reevaluation(elsewhere)
        board = services.board_view(elsewhere, QUIET).portfolio
    assert latest is not None
    assert (latest.author, latest.changed) == ("Erin", {old.workload_id: 1})
    stale = dict(zip(board["name"], board["stale"], strict=True))
    assert stale == {"Old": "older knowledge version, re-evaluation pending", "VMs": "older knowledge version"}

    # A newer version, under the default knowledge version: not the one found changed, and not older.
    services.save_answers(ctx, BOARD, old.workload_id, base_version=1, answers=old.answers)
    board = services.board_view(ctx, QUIET).portfolio
    assert dict(zip(board["name"], board["stale"], strict=True))["Old"] == ""


def test_a_run_by_someone_without_a_name_is_stored_as_anonymous(ctx: ServiceContext) -> None:
    save(ctx, new_workload(ctx, "Old"), VM_2025)

    run = services.run_reevaluation(ctx, Actor.nobody(), "compute-tree-2026").run

    assert (run.author, run.actor_id) == ("anonymous", "anonymous")
    with pytest.raises(AccessError, match="enter your name first"):
        services.supersede(ctx, Actor.nobody(), [run.changed.popitem()[0]], "compute-tree-2026")
