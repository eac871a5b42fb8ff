"""Choosing records to export (exchange service): all, by status, hand-picked; whole histories; linked VMs' triage."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import KnowledgeBase, services
from advisor.errors import InputError
from advisor.inventory.reader import read_inventory
from advisor.models.record import Override, VmLink
from advisor.services import ServiceContext
from advisor.services.estates import save_import
from advisor.triage.verdicts import triage
from tests.services.builders import ANN, INCOMPLETE_ANSWERS, new_workload, person, save
from tests.triage.build import vm, write_inventory


def _seed(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    """beta: two versions, accepted; Alpha: one complete (recommended); gamma: incomplete; none: no record;
    archived: one version, archived."""
    beta = new_workload(ctx, "beta")
    save(ctx, beta, 1, author="Ann")
    save(ctx, beta, 2, author="Ben", status="accepted", minute=5)
    alpha = new_workload(ctx, "Alpha")
    save(ctx, alpha, 1, author="Cy")
    gamma = new_workload(ctx, "gamma")
    save(ctx, gamma, 1, answers=INCOMPLETE_ANSWERS)
    new_workload(ctx, "none")
    archived = new_workload(ctx, "Archived")
    save(ctx, archived, 1)
    services.archive_workload(ctx, ANN, archived.id)


def _names(export) -> list[str]:
    return [item.workload.name for item in export.workloads]


def test_all_is_every_workload_with_a_record_by_name_with_every_version(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    _seed(ctx, kb)

    export = services.select_records(ctx)

    assert _names(export) == ["Alpha", "beta", "gamma"], "archived and record-less workloads are left out"
    assert [[r.version for r in item.records] for item in export.workloads] == [[1], [1, 2], [1]]
    assert export.record_count == 4
    assert export.glossary.service("virtual-machines") == "Azure Virtual Machines"


@pytest.mark.parametrize(
    ("status", "names"),
    [("accepted", ["beta"]), ("recommended", ["Alpha"]), ("in_progress", ["gamma"]),
     ("proposed", ["Alpha", "gamma"]), ("rejected", [])],
)  # fmt: skip
def test_by_status_matches_the_record_or_the_workload_status(
    ctx: ServiceContext, kb: KnowledgeBase, status: str, names: list[str]
) -> None:
    _seed(ctx, kb)

    assert _names(services.select_records(ctx, status=status)) == names


def test_hand_picked_names_ignore_case_and_may_name_an_archived_workload(
    ctx: ServiceContext, kb: KnowledgeBase
) -> None:
    _seed(ctx, kb)

    export = services.select_records(ctx, names=["GAMMA", "archived", "Beta", "beta"])

    assert _names(export) == ["Archived", "beta", "gamma"]
    assert export.workloads[0].workload.archived
    assert _names(services.select_records(ctx, names=["beta", "alpha"], status="accepted")) == ["beta"]


@pytest.mark.parametrize(
    ("names", "status", "message"),
    [
        (["nobody"], None, "<input>: workload: no workload is named 'nobody'"),
        (["none"], None, "<input>: workload: workload 'none' has no record to export yet"),
        (["beta"], "done", "<input>: status: unknown status 'done' (known: not_started, in_progress, recommended, "
                           "accepted, rejected, superseded, proposed)"),
        (None, "done", "<input>: status: unknown status 'done' (known: not_started, in_progress, recommended, "
                       "accepted, rejected, superseded, proposed)"),
    ],
)  # fmt: skip
def test_an_unknown_name_or_status_is_refused(
    ctx: ServiceContext, kb: KnowledgeBase, names: list[str] | None, status: str | None, message: str
) -> None:
    _seed(ctx, kb)

    with pytest.raises(InputError) as caught:
        services.select_records(ctx, names=names, status=status)

    assert str(caught.value) == message


def _import(ctx: ServiceContext, kb: KnowledgeBase, folder: Path, estate: str, rows: list[dict[str, str]]) -> int:
    inventory = read_inventory([write_inventory(folder, rows, name=f"{estate}.csv")])
    result = triage(inventory.vms, None, kb.triage)
    return save_import(ctx, person("Ann"), estate, inventory, None, result).id


def test_triage_comes_from_the_newest_import_that_holds_a_linked_vm(
    ctx: ServiceContext, kb: KnowledgeBase, tmp_path: Path
) -> None:
    older = _import(ctx, kb, tmp_path, "east", [
        vm("web-1", cloud_service="shop", vnet=""), vm("web-2", cloud_service="shop", vnet="", endpoint_acls="true"),
    ])  # fmt: skip
    newer = _import(ctx, kb, tmp_path, "west", [vm("web-2", cloud_service="shop", vnet="", endpoint_acls="true")])
    _import(ctx, kb, tmp_path, "north", [vm("other", cloud_service="elsewhere")])
    links = [VmLink(cloud_service="shop", vm_name="web-1"), VmLink(cloud_service="shop", vm_name="web-2")]
    both = new_workload(ctx, "Shop", vm_links=links)
    save(ctx, both, 1)
    only_first = new_workload(ctx, "Shop front", vm_links=links[:1])
    save(ctx, only_first, 1)
    unlinked = new_workload(ctx, "Unlinked", vm_links=[VmLink(cloud_service="gone", vm_name="vm")])
    save(ctx, unlinked, 1, override=Override(service="aks", reason="team"))

    export = services.select_records(ctx)
    shop, front, lost = export.workloads

    assert shop.triage is not None
    assert (shop.triage.import_id, shop.triage.estate) == (newer, "west")
    assert [(v.vm_name, v.verdict, v.rules) for v in shop.triage.vms] == [
        ("web-2", "ready_with_conditions", ("F3", "O11"))
    ]
    assert front.triage is not None
    assert (front.triage.import_id, front.triage.estate) == (older, "east")
    assert [(v.vm_name, v.verdict, v.rules) for v in front.triage.vms] == [("web-1", "ready_with_conditions", ("O11",))]
    assert lost.triage is None
