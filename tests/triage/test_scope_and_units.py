"""Scope propagation, unknowns, precedence, migration units, ARM sizes and advisories (contract §5-§7)."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from advisor import KnowledgeBase
from advisor.inventory.reader import read_inventory
from advisor.lifecycle.judgement import Judgement
from advisor.triage.verdicts import TriageResult, triage
from tests.triage.build import (
    ADVISORY_IDS,
    COLUMNS,
    VNET_COLUMNS,
    VNET_FACTS,
    Estate,
    rule_ids,
    run,
    vm,
    vms_by_name,
    write_inventory,
    write_vnets,
)

# VNet facts read by not_supported rules (contract §7): the only ones that can worsen ready_with_conditions
NOT_SUPPORTED_FACTS = {"has_app_service_environment", "has_hdinsight", "has_dynamics_lcs", "gateways"}


def _units(result: TriageResult) -> dict[tuple[str, str], dict[str, object]]:
    return {(unit["kind"], unit["unit"]): unit for unit in result.to_dict()["units"]}


# --- scope propagation ----------------------------------------------------------------------------------------


def test_a_vnet_fact_marks_every_vm_of_that_vnet_and_none_of_another(kb: KnowledgeBase, tmp_path: Path) -> None:
    estate = Estate(
        [
            vm("a1"), vm("a2", cloud_service="cs-b"), vm("a3", cloud_service="cs-c", extensions="BGInfo@1.*"),
            vm("a4", cloud_service="cs-c", status="ProvisioningTimeout"),
            vm("b1", cloud_service="cs-d", vnet="vnet-b"), vm("b2", cloud_service="cs-d", vnet="vnet-b"),
            vm("out", cloud_service="cs-out", vnet="", subnets=""),
        ],
        facts={"vnet-a": {"has_hdinsight": "true"}},
    )  # fmt: skip
    by_name = vms_by_name(run(kb, tmp_path, estate))

    for name in ("a1", "a2", "a3", "a4"):
        assert by_name[name]["verdict"] == "not_supported", name
        assert "C14" in rule_ids(by_name[name]), name
    assert sorted(rule_ids(by_name["a3"])) == ["C14", "C5"]
    assert sorted(rule_ids(by_name["a4"])) == ["C14", "O7"]
    for name in ("b1", "b2"):
        assert by_name[name]["verdict"] == "tool_ready", name
        assert by_name[name]["findings"] == [], name
    assert rule_ids(by_name["out"]) == ["O11"]


def test_c7_marks_every_vm_of_the_cloud_service(kb: KnowledgeBase, tmp_path: Path) -> None:
    estate = Estate([
        vm("s1", cloud_service="cs-s", availability_set="as1"), vm("s2", cloud_service="cs-s", availability_set="as1"),
        vm("s3", cloud_service="cs-s", availability_set="as1"), vm("s4", cloud_service="cs-s", availability_set="as2"),
        vm("t1", cloud_service="cs-t", availability_set="as1"), vm("t2", cloud_service="cs-t", availability_set="as1"),
    ])  # fmt: skip
    by_name = vms_by_name(run(kb, tmp_path, estate))
    for name in ("s1", "s2", "s3", "s4"):
        assert rule_ids(by_name[name]) == ["C7"], name
        assert by_name[name]["verdict"] == "ready_with_conditions"
    assert by_name["t1"]["findings"] == []
    assert by_name["t2"]["findings"] == []


def test_a_vm_outside_any_vnet_is_untouched_by_vnet_facts(kb: KnowledgeBase, tmp_path: Path) -> None:
    outside = vm("out", cloud_service="cs-out", vnet="", subnets="")
    worst = dict.fromkeys(VNET_FACTS, "true") | {"gateways": "both"}
    for label, facts in (("facts of every kind", {"vnet-a": worst}), ("no facts file", None)):
        folder = tmp_path / label.replace(" ", "-")
        folder.mkdir()
        by_name = vms_by_name(run(kb, folder, Estate([vm("in"), outside], facts=facts)))
        assert rule_ids(by_name["out"]) == ["O11"], label
        assert by_name["out"]["verdict"] == "ready_with_conditions", label
        assert by_name["out"]["unknown_fields"] == [], label


# --- unknown VNet facts ---------------------------------------------------------------------------------------


def _no_facts_cases() -> list[object]:
    return [
        pytest.param(None, id="no VNet facts file"),
        pytest.param({"vnet-other": {}}, id="VNet absent from the file"),
    ]


@pytest.mark.parametrize("facts", _no_facts_cases())
def test_without_facts_a_clean_vm_in_a_vnet_is_unknown_naming_every_vnet_fact(
    kb: KnowledgeBase, tmp_path: Path, facts: dict[str, dict[str, str]] | None
) -> None:
    estate = Estate([vm("clean"), vm("rwc", endpoint_acls="true"), vm("ns", disk_blob_names="a/b.vhd"),
                     vm("out", cloud_service="cs-out", vnet="", subnets="")],
                    facts=facts, clean_facts_for_every_vnet=False)  # fmt: skip
    by_name = vms_by_name(run(kb, tmp_path, estate))

    # every VNet rule could worsen tool_ready
    assert by_name["clean"]["verdict"] == "unknown"
    assert set(by_name["clean"]["unknown_fields"]) == set(VNET_FACTS)
    assert by_name["clean"]["findings"] == []
    # only the not_supported VNet rules (C13, C14, C15, O3) could worsen ready_with_conditions
    assert by_name["rwc"]["verdict"] == "unknown"
    assert set(by_name["rwc"]["unknown_fields"]) == NOT_SUPPORTED_FACTS
    assert rule_ids(by_name["rwc"]) == ["F3"]
    # nothing can worsen not_supported
    assert by_name["ns"]["verdict"] == "not_supported"
    assert by_name["ns"]["unknown_fields"] == []
    # outside any VNet, VNet facts do not matter
    assert by_name["out"]["verdict"] == "ready_with_conditions"
    assert by_name["out"]["unknown_fields"] == []


@pytest.mark.parametrize("fact", VNET_FACTS)
def test_an_empty_fact_cell_is_unknown_for_that_fact_only(kb: KnowledgeBase, tmp_path: Path, fact: str) -> None:
    estate = Estate([vm("clean"), vm("rwc", subnets="web;data")], facts={"vnet-a": {fact: ""}})
    by_name = vms_by_name(run(kb, tmp_path, estate))
    assert by_name["clean"]["verdict"] == "unknown"
    assert by_name["clean"]["unknown_fields"] == [fact]
    if fact in NOT_SUPPORTED_FACTS:
        assert by_name["rwc"]["verdict"] == "unknown"
        assert by_name["rwc"]["unknown_fields"] == [fact]
    else:  # a ready_with_conditions rule cannot make ready_with_conditions worse
        assert by_name["rwc"]["verdict"] == "ready_with_conditions"
        assert by_name["rwc"]["unknown_fields"] == []


def test_a_fact_column_missing_from_the_facts_file_is_unknown_for_every_vnet(kb: KnowledgeBase, tmp_path: Path) -> None:
    inventory = read_inventory([write_inventory(tmp_path, [vm("a1"), vm("b1", vnet="vnet-b", cloud_service="cs-b")])])
    columns = [column for column in VNET_COLUMNS if column != "gateways"]
    from advisor.inventory.reader import read_vnet_facts

    facts = read_vnet_facts(write_vnets(tmp_path, {"vnet-a": {}, "vnet-b": {}}, columns=columns))
    by_name = vms_by_name(triage(inventory.vms, facts.frame, kb.triage))
    for name in ("a1", "b1"):
        assert by_name[name]["verdict"] == "unknown"
        assert by_name[name]["unknown_fields"] == ["gateways"]


# --- VM-level unknowns and precedence -------------------------------------------------------------------------

PRECEDENCE = [
    # name, fields, verdict, rules, unknown_fields
    ("clean", {}, "tool_ready", [], []),
    ("ns-and-unknown", {"disk_blob_names": "x/y.vhd", "status": "", "endpoint_acls": ""}, "not_supported",
     ["O13"], []),
    ("ns-and-rwc", {"status": "ProvisioningTimeout", "subnets": "a;b"}, "not_supported", ["C2", "O7"], []),
    ("rwc-and-unknown-status", {"endpoint_acls": "true", "status": ""}, "unknown", ["F3"], ["status"]),
    ("rwc-and-unknown-disks", {"subnets": "a;b", "disk_blob_names": ""}, "unknown", ["C2"], ["disk_blob_names"]),
    ("rwc-and-unknown-agent", {"subnets": "a;b", "agent_status": "", "extensions": "BGInfo@2.1"},
     "ready_with_conditions", ["C2"], []),
    ("rwc-and-unknown-acls", {"extensions": "BGInfo@1.*", "endpoint_acls": ""}, "ready_with_conditions", ["C5"], []),
    ("unknown-agent", {"agent_status": "", "extensions": "BGInfo@2.1"}, "unknown", [], ["agent_status"]),
    ("unknown-agent-no-extensions", {"agent_status": "", "extensions": ""}, "tool_ready", [], []),
    ("unknown-acls", {"endpoint_acls": ""}, "unknown", [], ["endpoint_acls"]),
    ("unknown-status", {"status": ""}, "unknown", [], ["status"]),
    ("unknown-boot-premium", {"boot_diagnostics": "", "os_disk_io_type": "Premium"}, "unknown", [],
     ["boot_diagnostics"]),
    ("unknown-boot-standard", {"boot_diagnostics": "", "os_disk_io_type": "Standard"}, "tool_ready", [], []),
    ("unknown-io-type-boot-off", {"boot_diagnostics": "false", "os_disk_io_type": ""}, "tool_ready", [], []),
    ("unknown-io-type-boot-on", {"boot_diagnostics": "true", "os_disk_io_type": ""}, "unknown", [],
     ["os_disk_io_type"]),
    ("unknown-disks", {"disk_blob_names": ""}, "unknown", [], ["disk_blob_names"]),
    ("unknown-several", {"status": "", "disk_blob_names": "", "endpoint_acls": ""}, "unknown", [],
     ["disk_blob_names", "endpoint_acls", "status"]),
]  # fmt: skip


@pytest.mark.parametrize(("name", "fields", "verdict", "rules", "unknown"), PRECEDENCE, ids=[p[0] for p in PRECEDENCE])
def test_precedence_and_the_fields_that_could_worsen_the_verdict(
    kb: KnowledgeBase,
    tmp_path: Path,
    name: str,
    fields: dict[str, str],
    verdict: str,
    rules: list[str],
    unknown: list[str],
) -> None:
    entry = vms_by_name(run(kb, tmp_path, Estate([vm(name, **fields)])))[name]
    assert entry["verdict"] == verdict
    assert sorted(rule_ids(entry)) == rules
    assert sorted(entry["unknown_fields"]) == unknown


def test_a_column_missing_from_the_inventory_is_unknown_for_every_row(kb: KnowledgeBase, tmp_path: Path) -> None:
    columns = [column for column in COLUMNS if column != "agent_status"]
    estate = Estate([vm("with-ext", extensions="BGInfo@2.1"), vm("no-ext"), vm("rwc", extensions="BGInfo@1.*")])
    by_name = vms_by_name(run(kb, tmp_path, estate, columns=columns))
    assert by_name["with-ext"]["verdict"] == "unknown"
    assert by_name["with-ext"]["unknown_fields"] == ["agent_status"]
    assert by_name["no-ext"]["verdict"] == "tool_ready"  # O1 needs extensions: known not to fire
    assert by_name["rwc"]["verdict"] == "ready_with_conditions"  # O1 could not make it worse


def test_without_a_vnet_column_every_vm_is_unknown_on_vnet(kb: KnowledgeBase, tmp_path: Path) -> None:
    columns = [column for column in COLUMNS if column != "vnet"]
    by_name = vms_by_name(run(kb, tmp_path, Estate([vm("v")], facts=None), columns=columns))
    assert by_name["v"]["verdict"] == "unknown"
    assert "vnet" in by_name["v"]["unknown_fields"]


# --- units ----------------------------------------------------------------------------------------------------


def _unit_estate() -> Estate:
    return Estate(
        [
            # vnet-ok: tool_ready and ready_with_conditions only -> moves whole
            vm("ok1", vnet="vnet-ok"), vm("ok2", vnet="vnet-ok", extensions="BGInfo@1.*", cloud_service="cs-b"),
            # vnet-ns: one not_supported VM, one unknown -> cannot move whole; both hold it back
            vm("ns1", vnet="vnet-ns", cloud_service="cs-c"),
            vm("ns2", vnet="vnet-ns", cloud_service="cs-c", disk_blob_names="old/ns2.vhd"),
            vm("ns3", vnet="vnet-ns", cloud_service="cs-c", status=""),
            # vnet-unk: an unknown VM, nothing not_supported -> not known
            vm("u1", vnet="vnet-unk", cloud_service="cs-d"), vm("u2", vnet="vnet-unk", cloud_service="cs-d",
                                                                 endpoint_acls=""),
            # cloud services outside any VNet: each its own unit
            vm("p1", vnet="", subnets="", cloud_service="cs-p"), vm("p2", vnet="", subnets="", cloud_service="cs-p"),
            vm("q1", vnet="", subnets="", cloud_service="cs-q", status="ProvisioningTimeout"),
        ]
    )  # fmt: skip


def test_units_are_vnets_and_cloud_services_outside_any_vnet(kb: KnowledgeBase, tmp_path: Path) -> None:
    units = _units(run(kb, tmp_path, _unit_estate()))
    assert set(units) == {("vnet", "vnet-ok"), ("vnet", "vnet-ns"), ("vnet", "vnet-unk"),
                          ("cloud_service", "cs-p"), ("cloud_service", "cs-q")}  # fmt: skip
    assert {key: unit["vm_count"] for key, unit in units.items()} == {
        ("vnet", "vnet-ok"): 2, ("vnet", "vnet-ns"): 3, ("vnet", "vnet-unk"): 2,
        ("cloud_service", "cs-p"): 2, ("cloud_service", "cs-q"): 1,
    }  # fmt: skip


def test_a_unit_takes_the_worst_verdict_and_says_whether_it_moves_whole(kb: KnowledgeBase, tmp_path: Path) -> None:
    units = _units(run(kb, tmp_path, _unit_estate()))
    expected = {
        ("vnet", "vnet-ok"): ("ready_with_conditions", True, []),
        ("vnet", "vnet-ns"): ("not_supported", False, [("ns2", "not_supported", ["O13"]), ("ns3", "unknown", [])]),
        ("vnet", "vnet-unk"): ("unknown", None, [("u2", "unknown", [])]),
        ("cloud_service", "cs-p"): ("ready_with_conditions", True, []),
        ("cloud_service", "cs-q"): ("not_supported", False, [("q1", "not_supported", ["O11", "O7"])]),
    }
    for key, (verdict, whole, held) in expected.items():
        unit = units[key]
        assert unit["verdict"] == verdict, key
        assert unit["can_move_whole"] is whole, key
        got = [(vm_["vm_name"], vm_["verdict"], sorted(vm_["rules"])) for vm_ in unit["held_back_by"]]
        assert sorted(got) == held, key


def test_held_back_by_names_the_cloud_service_and_unknown_fields(kb: KnowledgeBase, tmp_path: Path) -> None:
    units = _units(run(kb, tmp_path, _unit_estate()))
    held = {vm_["vm_name"]: vm_ for vm_ in units[("vnet", "vnet-ns")]["held_back_by"]}
    assert held["ns3"]["cloud_service"] == "cs-c"
    assert held["ns3"]["unknown_fields"] == ["status"]
    assert held["ns2"]["unknown_fields"] == []


def test_unit_counts_add_up_to_its_vms(kb: KnowledgeBase, tmp_path: Path) -> None:
    result = run(kb, tmp_path, _unit_estate())
    for unit in result.to_dict()["units"]:
        assert sum(unit["counts"].values()) == unit["vm_count"]
    summary = result.summary()
    assert summary["units"] == 5
    assert summary["units_movable_whole"] == 2
    assert summary["verdicts"] == {"tool_ready": 3, "ready_with_conditions": 3, "unknown": 2, "not_supported": 2}


def test_vnet_names_differing_only_in_case_are_one_unit(kb: KnowledgeBase, tmp_path: Path) -> None:
    """The evaluator matches VNet names case-insensitively (facts, O6 count); the units must agree.

    Classic VNet names are case-insensitive, and the engine already treats ``Corp-VNet`` and ``corp-vnet``
    as one VNet when it looks up its facts and counts its VMs for O6. Grouping them into two units then
    reports two units that "can move whole" although the tool moves one VNet.
    """
    estate = Estate([vm("m1", vnet="Corp-VNet"), vm("m2", vnet="corp-vnet", disk_blob_names="x/y.vhd")],
                    facts={"corp-vnet": {}}, clean_facts_for_every_vnet=False)  # fmt: skip
    result = run(kb, tmp_path, estate)
    by_name = vms_by_name(result)
    assert by_name["m1"]["unknown_fields"] == []  # facts found case-insensitively
    vnet_units = [unit for unit in result.to_dict()["units"] if unit["kind"] == "vnet"]
    assert len(vnet_units) == 1, [(u["unit"], u["can_move_whole"]) for u in vnet_units]
    assert vnet_units[0]["can_move_whole"] is False


def test_cloud_service_names_differing_only_in_case_are_one_unit(kb: KnowledgeBase, tmp_path: Path) -> None:
    """Same as for VNets: C7 and the reader's duplicate check fold case, so the units must too."""
    estate = Estate([vm("p1", vnet="", subnets="", cloud_service="CS-P"),
                     vm("p2", vnet="", subnets="", cloud_service="cs-p", status="ProvisioningTimeout")])  # fmt: skip
    units = [unit for unit in run(kb, tmp_path, estate).to_dict()["units"] if unit["kind"] == "cloud_service"]
    assert len(units) == 1, [(u["unit"], u["can_move_whole"]) for u in units]
    assert units[0]["can_move_whole"] is False


# --- ARM sizes ------------------------------------------------------------------------------------------------

SIZES = [
    ("ExtraSmall", "Standard_A0"), ("Small", "Standard_A1"), ("Medium", "Standard_A2"), ("Large", "Standard_A3"),
    ("ExtraLarge", "Standard_A4"), ("A5", "Standard_A5"), ("A7", "Standard_A7"), ("A11", "Standard_A11"),
    ("Standard_D2", "Standard_D2"), ("Standard_DS3", "Standard_DS3"), ("Standard_G1", "Standard_G1"),
    ("Basic_A2", "Basic_A2"), ("Huge", None), ("", None),
]  # fmt: skip


# The current size to deploy as of 2026-12-01 with a 24-month horizon (every legacy family past or due by 2028-12-01):
# hand-written from knowledge/sizes.yaml's rule (fewest vCPUs, then least memory, covering the classic size).
CURRENT = ["Standard_D2ds_v5", "Standard_D2ds_v5", "Standard_D2ds_v5", "Standard_D4ds_v5", "Standard_D8ds_v5",
           "Standard_E2ds_v5", "Standard_E8ds_v5", "Standard_E16ds_v5", "Standard_D2ds_v5", "Standard_D4ds_v5",
           "Standard_E4ds_v5", "Standard_D2ds_v5", None, None]  # fmt: skip


def test_arm_size_like_for_like_maps_classic_sizes_and_keeps_modern_ones(kb: KnowledgeBase, tmp_path: Path) -> None:
    estate = Estate([vm(f"v{index}", size=size) for index, (size, _) in enumerate(SIZES)])
    by_name = vms_by_name(run(kb, tmp_path, estate, judgement=Judgement(datetime.date(2026, 12, 1), 24)))
    got = [(size, by_name[f"v{index}"]["arm_size_like_for_like"]) for index, (size, _) in enumerate(SIZES)]
    assert got == SIZES
    assert [by_name[f"v{index}"]["arm_size"] for index in range(len(SIZES))] == CURRENT
    for index, (size, arm) in enumerate(SIZES):
        if arm is None:  # JSON null, not NaN (contract §5: the output is JSON)
            assert by_name[f"v{index}"]["arm_size"] is None, size
            assert by_name[f"v{index}"]["arm_size_like_for_like"] is None, size


# --- advisories -----------------------------------------------------------------------------------------------


def test_the_16_advisories_appear_once_in_the_summary(kb: KnowledgeBase, tmp_path: Path) -> None:
    """Contract §7's 13 rows and the errors page's three (issue 19)."""
    result = run(kb, tmp_path, _unit_estate())
    advisories = result.to_dict()["summary"]["advisories"]
    ids = [advisory["rule"] for advisory in advisories]
    assert sorted(ids) == sorted(ADVISORY_IDS)
    assert len(ids) == len(set(ids)) == 16
    for advisory in advisories:
        assert advisory["message"].strip()
        assert advisory["workaround"].strip()
        assert advisory["title"].strip()
    for entry in result.to_dict()["vms"]:
        assert not set(rule_ids(entry)) & set(ADVISORY_IDS)


def test_advisories_never_change_a_verdict(kb: KnowledgeBase, tmp_path: Path) -> None:
    inventory = read_inventory([write_inventory(tmp_path, _unit_estate().vms)])
    with_advisories = triage(inventory.vms, None, kb.triage)
    without = triage(inventory.vms, None, dataclasses.replace(kb.triage, advisories=()))
    assert without.to_dict()["summary"]["advisories"] == []
    strip = lambda data: {**data, "summary": {**data["summary"], "advisories": None}}  # noqa: E731
    assert strip(with_advisories.to_dict()) == strip(without.to_dict())
