"""Estimates through the services: computed on read from the sheet in use and the linked VMs' newest inventory
facts (utilization columns included), frozen into each saved version, kept on sign-off whatever newer sheet comes,
named as deleted when their sheet is; the Functions cost input saved with the record (once per submission token)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from advisor import services
from advisor.errors import InputError
from advisor.models.record import DecisionRecord
from advisor.services import ServiceContext
from tests.costs.sheet import FETCHED, ITEMS, linked, store_sheet
from tests.services.builders import ANN, at_minute, open_session, person, save

LEDGER = (("ledger-cs", "ledger-vm1"), ("ledger-cs", "ledger-vm2"))


def monthly(view: services.CostView, service: str) -> float | None:
    found = view.of(service)
    return None if found is None or found.monthly is None else round(found.monthly, 6)


def test_a_saved_version_freezes_the_estimate_of_its_moment(ctx: ServiceContext, tmp_path: Path) -> None:
    sheet = store_sheet(ctx)
    workload = linked(ctx, tmp_path, *LEDGER)
    record = save(ctx, workload, 1)

    assert record.costs is not None
    assert record.costs.sheet is not None
    assert record.costs.sheet.sheet_id == sheet
    assert record.costs.sheet.region == "westeurope"
    # (0.10 + 0.13) × 730, tests/costs/test_estimates.py
    assert round(record.costs.of("virtual-machines").monthly or 0, 6) == 167.9  # type: ignore[union-attr]
    view = services.cost_view(ctx, record)
    assert not view.frozen
    assert monthly(view, "virtual-machines") == 167.9
    assert view.sheet_words == "price sheet of 2026-03-01, westeurope, USD"


def test_utilization_columns_right_size_on_read(ctx: ServiceContext, tmp_path: Path) -> None:
    store_sheet(ctx)
    workload = linked(ctx, tmp_path, ("big-cs", "big-vm"), name="Big")
    view = services.cost_view(ctx, save(ctx, workload, 1))

    # 8 × 20% × 1.3 = 2.08 vCPU, 28 × 40% × 1.3 = 14.56 GiB: Standard_D4ds_v5 at 0.20 × 730
    assert monthly(view, "virtual-machines") == 146.0


def test_a_signed_record_keeps_its_estimate_when_a_newer_sheet_comes(ctx: ServiceContext, tmp_path: Path) -> None:
    store_sheet(ctx)
    workload = linked(ctx, tmp_path, *LEDGER)
    save(ctx, workload, 1)
    session = open_session(ctx)
    services.set_agenda(ctx, ANN, session.id, [workload.id])
    signed = sign(ctx, session.id, workload.id)
    dearer = tuple(i.model_copy(update={"retail_price": i.retail_price * 2}) for i in ITEMS)
    store_sheet(ctx, dearer, FETCHED + datetime.timedelta(days=10))

    latest = services.latest_record(ctx, workload.id)
    assert latest is not None
    assert latest.status == "accepted"
    assert latest.version == signed.version
    kept = services.cost_view(ctx, latest)
    assert kept.frozen
    assert monthly(kept, "virtual-machines") == 167.9
    assert kept.sheet_words == "price sheet of 2026-03-01, westeurope, USD, kept from the sign-off"
    # A proposed version reads the newer sheet: twice the prices.
    other = linked(ctx, tmp_path, *LEDGER, name="Other")
    assert monthly(services.cost_view(ctx, save(ctx, other, 1)), "virtual-machines") == 335.8
    # Re-evaluation can show the difference: the frozen figures against today's.
    now = services.current_costs(ctx, latest)
    assert services.cost_difference(latest.costs, now)[0] == ("virtual-machines", 167.9, 335.8)


def test_a_deleted_frozen_sheet_is_shown_as_such(ctx: ServiceContext, tmp_path: Path) -> None:
    sheet = store_sheet(ctx)
    workload = linked(ctx, tmp_path, *LEDGER)
    save(ctx, workload, 1)
    session = open_session(ctx)
    services.set_agenda(ctx, ANN, session.id, [workload.id])
    sign(ctx, session.id, workload.id)
    services.delete_price_sheet(ctx, ANN, sheet)

    latest = services.latest_record(ctx, workload.id)
    assert latest is not None
    view = services.cost_view(ctx, latest)
    assert view.frozen
    assert view.sheet_deleted
    assert monthly(view, "virtual-machines") == 167.9
    assert view.sheet_words == "the price sheet of 2026-03-01 (westeurope, USD) was deleted; figures as frozen"
    with pytest.raises(InputError, match="no price sheet with id"):
        services.delete_price_sheet(ctx, ANN, sheet)


def test_without_a_sheet_for_the_region_the_estimate_says_which(ctx: ServiceContext, tmp_path: Path) -> None:
    eastus = tuple(i.model_copy(update={"arm_region_name": "eastus"}) for i in ITEMS)
    store_sheet(ctx, eastus)
    workload = linked(ctx, tmp_path, *LEDGER)
    record = save(ctx, workload, 1)

    assert record.costs is None, "nothing to freeze without a sheet"
    view = services.cost_view(ctx, record)
    assert view.costs.reason.startswith(
        "no price sheet of westeurope (the linked VMs' region) is loaded (loaded: eastus): load Azure's retail prices"
    )


def test_the_functions_cost_input_is_saved_with_the_record_once(ctx: ServiceContext, tmp_path: Path) -> None:
    store_sheet(ctx)
    workload = linked(ctx, tmp_path, *LEDGER)
    save(ctx, workload, 1)
    usage = services.functions_usage("3,000,000", "500", 512)
    token = "cost-input-1"
    first = services.save_cost_inputs(at_minute(ctx, 5), ANN, workload.id, base_version=1, usage=usage, token=token)
    again = services.save_cost_inputs(at_minute(ctx, 6), ANN, workload.id, base_version=1, usage=usage, token=token)

    assert first == again
    assert first.version == 2
    assert first.cost_inputs == usage
    assert first.change == "Functions cost input: 3,000,000 executions a month of 500 ms at 512 MB"
    assert monthly(services.cost_view(ctx, first), "functions") == 6.0  # test_estimates: 5.60 + 0.40
    # The next save of answers keeps the input.
    assert save(ctx, workload, 3).cost_inputs == usage


@pytest.mark.parametrize(
    ("executions", "duration", "memory", "message"),
    [
        ("-5", "500", "512", "executions a month must be 0 or more, not -5"),
        ("1000", "-1", "512", "average duration (ms) must be 0 or more, not -1"),
        ("lots", "500", "512", "executions a month must be a number, not 'lots'"),
        ("1.5", "500", "512", "executions a month must be a whole number, not 1.5"),
        ("1000", "500", "0", "memory (MB) must be from 1 to 16,384, not 0"),
        ("1000", "nan", "512", "average duration (ms) must be a number, not 'nan'"),
    ],
)
def test_a_bad_functions_cost_input_is_refused_naming_the_field(
    executions: str, duration: str, memory: str, message: str
) -> None:
    with pytest.raises(InputError) as caught:
        services.functions_usage(executions, duration, memory)
    assert str(caught.value.problems[0].message) == f"Functions cost input: {message}"


def test_an_export_carries_the_estimates_as_read(ctx: ServiceContext, tmp_path: Path) -> None:
    store_sheet(ctx)
    workload = linked(ctx, tmp_path, *LEDGER)
    save(ctx, workload, 1)

    exported = services.select_records(ctx)
    assert exported.workloads[0].costs is not None
    assert monthly(exported.workloads[0].costs, "aks") == 569.4


def sign(ctx: ServiceContext, session_id: int, workload_id: int) -> DecisionRecord:
    return services.decide_item(ctx, person("Ann Arbiter"), session_id, workload_id, "accept", "", None, "Ann Arbiter")


def test_reevaluation_shows_the_cost_now_and_under_the_target_version(ctx: ServiceContext, tmp_path: Path) -> None:
    store_sheet(ctx)
    workload = linked(ctx, tmp_path, *LEDGER)
    save(ctx, workload, 1)  # the 2026 walk to Azure Virtual Machines
    report = services.run_reevaluation(ctx, ANN, "compute-tree-2025")

    costs = services.reevaluation_costs(ctx, report.results)
    # Under 2025 these answers still lead to Azure Virtual Machines: the same two VMs, the same sheet, 167.90 both.
    assert [r.after_service for r in report.results] == ["virtual-machines"]
    assert costs == {(workload.id, 1): "167.90 → 167.90 USD a month (+0.00)"}
