"""Small canonical inventories for the triage tests, written as CSV text and read back with the real reader.

Every VM starts from :data:`CLEAN`: a VM in VNet ``vnet-a`` with one subnet, no extensions, every field
known and nothing any rule of contract §7 looks for, whose VNet has every fact known and false. Tests
change only what they are about. The column names and the expectations are taken from contract §6/§7,
never from ``knowledge/``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor import KnowledgeBase
from advisor.inventory.reader import read_inventory, read_vnet_facts
from advisor.lifecycle.judgement import Judgement
from advisor.triage.verdicts import TriageResult, triage

# contract §6, in its order
COLUMNS: tuple[str, ...] = (
    "subscription_id", "cloud_service", "deployment", "vm_name", "location", "size", "os_type", "status", "vnet",
    "subnets", "availability_set", "endpoint_acls", "extensions", "os_disk_io_type", "boot_diagnostics",
    "agent_status", "disk_blob_names",
)  # fmt: skip
VNET_COLUMNS: tuple[str, ...] = (
    "vnet", "has_app_gateway", "has_apim", "has_hdinsight", "has_app_service_environment", "has_dynamics_lcs",
    "has_web_worker_roles", "has_peering", "has_classic_expressroute", "gateways",
)  # fmt: skip
VNET_FACTS: tuple[str, ...] = VNET_COLUMNS[1:]
SUBSCRIPTION = "0a1b2c3d-0000-4000-8000-00000000abcd"

CLEAN: dict[str, str] = {
    "subscription_id": SUBSCRIPTION,
    "cloud_service": "cs-a",
    "deployment": "cs-a",
    "vm_name": "vm",
    "location": "westeurope",
    "size": "Small",
    "os_type": "Windows",
    "status": "ReadyRole",
    "vnet": "vnet-a",
    "subnets": "web",
    "availability_set": "",
    "endpoint_acls": "false",
    "extensions": "",
    "os_disk_io_type": "Standard",
    "boot_diagnostics": "false",
    "agent_status": "Ready",
    "disk_blob_names": "vm-os.vhd",
}
CLEAN_FACTS: dict[str, str] = dict.fromkeys(VNET_FACTS, "false") | {"gateways": "none"}

# contract §7 table: rule -> verdict when it fires
CONTRACT_VERDICT: dict[str, str] = {
    "F3": "ready_with_conditions", "F4": "ready_with_conditions", "F5": "ready_with_conditions",
    "C2": "ready_with_conditions", "C3": "not_supported", "C5": "ready_with_conditions",
    "C6": "ready_with_conditions", "C7": "ready_with_conditions", "C8": "ready_with_conditions",
    "C9": "ready_with_conditions", "C10": "ready_with_conditions", "C11": "ready_with_conditions",
    "C12": "ready_with_conditions", "C13": "not_supported", "C14": "not_supported", "C15": "not_supported",
    "C16": "ready_with_conditions", "O1": "ready_with_conditions", "O3": "not_supported",
    "O6": "ready_with_conditions", "O7": "not_supported", "O8": "ready_with_conditions",
    "O11": "ready_with_conditions", "O13": "not_supported",
}  # fmt: skip
# contract §7: the VNet-scoped rules and the fact each reads
VNET_RULE_FACT: dict[str, str] = {
    "F4": "has_app_gateway", "F5": "has_peering", "C11": "has_web_worker_roles",
    "C12": "has_classic_expressroute", "C13": "has_app_service_environment", "C14": "has_hdinsight",
    "C15": "has_dynamics_lcs", "C16": "has_apim", "O3": "gateways",
}  # fmt: skip
# contract §7: rows no inventory field can show
CONTRACT_ADVISORY_IDS: tuple[str, ...] = (
    "F1", "F2", "C1", "C4", "O2", "O4", "O5", "O9", "O10", "O12", "O14", "O15", "O16",
)  # fmt: skip
# issue 19 (lifecycle.md, Corrections: "triage rules, missing"): the errors page's Prepared-state lock (E12), PaaS
# web/worker deployment (E2) and Key Vault secrets on a migrated VM moved to another subscription (KV1)
ERROR_ADVISORY_IDS: tuple[str, ...] = ("E2", "E12", "KV1")
ADVISORY_IDS: tuple[str, ...] = CONTRACT_ADVISORY_IDS + ERROR_ADVISORY_IDS


def vm(name: str = "vm", **fields: str) -> dict[str, str]:
    """A clean VM named ``name`` (its OS disk blob named after it), with ``fields`` changed."""
    row = CLEAN | {"vm_name": name, "disk_blob_names": f"{name}-os.vhd"}
    unknown = set(fields) - set(COLUMNS) - {"profile"}
    assert not unknown, f"not a canonical column: {unknown}"
    return row | fields


def csv_text(rows: Iterable[Mapping[str, str]], columns: Sequence[str] = COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_inventory(
    folder: Path, rows: Iterable[Mapping[str, str]], name: str = "inventory.csv", columns: Sequence[str] = COLUMNS
) -> Path:
    path = folder / name
    path.write_text(csv_text(rows, columns), encoding="utf-8")
    return path


def write_vnets(
    folder: Path,
    facts: Mapping[str, Mapping[str, str]],
    name: str = "vnets.csv",
    columns: Sequence[str] = VNET_COLUMNS,
) -> Path:
    """``facts``: VNet name -> the facts that differ from :data:`CLEAN_FACTS`."""
    rows = [{"vnet": vnet, **(CLEAN_FACTS | dict(changed))} for vnet, changed in facts.items()]
    path = folder / name
    path.write_text(csv_text(rows, columns), encoding="utf-8")
    return path


@dataclass
class Estate:
    """VMs and the VNet facts file to write; ``facts=None`` gives no facts file at all."""

    vms: list[dict[str, str]]
    facts: dict[str, dict[str, str]] | None = field(default_factory=dict)
    clean_facts_for_every_vnet: bool = True

    def fact_rows(self) -> dict[str, dict[str, str]] | None:
        if self.facts is None:
            return None
        rows: dict[str, dict[str, str]] = {}
        if self.clean_facts_for_every_vnet:
            rows = {row["vnet"]: {} for row in self.vms if row.get("vnet")}
        for vnet, changed in self.facts.items():
            rows[vnet] = rows.get(vnet, {}) | changed
        return rows


def run(
    kb: KnowledgeBase,
    folder: Path,
    estate: Estate,
    columns: Sequence[str] = COLUMNS,
    judgement: Judgement | None = None,
) -> TriageResult:
    """Write the estate as CSV files, read them with the real readers, and triage."""
    inventory = read_inventory([write_inventory(folder, estate.vms, columns=columns)])
    assert inventory.problems == [], [str(p) for p in inventory.problems]
    assert len(inventory.vms) == len(estate.vms)
    fact_rows = estate.fact_rows()
    frame = None
    if fact_rows is not None:
        facts = read_vnet_facts(write_vnets(folder, fact_rows))
        assert facts.problems == [], [str(p) for p in facts.problems]
        frame = facts.frame
    return triage(inventory.vms, frame, kb.triage, judgement)


def vms_by_name(result: TriageResult) -> dict[str, dict[str, Any]]:
    """The contract §5 VM objects of ``result.to_dict()``, by VM name (names are unique in these tests)."""
    listed = result.to_dict()["vms"]
    by_name = {entry["vm_name"]: entry for entry in listed}
    assert len(by_name) == len(listed), "test estates use unique VM names"
    return by_name


def rule_ids(entry: Mapping[str, Any]) -> list[str]:
    return [finding["rule"] for finding in entry["findings"]]
