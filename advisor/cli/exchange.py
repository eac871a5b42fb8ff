"""The record exchange commands of the command line: ``export`` and ``import`` (contract §5).

``export --format json|csv|xlsx|madr [--status S] [--workload NAME ...] [--out PATH]`` writes the chosen
records; json and csv go to stdout without ``--out``, xlsx and madr (a zip) need it. ``import FILE`` brings
a JSON export in, all or nothing: on any fault it prints one line per problem, naming the file, the
workload, the record version and the field, imports nothing and exits 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from advisor.errors import InputError, Problem
from advisor.json_scan import read_bounded
from advisor.limits import IMPORT_JSON
from advisor.models.statuses import FILTER_STATUSES, status_label

EXPORT_FORMATS = ("json", "csv", "xlsx", "madr")
BINARY_FORMATS = ("xlsx", "madr")


_STATUS_HELP = "only workloads of this status: " + ", ".join(f"{s} ({status_label(s)})" for s in FILTER_STATUSES)


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export", help="export decision records as JSON, CSV, Excel or Markdown decision records (MADR, zipped)"
    )
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True, help="the export format")
    export.add_argument("--status", metavar="S", help=_STATUS_HELP)
    export.add_argument(
        "--workload", nargs="+", action="extend", metavar="NAME", help="only these workloads (names ignore case)"
    )
    export.add_argument("--session", type=int, metavar="ID", help="only the workloads on this review session's agenda")
    export.add_argument("--out", type=Path, metavar="PATH", help="write to PATH (needed for xlsx and madr)")
    export.add_argument("--knowledge", type=Path, default=None, metavar="DIR", help="knowledge folder for labels")
    imported = commands.add_parser("import", parents=[common], help="import a JSON export, all or nothing")
    imported.add_argument("file", type=Path, metavar="FILE", help="a JSON export of this or another instance")


def export_command(args: argparse.Namespace) -> int:
    from advisor import load_knowledge, services
    from advisor.export import FORMATS

    if args.format in BINARY_FORMATS and args.out is None:
        kind = "an Excel workbook" if args.format == "xlsx" else "a zip of Markdown files"
        raise InputError(Problem(f"{args.format} writes {kind}: give --out PATH", ident="--out"))
    with services.open_context(kb=load_knowledge(args.knowledge)) as ctx:
        chosen = services.select_records(ctx, status=args.status, names=args.workload, session=args.session)
    data = FORMATS[args.format](chosen)
    if args.out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        try:
            args.out.write_bytes(data)
        except OSError as exc:
            raise InputError(Problem(f"cannot write the export: {exc.strerror}", file=str(args.out))) from None
    versions = chosen.record_count
    where = f" to {args.out}" if args.out is not None else ""
    print(f"exported {len(chosen.workloads)} workloads ({versions} record versions) as {args.format}{where}",
          file=sys.stderr)  # fmt: skip
    return 0


def import_command(args: argparse.Namespace) -> int:
    from advisor import load_knowledge, services
    from advisor.cli import identity

    data = read_bounded(args.file, IMPORT_JSON.max_bytes)  # never more: a device or a pipe may not end
    actor = identity.actor(named=False)  # the versions keep their own authors; the importer acts
    with services.open_context(kb=load_knowledge(args.knowledge)) as ctx:
        report = services.import_records(ctx, actor, data, str(args.file))
    if args.format == "json":
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        lines = [report.text()]
        for item in report.workloads:
            numbers = ", ".join(map(str, item.added)) or "none"
            lines.append(f"  {item.name}: {'new, ' if item.created else ''}versions added: {numbers}"
                         + (f"; {item.skipped} already here" if item.skipped else ""))  # fmt: skip
        sys.stdout.write("\n".join(lines) + "\n")
    return 0
