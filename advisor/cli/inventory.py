"""The inventory commands of the command line: ``triage`` and ``batch`` (contract §5)."""

from __future__ import annotations

import argparse
import errno
import itertools
import json
import os
import queue
import stat
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from advisor.cli.lifecycle import add_judgement_options
from advisor.errors import InputError, Problem
from advisor.limits import MAX_PROBLEMS_SHOWN

PROBLEMS_KEPT = 1000  # row problems in the JSON result, as the store keeps them; ``problem_count`` has them all


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    triage = commands.add_parser(
        "triage", parents=[common], help="triage a classic VM inventory: can the migration tool move each VM?"
    )
    triage.add_argument(
        "inventory",
        type=Path,
        nargs="+",
        metavar="INVENTORY",
        help="one or more inventory files (formats are detected by content)",
    )
    triage.add_argument("--vnets", type=Path, metavar="FILE", help="VNet facts CSV")
    triage.add_argument("--out", type=Path, metavar="FILE", help="write the JSON result to FILE")
    add_judgement_options(triage)
    batch = commands.add_parser(
        "batch", parents=[common], help="triage an inventory, then recommend for every VM from answer profiles"
    )
    batch.add_argument("inventory", type=Path, nargs="+", metavar="INVENTORY")
    batch.add_argument("--profiles", type=Path, required=True, metavar="FILE", help="answer profiles YAML")
    batch.add_argument("--vnets", type=Path, metavar="FILE", help="VNet facts CSV")
    batch.add_argument("--default-profile", metavar="NAME", help="profile for VMs whose `profile` column is empty")
    batch.add_argument("--out", type=Path, required=True, metavar="FILE", help="write the JSON result to FILE")


def triage_command(args: argparse.Namespace) -> int:
    # Only the triage rules: the decision tree and the store are not imported (see triage_knowledge).
    from advisor.triage.files import triage_files, triage_judgement, triage_knowledge

    rules = triage_knowledge(args.knowledge)
    judgement = triage_judgement(rules, getattr(args, "as_of", None), getattr(args, "horizon_months", None))
    done = triage_files(rules, args.inventory, args.vnets, judgement)
    result = done.result
    summary: dict[str, Any] = dict(result.summary())
    summary["import"] = _import_summary(done.inventory, done.problems)
    if args.out:
        try:
            with args.out.open("w", encoding="utf-8") as handle:
                _stream_triage(handle, summary, result)
        except OSError as exc:
            raise InputError(Problem(f"cannot write the result: {exc.strerror}", file=str(args.out))) from None
    if args.format == "json":
        # One JSON object on stdout: the whole result, or its summary when the whole went to --out.
        if args.out:
            json.dump({"summary": summary, "out": str(args.out)}, sys.stdout, ensure_ascii=False)
        else:
            _stream_triage(sys.stdout, summary, result)
        sys.stdout.write("\n")
    else:
        units = [unit.to_dict() for unit in result.units]
        sys.stdout.write(_triage_text({"summary": summary, "units": units}, args.out) + "\n")
    _report_problems(done.problems)
    return 0


def batch_command(args: argparse.Namespace) -> int:
    from advisor import load_knowledge
    from advisor.triage.files import batch_files

    done = batch_files(load_knowledge(args.knowledge), args.inventory, args.profiles, args.vnets, args.default_profile)
    result = done.result
    data = result.to_dict()
    data["summary"]["import"] = _import_summary(done.inventory, done.problems)
    _write_json(args.out, data)
    summary = data["summary"]
    if args.format == "json":
        json.dump(summary, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        lines = [f"{len(result.entries)} VMs triaged and recommended; written to {args.out}"]
        lines += [f"  {service}: {count}" for service, count in sorted(summary["recommended_services"].items())]
        lines.append(f"  without a recommendation: {summary['without_recommendation']}")
        sys.stdout.write("\n".join(lines) + "\n")
    _report_problems(done.problems)
    return 0


def _import_summary(inventory: Any, problems: list[Problem]) -> dict[str, Any]:
    return {
        "files": list(inventory.files), "formats": list(inventory.formats), "rows_read": inventory.rows_read,
        "rows_skipped": inventory.rows_skipped, "missing_columns": list(inventory.missing_columns),
        "extra_columns": list(inventory.extra_columns),
        "problems": [str(p) for p in problems[:PROBLEMS_KEPT]], "problem_count": len(problems),
    }  # fmt: skip


def _triage_text(data: dict[str, Any], out: Path | None) -> str:
    summary = data["summary"]
    counts = summary["verdicts"]
    lines = [
        f"{summary['vms']} VMs in {summary['units']} migration units "
        f"({summary['units_movable_whole']} can move whole):",
        *(f"  {verdict}: {count}" for verdict, count in counts.items()),
    ]
    lines += summary.get("verdict_notes", [])
    if summary["top_blockers"]:
        lines.append("Top findings:")
        lines += [f"  {b['rule']} {b['title']}: {b['vms']} VMs ({b['verdict']})" for b in summary["top_blockers"]]
    lines += _disagreements_text(summary.get("sources_disagree", []))
    blocked = [u for u in data["units"] if u["can_move_whole"] is not True]
    if blocked:
        lines.append("Units that cannot move whole (or not known):")
        for unit in blocked[:20]:
            names = ", ".join(vm["vm_name"] for vm in unit["held_back_by"][:5])
            lines.append(f"  {unit['kind']} {unit['unit']}: {unit['verdict']}; held back by {names}")
    if summary["advisories"]:
        lines.append("Not checkable from the inventory (advisories; check these by hand, they change no verdict):")
        lines += [f"  {a['rule']} {a['title']}" for a in summary["advisories"]]
    lines += _sizes_text(summary)
    imported = summary["import"]
    lines.append(f"Imported {imported['rows_read']} rows, skipped {imported['rows_skipped']}.")
    if out:
        lines.append(f"Full result written to {out}")
    return "\n".join(lines)


def _disagreements_text(disputed: list[dict[str, Any]]) -> list[str]:
    """Per finding about which Microsoft's pages disagree: every claim, with its sources and the tool's default."""
    lines = []
    for item in disputed:
        topic = item["topic"][:1].lower() + item["topic"][1:]
        lines.append(f"{item['rule']} {item['title']}. Sources disagree on {topic}:")
        chosen = (item["default"] or {}).get("claim")
        for claim in item["claims"]:
            sources = "; ".join(f"{source['title']}, dated {source['dated']}" for source in claim["sources"])
            mark = " [the tool goes by this]" if claim["id"] == chosen else ""
            lines.append(f"  {claim['value']}{mark}: {claim['says']} Source: {sources}.")
        if item["default"]:
            lines.append(f"  Why the tool goes by it: {item['default']['why']}")
    return lines


def _sizes_text(summary: dict[str, Any]) -> list[str]:
    """Per classic size: the current size to deploy and the like-for-like one, with vCPU, memory and lifecycle."""
    sizes = [row for row in summary.get("sizes", []) if row["classic"]]
    if not sizes:
        return []
    judged = summary.get("lifecycle")
    when = f" (as of {judged['as_of']}, {judged['horizon_months']}-month horizon)" if judged else ""
    lines = [f"Sizes{when}: deploy the current size; the like-for-like size may be retired:"]
    for row in sizes:
        vms = f"{row['vms']} VM" + ("" if row["vms"] == 1 else "s")
        lines.append(f"  {row['classic']} ({vms}): deploy {_size(row['arm_size'], row['arm'])}; "
                     f"like for like {_size(row['arm_size_like_for_like'], row['like_for_like'])}")  # fmt: skip
        lines += [f"      {note['text']}" for note in row["lifecycle"] if note["status"] != "later"]
    return lines


def _size(name: str | None, facts: dict[str, Any] | None) -> str:
    if name is None:
        return "no known size"
    return f"{name} ({facts['vcpus']} vCPU, {facts['memory_gib']:g} GiB)" if facts else name


def _stream_triage(handle: TextIO, summary: dict[str, Any], result: Any) -> None:
    """``{"summary", "units", "vms"}`` with the units and the VMs written a batch at a time, as JSON built
    column-wise (a million VMs never sit in memory as dicts, nor as one text)."""
    handle.write('{"summary": ')
    handle.write(json.dumps(summary, ensure_ascii=False))  # dumps, not dump: dump runs the pure-Python encoder
    handle.write(', "units": [')
    parts = itertools.chain(result.units_json(), [b'], "vms": ['], result.vms_json())
    raw = getattr(handle, "buffer", None)
    if raw is not None:
        handle.flush()  # the bytes go straight to the binary buffer, after the text written so far
        _write_while_building(raw, parts)
        raw.flush()
    else:
        for part in parts:
            handle.write(bytes(part).decode("utf-8"))
    handle.write("]}")


def _write_while_building(raw: Any, chunks: Iterator[bytes | memoryview]) -> None:
    """Write each chunk while the next is built: the system copies one (``write``) as Arrow joins the next, and
    neither holds the GIL, so the two cores share the work. At most one chunk waits; a write's error (disk full,
    a closed pipe) is raised here, after the building stops."""
    waiting: queue.Queue[bytes | memoryview | None] = queue.Queue(maxsize=1)
    failed: list[BaseException] = []

    reserve = _reserver(raw)

    def writer() -> None:
        while (chunk := waiting.get()) is not None:
            if not failed:
                try:
                    reserve(len(chunk))
                    raw.write(chunk)
                except BaseException as exc:  # handed to the building thread, which raises it
                    failed.append(exc)

    thread = threading.Thread(target=writer, name="triage-json-writer", daemon=True)
    thread.start()
    try:
        for chunk in chunks:
            if failed:
                break
            waiting.put(chunk)
    finally:
        waiting.put(None)
        thread.join()
    if failed:
        raise failed[0]


def _reserver(raw: Any) -> Callable[[int], None]:
    """What reserves the disk space of the next ``size`` bytes before they are written (``posix_fallocate``), when
    ``raw`` is a regular file: the file system then allocates a chunk's blocks in one go instead of page by page
    while a hundred MB are copied in (several times faster on ext4), and a full disk is known before the write. A
    pipe, a terminal or a file system that cannot reserve is written as before."""
    try:
        raw.flush()
        descriptor = raw.fileno()
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return _no_reserve
        offset = [raw.tell()]
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is both an OSError and a ValueError
        return _no_reserve

    def reserve(size: int) -> None:
        if offset[0] < 0 or size <= 0:
            return
        try:
            os.posix_fallocate(descriptor, offset[0], size)
        except OSError as error:
            if error.errno == errno.ENOSPC:
                raise
            offset[0] = -1  # this file system cannot reserve: write without
            return
        offset[0] += size

    return reserve


def _no_reserve(size: int) -> None:
    return None


def _write_json(path: Path, data: dict[str, Any]) -> None:
    try:
        with path.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
    except OSError as exc:
        raise InputError(Problem(f"cannot write the result: {exc.strerror}", file=str(path))) from None


def _report_problems(problems: list[Problem]) -> None:
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        print(f"warning: {problem}", file=sys.stderr)
    if len(problems) > MAX_PROBLEMS_SHOWN:
        print(f"warning: {len(problems) - MAX_PROBLEMS_SHOWN:,} more row problems not shown", file=sys.stderr)
