"""Service comparison side by side (with each service's lifecycle entries), and retirement flags read from
knowledge/lifecycle.yaml at a fixed as-of date and horizon."""

from __future__ import annotations

import datetime

import pytest

from advisor import KnowledgeBase
from advisor.errors import InputError
from advisor.lifecycle.judgement import Judgement
from advisor.models.record import DecisionRecord, Override, Workload
from advisor.review.comparison import FactCell, compare_services
from advisor.review.reevaluation import retirement_flags
from tests.services.builders import COMPLETE_ANSWERS, INCOMPLETE_ANSWERS, make_record

PAGE = "https://learn.microsoft.com/azure/architecture/guide/technology-choices/compute-decision-tree"
MOMENT = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
APP_SERVICE_ANSWERS = {**COMPLETE_ANSWERS, "cots": "no"}
del APP_SERVICE_ANSWERS["vmware"]


def record(
    kb: KnowledgeBase, number: int, answers: dict[str, str] = COMPLETE_ANSWERS, **extra: object
) -> DecisionRecord:
    workload = Workload(id=number, name=f"Workload {number}", created_at=MOMENT, updated_at=MOMENT)
    return make_record(kb, workload, 1, answers=answers, **extra)  # type: ignore[arg-type]


def test_two_services_side_by_side_with_facts_and_this_records_fit(kb: KnowledgeBase) -> None:
    vm = record(kb, 1)  # the 2026 walk to virtual-machines: cots = yes rules out App Service

    comparison = compare_services(kb, vm, ["virtual-machines", "app-service"])

    assert comparison.knowledge_version == "compute-tree-2026"
    first, second = comparison.columns
    assert (first.service, first.name, first.kind, first.hosting_model) == (
        "virtual-machines",
        "Azure Virtual Machines",
        "tree",
        "IaaS",
    )
    assert (first.fit, first.recommended, first.chosen) == ("unknown", True, True)
    assert (
        "“What is the most operational work the team is prepared to take on for this workload?” is not answered yet"
        in first.reasons
    )
    assert first.reasons[0] == "the decision tree leads here from these answers", "the tree's word first"
    assert (second.name, second.hosting_model, second.fit, second.recommended) == (
        "Azure App Service",
        "PaaS",
        "no_fit",
        False,
    )
    assert second.reasons[0] == (
        "the decision tree turned away from it at “Is it a commercial off-the-shelf (COTS) application?” answered "
        "“Yes, a vendor product”"
    )
    assert second.reasons[1].startswith(
        "“Is it a commercial off-the-shelf (COTS) application?” answered “Yes, a vendor product”: Tree step "
        '"commercial off-the-shelf" answered yes'
    )
    rows = {row.fact: row for row in comparison.rows}
    assert rows["state"].label == "State"
    assert rows["state"].cells == (
        FactCell("Stateless or stateful", datetime.date(2026, 2, 18), PAGE, None),
        FactCell("Stateless", datetime.date(2026, 2, 18), PAGE, None),
    )
    # The record's knowledge version picks the 2026 value of a fact that changed.
    assert rows["multi_region"].cells[0].value.startswith("Regional; run a VM deployment per region")
    assert rows["scale_limit"].cells[0].note == (
        "Published service limits change; check the current limits and your vCPU quota."
    )
    assert list(rows)[:3] == ["state", "minimum_nodes", "vnet_integration"]


def test_override_is_the_chosen_column_and_a_specialty_entry_has_no_fit(kb: KnowledgeBase) -> None:
    overridden = record(kb, 1, override=Override(service="app-service", reason="Team knows it."))

    comparison = compare_services(kb, overridden, ["virtual-machines", "app-service", "sap-on-azure"])

    assert [(c.service, c.recommended, c.chosen) for c in comparison.columns] == [
        ("virtual-machines", True, False),
        ("app-service", False, True),
        ("sap-on-azure", False, False),
    ]
    sap = comparison.columns[2]
    assert (sap.kind, sap.fit, sap.reasons, sap.hosting_model) == (
        "specialty",
        None,
        ("not a candidate of this record",),
        None,
    )
    assert all(row.cells[2] is None for row in comparison.rows)


@pytest.mark.parametrize(
    ("services", "message"),
    [
        (["virtual-machines"], "services: pick 2 to 4 services to compare \\(1 given\\)"),
        (
            ["virtual-machines", "app-service", "batch", "functions", "aks"],
            "pick 2 to 4 services to compare \\(5 given\\)",
        ),
        (["virtual-machines", "ec2"], "ec2: not a catalog entry of compute-tree-2026"),
        (["virtual-machines", "virtual-machines"], "virtual-machines: listed more than once"),
    ],
)
def test_bad_comparison_is_refused(kb: KnowledgeBase, services: list[str], message: str) -> None:
    with pytest.raises(InputError, match=message):
        compare_services(kb, record(kb, 1), services)


def test_service_fabric_is_compared_only_under_a_version_that_has_it(kb: KnowledgeBase) -> None:
    with pytest.raises(InputError, match="service-fabric-x: not a catalog entry"):
        compare_services(kb, record(kb, 1), ["aks", "service-fabric-x"])
    fabric = compare_services(kb, record(kb, 1), ["aks", "service-fabric"]).columns[1]
    assert (fabric.kind, fabric.fit) == ("specialty", None)  # 2026: a specialty route, not a candidate


JAN_2026 = Judgement(datetime.date(2026, 1, 1), 24)  # horizon to 2028-01-01
# Entries touching Virtual Machines (lifecycle.md, hand-copied) past or inside that horizon, by date then id.
VM_DUE_JAN_2026 = [
    ("a8-a11-retired", datetime.date(2021, 3, 1), "past"),
    ("av1-retired", datetime.date(2024, 8, 31), "past"),
    ("basic-load-balancer-retired", datetime.date(2025, 9, 30), "past"),
    ("basic-public-ip-retired", datetime.date(2025, 9, 30), "past"),
    ("vm-default-outbound-access-retired", datetime.date(2026, 3, 31), "within_horizon"),
]


def test_records_whose_chosen_service_has_lifecycle_entries_are_flagged(kb: KnowledgeBase) -> None:
    vm = record(kb, 1)
    app = record(kb, 2, APP_SERVICE_ANSWERS)
    app_overridden_to_vm = record(kb, 3, APP_SERVICE_ANSWERS, override=Override(service="virtual-machines", reason="x"))
    vm_overridden_away = record(kb, 4, override=Override(service="app-service", reason="y"))
    unfinished = record(kb, 5, INCOMPLETE_ANSWERS)
    assert app.service == "app-service"

    flags = retirement_flags(kb, [vm, app, app_overridden_to_vm, vm_overridden_away, unfinished], JAN_2026)

    assert [(f.workload_id, f.entry, f.retirement_date, f.status) for f in flags] == [
        (1, *due) for due in VM_DUE_JAN_2026
    ] + [(3, *due) for due in VM_DUE_JAN_2026], "App Service has no entry; D and G sizes (2028) lie beyond 2028-01-01"
    first = flags[0]
    assert (first.service, first.service_name, first.kind, first.event, first.version) == (
        "virtual-machines", "Azure Virtual Machines", "size_family", "retired", 1,
    )  # fmt: skip
    assert (
        first.source
        == "https://azure.microsoft.com/updates/a8-a11-azure-virtual-machine-sizes-will-be-retired-on-march-1-2021/"
    )
    assert first.note == (
        "Azure Virtual Machines: A8 to A11 (compute-intensive A-series) sizes retired on 2021-03-01; "
        "Microsoft names HPC sizes such as the HB-series or general-purpose D, E or F sizes instead."
    )


def test_a_longer_horizon_flags_the_later_size_retirements_too(kb: KnowledgeBase) -> None:
    flags = retirement_flags(kb, [record(kb, 1)], Judgement(datetime.date(2026, 1, 1), 36))  # to 2029-01-01
    assert [f.entry for f in flags][5:] == ["d-retired", "ds-retired", "dsv2-retired", "dv2-retired", "g-retired",
                                            "gs-retired"]  # fmt: skip


def test_a_service_no_entry_touches_is_never_flagged(kb: KnowledgeBase) -> None:
    assert retirement_flags(kb, [record(kb, 2, APP_SERVICE_ANSWERS)], JAN_2026) == []


def test_the_comparison_shows_each_services_entries_and_the_fact_an_entry_qualifies(kb: KnowledgeBase) -> None:
    vm = record(kb, 1)
    comparison = compare_services(kb, vm, ["batch", "app-service"], Judgement(datetime.date(2026, 12, 1), 24))
    batch, app = comparison.columns
    assert [(n.entry, n.date, n.status) for n in batch.lifecycle] == [
        ("batch-low-priority-vms-retired", datetime.date(2025, 9, 30), "past")
    ]
    assert app.lifecycle == ()
    scale = next(row for row in comparison.rows if row.fact == "scale_limit")
    assert scale.cells[0] is not None
    assert [n.entry for n in scale.cells[0].lifecycle] == ["batch-low-priority-vms-retired"], "beside the quota fact"
    assert scale.cells[1] is not None
    assert scale.cells[1].lifecycle == ()
