"""The columnar triage gives, VM by VM, what a plain per-row reading of contract §7 gives, on random estates.

The reference below is written for this test from contract §7 (verdicts, precedence, ``unknown`` and
``unknown_fields``, VNet and cloud-service scope, VNet facts) and §6 (empty cells, lists), one VM at a time in
plain Python. It reads each rule's tests from the knowledge, as data (extension names, status lists, the
thresholds), and gives each operator the meaning the knowledge model documents. The JSON the CLI writes,
built column-wise, must equal ``json.dumps`` of each VM's dict.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor import KnowledgeBase
from advisor.inventory.reader import read_inventory, read_vnet_facts
from advisor.models.triage_rules import Test as RuleTest
from advisor.models.triage_rules import TriageRule
from advisor.triage.verdicts import triage
from tests.triage.build import CLEAN, COLUMNS, VNET_FACTS, vm, write_inventory, write_vnets

SEVERITY = {"tool_ready": 0, "ready_with_conditions": 1, "unknown": 2, "not_supported": 3}  # contract §7
BOOLEAN_FIELDS = {"endpoint_acls", "boot_diagnostics"}  # contract §6: true or false
VNET_FACT_FIELDS = set(VNET_FACTS)


def _value(cell: Any) -> Any:
    return None if cell is None or cell is pd.NA or (isinstance(cell, float) and cell != cell) else cell


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(";") if item.strip()]


def _operator(test: RuleTest, value: Any) -> bool:
    """One operator on one known value, as the knowledge model documents it."""
    if test.equals is not None:
        if isinstance(test.equals, bool) or test.field in BOOLEAN_FIELDS or isinstance(value, bool):
            return bool(value) == bool(test.equals)
        return str(value).casefold() == str(test.equals).casefold()
    if test.in_ is not None or test.not_in is not None:
        member = str(value).casefold() in {v.casefold() for v in (test.in_ or test.not_in or [])}
        return member if test.in_ is not None else not member
    if test.is_empty is not None:
        return (str(value).strip() == "") == test.is_empty
    if test.count_above is not None:
        return len(_items(str(value))) > test.count_above
    if test.count_equals is not None:
        return len(_items(str(value))) == test.count_equals
    if test.has_item is not None:
        return any(_extension_matches(item, test) for item in _items(str(value)))
    if test.item_contains is not None:
        return any(test.item_contains in item for item in _items(str(value)))
    raise AssertionError(f"an operator the reference does not know: {test}")


def _extension_matches(item: str, test: RuleTest) -> bool:
    """``Name`` or ``Name@version`` (contract §6) against the rule's names, case-insensitive, the version
    starting with the pattern's prefix when it has one."""
    name, at, version = item.partition("@")
    for pattern in test.has_item or []:
        if name.strip().casefold() != pattern.name.casefold():
            continue
        prefix = pattern.version_prefix
        if prefix is None or (at and version.strip().casefold().startswith(prefix.casefold())):
            return True
    return False


class Reference:
    """Contract §7, one VM at a time."""

    def __init__(self, rows: list[dict[str, Any]], facts: dict[str, dict[str, Any]] | None) -> None:
        self.rows = rows
        self.facts = facts or {}
        self.vnet_sizes = Counter(str(r["vnet"]).casefold() for r in rows if r["vnet"])
        self.service_sizes = Counter(str(r["cloud_service"]).casefold() for r in rows)

    def test(self, test: RuleTest, row: dict[str, Any]) -> tuple[bool | None, set[str]]:
        """True, False, or None (undetermined) with the fields that left it so."""
        vnet = row["vnet"]
        if test.vm_count_above is not None:
            if test.per == "vnet":
                if vnet is None:
                    return None, {"vnet"}
                return (bool(vnet) and self.vnet_sizes[vnet.casefold()] > test.vm_count_above), set()
            return self.service_sizes[str(row["cloud_service"]).casefold()] > test.vm_count_above, set()
        assert test.field is not None
        if test.distinct_values_above is not None:
            return self._distinct(test, row)
        if test.field in VNET_FACT_FIELDS:
            if vnet is None:
                return None, {"vnet"}
            if vnet == "":
                return False, set()  # outside any VNet: no VNet fact touches it
            value = self.facts.get(vnet.casefold(), {}).get(test.field)
            return (None, {test.field}) if value is None else (_operator(test, value), set())
        value = row[test.field]
        return (None, {test.field}) if value is None else (_operator(test, value), set())

    def _distinct(self, test: RuleTest, row: dict[str, Any]) -> tuple[bool | None, set[str]]:
        assert test.field is not None
        assert test.distinct_values_above is not None
        key = "cloud_service" if test.per == "cloud_service" else "vnet"
        own = str(row[key] or "").casefold()
        group = [r[test.field] for r in self.rows if str(r[key] or "").casefold() == own]
        fires = len({v for v in group if v is not None}) > test.distinct_values_above
        if test.per == "vnet":
            fires = fires and bool(row["vnet"])
        if fires:
            return True, set()
        return (None, {test.field}) if any(v is None for v in group) else (False, set())

    def rule(self, rule: TriageRule, row: dict[str, Any]) -> tuple[bool | None, set[str]]:
        outcomes = [self.test(test, row) for test in rule.when]
        if all(holds is True for holds, _ in outcomes):
            return True, set()
        if any(holds is False for holds, _ in outcomes):
            return False, set()
        return None, set().union(*(fields for holds, fields in outcomes if holds is None))

    def verdict(self, rules: tuple[TriageRule, ...], row: dict[str, Any]) -> tuple[str, list[str], list[str]]:
        fired, lacking = [], set()
        known = "tool_ready"
        outcomes = [(rule, *self.rule(rule, row)) for rule in rules]
        for rule, holds, _ in outcomes:
            if holds is True:
                fired.append(rule.id)
                known = max(known, rule.verdict, key=SEVERITY.__getitem__)
        if known == "not_supported":
            return known, fired, []
        for rule, holds, fields in outcomes:
            if holds is None and SEVERITY[rule.verdict] > SEVERITY[known]:
                lacking |= fields
        return (
            ("unknown", fired, sorted(lacking))
            if lacking or any(holds is None and SEVERITY[rule.verdict] > SEVERITY[known] for rule, holds, _ in outcomes)
            else (known, fired, [])
        )


_CHOICES: dict[str, list[str]] = {
    "cloud_service": ["cs-a", "CS-A", "cs-b", "cs-c"],
    "vnet": ["", "vnet-a", "VNET-A", "vnet-b", "vnet-c"],
    "subnets": ["", "web", "web;app", "app"],
    "extensions": ["", "BGInfo@1.2", "bginfo@2.1", "BGInfo@1.*;VMSnapshot@1.0", "MicrosoftMonitoringAgent@1.0",
                   "SiteRecovery-Windows", "x@1;VMSnapshotLinux", "VS2013Debugger@1.0"],
    "status": ["ReadyRole", "", "ProvisioningTimeout", "RoleStateUnknown", "StoppedVM", "provisioningtimeout"],
    "agent_status": ["Ready", "NotReady", "", "ready"],
    "endpoint_acls": ["true", "false", "", "TRUE"],
    "boot_diagnostics": ["true", "false", ""],
    "os_disk_io_type": ["Premium", "Standard", "", "premium"],
    "availability_set": ["", "as1", "as2"],
    "disk_blob_names": ["a.vhd", "old/a.vhd", "", "a.vhd;b/c.vhd"],
    "size": ["Small", "Standard_D2", "", "A5"],
}  # fmt: skip
_OPTIONAL = [c for c in COLUMNS if c not in ("cloud_service", "vm_name", "subscription_id")]


@st.composite
def estates(draw: st.DrawFn) -> tuple[list[dict[str, str]], list[str], dict[str, dict[str, str]] | None]:
    count = draw(st.integers(min_value=1, max_value=12))
    rows = [
        vm(f"vm{n}", **{field: draw(st.sampled_from(values)) for field, values in _CHOICES.items()})
        for n in range(count)
    ]
    dropped = draw(st.sets(st.sampled_from(_OPTIONAL), max_size=2))
    columns = [c for c in COLUMNS if c not in dropped]
    if draw(st.booleans()):
        return rows, columns, None
    facts = {
        vnet: {fact: draw(st.sampled_from(["true", "false", ""])) for fact in VNET_FACTS if fact != "gateways"}
        | {"gateways": draw(st.sampled_from(["none", "vpn", "both", "expressroute", ""]))}
        for vnet in draw(st.sets(st.sampled_from(["vnet-a", "vnet-b"])))
    }
    return rows, columns, facts


@pytest.mark.parametrize("seed", [0])
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(estate=estates())
def test_every_vm_gets_the_verdict_rules_and_unknown_fields_of_a_per_row_reading(
    kb: KnowledgeBase, tmp_path: Path, seed: int, estate: tuple[list[dict[str, str]], list[str], Any]
) -> None:
    rows, columns, fact_rows = estate
    inventory = read_inventory([write_inventory(tmp_path, rows, columns=columns)])
    facts = read_vnet_facts(write_vnets(tmp_path, fact_rows)) if fact_rows is not None else None
    result = triage(inventory.vms, facts.frame if facts else None, kb.triage)

    records = [{k: _value(v) for k, v in r.items()} for r in inventory.vms.to_dict("records")]
    fact_map = None
    if facts is not None:
        fact_map = {
            str(name).casefold(): {k: _value(v) for k, v in values.items()}
            for name, values in facts.frame.to_dict("index").items()
        }
    reference = Reference(records, fact_map)
    expected = [reference.verdict(kb.triage.rules, row) for row in records]
    got = list(zip(result.vms["verdict"], result.vms["rules"], result.vms["unknown_fields"], strict=True))
    assert [(v, list(r), list(u)) for v, r, u in got] == expected

    dumped = ", ".join(json.dumps(vm, ensure_ascii=False) for vm in result.vm_dicts()).encode()
    assert b"".join(bytes(chunk) for chunk in result.vms_json()) == dumped
    units = ", ".join(json.dumps(unit.to_dict(), ensure_ascii=False) for unit in result.units).encode()
    for batch_rows in (1, 3, 50_000):  # a batch per unit, a few units a batch, all in one
        assert b"".join(result.units_json(batch_rows)) == units, batch_rows


def test_the_clean_vm_of_the_test_estates_is_tool_ready_for_the_reference(kb: KnowledgeBase) -> None:
    row = {k: (v if v != "" or k in ("vnet", "subnets", "extensions", "availability_set") else None)
           for k, v in CLEAN.items()}  # fmt: skip
    row["endpoint_acls"] = row["boot_diagnostics"] = False
    facts = {"vnet-a": dict.fromkeys(VNET_FACTS, False) | {"gateways": "none"}}
    assert Reference([row], facts).verdict(kb.triage.rules, row) == ("tool_ready", [], [])
