"""What each candidate would cost, on the questionnaire's result: the chosen service's estimate under the headline,
the Costs tab, the comparison with its monthly and yearly estimates and how they are counted, the what-if cost
change, and the Functions cost input (a bad one refused beside the form, a good one saved as a new version).
Figures: tests/costs/test_estimates.py works them out by hand from tests/costs/sheet.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import services
from tests.costs.sheet import linked, store_sheet
from tests.services.builders import COMPLETE_ANSWERS
from tests.ui.uihelp import click, goto, one, open_workload, page_text, run, save_version, shown, sign_in, values

LEDGER = (("ledger-cs", "ledger-vm1"), ("ledger-cs", "ledger-vm2"))
COMPARE = "Services to compare (two to four)"


@pytest.fixture
def ledger(ctx, tmp_path: Path):
    store_sheet(ctx)
    workload = linked(ctx, tmp_path, *LEDGER)
    save_version(ctx, workload, COMPLETE_ANSWERS, 1)
    return workload


@pytest.fixture
def at(new_app, ledger):
    return open_workload(sign_in(run(new_app()), "Dana"), ledger.id)


def _frame(at, first_column: str):
    [frame] = [d.value for d in at.dataframe if list(d.value.columns)[:1] == [first_column]
               and "Monthly" in d.value.columns]  # fmt: skip
    return frame


def test_the_result_shows_the_chosen_services_estimate_and_every_candidates(at) -> None:
    assert (
        "💶 Estimated cost of Azure Virtual Machines: **167.90 USD a month** (2,014.80 USD a year), pay-as-you-go; "
        "price sheet of 2026-03-01, westeurope, USD." in [shown(v) for v in values(at.markdown)]
    )
    costs = _frame(at, "Service")
    rows = {row["Service"]: (row["Monthly"], row["Yearly"]) for row in costs.to_dict("records")}
    assert rows["Azure Virtual Machines"] == ("167.90 USD", "2,014.80 USD")
    assert rows["Azure Kubernetes Service (AKS)"] == ("569.40 USD", "6,832.80 USD")
    assert rows["Azure Functions"] == ("—", "—")
    why = dict(zip(costs["Service"], costs["What is counted, or why there is no estimate"], strict=True))
    assert why["Azure Functions"].startswith("depends on executions: give the executions a month")
    assert why["Azure Red Hat OpenShift"].startswith("no estimate: Its price adds OpenShift licences")
    assert "virtual-machines" not in page_text(at), "service names, never ids"


def test_the_comparison_puts_the_estimates_side_by_side(at) -> None:
    one(at.multiselect, COMPARE).set_value(["virtual-machines", "aks", "container-apps"])
    run(at)
    [fit] = [d.value for d in at.dataframe if "Monthly estimate" in list(d.value.index)]
    assert list(fit.loc["Monthly estimate"]) == ["167.90 USD", "569.40 USD", "412.45 USD"]
    assert list(fit.loc["Yearly estimate"]) == ["2,014.80 USD", "6,832.80 USD", "4,949.42 USD"]
    assert (
        fit.loc["How the estimate is counted"]
        .iloc[1]
        .startswith("6 × Standard_E2ds_v5 (Linux) at 0.13 USD an hour × 730 hours")
    )
    assert "Estimates: pay-as-you-go, from the price sheet of 2026-03-01, westeurope, USD." in [
        shown(v) for v in values(at.caption)
    ]


def test_the_what_if_shows_the_cost_change(at) -> None:
    one(at.selectbox, "Can the application be containerized?").set_value("yes")
    run(at)
    one(at.selectbox, "Is it an event-driven workload made of short-lived processes?").set_value("no")
    run(at)
    changes = [shown(v) for v in values(at.markdown) if "Cost change" in v]
    assert len(changes) == 1
    assert changes[0].startswith("**Cost change:** current Azure Virtual Machines, 167.90 USD a month → what if ")


def test_a_functions_cost_input_is_checked_then_saved_as_a_version(at, ctx, ledger) -> None:
    form = f"cost_inputs::{ledger.id}"
    at.text_input(key=f"{form}::executions").set_value("-5")
    at.text_input(key=f"{form}::duration_ms").set_value("500")
    click(at, "Save cost input")
    assert "Functions cost input: executions a month must be 0 or more, not -5" in [shown(v) for v in values(at.error)]
    assert [r.version for r in services.record_history(ctx, ledger.id)] == [1], "nothing saved"

    at.text_input(key=f"{form}::executions").set_value("3000000")
    click(at, "Save cost input")
    latest = services.latest_record(ctx, ledger.id)
    assert latest is not None
    assert latest.version == 2
    assert (latest.cost_inputs.executions, latest.cost_inputs.duration_ms, latest.cost_inputs.memory_mb) == (
        3_000_000, 500, 512
    )  # fmt: skip
    costs = _frame(at, "Service")
    assert dict(zip(costs["Service"], costs["Monthly"], strict=True))["Azure Functions"] == "6.00 USD"


def test_the_board_prices_the_chosen_services_once_costs_are_turned_on(new_app, ledger) -> None:
    board = goto(sign_in(run(new_app()), "Dana"), "Board")
    [table] = [d.value for d in board.dataframe if "Stale" in d.value.columns]
    assert "Monthly estimate" not in table.columns, "off by default: the Board reads no payload for it"

    one(board.toggle, "Show estimated costs").set_value(True)
    board.run()

    [table] = [d.value for d in board.dataframe if "Stale" in d.value.columns]
    assert table["Monthly estimate"].tolist() == ["167.90 USD"]  # (0.10 + 0.13) x 730, as on the result
    [totals] = [d.value for d in board.dataframe if "Records with an estimate" in d.value.columns]
    assert totals[["Service", "Monthly", "Yearly"]].values.tolist() == [
        ["Azure Virtual Machines", "167.90 USD", "2,014.80 USD"]
    ]
