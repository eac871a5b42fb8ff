"""Pydantic model of ``knowledge/prices.yaml``: where Azure's retail prices come from and which meters the
candidate services need.

The Retail Prices API (no sign-in) answers a GET with one page of ``Items`` and a ``NextPageLink`` to the next.
One price sheet is one query: the API's ``$filter`` made of ``filter`` with ``{region}`` and ``{services}``
filled in, ``{services}`` being each service's own filter joined with `` or ``. A candidate whose meters are
another service's (Batch runs virtual machines) has no filter of its own and says why in ``note``.
"""

from __future__ import annotations

from pydantic import Field

from advisor.models.lifecycle import SOURCE_PATTERN
from advisor.models.tree import KnowledgeModel

REGION_PATTERN = r"^[a-z][a-z0-9]{1,49}$"  # Resource Manager region names: westeurope, eastus2, ...
CURRENCY_PATTERN = r"^[A-Z]{3}$"


class ServiceMeters(KnowledgeModel):
    service: str = Field(min_length=1, description="The catalog id of the candidate service.")
    filter: str | None = Field(
        None, min_length=1, description="The API's $filter for this service's meters (`serviceName eq '...'`)."
    )
    note: str | None = Field(None, min_length=1, description="Why a service has no filter of its own.")


class FetchPolicy(KnowledgeModel):
    """How patiently pages are fetched: tries per page and the backoff between them (the pages a sheet may have
    are an input limit, ``advisor.limits.PRICE_PAGE``)."""

    attempts: int = Field(ge=1, le=20, description="Tries per page before giving up (429, 5xx, network errors).")
    first_delay_seconds: float = Field(ge=0, le=600, description="Wait before the second try; doubled each time.")
    max_delay_seconds: float = Field(ge=0, le=3600, description="No wait is longer, Retry-After included.")
    timeout_seconds: float = Field(gt=0, le=600, description="For one request to answer.")


class PriceKnowledge(KnowledgeModel):
    source: str = Field(pattern=SOURCE_PATTERN, description="The page documenting the Retail Prices API.")
    endpoint: str = Field(pattern=r"^https?://", description="The API's URL (a mirror can replace it).")
    api_version: str = Field(min_length=1, description="The `api-version` query parameter.")
    default_currency: str = Field(pattern=CURRENCY_PATTERN)
    currencies: list[str] = Field(min_length=1, description="The currency codes the API documents.")
    filter: str = Field(min_length=1, description="The $filter of a sheet: `{region}` and `{services}` are filled in.")
    fetch: FetchPolicy
    services: list[ServiceMeters] = Field(min_length=1)
