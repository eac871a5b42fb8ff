"""The ``costs`` command, and ``prices delete``: what each candidate of a workload would cost, from the command line.

``costs --workload NAME`` shows the latest record's estimates as the app does (kept from the sign-off, or computed
from the sheet in use). ``--executions N --duration-ms MS [--memory-mb MB]`` prices Azure Functions with that cost
input (not saved: the result page saves one), and ``--prices FILE...`` prices against saved Retail Prices API
pages without storing them. A candidate whose meter has no price, and a frozen sheet that was deleted, are
warnings on stderr (exit 0); a bad cost input or an unknown workload is an error (exit 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from advisor.decide.reason_words import Words
from advisor.errors import InputError
from advisor.json_scan import read_bounded
from advisor.limits import PRICE_PAGE

_OPTIONS = {"executions": "--executions", "duration_ms": "--duration-ms", "memory_mb": "--memory-mb"}


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    costs = commands.add_parser("costs", parents=[common], help="what each candidate of a workload would cost")
    costs.add_argument("--workload", required=True, metavar="NAME", help="the workload (its latest record)")
    costs.add_argument("--executions", metavar="N", help="Functions cost input: executions a month")
    costs.add_argument("--duration-ms", metavar="MS", help="Functions cost input: average duration in milliseconds")
    costs.add_argument("--memory-mb", metavar="MB", default="512", help="Functions cost input: memory (default 512)")
    costs.add_argument("--prices", type=Path, nargs="+", metavar="FILE", help="saved API pages to price against")


def costs_command(args: argparse.Namespace) -> int:
    from advisor import load_knowledge, services

    kb = load_knowledge(args.knowledge)
    usage = None
    if args.executions is not None or args.duration_ms is not None:
        try:
            usage = services.functions_usage(args.executions, args.duration_ms, args.memory_mb)
        except InputError as exc:  # the fields are this command's options: name the option
            raise InputError([replace(p, ident=_OPTIONS.get(p.ident or "", p.ident)) for p in exc.problems]) from None
    pages = [(str(path), read_bounded(path, PRICE_PAGE.max_bytes)) for path in args.prices] if args.prices else None
    with services.open_context(kb=kb) as ctx:
        record, view = services.workload_costs(ctx, args.workload, usage=usage, pages=pages)
    words = Words.from_kb(kb)
    names = {c.service: words.service(c.service) for c in view.costs.candidates}
    where = ", ".join(str(p) for p in args.prices) if args.prices else "price sheet"
    if view.sheet_deleted:
        print(f"warning: {record.workload_name}: {view.sheet_words}", file=sys.stderr)
    for candidate in view.costs.candidates:
        if candidate.status == "missing_price":
            print(f"warning: {where}: {names[candidate.service]}: {candidate.reason}", file=sys.stderr)
    if args.format == "json":
        json.dump(_document(record, view, names), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(_text(record, view, names) + "\n")
    return 0


def _document(record: Any, view: Any, names: dict[str, str]) -> dict[str, Any]:
    sheet = view.costs.sheet
    return {
        "workload": record.workload_name, "version": record.version,
        "sheet": sheet.model_dump(mode="json") if sheet else None, "frozen": view.frozen,
        "sheet_deleted": view.sheet_deleted, "reason": view.costs.reason, "sizing": list(view.costs.sizing),
        "candidates": [
            {**c.model_dump(mode="json"), "service_name": names[c.service], "yearly": c.yearly}
            for c in view.costs.candidates
        ],
    }  # fmt: skip


def _text(record: Any, view: Any, names: dict[str, str]) -> str:
    head = f"{record.workload_name}, version {record.version}: {view.sheet_words or view.costs.reason}"
    lines = [head]
    for candidate in view.costs.candidates:
        lines.append(f"- {names[candidate.service]}: {view.summary(candidate.service)}")
        if candidate.monthly is not None:
            lines += [f"    {text}" for text in view.assumptions(candidate.service, with_sheet=False)]
    if view.costs.sizing:
        lines += ["Sized from:", *(f"    {line}" for line in view.costs.sizing)]
    return "\n".join(lines)
