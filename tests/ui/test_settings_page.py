"""Settings page (AppTest): the loaded price sheets with their age, region, currency and count, the newest per
region and currency in use; a fetch from a real local HTTP server through the form; a name needed to load; and,
where a price would show (the result page), the line saying how to get a sheet."""

from __future__ import annotations

import datetime
import json

from advisor import services
from tests.prices.api_server import APP_SERVICE, VM_CONSUMPTION, page, running, two_pages
from tests.services.builders import ANN, new_workload
from tests.ui.test_sources_disagree_on_the_result import TO_AKS_2026
from tests.ui.uihelp import click, goto, one, open_workload, run, save_version, shown_values, sign_in

NO_SHEET = (
    "No price sheet is loaded, so no prices are shown. Load Azure's retail prices on the Settings page, or run "
    "`python -m advisor prices fetch --region REGION [--currency CODE]` (offline: `python -m advisor prices "
    "import FILE...`)."
)


def _settings(new_app, name: str | None = "Dana"):
    at = run(new_app())
    if name:
        at = sign_in(at, name)
    return goto(at, "Settings")


def _table(at):
    [frame] = [d.value for d in at.dataframe if "Region" in d.value.columns]
    return frame


def test_without_a_sheet_the_page_says_how_to_get_one(new_app, ctx):
    at = _settings(new_app)

    assert [t.value for t in at.title] == ["Settings"]
    assert NO_SHEET in shown_values(at.info)
    assert not [d for d in at.dataframe if "Region" in d.value.columns]
    assert one(at.text_input, "Region").value == "westeurope"
    assert one(at.selectbox, "Currency").value == "USD"
    [script] = [c.value for c in at.code]
    assert script.startswith(
        "url='https://prices.azure.com/api/retail/prices?api-version=2023-01-01-preview&currencyCode=%27USD%27&"
        "%24filter=armRegionName%20eq%20%27westeurope%27%20and%20%28serviceName%20eq%20%27Virtual%20Machines%27"
    )
    assert script.endswith("python -m advisor prices import page*.json")


def test_the_sheets_show_age_region_currency_count_and_which_is_in_use(new_app, ctx):
    now = datetime.datetime.now(datetime.UTC)
    for days, items in ((30, [VM_CONSUMPTION]), (2, [VM_CONSUMPTION, APP_SERVICE])):
        data = json.dumps(page(items, None)).encode()
        services.import_price_pages(ctx, ANN, [("p.json", data)], saved_at=now - datetime.timedelta(days=days))

    table = _table(_settings(new_app))

    assert list(table["Region"]) == ["westeurope", "westeurope"]
    assert list(table["Currency"]) == ["USD", "USD"]
    assert list(table["Prices"]) == [2, 1]
    assert list(table["Age"]) == ["2 days", "30 days"]
    assert list(table["In use"]) == ["yes", "no (older)"]
    assert list(table["Loaded by"]) == ["Ann", "Ann"]


def test_fetching_through_the_form_stores_a_sheet(new_app, ctx, monkeypatch):
    with running() as server:
        two_pages(server)
        monkeypatch.setenv("ADVISOR_PRICES_ENDPOINT", server.endpoint)
        monkeypatch.setenv("ADVISOR_PRICES_BACKOFF", "0")
        at = click(_settings(new_app), "Fetch prices")

    assert "Stored a price sheet for westeurope in USD: 3 prices from 2 pages." in shown_values(at.success)
    table = _table(at)
    assert (list(table["Prices"]), list(table["Age"]), list(table["How"])) == ([3], ["today"], ["fetched"])


def test_a_failed_fetch_stores_nothing_and_says_how_to_import_offline(new_app, ctx, monkeypatch):
    with running() as server:  # no route: every page answers 404
        monkeypatch.setenv("ADVISOR_PRICES_ENDPOINT", server.endpoint)
        at = click(_settings(new_app), "Fetch prices")

    [error] = shown_values(at.error)
    assert error.startswith("page 1 could not be fetched: the API answered HTTP 404 Not Found; nothing was stored; ")
    assert "`python -m advisor prices import FILE...` or on the Settings page" in error
    assert services.list_price_sheets(ctx) == []


def test_loading_prices_needs_a_name(new_app, ctx):
    at = click(_settings(new_app, name=None), "Fetch prices")

    assert shown_values(at.error) == ["enter your name first: this records who did it; nothing was saved"]


def test_the_result_page_says_how_to_get_prices_where_a_price_would_show(new_app, ctx):
    workload = new_workload(ctx, "Orders")
    save_version(ctx, workload, TO_AKS_2026, 1)

    at = open_workload(sign_in(run(new_app()), "Dana"), workload.id)

    assert f"💶 {NO_SHEET}" in shown_values(at.caption)
