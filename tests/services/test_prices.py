"""Price sheet services on SQLite and PostgreSQL: fetch from a real local HTTP server and import saved pages,
each stored whole or not at all; the list shows every sheet and marks the newest per region and currency."""

from __future__ import annotations

import dataclasses
import datetime
import json
import subprocess
from pathlib import Path

import pytest

from advisor import services
from advisor.errors import AccessError, InputError
from advisor.models.actor import Actor
from advisor.services import FetchSettings, ServiceContext
from tests.prices.api_server import (
    APP_SERVICE,
    VM_CONSUMPTION,
    VM_RESERVATION,
    WESTEUROPE_FILTER,
    PriceServer,
    Response,
    closed_port_url,
    next_link,
    ok,
    page,
    running,
    two_pages,
)
from tests.services.builders import ANN

NOW = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)
QUICK = FetchSettings(attempts=3, first_delay=0.0, max_delay=0.0, timeout=10.0)


def at(ctx: ServiceContext, moment: datetime.datetime) -> ServiceContext:
    return dataclasses.replace(ctx, clock=lambda: moment)


def fetch(ctx: ServiceContext, server: PriceServer, currency: str | None = None) -> services.PriceSheetSummary:
    return services.fetch_price_sheet(ctx, ANN, "westeurope", currency, endpoint=server.endpoint, settings=QUICK)


def stored(ctx: ServiceContext) -> list[tuple[str, str, int, bool]]:
    return [(v.sheet.region, v.sheet.currency, v.sheet.item_count, v.in_use) for v in services.list_price_sheets(ctx)]


def test_a_fetched_sheet_holds_every_page_in_order_with_its_query_and_date(ctx: ServiceContext) -> None:
    with running() as server:
        two_pages(server)
        sheet = fetch(at(ctx, NOW), server)

    assert (sheet.region, sheet.currency, sheet.item_count, sheet.page_count) == ("westeurope", "USD", 3, 2)
    assert (sheet.origin, sheet.source, sheet.query_filter) == ("fetched", server.endpoint, WESTEUROPE_FILTER)
    assert (sheet.fetched_at, sheet.author, sheet.actor_id) == (NOW, "Ann", "local:ann")
    items = services.price_sheet_items(ctx, sheet.id)
    assert [(i.meter_id, i.type, i.retail_price, i.reservation_term) for i in items] == [
        ("0a1b2c3d-0000-4000-8000-000000000001", "Consumption", 0.096, None),
        ("0a1b2c3d-0000-4000-8000-000000000002", "Reservation", 504.0, "1 Year"),
        ("0a1b2c3d-0000-4000-8000-000000000003", "Consumption", 0.169, None),
    ]
    assert items[2].effective_start_date == datetime.datetime(2022, 3, 1, tzinfo=datetime.UTC)


def test_importing_the_same_pages_gives_the_same_stored_sheet(ctx: ServiceContext, tmp_path: Path) -> None:
    with running() as server:
        first, second = two_pages(server)
        fetched = fetch(ctx, server)
    files = []
    for number, document in enumerate((first, second), start=1):
        path = tmp_path / f"page{number}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        files.append(path)

    imported = services.import_price_files(ctx, ANN, files)

    assert imported.id != fetched.id
    same = ("region", "currency", "query_filter", "item_count", "page_count")
    assert [getattr(imported, f) for f in same] == [getattr(fetched, f) for f in same]
    assert (imported.origin, imported.source) == ("imported", f"{files[0]}, {files[1]}")
    assert services.price_sheet_items(ctx, imported.id) == services.price_sheet_items(ctx, fetched.id)


def test_a_fetch_failing_midway_stores_nothing_and_says_how_to_import_offline(ctx: ServiceContext) -> None:
    with running() as server:
        server.route(None, ok(page([VM_CONSUMPTION], next_link(server.base, 1))))
        server.route(1, Response(500))
        with pytest.raises(InputError) as caught:
            fetch(ctx, server)

    assert str(caught.value).startswith(f"{server.endpoint}: page 2 could not be fetched: HTTP 500")
    assert "nothing was stored" in str(caught.value)
    assert "`python -m advisor prices import FILE...`" in str(caught.value)
    assert stored(ctx) == []


def test_no_network_stores_nothing(ctx: ServiceContext) -> None:
    with pytest.raises(InputError, match="cannot reach the prices endpoint"):
        services.fetch_price_sheet(ctx, ANN, "westeurope", endpoint=closed_port_url(), settings=QUICK)

    assert stored(ctx) == []


def test_items_in_another_currency_than_asked_store_nothing(ctx: ServiceContext) -> None:
    with running() as server:
        server.route(None, ok(page([APP_SERVICE], None)))  # USD, asked EUR
        with pytest.raises(InputError) as caught:
            fetch(ctx, server, currency="eur")

    assert "the page is priced in USD, not EUR as asked: nothing was stored" in str(caught.value)
    assert "prices import" in str(caught.value)
    assert stored(ctx) == []


def test_one_bad_file_among_many_imports_nothing(ctx: ServiceContext) -> None:
    good = json.dumps(page([VM_CONSUMPTION], None)).encode()
    truncated = json.dumps(page([APP_SERVICE], None)).encode()[:40]

    with pytest.raises(InputError, match=r"^p2.json:1: the JSON ends too early"):
        services.import_price_pages(ctx, ANN, [("p1.json", good), ("p2.json", truncated)])

    assert stored(ctx) == []


def test_the_newest_sheet_per_region_and_currency_is_in_use_and_old_ones_are_kept(ctx: ServiceContext) -> None:
    def one(moment: datetime.datetime, items: list[dict[str, object]], currency: str = "USD") -> None:
        data = json.dumps(page(items, None, currency)).encode()
        services.import_price_pages(ctx, ANN, [("p.json", data)], saved_at=moment)

    one(NOW - datetime.timedelta(days=40), [VM_CONSUMPTION])
    one(NOW - datetime.timedelta(days=2), [VM_CONSUMPTION, VM_RESERVATION])
    one(NOW - datetime.timedelta(days=10), [{**APP_SERVICE, "currencyCode": "EUR"}], currency="EUR")
    one(NOW - datetime.timedelta(days=1), [{**APP_SERVICE, "armRegionName": "northeurope"}])

    assert stored(ctx) == [
        ("northeurope", "USD", 1, True),
        ("westeurope", "USD", 2, True),
        ("westeurope", "EUR", 1, True),
        ("westeurope", "USD", 1, False),
    ]
    assert [v.age(NOW) for v in services.list_price_sheets(ctx)] == ["1 day", "2 days", "10 days", "40 days"]


def test_loading_prices_needs_a_name(ctx: ServiceContext) -> None:
    data = json.dumps(page([VM_CONSUMPTION], None)).encode()

    with pytest.raises(AccessError, match="enter your name first"):
        services.import_price_pages(ctx, Actor.nobody(), [("p.json", data)])

    assert stored(ctx) == []


BAD_REGION = "region: 'West Europe' is not an Azure region name: give it as Resource Manager writes it, e.g. westeurope"
BAD_CURRENCY = (
    "currency: the Retail Prices API has no currency 'XXX' (it offers USD, AUD, BRL, CAD, CHF, CNY, DKK, EUR, GBP, "
    "INR, JPY, KRW, NOK, NZD, RUB, SEK, TWD)"
)


@pytest.mark.parametrize(
    ("region", "currency", "message"), [("West Europe", None, BAD_REGION), ("westeurope", "XXX", BAD_CURRENCY)]
)
def test_a_region_or_currency_the_api_cannot_have_is_refused_before_any_request(
    ctx: ServiceContext, region: str, currency: str | None, message: str
) -> None:
    with running() as server:
        with pytest.raises(InputError) as caught:
            services.fetch_price_sheet(ctx, ANN, region, currency, endpoint=server.endpoint, settings=QUICK)
        asked = len(server.requests)

    assert (str(caught.value), asked) == (f"<input>: {message}", 0)


def test_without_a_sheet_the_hint_says_how_to_get_one(ctx: ServiceContext) -> None:
    assert services.prices_hint(ctx) == (
        "No price sheet is loaded, so no prices are shown. Load Azure's retail prices on the Settings page, or run "
        "`python -m advisor prices fetch --region REGION [--currency CODE]` (offline: `python -m advisor prices "
        "import FILE...`)."
    )


def test_with_a_sheet_the_hint_names_it_and_its_age(ctx: ServiceContext) -> None:
    data = json.dumps(page([VM_CONSUMPTION], None)).encode()
    services.import_price_pages(ctx, ANN, [("p.json", data)], saved_at=NOW - datetime.timedelta(days=3))

    assert services.prices_hint(at(ctx, NOW)) == (
        "Price sheets loaded: westeurope in USD (3 days old). Each workload's result shows what every candidate would "
        "cost."
    )


def test_pages_whose_last_one_links_to_a_next_page_are_refused(ctx: ServiceContext) -> None:
    with running() as server:
        first, _second = two_pages(server)

    with pytest.raises(InputError) as caught:
        services.import_price_pages(ctx, ANN, [("page0001.json", json.dumps(first).encode())])

    assert str(caught.value) == (
        "page0001.json: NextPageLink: the last page links to a next page (NextPageLink): pages are missing, the "
        "download stopped early or the files are out of order; nothing was stored"
    )
    assert stored(ctx) == []


def test_the_offline_script_saves_every_page_with_curl_and_they_import_as_the_fetch_stores(
    ctx: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with running() as server:
        two_pages(server)
        monkeypatch.setenv("ADVISOR_PRICES_ENDPOINT", server.endpoint)
        script = services.offline_script(ctx, "westeurope", "USD")
        saved = subprocess.run(["bash", "-c", script.split("# then,")[0]], cwd=tmp_path, capture_output=True,
                               text=True, timeout=60, check=False)  # fmt: skip
        fetched = fetch(ctx, server)
        queries = server.queries()

    assert saved.returncode == 0, saved.stderr
    assert sorted(p.name for p in tmp_path.glob("page*.json")) == ["page0001.json", "page0002.json"]
    assert queries[0]["$filter"] == [WESTEUROPE_FILTER]  # the script asks what the fetch asks
    assert script.endswith("python -m advisor prices import page*.json")
    imported = services.import_price_files(ctx, ANN, sorted(tmp_path.glob("page*.json")))
    assert services.price_sheet_items(ctx, imported.id) == services.price_sheet_items(ctx, fetched.id)
    assert imported.query_filter == fetched.query_filter == WESTEUROPE_FILTER


def test_the_readme_shows_the_offline_script_for_westeurope_in_usd(ctx: ServiceContext, repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")

    assert f"```sh\n{services.offline_script(ctx, 'westeurope', 'USD')}\n```" in readme


def test_more_pages_than_a_sheet_may_have_are_refused_before_reading_them(ctx: ServiceContext, tmp_path: Path) -> None:
    paths = [tmp_path / f"page{n:04d}.json" for n in range(1, 2002)]  # 2,001 names; no file needs to exist

    with pytest.raises(InputError) as caught:
        services.import_price_files(ctx, ANN, paths)

    assert str(caught.value) == (
        f"{paths[-1]}: more than 2,000 pages in one sheet: over the limit for this input (see the README's input "
        "limits)"
    )
