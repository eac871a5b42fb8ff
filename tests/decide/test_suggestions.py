"""Answers an inventory row suggests (advisor.decide.suggestions.suggest): only where the inventory really says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import KnowledgeBase
from advisor.decide.suggestions import suggest
from advisor.inventory.reader import read_inventory, read_vnet_facts
from advisor.models.record import GivenAnswer
from tests.triage.build import vm, write_inventory, write_vnets

ROWS = [
    vm("linux-in", os_type="Linux", vnet="vnet-vpn"),
    vm("windows-in", os_type="Windows", vnet="vnet-er"),
    vm("linux-lower", os_type="linux", vnet="vnet-both"),
    vm("unknown-os", os_type="", vnet="vnet-none"),
    vm("other-os", os_type="FreeBSD", vnet="vnet-gw-unknown"),
    vm("outside", os_type="Linux", vnet="", subnets="", cloud_service="cs-out"),
    vm("unlisted", os_type="Windows", vnet="vnet-unlisted"),
]
GATEWAYS = {"vnet-vpn": "vpn", "vnet-er": "expressroute", "vnet-both": "both", "vnet-none": "none",
            "vnet-gw-unknown": ""}  # fmt: skip


@pytest.fixture
def suggested(kb: KnowledgeBase, tmp_path: Path) -> dict[str, dict[str, GivenAnswer]]:
    inventory = read_inventory([write_inventory(tmp_path, ROWS)])
    facts = read_vnet_facts(write_vnets(tmp_path, {vnet: {"gateways": value} for vnet, value in GATEWAYS.items()}))
    per_vm = suggest(kb.prefill, inventory.vms, facts.frame)
    assert len(per_vm) == len(ROWS)
    return dict(zip(inventory.vms["vm_name"].tolist(), per_vm, strict=True))


def test_every_suggestion_is_marked_inventory_with_a_note(suggested: dict[str, dict[str, GivenAnswer]]) -> None:
    for name, answers in suggested.items():
        for question, given in answers.items():
            assert given.source == "inventory", (name, question)
            assert given.note, (name, question)
            assert given.note.startswith("From inventory:"), (name, question, given.note)
            assert len(given.note) > len("From inventory: "), (name, question)


def test_every_vm_gets_migrate(suggested: dict[str, dict[str, GivenAnswer]]) -> None:
    for name, answers in suggested.items():
        assert answers["migrate_or_build"].answer == "migrate", name


def test_linux_vms_suggest_no_windows_dependencies(suggested: dict[str, dict[str, GivenAnswer]]) -> None:
    for name in ("linux-in", "linux-lower", "outside"):
        assert suggested[name]["windows_dependencies"].answer == "no", name
    for name in ("windows-in", "unknown-os", "other-os", "unlisted"):
        assert "windows_dependencies" not in suggested[name], name


def test_a_vm_in_a_vnet_suggests_vnet_integration_required(suggested: dict[str, dict[str, GivenAnswer]]) -> None:
    for name in ("linux-in", "windows-in", "linux-lower", "unknown-os", "other-os", "unlisted"):
        assert suggested[name]["vnet_integration"].answer == "required", name
    assert "vnet_integration" not in suggested["outside"]


def test_hybrid_connectivity_only_with_a_vpn_or_expressroute_gateway(
    suggested: dict[str, dict[str, GivenAnswer]],
) -> None:
    for name in ("linux-in", "windows-in", "linux-lower"):
        assert suggested[name]["hybrid_connectivity"].answer == "required", name
    for name in ("unknown-os", "other-os", "outside", "unlisted"):  # none, unknown, no VNet, VNet not in facts
        assert "hybrid_connectivity" not in suggested[name], name


def test_without_facts_no_hybrid_connectivity_is_suggested(kb: KnowledgeBase, tmp_path: Path) -> None:
    inventory = read_inventory([write_inventory(tmp_path, ROWS)])
    per_vm = suggest(kb.prefill, inventory.vms, None)
    assert all("hybrid_connectivity" not in answers for answers in per_vm)
    assert all(answers["migrate_or_build"].answer == "migrate" for answers in per_vm)


def test_a_missing_os_type_column_suggests_nothing_for_windows_dependencies(kb: KnowledgeBase, tmp_path: Path) -> None:
    from tests.triage.build import COLUMNS

    columns = [column for column in COLUMNS if column != "os_type"]
    inventory = read_inventory([write_inventory(tmp_path, ROWS, columns=columns)])
    per_vm = suggest(kb.prefill, inventory.vms, None)
    assert all("windows_dependencies" not in answers for answers in per_vm)
