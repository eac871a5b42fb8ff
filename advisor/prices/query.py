"""The query of a price sheet: the region and currency asked, checked, and the API's ``$filter`` for them."""

from __future__ import annotations

import re

from advisor.errors import InputError, Problem
from advisor.models.price_meters import REGION_PATTERN, PriceKnowledge


def region_name(text: str) -> str:
    """A Resource Manager region name (``westeurope``), as typed; InputError when it cannot be one."""
    region = (text or "").strip()
    if not re.fullmatch(REGION_PATTERN, region):
        shown = region[:60] or "(empty)"
        message = f"{shown!r} is not an Azure region name: give it as Resource Manager writes it, e.g. westeurope"
        raise InputError(Problem(message, ident="region"))
    return region


def currency_code(knowledge: PriceKnowledge, text: str | None) -> str:
    """The currency asked (any case), or the default; InputError when the API does not offer it."""
    code = (text or knowledge.default_currency).strip().upper()
    if code not in knowledge.currencies:
        offered = ", ".join(knowledge.currencies)
        raise InputError(Problem(f"the Retail Prices API has no currency {code[:10]!r} (it offers {offered})",
                                 ident="currency"))  # fmt: skip
    return code


def sheet_filter(knowledge: PriceKnowledge, region: str) -> str:
    """The API's ``$filter`` for every candidate's meters in ``region``."""
    services = " or ".join(entry.filter for entry in knowledge.services if entry.filter)
    return knowledge.filter.replace("{region}", region_name(region)).replace("{services}", services)
