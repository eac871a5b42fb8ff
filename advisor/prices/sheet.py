"""A price sheet: the items of one query's pages, for one region in one currency, with where and when they came from.

:func:`assemble` puts pages together, fetched or saved, and refuses, naming the page and the item, a page or an
item in another currency than asked (or than the first page's), an item of another region, more items than the
documented limit, and pages holding no item at all. Items without a region (a few global meters) are kept.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from advisor.errors import InputError, Problem
from advisor.json_scan import over_limit
from advisor.limits import PRICE_PAGE
from advisor.prices.api_page import ApiPage, PriceItem

Origin = Literal["fetched", "imported"]


@dataclass(frozen=True)
class NamedPage:
    """A page and what names it in messages: its file, or ``page N of URL``."""

    name: str
    page: ApiPage


@dataclass(frozen=True)
class PriceSheet:
    """What is stored: the items in page order, the query (``filter``) and the date the prices were read."""

    region: str
    currency: str
    filter: str  # the API's $filter; "" when saved pages do not repeat it
    origin: Origin
    source: str  # the endpoint fetched, or the files imported
    fetched_at: datetime.datetime  # when the prices were read from the API (or saved, for an import)
    items: tuple[PriceItem, ...]
    page_count: int


def assemble(
    pages: Sequence[NamedPage], *, region: str | None, currency: str | None
) -> tuple[str, str, tuple[PriceItem, ...]]:
    """The region, the currency and every item of ``pages``; InputError at the first page or item that disagrees.

    ``region`` and ``currency`` are what was asked; None takes them from the first page (its currency, its first
    item's region).
    """
    if not pages:
        raise InputError(Problem("no pages were given: nothing was stored"))
    if len(pages) > (PRICE_PAGE.max_files or len(pages)):
        raise over_limit(pages[-1].name, f"more than {PRICE_PAGE.max_files:,} pages in one sheet")
    wanted_currency = currency or pages[0].page.BillingCurrency
    wanted_region = region or next((i.arm_region_name for p in pages for i in p.page.Items if i.arm_region_name), "")
    items: list[PriceItem] = []
    for named in pages:
        page = named.page
        if page.BillingCurrency != wanted_currency:
            asked = "as asked" if currency else "as the first page"
            message = f"the page is priced in {page.BillingCurrency}, not {wanted_currency} {asked}: nothing was stored"
            raise InputError(Problem(message, named.name, ident="BillingCurrency"))
        for index, item in enumerate(page.Items):
            where = f"Items[{index}] ({item.meter_name})"
            if item.currency_code != wanted_currency:
                message = f"priced in {item.currency_code}, not {wanted_currency}: nothing was stored"
                raise InputError(Problem(message, named.name, ident=where))
            if item.arm_region_name and item.arm_region_name != wanted_region:
                message = f"a price in {item.arm_region_name}, not {wanted_region}: one sheet is one region"
                raise InputError(Problem(message + "; nothing was stored", named.name, ident=where))
        items.extend(page.Items)
        if len(items) > (PRICE_PAGE.max_rows or len(items)):
            raise over_limit(named.name, f"more than {PRICE_PAGE.max_rows:,} prices in one sheet")
    if not items:
        names = ", ".join(p.name for p in pages[:3]) + (" …" if len(pages) > 3 else "")
        raise InputError(Problem(f"the pages hold no prices (empty Items): nothing was stored ({names})",
                                 pages[0].name))  # fmt: skip
    return wanted_region, wanted_currency, tuple(items)
