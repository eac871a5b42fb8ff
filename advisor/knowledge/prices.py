"""Loading and checking ``knowledge/prices.yaml``: which Retail Prices API meters each candidate service needs.

:func:`check_prices` reports every fault with its file, line and id: the schema's (a field missing or of the
wrong form), a service the catalog does not know or listed twice, a service with neither a filter nor a note
saying why, a default currency not among the currencies, and a sheet filter without its ``{region}`` and
``{services}`` places.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from advisor.errors import Problem
from advisor.knowledge.loading import load_model
from advisor.models.price_meters import CURRENCY_PATTERN, PriceKnowledge

PRICES_FILE = Path("prices.yaml")


def check_prices(folder: Path, service_names: Mapping[str, str] | None) -> tuple[PriceKnowledge | None, list[Problem]]:
    """The price knowledge of ``folder`` and its problems; services are checked when ``service_names`` is given."""
    shown = str(Path(folder.name) / PRICES_FILE)
    loaded = load_model(folder / PRICES_FILE, PriceKnowledge, shown)
    if loaded.model is None:
        return None, loaded.problems
    model, problems = loaded.model, []

    def fault(message: str, at: tuple[str | int, ...], ident: str | None = None) -> None:
        problems.append(Problem(message, file=shown, line=loaded.line_of(at), ident=ident))

    for place in ("{region}", "{services}"):
        if place not in model.filter:
            fault(f"the sheet filter must hold {place}", ("filter",))
    for index, code in enumerate(model.currencies):
        if not re.fullmatch(CURRENCY_PATTERN, code):
            fault("a currency is three capital letters (ISO 4217)", ("currencies", index), code)
    if model.default_currency not in model.currencies:
        fault("the default currency is not among the currencies", ("default_currency",), model.default_currency)
    _check_services(model, service_names, fault)
    return (None if problems else model), problems


def _check_services(model: PriceKnowledge, service_names: Mapping[str, str] | None, fault: Callable[..., None]) -> None:
    seen: set[str] = set()
    for index, entry in enumerate(model.services):
        at = ("services", index)
        if entry.service in seen:
            fault("service listed twice", (*at, "service"), entry.service)
        seen.add(entry.service)
        if service_names is not None and entry.service not in service_names:
            fault("not a service of the catalog", (*at, "service"), entry.service)
        if entry.filter is None and entry.note is None:
            fault("give the service's filter, or a note saying why it has none", at, entry.service)
    if not any(entry.filter for entry in model.services):
        fault("no service has a filter: a sheet would hold nothing", ("services",))
