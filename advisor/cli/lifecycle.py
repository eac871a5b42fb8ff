"""The ``lifecycle`` command, and the ``--as-of`` / ``--horizon-months`` options every lifecycle judgement takes.

``python -m advisor lifecycle [--service ID] [--as-of DATE] [--horizon-months N] [--format json]`` lists the
entries of knowledge/lifecycle.yaml by date: what retires (service, plan, feature or size family), what happens
and when, its status at the judgement (past, within the horizon, later), the services it touches, what Microsoft
names instead and the source. ``--service`` keeps the entries touching that catalog service, or naming it
among the replacements.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def add_judgement_options(parser: argparse.ArgumentParser) -> None:
    """``--as-of`` and ``--horizon-months``; read as text and checked by :func:`judgement_from_args`."""
    parser.add_argument("--as-of", metavar="DATE", help="judge lifecycle dates as of DATE (YYYY-MM-DD; default today)")
    parser.add_argument(
        "--horizon-months",
        metavar="N",
        help="how far ahead a lifecycle date counts, in months (default: horizon_months of knowledge/lifecycle.yaml)",
    )


def judgement_from_args(kb: Any, args: argparse.Namespace) -> Any:
    """The judgement the options ask for; a bad value is an InputError naming the option (exit 2)."""
    from advisor.services.lifecycle import parse_judgement

    return parse_judgement(kb, getattr(args, "as_of", None), getattr(args, "horizon_months", None))


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    listing = commands.add_parser(
        "lifecycle", parents=[common], help="list the lifecycle entries (what retires when) and what each touches"
    )
    listing.add_argument("--service", metavar="ID", help="only entries touching this catalog service id")
    add_judgement_options(listing)


def lifecycle_command(args: argparse.Namespace) -> int:
    from advisor import load_knowledge
    from advisor.services import lifecycle_listing

    kb = load_knowledge(args.knowledge)
    judgement = judgement_from_args(kb, args)
    data = lifecycle_listing(kb, judgement, args.service)
    if args.format == "json":
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(_text(data, judgement.describe()) + "\n")
    return 0


_STATUS = {"past": "past", "within_horizon": "WITHIN HORIZON", "later": "later"}


def _text(data: dict[str, Any], judgement: str) -> str:
    rows = data["entries"]
    scope = f" touching {data['service']}" if data["service"] else ""
    lines = [f"Lifecycle {data['revision']}: {len(rows)} entries{scope}, {judgement}"]
    for row in rows:
        lines.append(f"\n{row['date']}  [{_STATUS[row['status']]}]  {row['text']}")
        touched = ", ".join(t["name"] for t in row["touches"]) or "no candidate service"
        lines.append(f"    touches: {touched}")
        if row["replacement_services"]:
            lines.append("    replacement services: " + ", ".join(s["name"] for s in row["replacement_services"]))
        if row["sources_disagree"]:
            claims = row["sources_disagree"]["claims"]
            lines.append("    sources disagree: " + " · ".join(
                f"{claim['value']} ({'; '.join(source['title'] for source in claim['sources'])})" for claim in claims
            ))  # fmt: skip
        lines.append(f"    source: {row['source']}")
    return "\n".join(lines)
