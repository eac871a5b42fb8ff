"""Choosing records to export from the store: all, by status, hand-picked; whole histories; linked VMs' triage."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import KnowledgeBase
from advisor.errors import InputError
from advisor.export import select_records
from advisor.inventory.reader import read_inventory
from advisor.models.record import Override, VmLink
from advisor.store import Store
from advisor.triage.verdicts import triage
from tests.store.builders import INCOMPLETE_ANSWERS, make_record
from tests.triage.build import vm, write_inventory


def _seed(store: Store, kb: KnowledgeBase) -> None:
    """beta: two versions, accepted; Alpha: one complete (recommended); gamma: incomplete; none: no record;
    archived: one version, archived."""
    beta = store.create_workload("beta")
    store.append_record(make_record(kb, beta, 1, author="Ann"))
    store.append_record(make_record(kb, beta, 2, author="Ben", status="accepted", minute=5))
    alpha = store.create_workload("Alpha")
    store.append_record(make_record(kb, alpha, 1, author="Cy"))
    gamma = store.create_workload("gamma")
    store.append_record(make_record(kb, gamma, 1, answers=INCOMPLETE_ANSWERS))
    store.create_workload("none")
    archived = store.create_workload("Archived")
    store.append_record(make_record(kb, archived, 1))
    store.archive_workload(archived.id)


def _names(export) -> list[str]:
    return [item.workload.name for item in export.workloads]


def test_all_is_every_workload_with_a_record_by_name_with_every_version(store: Store, kb: KnowledgeBase) -> None:
    _seed(store, kb)

    export = select_records(store, kb)

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
    store: Store, kb: KnowledgeBase, status: str, names: list[str]
) -> None:
    _seed(store, kb)

    assert _names(select_records(store, kb, status=status)) == names


def test_hand_picked_names_ignore_case_and_may_name_an_archived_workload(store: Store, kb: KnowledgeBase) -> None:
    _seed(store, kb)

    export = select_records(store, kb, names=["GAMMA", "archived", "Beta", "beta"])

    assert _names(export) == ["Archived", "beta", "gamma"]
    assert export.workloads[0].workload.archived
    assert _names(select_records(store, kb, names=["beta", "alpha"], status="accepted")) == ["beta"]


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
    store: Store, kb: KnowledgeBase, names: list[str] | None, status: str | None, message: str
) -> None:
    _seed(store, kb)

    with pytest.raises(InputError) as caught:
        select_records(store, kb, names=names, status=status)

    assert str(caught.value) == message


def _import(store: Store, kb: KnowledgeBase, folder: Path, estate: str, rows: list[dict[str, str]]) -> int:
    inventory = read_inventory([write_inventory(folder, rows, name=f"{estate}.csv")])
    result = triage(inventory.vms, None, kb.triage)
    return store.save_import(estate, inventory, None, result, "Ann").id


def test_triage_comes_from_the_newest_import_that_holds_a_linked_vm(
    store: Store, kb: KnowledgeBase, tmp_path: Path
) -> None:
    older = _import(store, kb, tmp_path, "east", [
        vm("web-1", cloud_service="shop", vnet=""), vm("web-2", cloud_service="shop", vnet="", endpoint_acls="true"),
    ])  # fmt: skip
    newer = _import(store, kb, tmp_path, "west", [vm("web-2", cloud_service="shop", vnet="", endpoint_acls="true")])
    _import(store, kb, tmp_path, "north", [vm("other", cloud_service="elsewhere")])
    links = [VmLink(cloud_service="shop", vm_name="web-1"), VmLink(cloud_service="shop", vm_name="web-2")]
    both = store.create_workload("Shop", vm_links=links)
    store.append_record(make_record(kb, both, 1))
    only_first = store.create_workload("Shop front", vm_links=links[:1])
    store.append_record(make_record(kb, only_first, 1))
    unlinked = store.create_workload("Unlinked", vm_links=[VmLink(cloud_service="gone", vm_name="vm")])
    store.append_record(make_record(kb, unlinked, 1, override=Override(service="aks", reason="team")))

    export = select_records(store, kb)
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
