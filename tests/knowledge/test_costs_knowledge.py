"""knowledge/costs.yaml: the shipped rules with their sources, and each fault reported by `check` with its file,
line and id."""

from __future__ import annotations

from pathlib import Path

from advisor import KnowledgeBase
from tests.knowledge.copies import edited_copy
from tests.knowledge.copies import faults as check_faults


def test_the_shipped_rules_are_the_documented_figures(kb: KnowledgeBase) -> None:
    costs = kb.costs
    assert costs is not None
    assert costs.hours_per_month == 730
    assert (costs.sizing.percentile, costs.sizing.comfort_factor) == (95, 1.3)
    methods = {entry.service: entry.method for entry in costs.candidates}
    assert methods == {
        "virtual-machines": "vm", "aks": "nodes", "batch": "nodes", "app-service": "plan", "container-apps": "usage",
        "container-instances": "usage", "functions": "executions", "red-hat-openshift": "none",
        "self-managed-orchestration": "none", "service-fabric": "none", "vmware-solution": "none",
    }  # fmt: skip
    grants = {m.meter_name: m.free_per_month for e in costs.candidates for m in e.meters}
    assert grants["Standard Execution Time"] == 400_000
    assert grants["Standard Total Executions"] == 1_000_000
    assert grants["Standard vCPU Active Usage"] == 180_000
    assert grants["Standard Memory Active Usage"] == 360_000
    assert all(entry.source or entry.method == "none" for entry in costs.candidates)
    aks = kb.version("compute-tree-2026").services["aks"].facts["minimum_nodes"]
    assert (aks.count, kb.version("compute-tree-2025").services["aks"].facts["minimum_nodes"].count) == (6, 3)


def test_an_unknown_service_is_named_with_its_line(tmp_path: Path) -> None:
    folder = edited_copy(tmp_path, "costs.yaml", "  - service: functions\n", "  - service: lambda\n")

    faults = check_faults(folder)
    assert any(
        f.startswith("knowledge/costs.yaml:") and f.endswith("lambda: not a service of the catalog") for f in faults
    )
    assert any(
        f.endswith("functions: a tree outcome of compute-tree-2026 has no entry: give its method") for f in faults
    )


def test_a_family_that_is_not_current_is_refused(tmp_path: Path) -> None:
    old = "    method: vm\n    source: https://azure.microsoft.com/pricing/details/virtual-machines/linux/\n" \
          "    families: [ddsv5, edsv5]\n"  # fmt: skip
    folder = edited_copy(tmp_path, "costs.yaml", old, old.replace("[ddsv5, edsv5]", "[dv2, edsv5]"))

    assert check_faults(folder) == ["knowledge/costs.yaml:42: dv2: not a current size family of sizes.yaml"]


def test_a_node_pool_without_a_numeric_minimum_is_refused(tmp_path: Path) -> None:
    folder = edited_copy(tmp_path, "catalog/services.yaml", "          count: 6\n", "")

    assert check_faults(folder) == [
        "knowledge/costs.yaml:51: aks: the catalog's minimum_nodes fact has no count in compute-tree-2026"
    ]


def test_a_comfort_factor_out_of_range_is_a_schema_fault(tmp_path: Path) -> None:
    folder = edited_copy(tmp_path, "costs.yaml", "  comfort_factor: 1.3\n", "  comfort_factor: -1\n")

    faults = check_faults(folder)
    assert len(faults) == 1
    assert faults[0].startswith("knowledge/costs.yaml:")
    assert "comfort_factor" in faults[0]
