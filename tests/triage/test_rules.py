"""Each of the 24 rules of contract §7: an estate that fires it and estates that do not.

Inventories are canonical CSV text read back with the real reader (contract §6); expectations come from the
contract §7 table (verdict per rule) and migration-tool.md §3 (behaviour), never from the knowledge files.
Only the extension names of C8 and C10, which the contract calls knowledge data, are taken from the knowledge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from advisor import KnowledgeBase
from tests.triage.build import (
    CONTRACT_VERDICT,
    VNET_RULE_FACT,
    Estate,
    rule_ids,
    run,
    vm,
    vms_by_name,
)

# migration-tool.md §3 "Behaviour" where the reference states one of BLOCK / DROP / PARTIAL
# lifecycle.md, Corrections: the XML-extension row (C5) is where the overview, errors and plan pages disagree.
DISPUTED_RULES = {"C5"}
REFERENCE_BEHAVIOUR = {
    "F3": "BLOCK", "F4": "BLOCK", "F5": "BLOCK", "C2": "BLOCK", "C3": "BLOCK", "C5": "DROP", "C6": "BLOCK",
    "C7": "BLOCK", "C8": "BLOCK", "C9": "BLOCK", "C10": "PARTIAL", "C11": "BLOCK", "C12": "BLOCK", "C13": "BLOCK",
    "C14": "BLOCK", "C15": "BLOCK", "C16": "BLOCK", "O1": "BLOCK", "O3": "BLOCK", "O7": "BLOCK", "O8": "BLOCK",
    "O13": "BLOCK",
}  # fmt: skip


@dataclass(frozen=True)
class Case:
    """An estate, and the VMs of it the expectation is about."""

    label: str
    build: Callable[[], Estate]
    targets: tuple[str, ...]
    clean: bool = True  # for a non-firing case: nothing else fires either, so the VM is tool_ready


def _one(label: str, clean: bool = True, **fields: str) -> Case:
    return Case(label, lambda: Estate([vm("target", **fields)]), ("target",), clean)


def _vnet_fact(fact: str, value: str, label: str) -> Case:
    """Two VMs of two cloud services in vnet-a, whose fact is ``value``; a third VM in clean vnet-b."""
    return Case(
        label,
        lambda: Estate(
            [
                vm("a1"),
                vm("a2", cloud_service="cs-b", deployment="cs-b"),
                vm("b1", cloud_service="cs-c", vnet="vnet-b"),
            ],
            facts={"vnet-a": {fact: value}},
        ),
        ("a1", "a2"),
    )


def _cloud_service(label: str, *sets: str) -> Case:
    """One cloud service (cs-x, in vnet-a) whose VMs are in the availability sets given ('' = none)."""
    names = tuple(f"x{index}" for index in range(len(sets)))
    return Case(
        label,
        lambda: Estate(
            [
                vm(name, cloud_service="cs-x", deployment="cs-x", availability_set=s)
                for name, s in zip(names, sets, strict=False)
            ]
            + [vm("other", cloud_service="cs-y", deployment="cs-y", availability_set="as-y")]
        ),
        names,
    )


def _vnet_of(count: int, vnet: str) -> list[dict[str, str]]:
    """``count`` clean VMs in ``vnet``, 20 per cloud service."""
    return [
        vm(f"{vnet}-{i:04d}", vnet=vnet, cloud_service=f"{vnet}-cs{i // 20:02d}", deployment=f"{vnet}-cs{i // 20:02d}")
        for i in range(count)
    ]


def _big_vnets() -> Estate:
    return Estate(_vnet_of(401, "vnet-big") + _vnet_of(400, "vnet-400"))


def _extension_names(kb: KnowledgeBase, rule_id: str) -> list[str]:
    rule = next(rule for rule in kb.triage.rules if rule.id == rule_id)
    return [pattern.name for test in rule.when for pattern in (test.has_item or [])]


FIRES: dict[str, list[Case]] = {
    "F3": [_one("acls true", endpoint_acls="true"), _one("acls True", endpoint_acls="True")],
    "C2": [_one("two subnets", subnets="web;data"), _one("three subnets", subnets="web;data;mgmt")],
    "C3": [_one("in a VNet, no subnet", subnets="")],
    "C5": [
        _one("BGInfo 1.*", extensions="BGInfo@1.*"),
        _one("BGInfo 1.1 among others", extensions="VMAccessAgent@2.4;BGInfo@1.1"),
        _one("bginfo lower case", extensions="bginfo@1.*"),
    ],
    "C6": [_one("boot diagnostics on Premium", boot_diagnostics="true", os_disk_io_type="Premium")],
    "C7": [_cloud_service("two availability sets", "as1", "as2"), _cloud_service("a set and none", "as1", "", "as1")],
    "C9": [
        _one("VMSnapshot", extensions="VMSnapshot@1.0.9"),
        _one("VMSnapshotLinux", extensions="VMSnapshotLinux@1.0.9", os_type="Linux"),
        _one("VMSnapshot without version", extensions="VMAccessAgent@2.4;VMSnapshot"),
    ],
    "O1": [
        _one("agent NotReady with an extension", agent_status="NotReady", extensions="BGInfo@2.1"),
        _one("agent Unresponsive with an extension", agent_status="Unresponsive", extensions="VMAccessAgent@2.4"),
    ],
    "O3": [_vnet_fact("gateways", "both", "gateways both")],
    "O6": [Case("401 VMs in one VNet", _big_vnets, tuple(f"vnet-big-{i:04d}" for i in range(401)))],
    "O7": [_one("provisioning timed out", status="ProvisioningTimeout")],
    "O8": [_one("RoleStateUnknown", status="RoleStateUnknown")],
    "O11": [_one("no VNet", vnet="", subnets="", cloud_service="cs-out", deployment="cs-out")],
    "O13": [
        _one("OS disk blob in a folder", disk_blob_names="old/target-os.vhd"),
        _one("data disk blob in a folder", disk_blob_names="target-os.vhd;data/disk1.vhd"),
    ],
}
FIRES |= {rule: [_vnet_fact(fact, "true", f"{fact} true")] for rule, fact in VNET_RULE_FACT.items() if rule != "O3"}

DOES_NOT_FIRE: dict[str, list[Case]] = {
    "F3": [_one("acls false", endpoint_acls="false")],
    "C2": [_one("one subnet", subnets="web")],
    "C3": [_one("in a subnet", subnets="web"), _one("no VNet and no subnet", False, vnet="", subnets="")],
    "C5": [
        _one("BGInfo 2.1", extensions="BGInfo@2.1"),
        _one("BGInfo 2.*", extensions="BGInfo@2.*"),
        _one("BGInfo 10.0", extensions="BGInfo@10.0"),
        _one("another extension", extensions="VMAccessAgent@2.4"),
    ],
    "C6": [
        _one("boot diagnostics on Standard", boot_diagnostics="true", os_disk_io_type="Standard"),
        _one("no boot diagnostics on Premium", boot_diagnostics="false", os_disk_io_type="Premium"),
    ],
    "C7": [_cloud_service("all in one set", "as1", "as1", "as1"), _cloud_service("all in none", "", "", "")],
    "C8": [_one("no extension", extensions=""), _one("other extensions", extensions="VMAccessAgent@2.4;BGInfo@2.1")],
    "C9": [_one("other extension", extensions="VMAccessAgent@2.4"), _one("no extension", extensions="")],
    "C10": [_one("no extension", extensions=""), _one("other extension", extensions="VMAccessAgent@2.4")],
    "O1": [
        _one("agent NotReady, no extension", agent_status="NotReady", extensions=""),
        _one("agent Ready with extensions", agent_status="Ready", extensions="BGInfo@2.1;VMAccessAgent@2.4"),
    ],
    "O3": [_vnet_fact("gateways", value, f"gateways {value}") for value in ("none", "vpn", "expressroute")],
    "O6": [Case("400 VMs in one VNet", _big_vnets, tuple(f"vnet-400-{i:04d}" for i in range(400)))],
    "O7": [_one(status, status=status) for status in ("ReadyRole", "StoppedVM", "StoppedDeallocated")],
    "O8": [_one(status, status=status) for status in ("ReadyRole", "StoppedVM", "StoppedDeallocated")],
    "O11": [_one("in a VNet", vnet="vnet-a", subnets="web")],
    "O13": [_one("flat blob names", disk_blob_names="target-os.vhd;target-data.vhd")],
}
DOES_NOT_FIRE |= {rule: [_vnet_fact(fact, "false", f"{fact} false")] for rule, fact in VNET_RULE_FACT.items()
                  if rule != "O3"}  # fmt: skip


def _params(table: dict[str, list[Case]]) -> list[object]:
    return [pytest.param(rule, case, id=f"{rule}-{case.label}") for rule in table for case in table[rule]]


def test_the_tables_cover_each_of_the_24_rules_both_ways() -> None:
    assert len(CONTRACT_VERDICT) == 24
    assert set(FIRES) | {"C8", "C10"} == set(CONTRACT_VERDICT)  # C8 and C10 fire below, names from knowledge
    assert set(DOES_NOT_FIRE) == set(CONTRACT_VERDICT)


def test_the_knowledge_has_exactly_the_contract_rules(kb: KnowledgeBase) -> None:
    assert {rule.id: rule.verdict for rule in kb.triage.rules} == CONTRACT_VERDICT


def _assert_fires_alone(kb: KnowledgeBase, tmp_path: Path, rule_id: str, case: Case) -> None:
    result = run(kb, tmp_path, case.build())
    by_name = vms_by_name(result)
    rule = next(r for r in kb.triage.rules if r.id == rule_id)
    for name in case.targets:
        entry = by_name[name]
        assert rule_ids(entry) == [rule_id], (name, entry["findings"])
        assert entry["verdict"] == CONTRACT_VERDICT[rule_id], name
        assert entry["unknown_fields"] == [], name
        (finding,) = entry["findings"]
        # Issue 19: where Microsoft's pages disagree about what the rule describes (only C5), the finding carries
        # every claim; the other findings carry exactly the contract's four fields.
        extra = {"sources_disagree"} if rule_id in DISPUTED_RULES else set()
        assert set(finding) == {"rule", "behaviour", "message", "workaround"} | extra
        assert finding["behaviour"] == rule.behaviour
        assert finding["message"] == rule.message
        assert finding["message"].strip()
        assert finding["workaround"] == rule.workaround
        assert finding["workaround"].strip()
        if rule_id in REFERENCE_BEHAVIOUR:
            assert finding["behaviour"] == REFERENCE_BEHAVIOUR[rule_id]


@pytest.mark.parametrize(("rule_id", "case"), _params(FIRES))
def test_the_rule_fires_with_the_contract_verdict_and_its_finding(
    kb: KnowledgeBase, tmp_path: Path, rule_id: str, case: Case
) -> None:
    _assert_fires_alone(kb, tmp_path, rule_id, case)


@pytest.mark.parametrize("rule_id", ["C5", "C8", "C10"])
def test_every_extension_name_of_the_knowledge_fires_its_rule(kb: KnowledgeBase, tmp_path: Path, rule_id: str) -> None:
    names = _extension_names(kb, rule_id)
    assert names, f"{rule_id} matches no extension name"
    for index, name in enumerate(names):
        version = "1.*" if name.casefold() == "bginfo" else "1.0"
        folder = tmp_path / str(index)
        folder.mkdir()
        _assert_fires_alone(kb, folder, rule_id, _one(name, extensions=f"VMAccessAgent@2.4;{name}@{version}"))


@pytest.mark.parametrize(("rule_id", "case"), _params(DOES_NOT_FIRE))
def test_the_rule_does_not_fire(kb: KnowledgeBase, tmp_path: Path, rule_id: str, case: Case) -> None:
    by_name = vms_by_name(run(kb, tmp_path, case.build()))
    for name in case.targets:
        entry = by_name[name]
        assert rule_id not in rule_ids(entry), (name, entry["findings"])
        if case.clean:
            assert entry["verdict"] == "tool_ready", (name, entry["findings"], entry["unknown_fields"])
            assert entry["findings"] == []
            assert entry["unknown_fields"] == []


def test_a_vnet_rule_leaves_the_vms_of_another_vnet_alone(kb: KnowledgeBase, tmp_path: Path) -> None:
    for index, (rule_id, fact) in enumerate(VNET_RULE_FACT.items()):
        folder = tmp_path / rule_id
        folder.mkdir()
        case = _vnet_fact(fact, "both" if rule_id == "O3" else "true", rule_id)
        by_name = vms_by_name(run(kb, folder, case.build()))
        assert by_name["b1"]["verdict"] == "tool_ready", (index, rule_id)
        assert by_name["b1"]["findings"] == []


def test_c7_leaves_the_other_cloud_service_of_the_vnet_alone(kb: KnowledgeBase, tmp_path: Path) -> None:
    by_name = vms_by_name(run(kb, tmp_path, _cloud_service("two sets", "as1", "as2").build()))
    assert by_name["other"]["findings"] == []
    assert by_name["other"]["verdict"] == "tool_ready"


def test_c7_fires_for_a_cloud_service_outside_any_vnet(kb: KnowledgeBase, tmp_path: Path) -> None:
    estate = Estate([
        vm("p1", vnet="", subnets="", cloud_service="cs-p", availability_set="as1"),
        vm("p2", vnet="", subnets="", cloud_service="cs-p", availability_set=""),
    ])  # fmt: skip
    by_name = vms_by_name(run(kb, tmp_path, estate))
    for name in ("p1", "p2"):
        assert sorted(rule_ids(by_name[name])) == ["C7", "O11"]
        assert by_name[name]["verdict"] == "ready_with_conditions"


def test_the_c6_finding_says_the_os_disk_stands_in_for_the_diagnostics_account(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    """Contract §7, C6: ``os_disk_io_type`` stands in for the diagnostics account's tier; "say so".

    The finding is what the user sees (contract §5 gives it rule, behaviour, message, workaround), so the
    caveat must be in it, not only in the rule's ``note`` in the knowledge file.
    """
    estate = Estate([vm("target", boot_diagnostics="true", os_disk_io_type="Premium")])
    (finding,) = vms_by_name(run(kb, tmp_path, estate))["target"]["findings"]
    shown = " ".join(str(value) for value in finding.values()).casefold()
    assert "os disk" in shown or "os_disk_io_type" in shown, finding
