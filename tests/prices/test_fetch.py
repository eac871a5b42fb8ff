"""Fetching pages from a real local HTTP server (tests/prices/api_server.py): NextPageLink followed, 429 and 5xx
tried again after the right waits (recorded, never slept), give-up, loops and other hosts refused."""

from __future__ import annotations

import datetime

import pytest

from advisor.errors import InputError
from advisor.prices import FetchSettings, fetch_pages, first_page_url
from tests.prices.api_server import (
    APP_SERVICE,
    PATH,
    VM_CONSUMPTION,
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


class Waits:
    """A sleep that records the waits instead of waiting."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


def settings(waits: Waits, attempts: int = 5) -> FetchSettings:
    return FetchSettings(attempts=attempts, first_delay=1.0, max_delay=60.0, timeout=10.0, sleep=waits)


def url(server: PriceServer) -> str:
    return first_page_url(server.endpoint, "2023-01-01-preview", "USD", WESTEUROPE_FILTER)


def test_the_first_url_asks_as_the_documentation_shows() -> None:
    made = first_page_url("https://prices.azure.com/api/retail/prices", "2023-01-01-preview", "EUR", "a eq 'b'")

    assert made == (
        "https://prices.azure.com/api/retail/prices?api-version=2023-01-01-preview&currencyCode=%27EUR%27"
        "&%24filter=a%20eq%20%27b%27"
    )


def test_two_pages_linked_by_next_page_link_are_both_read_in_order() -> None:
    heard: list[tuple[int, int]] = []
    with running() as server:
        two_pages(server)
        pages = list(fetch_pages(url(server), settings(Waits()), lambda p, items: heard.append((p.number, items))))
        queries = server.queries()

    assert [p.number for p in pages] == [1, 2]
    assert [item.meter_name for p in pages for item in p.page.Items] == ["D2s v5", "D2s v5", "P1 v3 App"]
    assert pages[1].page.Items[0].effective_start_date == datetime.datetime(2022, 3, 1, tzinfo=datetime.UTC)
    assert heard == [(1, 2), (2, 3)]
    assert queries[0]["$filter"] == [WESTEUROPE_FILTER]
    assert queries[0]["currencyCode"] == ["'USD'"]
    assert queries[0]["api-version"] == ["2023-01-01-preview"]
    assert queries[1]["$skip"] == ["2"]


def test_a_429_is_tried_again_after_the_wait_retry_after_asks_for() -> None:
    waits = Waits()
    with running() as server:
        server.route(None, Response(429, b"", {"Retry-After": "7"}), ok(page([APP_SERVICE], None)))
        pages = list(fetch_pages(url(server), settings(waits)))
        asked = len(server.requests)

    assert [item.meter_name for item in pages[0].page.Items] == ["P1 v3 App"]
    assert asked == 2
    assert waits.seconds == [7.0]


def test_a_503_without_retry_after_waits_the_first_delay_then_succeeds() -> None:
    waits = Waits()
    with running() as server:
        server.route(None, Response(503), Response(503), ok(page([APP_SERVICE], None)))
        list(fetch_pages(url(server), settings(waits)))

    assert waits.seconds == [1.0, 2.0]


def test_a_500_until_give_up_fails_after_every_try_with_doubling_waits() -> None:
    waits = Waits()
    with running() as server:
        server.route(None, Response(500))
        with pytest.raises(InputError) as caught:
            list(fetch_pages(url(server), settings(waits, attempts=4)))
        asked = len(server.requests)

    assert asked == 4
    assert waits.seconds == [1.0, 2.0, 4.0]
    message = str(caught.value)
    expected = f"{server.endpoint}: page 1 could not be fetched: HTTP 500 Internal Server Error after 4 tries"
    assert message.startswith(expected)
    assert "nothing was stored" in message
    assert "python -m advisor prices import FILE..." in message


def test_a_wait_never_passes_the_longest_delay() -> None:
    waits = Waits()
    with running() as server:
        server.route(None, Response(429, b"", {"Retry-After": "3600"}), ok(page([APP_SERVICE], None)))
        list(fetch_pages(url(server), settings(waits)))

    assert waits.seconds == [60.0]


def test_a_404_is_not_tried_again() -> None:
    waits = Waits()
    with running() as server:
        server.route(None, Response(404))
        with pytest.raises(InputError, match=r"page 1 could not be fetched: the API answered HTTP 404 Not Found"):
            list(fetch_pages(url(server), settings(waits)))
        asked = len(server.requests)

    assert (asked, waits.seconds) == (1, [])


def test_no_network_fails_after_every_try_and_says_how_to_import_offline() -> None:
    waits = Waits()
    endpoint = closed_port_url()
    start = first_page_url(endpoint, "2023-01-01-preview", "USD", WESTEUROPE_FILTER)

    with pytest.raises(InputError) as caught:
        list(fetch_pages(start, settings(waits, attempts=3)))

    message = str(caught.value)
    assert message.startswith(f"{endpoint}: page 1 could not be fetched: cannot reach the prices endpoint (")
    assert message.endswith("after 3 tries; nothing was stored; without internet access, save the API's pages with "
                            "curl where there is (README, 'Price sheets') and load them with `python -m advisor "
                            "prices import FILE...` or on the Settings page")  # fmt: skip
    assert waits.seconds == [1.0, 2.0]


def test_a_next_page_link_loop_is_refused_at_the_page_that_comes_back() -> None:
    with running() as server:
        server.route(None, ok(page([VM_CONSUMPTION], next_link(server.base, 1))))
        server.route(1, ok(page([APP_SERVICE], next_link(server.base, 1))))
        with pytest.raises(InputError) as caught:
            list(fetch_pages(url(server), settings(Waits())))
        asked = len(server.requests)

    assert asked == 2
    assert "page 3 could not be fetched: NextPageLink leads back to page 2 (a loop); nothing was stored" in str(
        caught.value
    )


def test_a_next_page_link_to_another_host_is_not_followed() -> None:
    with running() as server:
        server.route(None, ok(page([VM_CONSUMPTION], f"http://elsewhere.invalid:8080{PATH}?$skip=1")))
        with pytest.raises(InputError, match=r"page 2 could not be fetched: NextPageLink leads to another host "
                                             r"\(http://elsewhere.invalid:8080\)"):  # fmt: skip
            list(fetch_pages(url(server), settings(Waits())))


def test_a_page_that_is_not_the_apis_shape_names_the_page() -> None:
    with running() as server:
        server.route(None, ok({"value": [], "nextLink": None}))
        with pytest.raises(InputError) as caught:
            list(fetch_pages(url(server), settings(Waits())))

    assert str(caught.value) == (
        f"page 1 of {server.endpoint}: not a page of the Azure Retail Prices API: it has no BillingCurrency and no "
        "Items (found: nextLink, value)"
    )


def test_a_retry_after_date_already_past_means_trying_again_at_once() -> None:
    waits = Waits()
    with running() as server:
        past = "Wed, 21 Oct 2015 07:28:00 GMT"  # the HTTP-date form RFC 9110 shows
        server.route(None, Response(503, b"", {"Retry-After": past}), ok(page([APP_SERVICE], None)))
        list(fetch_pages(url(server), settings(waits)))

    assert waits.seconds == [0.0]


def test_a_redirect_to_the_same_host_is_followed_and_one_to_another_host_is_not() -> None:
    with running() as server:
        server.route(None, Response(302, b"", {"Location": f"{server.endpoint}?$skip=5"}))
        server.route(5, ok(page([APP_SERVICE], None)))
        [moved] = list(fetch_pages(url(server), settings(Waits())))
        server.route(None, Response(302, b"", {"Location": f"http://elsewhere.invalid{PATH}"}))
        with pytest.raises(InputError, match=r"page 1 could not be fetched: the API answered HTTP 302 Found"):
            list(fetch_pages(url(server), settings(Waits())))

    assert [item.meter_name for item in moved.page.Items] == ["P1 v3 App"]
