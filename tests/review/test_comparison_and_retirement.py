"""Service comparison side by side, and retirement flags from a catalog lifecycle."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from advisor import KnowledgeBase, load_knowledge
from advisor.errors import InputError
from advisor.knowledge.assembly import DEFAULT_KNOWLEDGE_DIR
from advisor.models.record import DecisionRecord, Override, Workload
from advisor.review.comparison import FactCell, compare_services
from advisor.review.reevaluation import retirement_flags
from tests.store.builders import COMPLETE_ANSWERS, INCOMPLETE_ANSWERS, make_record

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
    assert "requirement operational_overhead is not answered yet" in first.reasons
    assert (second.name, second.hosting_model, second.fit, second.recommended) == (
        "Azure App Service",
        "PaaS",
        "no_fit",
        False,
    )
    assert second.reasons[0].startswith('tree step cots = yes: Tree step "commercial off-the-shelf" answered yes')
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


@pytest.fixture(scope="module")
def retiring_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The shipped knowledge, copied, with a retirement announced for Virtual Machines."""
    folder = tmp_path_factory.mktemp("knowledge") / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, folder)
    catalog = folder / "catalog" / "services.yaml"
    text = catalog.read_text(encoding="utf-8")
    anchor = "  - id: virtual-machines\n    kind: tree\n"
    assert text.count(anchor) == 1
    lifecycle = (
        "    lifecycle:\n"
        "      retirement_date: 2028-09-30\n"
        "      source: https://azure.microsoft.com/updates/example-retirement\n"
        "      note: Test fixture, not a real announcement.\n"
    )
    catalog.write_text(text.replace(anchor, anchor + lifecycle), encoding="utf-8")
    return load_knowledge(Path(folder))


def test_records_whose_chosen_service_retires_are_flagged(retiring_kb: KnowledgeBase) -> None:
    kb = retiring_kb
    vm = record(kb, 1)
    app = record(kb, 2, APP_SERVICE_ANSWERS)
    app_overridden_to_vm = record(kb, 3, APP_SERVICE_ANSWERS, override=Override(service="virtual-machines", reason="x"))
    vm_overridden_away = record(kb, 4, override=Override(service="app-service", reason="y"))
    unfinished = record(kb, 5, INCOMPLETE_ANSWERS)
    assert app.service == "app-service"

    flags = retirement_flags(kb, [vm, app, app_overridden_to_vm, vm_overridden_away, unfinished])

    assert [(f.workload_id, f.service, f.service_name) for f in flags] == [
        (1, "virtual-machines", "Azure Virtual Machines"),
        (3, "virtual-machines", "Azure Virtual Machines"),
    ]
    assert (flags[0].retirement_date, flags[0].source, flags[0].note, flags[0].version) == (
        datetime.date(2028, 9, 30),
        "https://azure.microsoft.com/updates/example-retirement",
        "Test fixture, not a real announcement.",
        1,
    )


def test_the_shipped_catalog_announces_no_retirement(kb: KnowledgeBase) -> None:
    assert retirement_flags(kb, [record(kb, 1), record(kb, 2, APP_SERVICE_ANSWERS)]) == []
