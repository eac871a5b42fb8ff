"""Every candidate kind priced by hand: price × hours × count from tests/costs/sheet.py's numbers, for one workload
of two VMs (Standard_D2_v2: 2 vCPU, 7 GiB; Standard_D11_v2: 2 vCPU, 14 GiB; knowledge/sizes.yaml), and a right-sized
VM with utilization columns. Rules (730 hours, comfort factor 1.3, the free grants, AKS's 6 nodes in the 2026
catalog) are knowledge/costs.yaml's and knowledge/catalog/services.yaml's."""

from __future__ import annotations

import pytest

from advisor import KnowledgeBase
from advisor.costs.estimate import Estimator
from advisor.costs.sizing import VmFacts
from advisor.models.cost_estimates import FunctionsUsage, RecordCosts
from advisor.models.record import DecisionRecord
from tests.costs.sheet import ITEMS, REF, book
from tests.export.records import APP_SERVICE_2025, TO_VIRTUAL_MACHINES, at, record, workload

TWO_VMS = (VmFacts("app1", "Standard_D2_v2", False), VmFacts("app2", "Standard_D11_v2", False))


@pytest.fixture(scope="module")
def estimator(kb: KnowledgeBase) -> Estimator:
    return Estimator(kb)


@pytest.fixture(scope="module")
def lift(kb: KnowledgeBase) -> DecisionRecord:
    """A 2026 record: every tree outcome of 2026 is a candidate."""
    return record(kb, workload(1, "Ledger"), 1, TO_VIRTUAL_MACHINES, at(1, 9))


def _monthly(costs: RecordCosts) -> dict[str, float | None]:
    return {c.service: None if c.monthly is None else round(c.monthly, 6) for c in costs.candidates}


def test_every_candidate_kind_priced_by_hand(estimator: Estimator, lift: DecisionRecord) -> None:
    costs = estimator.estimate(lift, TWO_VMS, book(estimator.rules))

    assert _monthly(costs) == {
        # app1 needs 2/7: Standard_D2ds_v5 (2/8) at 0.10; app2 needs 2/14: Standard_E2ds_v5 (2/16) at 0.13 beats
        # Standard_D4ds_v5 (4/16) at 0.20. (0.10 + 0.13) × 730 = 167.90
        "virtual-machines": 167.9,
        # nodes of the largest need (2/14: Standard_E2ds_v5), max(2 VMs, 6 minimum) = 6 × 0.13 × 730 = 569.40
        "aks": 569.4,
        # Batch's minimum is 1: 2 nodes × 0.13 × 730 = 189.80
        "batch": 189.8,
        # the first tier fitting 2 vCPU and 14 GiB is P1mv3 (2/16) at 0.20: 2 instances × 0.20 × 730 = 292.00
        "app-service": 292.0,
        # 4 vCPU and 21 GiB over 730 × 3600 = 2,628,000 s: (10,512,000 - 180,000) × 0.000024 = 247.968 and
        # (55,188,000 - 360,000) × 0.000003 = 164.484; 412.452 in all
        "container-apps": 412.452,
        # 4 vCPU × 730 h × 0.04 = 116.80; 21 GiB × 730 h × 0.005 = 76.65; 193.45 in all
        "container-instances": 193.45,
        "functions": None,  # depends on executions: no cost input yet
        "vmware-solution": None,
        "self-managed-orchestration": None,
        "red-hat-openshift": None,
    }
    vms = costs.of("virtual-machines")
    assert vms is not None
    assert [line.text for line in vms.lines] == [
        "1 × Standard_D2ds_v5 (Linux) at 0.1 USD an hour × 730 hours",
        "1 × Standard_E2ds_v5 (Linux) at 0.13 USD an hour × 730 hours",
    ]
    # 1 year: 600 / 12 + 780 / 12 = 50 + 65; 3 years: 1080 / 36 + 1404 / 36 = 30 + 39
    assert [(o.label, round(o.monthly, 6)) for o in vms.options] == [
        ("1-year reservation", 115.0),
        ("3-year reservation", 69.0),
    ]
    assert costs.sheet == REF
    assert costs.hours_per_month == 730


def test_candidates_without_an_estimate_say_why_in_words(estimator: Estimator, lift: DecisionRecord) -> None:
    costs = estimator.estimate(lift, TWO_VMS, book(estimator.rules))

    for service in ("vmware-solution", "self-managed-orchestration", "red-hat-openshift"):
        candidate = costs.of(service)
        assert candidate is not None
        assert candidate.status == "no_estimate"
        assert candidate.reason
        assert service not in candidate.reason
    functions = costs.of("functions")
    assert functions is not None
    assert functions.status == "needs_input"
    assert "executions a month" in functions.reason


def test_a_functions_cost_input_is_priced_with_its_free_grant(estimator: Estimator, lift: DecisionRecord) -> None:
    usage = FunctionsUsage(executions=3_000_000, duration_ms=500, memory_mb=512)
    costs = estimator.estimate(lift, TWO_VMS, book(estimator.rules), cost_inputs=usage)

    functions = costs.of("functions")
    assert functions is not None
    assert functions.status == "estimate"
    # 3,000,000 × 0.5 s × 0.5 GB = 750,000 GB-s, less 400,000 free: 350,000 × 0.000016 = 5.60;
    # 3,000,000 executions less 1,000,000 free = 2,000,000 / 10 × 0.000002 = 0.40
    assert [round(line.monthly, 6) for line in functions.lines] == [5.6, 0.4]
    assert round(functions.monthly or 0, 6) == 6.0


def test_functions_bills_at_least_the_minimum_duration_and_whole_memory_steps(
    estimator: Estimator, lift: DecisionRecord
) -> None:
    usage = FunctionsUsage(executions=10_000_000, duration_ms=20, memory_mb=100)
    costs = estimator.estimate(lift, (), book(estimator.rules), cost_inputs=usage)

    functions = costs.of("functions")
    assert functions is not None
    # billed as 100 ms at 128 MB: 10,000,000 × 0.1 × 0.125 = 125,000 GB-s, under the 400,000 free: 0;
    # 9,000,000 paid executions / 10 × 0.000002 = 1.80
    assert [round(line.monthly, 6) for line in functions.lines] == [0.0, 1.8]


def test_a_vm_right_sized_from_its_utilization_columns(estimator: Estimator, lift: DecisionRecord) -> None:
    # Standard_D4_v2 is 8 vCPU and 28 GiB; at the 95th percentile it uses 20% CPU and 40% memory:
    # 8 × 0.20 × 1.3 = 2.08 vCPU and 28 × 0.40 × 1.3 = 14.56 GiB. Standard_D2ds_v5 and E2ds_v5 have 2 vCPU
    # (too few); Standard_D4ds_v5 (4/16) at 0.20 beats Standard_E4ds_v5 (4/32) at 0.26: 0.20 × 730 = 146.00.
    sized = (VmFacts("big", "Standard_D4_v2", False, cpu_percent=20, memory_percent=40),)
    costs = estimator.estimate(lift, sized, book(estimator.rules))

    vms = costs.of("virtual-machines")
    assert vms is not None
    assert round(vms.monthly or 0, 6) == 146.0
    assert vms.lines[0].text == "1 × Standard_D4ds_v5 (Linux) at 0.2 USD an hour × 730 hours"
    assert costs.sizing == (
        "big: Standard_D4_v2 at its 95th percentile: CPU 20% of 8 vCPU × 1.3 = 2.08 vCPU; "
        "memory 40% of 28 GiB × 1.3 = 14.56 GiB (Linux)",
    )
    # Without the columns the same VM needs 8/28: no priced size fits (the sheet stops at 4 vCPU), named.
    as_is = estimator.estimate(lift, (VmFacts("big", "Standard_D4_v2", False),), book(estimator.rules))
    missing = as_is.of("virtual-machines")
    assert missing is not None
    assert missing.status == "missing_price"
    assert missing.monthly is None
    assert missing.reason == (
        "the price sheet of westeurope (USD) has no price for Standard_D8ds_v5 (Linux) or any larger size that would do"
    )


def test_windows_vms_use_the_windows_prices(estimator: Estimator, lift: DecisionRecord) -> None:
    costs = estimator.estimate(lift, (VmFacts("win", "Standard_D2_v2", True),), book(estimator.rules))

    vms = costs.of("virtual-machines")
    assert vms is not None
    assert round(vms.monthly or 0, 6) == 138.7
    assert vms.options == (), "the sheet has no Windows reservation prices"


def test_a_region_without_a_needed_meter_names_the_meter_and_region(estimator: Estimator, lift: DecisionRecord) -> None:
    without = tuple(i for i in ITEMS if i.meter_name != "Standard Memory Duration")
    costs = estimator.estimate(lift, TWO_VMS, book(estimator.rules, without))

    aci = costs.of("container-instances")
    assert aci is not None
    assert aci.status == "missing_price"
    assert aci.monthly is None
    assert aci.reason == (
        "the price sheet of westeurope (USD) has no price for Standard Memory Duration (Container Instances)"
    )
    plans = tuple(i for i in ITEMS if i.service_name != "Azure App Service")
    app = estimator.estimate(lift, TWO_VMS, book(estimator.rules, plans)).of("app-service")
    assert app is not None
    assert app.reason.endswith("has no price for the P1mv3 plan (P1mv3 App, Azure App Service Premium v3 Plan - Linux)")


def test_a_workload_without_linked_vms_or_sizes_says_so(estimator: Estimator, lift: DecisionRecord) -> None:
    none = estimator.estimate(lift, (), book(estimator.rules)).of("aks")
    unsized = estimator.estimate(lift, (VmFacts("odd", None),), book(estimator.rules)).of("aks")

    assert none is not None
    assert none.status == "no_estimate"
    assert "no classic VM is linked" in none.reason
    assert unsized is not None
    assert unsized.reason == "a linked VM cannot be sized (odd: no size in the inventory)"


def test_without_a_sheet_every_candidate_says_why(estimator: Estimator, lift: DecisionRecord) -> None:
    costs = estimator.estimate(lift, TWO_VMS, None, "no price sheet is loaded")

    assert costs.sheet is None
    assert costs.reason == "no price sheet is loaded"
    assert all(c.monthly is None and c.reason for c in costs.candidates)


def test_aks_takes_the_minimum_node_count_of_the_records_page_revision(estimator: Estimator, kb: KnowledgeBase) -> None:
    older = record(kb, workload(2, "Old"), 1, APP_SERVICE_2025, at(1, 9), knowledge_version="compute-tree-2025")
    costs = estimator.estimate(older, TWO_VMS, book(estimator.rules))

    aks = costs.of("aks")
    assert aks is not None  # 2025: 3 nodes (services.yaml count: 3) × 0.13 × 730 = 284.70
    assert round(aks.monthly or 0, 6) == 284.7
    service_fabric = costs.of("service-fabric")
    assert service_fabric is not None
    assert service_fabric.status == "no_estimate"
