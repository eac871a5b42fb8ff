"""One page of the Azure Retail Prices API, as it answers a GET or as ``curl`` saved it.

The API's documented response (learn.microsoft.com, "Azure Retail Prices overview", API response examples) is an
object with ``BillingCurrency``, ``CustomerEntityId``, ``CustomerEntityType``, ``Items`` (the prices),
``NextPageLink`` (the next page, or null on the last) and ``Count`` (the items on this page). :func:`read_page`
checks the bytes against the documented limits (:data:`~advisor.limits.PRICE_PAGE`) before parsing, parses strict
JSON (no ``NaN``, no trailing text), and validates every item, naming the page and the item at fault. Fields the
API adds later are ignored; the ones the advisor keeps are :class:`PriceItem`'s.
"""

from __future__ import annotations

import datetime
import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from advisor.errors import InputError, Problem, RuleError
from advisor.json_scan import scan_json_bytes
from advisor.limits import PRICE_PAGE

_NOT_THE_API = "not a page of the Azure Retail Prices API"


class PriceItem(BaseModel):
    """One price: a meter of a product's SKU in a region, of a type (Consumption, Reservation, DevTestConsumption)."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True, allow_inf_nan=False)

    currency_code: str = Field(alias="currencyCode", min_length=1)
    tier_minimum_units: float = Field(0.0, alias="tierMinimumUnits")
    retail_price: float = Field(alias="retailPrice")
    unit_price: float = Field(alias="unitPrice")
    arm_region_name: str = Field(alias="armRegionName")
    location: str = Field("", alias="location")
    effective_start_date: datetime.datetime = Field(alias="effectiveStartDate")
    meter_id: str = Field(alias="meterId", min_length=1)
    meter_name: str = Field(alias="meterName")
    product_id: str = Field("", alias="productId")
    sku_id: str = Field("", alias="skuId")
    product_name: str = Field(alias="productName")
    sku_name: str = Field(alias="skuName")
    service_name: str = Field(alias="serviceName", min_length=1)
    service_id: str = Field("", alias="serviceId")
    service_family: str = Field("", alias="serviceFamily")
    unit_of_measure: str = Field(alias="unitOfMeasure")
    type: str = Field(alias="type", min_length=1)
    is_primary_meter_region: bool = Field(True, alias="isPrimaryMeterRegion")
    arm_sku_name: str = Field("", alias="armSkuName")
    reservation_term: str | None = Field(None, alias="reservationTerm")

    @field_validator("effective_start_date")
    @classmethod
    def _utc(cls, value: datetime.datetime) -> datetime.datetime:
        """A date without a zone is UTC, as the API's are (``...T00:00:00Z``)."""
        if value.tzinfo is None:
            return value.replace(tzinfo=datetime.UTC)
        return value.astimezone(datetime.UTC)


class ApiPage(BaseModel):
    """The page around the items: its currency and the link to the next page."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    BillingCurrency: str = Field(min_length=1)
    CustomerEntityId: str | None = None
    CustomerEntityType: str | None = None
    Items: tuple[PriceItem, ...]
    NextPageLink: str | None = None
    Count: int | None = None

    @property
    def query_filter(self) -> str | None:
        """The ``$filter`` this page answered, as its ``NextPageLink`` repeats it (None on a last page)."""
        if not self.NextPageLink:
            return None
        values = parse_qs(urlsplit(self.NextPageLink).query).get("$filter")
        return values[0] if values else None


def read_page(data: bytes, name: str) -> ApiPage:
    """``data`` as one API page; InputError naming ``name`` (and the item) at the first fault."""
    scan_json_bytes(data, name, PRICE_PAGE)
    try:
        text = data.decode("utf-8-sig")  # PowerShell's Out-File writes a byte-order mark
    except UnicodeDecodeError as exc:
        raise InputError(Problem(f"not UTF-8 text (byte offset {exc.start}): {_NOT_THE_API}", name)) from None
    document = _parse(text, name)
    if not isinstance(document, dict):
        raise InputError(Problem(f"{_NOT_THE_API}: the page is a JSON {_kind(document)}, not an object", name))
    missing = [key for key in ("BillingCurrency", "Items") if key not in document]
    if missing:
        found = ", ".join(sorted(map(str, document))[:5]) or "nothing"
        raise InputError(Problem(f"{_NOT_THE_API}: it has no {' and no '.join(missing)} (found: {found})", name))
    items = document["Items"]
    if not isinstance(items, list):
        raise InputError(Problem(f"{_NOT_THE_API}: Items is a JSON {_kind(items)}, not a list", name))
    checked = tuple(_item(raw, index, name) for index, raw in enumerate(items))
    try:
        return ApiPage.model_validate({**document, "Items": checked})
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        field = ".".join(str(part) for part in error["loc"])
        raise InputError(Problem(f"{_NOT_THE_API}: {field}: {error['msg']}", name)) from None


def _parse(text: str, name: str) -> Any:
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        if not text[exc.pos :].strip() or exc.msg.startswith("Unterminated string"):
            message = f"the JSON ends too early (at byte {len(text.encode('utf-8'))}): was the download cut short?"
            raise InputError(Problem(message, name, exc.lineno)) from None
        message = f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        raise InputError(Problem(message, name, exc.lineno)) from None
    except RuleError as exc:
        raise InputError(Problem(f"malformed JSON: {exc}", name)) from None


def _no_constant(constant: str) -> Any:
    raise RuleError(f"{constant} is not a JSON number")


def _item(raw: Any, index: int, name: str) -> PriceItem:
    where = f"Items[{index}]"
    if not isinstance(raw, dict):
        raise InputError(Problem(f"an item is a JSON object; this is a JSON {_kind(raw)}", name, ident=where))
    try:
        return PriceItem.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        field = ".".join(str(part) for part in error["loc"])
        meter = raw.get("meterName")
        named = f" ({meter})" if isinstance(meter, str) and meter else ""
        raise InputError(Problem(f"{field}: {error['msg']}", name, ident=f"{where}{named}")) from None


def _kind(value: Any) -> str:
    return {dict: "object", list: "list", str: "string", bool: "true/false", type(None): "null"}.get(
        type(value), "number"
    )
