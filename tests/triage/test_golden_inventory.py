"""The golden inventory: every VM's and unit's verdict matches the hand-written expectations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor import KnowledgeBase
from advisor.inventory.reader import read_inventory, read_vnet_facts
from advisor.triage.verdicts import TriageResult, triage

DATA = Path(__file__).resolve().parents[1] / "data"
EXPECTED: dict[str, Any] = yaml.safe_load((DATA / "golden_verdicts.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def golden(kb: KnowledgeBase) -> TriageResult:
    inventory = read_inventory([DATA / "golden_inventory.csv"])
    facts = read_vnet_facts(DATA / "golden_vnets.csv")
    assert inventory.problems == []
    return triage(inventory.vms, facts.frame, kb.triage)


def test_golden_inventory_covers_every_vm_of_the_expectations(golden: TriageResult) -> None:
    keys = {f"{row.cloud_service}/{row.vm_name}" for row in golden.vms.itertuples()}
    assert keys == set(EXPECTED["vms"])


@pytest.mark.parametrize("key", sorted(EXPECTED["vms"]))
def test_vm_verdict_findings_and_unknown_fields_match_the_hand_written_expectation(
    golden: TriageResult, key: str
) -> None:
    service, name = key.split("/")
    row = golden.vms[(golden.vms["cloud_service"] == service) & (golden.vms["vm_name"] == name)].iloc[0]
    expected = EXPECTED["vms"][key]
    assert row["verdict"] == expected["verdict"], expected["cite"]
    assert sorted(row["rules"]) == sorted(expected["rules"]), expected["cite"]
    assert sorted(row["unknown_fields"]) == sorted(expected["unknown_fields"]), expected["cite"]


@pytest.mark.parametrize("unit", sorted(EXPECTED["units"]))
def test_unit_verdict_and_the_vms_holding_it_back_match(golden: TriageResult, unit: str) -> None:
    name = unit.removeprefix("cloud_service:")
    kind = "cloud_service" if unit.startswith("cloud_service:") else "vnet"
    found = [u for u in golden.units if u.unit == name and u.kind == kind]
    assert len(found) == 1
    expected = EXPECTED["units"][unit]
    result = found[0]
    assert result.verdict == expected["verdict"]
    assert result.can_move_whole == expected["can_move_whole"]
    assert sorted(f"{vm['cloud_service']}/{vm['vm_name']}" for vm in result.held_back_by) == sorted(
        expected["held_back_by"]
    )
    assert {k: v for k, v in result.counts.items() if v} == {k: v for k, v in expected["counts"].items() if v}


def test_every_unit_of_the_result_is_expected(golden: TriageResult) -> None:
    produced = {u.unit if u.kind == "vnet" else f"cloud_service:{u.unit}" for u in golden.units}
    assert produced == set(EXPECTED["units"])
