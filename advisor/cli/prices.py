"""The price sheet commands: ``prices fetch``, ``prices import``, ``prices list`` and ``prices delete``.

``prices fetch --region R [--currency C] [--endpoint URL] [--backoff SECONDS]`` downloads the candidates'
retail prices (progress on stderr, a line per page) and stores them as one sheet; ``ADVISOR_PRICES_ENDPOINT``
and ``ADVISOR_PRICES_BACKOFF`` do what the flags do. ``prices import FILE...`` stores saved API pages, all or
nothing. ``prices list`` shows every stored sheet, its age, region, currency and item count, and which is in use.
``prices delete ID`` removes a sheet; records signed with its prices keep them and say it was deleted.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import Any

from advisor.errors import InputError, Problem


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    prices = commands.add_parser("prices", help="Azure retail price sheets: fetch, import, list")
    actions = prices.add_subparsers(dest="prices_command", required=True, metavar="ACTION")
    fetch = actions.add_parser("fetch", parents=[common], help="download the candidates' retail prices for a region")
    fetch.add_argument("--region", required=True, metavar="R", help="Azure region as Resource Manager names it")
    fetch.add_argument("--currency", metavar="C", help="currency code (default: USD)")
    fetch.add_argument("--endpoint", metavar="URL", help="the Retail Prices API or a mirror (ADVISOR_PRICES_ENDPOINT)")
    fetch.add_argument(
        "--backoff", type=float, metavar="SECONDS", help="first wait between tries (ADVISOR_PRICES_BACKOFF)"
    )
    fetch.add_argument("--author", metavar="NAME", help="display name saved with the sheet (default: OS user)")
    imported = actions.add_parser("import", parents=[common], help="load saved API pages (JSON), all or nothing")
    imported.add_argument("files", type=Path, nargs="+", metavar="FILE", help="pages saved from the API, in order")
    imported.add_argument("--region", metavar="R", help="check that the pages are of this region")
    imported.add_argument("--currency", metavar="C", help="check that the pages are in this currency")
    imported.add_argument("--author", metavar="NAME", help="display name saved with the sheet (default: OS user)")
    actions.add_parser("list", parents=[common], help="the stored price sheets, their age and which are in use")
    delete = actions.add_parser("delete", parents=[common], help="remove a stored sheet (signed records keep theirs)")
    delete.add_argument("sheet", type=int, metavar="ID", help="the sheet's id, as `prices list` shows it")
    delete.add_argument("--author", metavar="NAME", help="display name for the audit log (default: OS user)")


def prices_command(args: argparse.Namespace) -> int:
    from advisor import load_knowledge, services
    from advisor.cli import identity

    kb = load_knowledge(args.knowledge)
    with services.open_context(kb=kb) as ctx:
        if args.prices_command == "list":
            views = services.list_price_sheets(ctx)
            _emit(args.format, [_view_dict(v, ctx.now()) for v in views], _list_text(views, ctx.now()))
            return 0
        actor = identity.actor(args.author)
        if args.prices_command == "delete":
            gone = services.delete_price_sheet(ctx, actor, args.sheet)
            text = (f"deleted price sheet {gone.id}: {gone.region} in {gone.currency}, read {_when(gone.fetched_at)}; "
                    "signed records that used it keep their figures")  # fmt: skip
            _emit(args.format, _sheet_dict(gone), text)
            return 0
        if args.prices_command == "fetch":
            if args.backoff is not None and not 0 <= args.backoff <= 3600:
                raise InputError(Problem("--backoff must be seconds from 0 to 3600", ident="--backoff"))
            progress = _Progress()
            try:
                sheet = services.fetch_price_sheet(ctx, actor, args.region, args.currency, endpoint=args.endpoint,
                                                   backoff=args.backoff, progress=progress)  # fmt: skip
            finally:
                progress.end()
        else:
            sheet = services.import_price_files(ctx, actor, args.files, region=args.region, currency=args.currency)
    text = (
        f"stored price sheet {sheet.id}: {sheet.region} in {sheet.currency}, {sheet.item_count:,} prices from "
        f"{sheet.page_count:,} pages, read {_when(sheet.fetched_at)}; it is the one in use for {sheet.region} in "
        f"{sheet.currency}"
    )
    _emit(args.format, _sheet_dict(sheet), text)
    return 0


class _Progress:
    """A line per page on stderr (rewritten in place on a terminal)."""

    def __init__(self) -> None:
        self.pages = 0
        self.live = sys.stderr.isatty()

    def __call__(self, page: Any, items: int) -> None:
        self.pages = page.number
        line = f"fetching prices: page {page.number:,}, {items:,} prices so far"
        sys.stderr.write(f"\r{line}" if self.live else f"{line}\n")
        sys.stderr.flush()

    def end(self) -> None:
        if self.live and self.pages:
            sys.stderr.write("\n")


def _when(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _sheet_dict(sheet: Any) -> dict[str, Any]:
    return {
        "id": sheet.id, "region": sheet.region, "currency": sheet.currency, "items": sheet.item_count,
        "pages": sheet.page_count, "origin": sheet.origin, "source": sheet.source, "filter": sheet.query_filter,
        "fetched_at": sheet.fetched_at.isoformat(), "loaded_at": sheet.loaded_at.isoformat(), "loaded_by": sheet.author,
    }  # fmt: skip


def _view_dict(view: Any, now: datetime.datetime) -> dict[str, Any]:
    return {**_sheet_dict(view.sheet), "age": view.age(now), "in_use": view.in_use}


def _list_text(views: list[Any], now: datetime.datetime) -> str:
    if not views:
        return (
            "no price sheets loaded: run `python -m advisor prices fetch --region REGION [--currency CODE]`, "
            "or `python -m advisor prices import FILE...` with pages saved as the README shows"
        )
    rows = [("sheet", "region", "currency", "prices", "age", "read", "origin", "loaded by", "in use")]
    for view in views:
        s = view.sheet
        rows.append((str(s.id), s.region, s.currency, f"{s.item_count:,}", view.age(now), _when(s.fetched_at),
                     s.origin, s.author, "yes" if view.in_use else "no (older)"))  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows)


def _emit(fmt: str, data: Any, text: str) -> None:
    if fmt == "json":
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text.rstrip("\n") + "\n")
