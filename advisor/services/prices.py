"""Price sheets: fetch Azure's retail prices online, import saved pages offline, list what is loaded.

Loading a sheet needs the ``load_prices`` permission (in team mode only admins have it, with sign-in) and stores
the sheet and all its items in one transaction after every page was read and checked: a fetch that fails midway,
or one bad page among many files, stores nothing. Old sheets are kept (records that used them name them); the
newest per region and currency (by the date its prices were read) is the one in use.

Auditing: sign-in (issue 17) brings the audit log; when it lands, both loaders record there who loaded which sheet.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from advisor.errors import InputError, Problem
from advisor.json_scan import over_limit, read_bounded
from advisor.limits import PRICE_PAGE, size_text
from advisor.models.actor import Actor
from advisor.models.price_meters import PriceKnowledge
from advisor.prices import (
    OFFLINE_HINT,
    FetchedPage,
    FetchSettings,
    NamedPage,
    PriceItem,
    PriceSheet,
    assemble,
    currency_code,
    fetch_pages,
    first_page_url,
    read_page,
    region_name,
    sheet_filter,
)
from advisor.prices.fetch import configured_endpoint
from advisor.services.access import Grant, require
from advisor.services.context import ServiceContext
from advisor.store import PriceSheetSummary, UnitOfWork

__all__ = [
    "OFFLINE_HINT",
    "FetchSettings",
    "FetchedPage",
    "PriceSheetView",
    "delete_price_sheet",
    "fetch_price_sheet",
    "import_price_files",
    "import_price_pages",
    "list_price_sheets",
    "offline_script",
    "price_sheet_items",
    "prices_hint",
]

FETCH_COMMAND = "python -m advisor prices fetch --region REGION [--currency CODE]"


@dataclass(frozen=True)
class PriceSheetView:
    """A stored sheet as the list shows it: ``in_use`` for the newest of its region and currency."""

    sheet: PriceSheetSummary
    in_use: bool

    def age(self, now: datetime.datetime) -> str:
        """How old the prices are, in words: ``today``, ``1 day``, ``12 days``."""
        days = (now - self.sheet.fetched_at).days
        if days <= 0:
            return "today"
        return "1 day" if days == 1 else f"{days:,} days"


def _knowledge(ctx: ServiceContext) -> PriceKnowledge:
    if ctx.kb.prices is None:
        raise InputError(Problem("the knowledge base has no prices.yaml: prices cannot be loaded", ident="prices"))
    return ctx.kb.prices


def fetch_price_sheet(
    ctx: ServiceContext,
    actor: Actor,
    region: str,
    currency: str | None = None,
    *,
    endpoint: str | None = None,
    backoff: float | None = None,
    settings: FetchSettings | None = None,
    progress: Callable[[FetchedPage, int], None] | None = None,
) -> PriceSheetSummary:
    """Fetch every candidate's prices in ``region`` (``currency``: the knowledge's default when None) from the
    Retail Prices API (``endpoint``, else ``ADVISOR_PRICES_ENDPOINT``, else the knowledge's) and store them as one
    sheet; nothing is stored when any page fails (the error says how to import the pages offline instead).

    ``backoff`` replaces the first wait between tries (seconds; else ``ADVISOR_PRICES_BACKOFF``, else the
    knowledge's); ``settings`` replaces the whole policy; ``progress`` hears of each page read."""
    grant = require(ctx, actor, "load_prices", "fetch price sheet", f"{region} {currency or ''}".strip())
    knowledge = _knowledge(ctx)
    asked_region, asked_currency = region_name(region), currency_code(knowledge, currency)
    query = sheet_filter(knowledge, asked_region)
    base = endpoint or configured_endpoint(knowledge.endpoint)
    url = first_page_url(base, knowledge.api_version, asked_currency, query)
    policy = settings or FetchSettings.of(knowledge.fetch, backoff)
    fetched_at = ctx.now()
    try:
        fetched = fetch_pages(url, policy, progress)
        pages = [NamedPage(page.name, page.page) for page in fetched]
        region_found, currency_found, items = assemble(pages, region=asked_region, currency=asked_currency)
    except InputError as exc:
        raise (exc if OFFLINE_HINT in str(exc) else _with_hint(exc)) from None
    sheet = PriceSheet(region_found, currency_found, query, "fetched", base, fetched_at, items, len(pages))
    return _store(ctx, actor, grant, sheet)


def import_price_pages(
    ctx: ServiceContext,
    actor: Actor,
    files: Sequence[tuple[str, bytes]],
    *,
    region: str | None = None,
    currency: str | None = None,
    saved_at: datetime.datetime | None = None,
) -> PriceSheetSummary:
    """Store the saved API pages ``files`` (name, bytes; one page each, in page order) as one sheet, all or nothing.

    ``region`` and ``currency`` check the pages when given; else they are the first page's. ``saved_at`` is when
    the pages were saved (the sheet's date; default now)."""
    grant = require(ctx, actor, "load_prices", "import price sheet", ", ".join(name for name, _ in files))
    knowledge = _knowledge(ctx)
    asked_region = region_name(region) if region else None
    asked_currency = currency_code(knowledge, currency) if currency else None
    _check_pages(len(files), sum(len(data) for _, data in files), files[-1][0] if files else "")
    pages = [NamedPage(name, read_page(data, name)) for name, data in files]
    if pages and pages[-1].page.NextPageLink:
        message = (
            "the last page links to a next page (NextPageLink): pages are missing, the download stopped early or "
            "the files are out of order; nothing was stored"
        )
        raise InputError(Problem(message, pages[-1].name, ident="NextPageLink"))
    region_found, currency_found, items = assemble(pages, region=asked_region, currency=asked_currency)
    query = next((page.page.query_filter for page in pages if page.page.query_filter), "")
    source = ", ".join(name for name, _ in files)
    when = saved_at or ctx.now()
    sheet = PriceSheet(region_found, currency_found, query or "", "imported", source, when, items, len(pages))
    return _store(ctx, actor, grant, sheet)


def import_price_files(
    ctx: ServiceContext, actor: Actor, paths: Sequence[Path], *, region: str | None = None, currency: str | None = None
) -> PriceSheetSummary:
    """:func:`import_price_pages` of files on disk; the sheet's date is when the newest of them was saved."""
    _check_pages(len(paths), 0, str(paths[-1]) if paths else "")
    files: list[tuple[str, bytes]] = []
    total = 0
    for path in paths:  # checked as read: never more than the limit in memory
        data = read_bounded(path, PRICE_PAGE.max_bytes)
        total += len(data)
        _check_pages(len(files) + 1, total, str(path))
        files.append((str(path), data))
    saved = max(datetime.datetime.fromtimestamp(path.stat().st_mtime, datetime.UTC) for path in paths)
    return import_price_pages(ctx, actor, files, region=region, currency=currency, saved_at=min(saved, ctx.now()))


def _check_pages(count: int, size: int, name: str) -> None:
    """Refuse more pages, or more bytes of pages, than one sheet may have (:data:`~advisor.limits.PRICE_PAGE`)."""
    if count > (PRICE_PAGE.max_files or count):
        raise over_limit(name, f"more than {PRICE_PAGE.max_files:,} pages in one sheet")
    if size > (PRICE_PAGE.max_total_bytes or size):
        raise over_limit(name, f"pages of more than {size_text(PRICE_PAGE.max_total_bytes or 0)} in all")


def _store(ctx: ServiceContext, actor: Actor, grant: Grant, sheet: PriceSheet) -> PriceSheetSummary:
    """The sheet and its audit line, in one unit of work."""
    loaded_at = ctx.now()

    def work(unit: UnitOfWork) -> PriceSheetSummary:
        stored = unit.prices.insert_sheet(sheet, loaded_at=loaded_at, actor_id=actor.id, author=actor.name)
        detail = f"{sheet.origin}, {len(sheet.items)} prices from {sheet.page_count} pages"
        grant.record(unit, loaded_at, f"{sheet.region} {sheet.currency}", detail)
        return stored

    return ctx.database.run(work)


def _with_hint(exc: InputError) -> InputError:
    last = exc.problems[-1]
    hinted = Problem(f"{last.message}; {OFFLINE_HINT}", last.file, last.line, last.ident, last.check)
    return InputError([*exc.problems[:-1], hinted])


def offline_script(ctx: ServiceContext, region: str, currency: str | None = None) -> str:
    """The shell lines that save a sheet's pages with ``curl`` where there is internet, then import them here."""
    knowledge = _knowledge(ctx)
    code = currency_code(knowledge, currency)
    endpoint = configured_endpoint(knowledge.endpoint)
    url = first_page_url(endpoint, knowledge.api_version, code, sheet_filter(knowledge, region))
    return f"url='{url}'\n" + _SAVE_PAGES


# Saves every page of the query in $url as page0001.json, page0002.json... (so `page*.json` keeps their order).
_SAVE_PAGES = """n=1
while [ -n "$url" ]; do
  page=$(printf "page%04d.json" "$n")
  curl --silent --show-error --fail --retry 5 --output "$page" "$url" || break
  url=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['NextPageLink'] or '')" "$page")
  n=$((n+1))
done
# then, where the advisor runs (it refuses pages whose last one still links to a next page):
python -m advisor prices import page*.json"""


def delete_price_sheet(ctx: ServiceContext, actor: Actor, sheet_id: int) -> PriceSheetSummary:
    """Remove a stored sheet and its prices (``load_prices`` permission, audited). Signed records that froze
    estimates from it keep their figures and say the sheet was deleted; other records use the sheet now in use."""
    grant = require(ctx, actor, "load_prices", "delete price sheet", f"sheet {sheet_id}")

    def work(unit: UnitOfWork) -> PriceSheetSummary:
        deleted = unit.prices.delete_sheet(sheet_id)
        if deleted is None:
            raise InputError(Problem(f"no price sheet with id {sheet_id}", ident="sheet"))
        when = deleted.fetched_at.date().isoformat()
        grant.record(unit, ctx.now(), f"{deleted.region} {deleted.currency}", f"the sheet of {when} was deleted")
        return deleted

    return ctx.database.run(work)


def list_price_sheets(ctx: ServiceContext) -> list[PriceSheetView]:
    """Every stored sheet, newest prices first; the newest of each region and currency is in use."""
    with ctx.database.read() as unit:
        sheets = unit.prices.sheets()
    used: set[tuple[str, str]] = set()
    views = []
    for sheet in sheets:
        key = (sheet.region, sheet.currency)
        views.append(PriceSheetView(sheet, key not in used))
        used.add(key)
    return views


def price_sheet_items(ctx: ServiceContext, sheet_id: int) -> tuple[PriceItem, ...]:
    """A stored sheet's prices in page order."""
    with ctx.database.read() as unit:
        return unit.prices.items(sheet_id)


def prices_hint(ctx: ServiceContext) -> str:
    """The line shown where a price would be: which sheet is in use, or how to get one."""
    views = [view for view in list_price_sheets(ctx) if view.in_use]
    if not views:
        return (
            "No price sheet is loaded, so no prices are shown. Load Azure's retail prices on the Settings page, "
            f"or run `{FETCH_COMMAND}` (offline: `python -m advisor prices import FILE...`)."
        )
    now = ctx.now()
    loaded = "; ".join(f"{v.sheet.region} in {v.sheet.currency} ({v.age(now)} old)" for v in views[:3])
    more = f" and {len(views) - 3} more" if len(views) > 3 else ""
    return f"Price sheets loaded: {loaded}{more}. Each workload's result shows what every candidate would cost."
