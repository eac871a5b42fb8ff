"""Azure's retail prices: pages of the public Retail Prices API, fetched online or saved and imported offline,
put together into one price sheet per region and currency.

``api_page`` reads one page (strict JSON within the documented limits, every item validated); ``fetch``
follows ``NextPageLink`` over HTTP with retries and backoff; ``query`` makes the ``$filter`` from
``knowledge/prices.yaml``; ``sheet`` puts pages together and checks their currency and region. Storing a sheet
is the services' (:mod:`advisor.services.prices`). Never imports Streamlit or the store.
"""

from advisor.prices.api_page import ApiPage, PriceItem, read_page
from advisor.prices.fetch import OFFLINE_HINT, FetchedPage, FetchSettings, fetch_pages, first_page_url
from advisor.prices.query import currency_code, region_name, sheet_filter
from advisor.prices.sheet import NamedPage, PriceSheet, assemble

__all__ = [
    "OFFLINE_HINT",
    "ApiPage",
    "FetchSettings",
    "FetchedPage",
    "NamedPage",
    "PriceItem",
    "PriceSheet",
    "assemble",
    "currency_code",
    "fetch_pages",
    "first_page_url",
    "read_page",
    "region_name",
    "sheet_filter",
]
