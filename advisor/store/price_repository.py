"""Stored price sheets: one row per sheet (region, currency, query, dates, who loaded it) and its items in order."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from advisor.prices.api_page import PriceItem
from advisor.prices.sheet import Origin, PriceSheet
from advisor.store.tables import price_items, price_sheets
from advisor.store.workload_rows import utc

# Stored column -> the PriceItem field it holds (the column names are the store's, the fields the API's).
_ITEM_COLUMNS = {
    "meter_id": "meter_id", "meter_name": "meter_name", "product_id": "product_id", "product_name": "product_name",
    "sku_id": "sku_id", "sku_name": "sku_name", "arm_sku_name": "arm_sku_name", "service_id": "service_id",
    "service_name": "service_name", "service_family": "service_family", "arm_region_name": "arm_region_name",
    "location": "location", "price_type": "type", "reservation_term": "reservation_term",
    "unit_of_measure": "unit_of_measure", "currency_code": "currency_code", "retail_price": "retail_price",
    "unit_price": "unit_price", "tier_minimum_units": "tier_minimum_units",
    "effective_start_date": "effective_start_date", "is_primary_meter_region": "is_primary_meter_region",
}  # fmt: skip
_INSERT_BATCH = 5_000  # rows per INSERT: bounded memory for the driver whatever the sheet's size


@dataclass(frozen=True)
class PriceSheetSummary:
    """A stored sheet without its items: what the list of sheets shows."""

    id: int
    region: str
    currency: str
    query_filter: str
    origin: Origin
    source: str
    fetched_at: datetime.datetime
    loaded_at: datetime.datetime
    actor_id: str
    author: str
    page_count: int
    item_count: int


class PriceRepository:
    """The price_sheets and price_items tables, read and written on one connection."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def insert_sheet(
        self, sheet: PriceSheet, *, loaded_at: datetime.datetime, actor_id: str, author: str
    ) -> PriceSheetSummary:
        """The sheet and every item, in order; its summary."""
        values = {
            "region": sheet.region, "currency": sheet.currency, "query_filter": sheet.filter, "origin": sheet.origin,
            "source": sheet.source, "fetched_at": sheet.fetched_at, "loaded_at": loaded_at, "actor_id": actor_id,
            "author": author, "page_count": sheet.page_count, "item_count": len(sheet.items),
        }  # fmt: skip
        sheet_id: int = self._conn.execute(
            insert(price_sheets).values(**values).returning(price_sheets.c.id)
        ).scalar_one()
        for start in range(0, len(sheet.items), _INSERT_BATCH):
            batch = sheet.items[start : start + _INSERT_BATCH]
            rows = [_item_row(sheet_id, start + offset, item) for offset, item in enumerate(batch)]
            self._conn.execute(insert(price_items), rows)
        return _summary({"id": sheet_id, **values})

    def sheets(self) -> list[PriceSheetSummary]:
        """Every stored sheet, newest prices first (then the latest loaded)."""
        c = price_sheets.c
        rows = self._conn.execute(select(price_sheets).order_by(c.fetched_at.desc(), c.id.desc())).mappings()
        return [_summary(row) for row in rows]

    def items(self, sheet_id: int) -> tuple[PriceItem, ...]:
        """The sheet's prices in their stored order (empty for an unknown sheet)."""
        c = price_items.c
        rows = self._conn.execute(select(price_items).where(c.sheet_id == sheet_id).order_by(c.position)).mappings()
        columns = _ITEM_COLUMNS.items()
        return tuple(PriceItem.model_validate({field: _stored(column, row[column]) for column, field in columns})
                     for row in rows)  # fmt: skip

    def delete_sheet(self, sheet_id: int) -> PriceSheetSummary | None:
        """Remove a sheet and its items; its summary, or None when there is no such sheet. Records that froze
        estimates from it keep their figures and say the sheet was deleted."""
        found = self._conn.execute(select(price_sheets).where(price_sheets.c.id == sheet_id)).mappings().first()
        if found is None:
            return None
        self._conn.execute(delete(price_items).where(price_items.c.sheet_id == sheet_id))
        self._conn.execute(delete(price_sheets).where(price_sheets.c.id == sheet_id))
        return _summary(found)

    def item_total(self) -> int:
        return int(self._conn.execute(select(func.count()).select_from(price_items)).scalar_one())


def _item_row(sheet_id: int, position: int, item: PriceItem) -> dict[str, Any]:
    row = {column: getattr(item, field) for column, field in _ITEM_COLUMNS.items()}
    return {"sheet_id": sheet_id, "position": position, **row}


def _stored(column: str, value: Any) -> Any:
    if column == "effective_start_date":
        return utc(value)
    if column == "is_primary_meter_region":
        return bool(value)
    return value


def _summary(row: Any) -> PriceSheetSummary:
    return PriceSheetSummary(
        id=int(row["id"]), region=row["region"], currency=row["currency"], query_filter=row["query_filter"],
        origin=row["origin"], source=row["source"], fetched_at=utc(row["fetched_at"]), loaded_at=utc(row["loaded_at"]),
        actor_id=row["actor_id"], author=row["author"], page_count=int(row["page_count"]),
        item_count=int(row["item_count"]),
    )  # fmt: skip
