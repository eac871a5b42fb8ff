"""Reading one saved or fetched page, and putting pages together into a sheet: each bad input refused with one
line naming the page (and the item), never a traceback."""

from __future__ import annotations

import json

import pytest

from advisor.errors import InputError
from advisor.prices import NamedPage, assemble, read_page
from tests.prices.api_server import APP_SERVICE, VM_CONSUMPTION, VM_RESERVATION, page


def raw(document: object) -> bytes:
    return json.dumps(document).encode("utf-8")


def refusal(data: bytes, name: str = "page1.json") -> str:
    with pytest.raises(InputError) as caught:
        read_page(data, name)
    return str(caught.value)


def test_the_documented_shape_is_read_with_every_kept_field() -> None:
    read = read_page(raw(page([VM_RESERVATION], None)), "page1.json")

    [item] = read.Items
    assert (read.BillingCurrency, read.NextPageLink, read.Count) == ("USD", None, 1)
    assert (item.arm_sku_name, item.type, item.reservation_term, item.retail_price, item.unit_of_measure) == (
        "Standard_D2s_v5", "Reservation", "1 Year", 504.0, "1 Hour",
    )  # fmt: skip
    assert (item.service_name, item.product_name, item.sku_name, item.meter_name, item.arm_region_name) == (
        "Virtual Machines", "Virtual Machines Dsv5 Series", "D2s v5", "D2s v5", "westeurope",
    )  # fmt: skip


def test_a_byte_order_mark_as_powershell_writes_it_is_accepted() -> None:
    assert len(read_page(b"\xef\xbb\xbf" + raw(page([APP_SERVICE], None)), "p.json").Items) == 1


def test_a_page_that_is_not_the_apis_shape_is_refused() -> None:
    assert refusal(raw([VM_CONSUMPTION])) == (
        "page1.json: not a page of the Azure Retail Prices API: the page is a JSON list, not an object"
    )


def test_truncated_json_says_the_download_was_cut_short() -> None:
    data = raw(page([VM_CONSUMPTION, APP_SERVICE], None))

    assert refusal(data[: len(data) // 2]).startswith("page1.json:1: the JSON ends too early (at byte ")
    assert refusal(data[: len(data) // 2]).endswith("): was the download cut short?")


def test_a_page_with_no_items_is_refused() -> None:
    document = page([], None)
    del document["Items"]

    assert refusal(raw(document)) == (
        "page1.json: not a page of the Azure Retail Prices API: it has no Items (found: BillingCurrency, Count, "
        "CustomerEntityId, CustomerEntityType, NextPageLink)"
    )


def test_an_item_without_a_price_names_the_item() -> None:
    broken = {key: value for key, value in APP_SERVICE.items() if key != "retailPrice"}

    assert refusal(raw(page([VM_CONSUMPTION, broken], None))) == (
        "page1.json: Items[1] (P1 v3 App): retailPrice: Field required"
    )


def test_nan_is_not_a_price() -> None:
    text = raw(page([VM_CONSUMPTION], None)).replace(b'"retailPrice": 0.096', b'"retailPrice": NaN')

    assert refusal(text) == "page1.json: malformed JSON: NaN is not a JSON number"


def test_pages_of_a_sheet_keep_their_order_and_take_region_and_currency_from_the_first() -> None:
    pages = [NamedPage("a.json", read_page(raw(page([VM_CONSUMPTION], None)), "a.json")),
             NamedPage("b.json", read_page(raw(page([APP_SERVICE], None)), "b.json"))]  # fmt: skip

    region, currency, items = assemble(pages, region=None, currency=None)

    assert (region, currency, [i.meter_name for i in items]) == ("westeurope", "USD", ["D2s v5", "P1 v3 App"])


def test_items_in_another_currency_than_asked_are_refused_naming_the_page() -> None:
    euro = page([{**APP_SERVICE, "currencyCode": "EUR"}], None, currency="EUR")
    pages = [NamedPage("b.json", read_page(raw(euro), "b.json"))]

    with pytest.raises(InputError) as caught:
        assemble(pages, region="westeurope", currency="USD")

    assert str(caught.value) == (
        "b.json: BillingCurrency: the page is priced in EUR, not USD as asked: nothing was stored"
    )


def test_an_item_in_another_currency_than_its_page_names_the_item() -> None:
    mixed = page([VM_CONSUMPTION, {**APP_SERVICE, "currencyCode": "GBP"}], None)
    pages = [NamedPage("a.json", read_page(raw(mixed), "a.json"))]

    with pytest.raises(InputError) as caught:
        assemble(pages, region=None, currency=None)

    assert str(caught.value) == "a.json: Items[1] (P1 v3 App): priced in GBP, not USD: nothing was stored"


def test_an_item_of_another_region_is_refused() -> None:
    north = page([VM_CONSUMPTION, {**APP_SERVICE, "armRegionName": "northeurope"}], None)

    with pytest.raises(InputError) as caught:
        assemble([NamedPage("a.json", read_page(raw(north), "a.json"))], region=None, currency=None)

    assert str(caught.value) == (
        "a.json: Items[1] (P1 v3 App): a price in northeurope, not westeurope: one sheet is one region; nothing was "
        "stored"
    )


def test_pages_holding_no_price_at_all_store_nothing() -> None:
    empty = [NamedPage("a.json", read_page(raw(page([], None)), "a.json"))]

    with pytest.raises(InputError, match=r"^a.json: the pages hold no prices \(empty Items\): nothing was stored"):
        assemble(empty, region="westeurope", currency="USD")
