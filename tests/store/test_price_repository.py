"""The price repository on SQLite and PostgreSQL: a sheet and its items come back exactly as written."""

from __future__ import annotations

import datetime

from advisor.prices import PriceItem, PriceSheet
from advisor.store import Database
from tests.prices.api_server import APP_SERVICE, VM_RESERVATION

READ = datetime.datetime(2026, 12, 1, 6, 30, tzinfo=datetime.UTC)
LOADED = datetime.datetime(2026, 12, 6, 8, 0, tzinfo=datetime.UTC)


def test_a_sheet_and_its_items_read_back_exactly(store_url: str) -> None:
    tiny = PriceItem.model_validate({**APP_SERVICE, "retailPrice": 1.23456789012345e-07, "unitPrice": 0.0,
                                     "meterName": "Ünïcode ‘meter’ <b>", "isPrimaryMeterRegion": False})  # fmt: skip
    items = (PriceItem.model_validate(VM_RESERVATION), tiny)
    sheet = PriceSheet("westeurope", "USD", "a eq 'b'", "fetched", "http://mirror/api", READ, items, 1)

    with Database(store_url) as database:
        with database.transaction() as unit:
            written = unit.prices.insert_sheet(sheet, loaded_at=LOADED, actor_id="os:ann", author="Ann")
        with database.read() as unit:
            [listed] = unit.prices.sheets()
            read_items = unit.prices.items(written.id)

    assert listed == written
    assert (listed.fetched_at, listed.loaded_at, listed.item_count, listed.page_count) == (READ, LOADED, 2, 1)
    assert read_items == items
    assert read_items[1].retail_price == 1.23456789012345e-07
    assert read_items[1].is_primary_meter_region is False
