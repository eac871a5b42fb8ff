"""The documented limits of every input: how big, how deep, how many rows, columns and characters.

One :class:`Limits` per kind of input, used by the command line and the web uploads alike. Readers check
them while they stream, before any tree or frame is built, and refuse a file at the first limit it passes
with one line naming the file and where (line, record or byte offset). Columns are the exception: the
contract keeps unknown columns (§6), so columns beyond the limit are dropped with a warning, never fatal.

The README's "Input limits" table is :func:`readme_table` (a test keeps the two equal). The figures are
chosen so that the largest file within them is processed in about 1 GiB of memory, while a
1,000,000-VM canonical CSV and a 400 MB upload (the web app's ``maxUploadSize``) still pass.
"""

from __future__ import annotations

from dataclasses import dataclass

KIB = 1024
MIB = 1024 * KIB

# Problems printed by the command line before it only counts the rest.
MAX_PROBLEMS_SHOWN = 100


@dataclass(frozen=True)
class Limits:
    """The most one file of a kind may hold. ``None``: that measure does not apply to the format."""

    kind: str  # what the README calls the input
    inputs: str  # where it enters (command-line arguments, web uploads)
    max_bytes: int
    max_depth: int | None = None  # nesting of objects and lists (JSON, YAML)
    max_rows: int | None = None  # CSV rows, JSON records
    max_columns: int | None = None  # CSV columns / JSON record fields kept; beyond: dropped with a warning
    max_cells: int | None = None  # rows x columns kept; extra columns beyond it are dropped with a warning
    max_cell: int | None = None  # characters in one cell or JSON string
    max_row_bytes: int | None = None  # one CSV line or one JSON record
    max_containers: int | None = None  # objects and lists in a JSON document read whole
    max_nodes: int | None = None  # values (scalars, lists and mappings) in a YAML document
    max_files: int | None = None  # files in a folder
    max_total_bytes: int | None = None  # all the files of a folder together


INVENTORY_CSV = Limits(
    kind="Inventory CSV (canonical, Resource Graph portal CSV, Get-AzureVM Export-Csv)",
    inputs="`triage`, `batch` INVENTORY; Inventory page upload",
    max_bytes=512 * MIB,
    max_rows=1_000_000,
    max_columns=256,
    max_cells=25_000_000,
    max_cell=1 * MIB,
    max_row_bytes=16 * MIB,
)
INVENTORY_JSON = Limits(
    kind="Inventory JSON (Resource Graph, Get-AzureVM ConvertTo-Json)",
    inputs="`triage`, `batch` INVENTORY; Inventory page upload",
    max_bytes=512 * MIB,
    max_depth=64,
    max_rows=400_000,
    max_columns=256,
    max_cells=10_000_000,
    max_cell=1 * MIB,
    max_row_bytes=16 * MIB,
)
VNET_CSV = Limits(
    kind="VNet facts CSV",
    inputs="`triage`, `batch` `--vnets`; Inventory page upload",
    max_bytes=64 * MIB,
    max_rows=100_000,
    max_columns=256,
    max_cells=5_000_000,
    max_cell=64 * KIB,
    max_row_bytes=1 * MIB,
)
ANSWERS = Limits(
    kind="Answers file (YAML, or JSON when named `.json`)",
    inputs="`recommend`, `record` ANSWERS",
    max_bytes=1 * MIB,
    max_depth=32,
    max_nodes=200_000,
    max_containers=200_000,
)
PROFILES = Limits(
    kind="Answer profiles (YAML)",
    inputs="`batch --profiles`; Profiles page import",
    max_bytes=2 * MIB,
    max_depth=32,
    max_nodes=200_000,
)
KNOWLEDGE = Limits(
    kind="Knowledge folder (YAML files)",
    inputs="`--knowledge DIR` of every command",
    max_bytes=2 * MIB,
    max_depth=32,
    max_nodes=200_000,
    max_files=200,
    max_total_bytes=8 * MIB,
)
IMPORT_JSON = Limits(
    kind="Decision-record import (JSON export)",
    inputs="`import FILE`; Records page import",
    max_bytes=64 * MIB,
    max_depth=32,
    max_containers=2_000_000,
)
PRICE_PAGE = Limits(
    kind="Retail Prices API page (JSON, saved or fetched)",
    inputs="`prices import FILE...`, `prices fetch`; Settings page",
    max_bytes=16 * MIB,  # a page of 1,000 items is about 700 KB
    max_depth=8,
    max_rows=200_000,  # prices in one sheet, all its pages together (a region's candidates: some thousands)
    max_cell=64 * KIB,
    max_containers=200_000,
    max_files=2_000,  # pages in one sheet
    max_total_bytes=256 * MIB,  # all the pages of one sheet together
)

ALL: tuple[Limits, ...] = (
    INVENTORY_CSV, INVENTORY_JSON, VNET_CSV, ANSWERS, PROFILES, KNOWLEDGE, IMPORT_JSON, PRICE_PAGE,
)  # fmt: skip


def size_text(count: int) -> str:
    """``512 MiB``, ``64 KiB``, ``100 bytes``: a byte count as people read it."""
    for unit, factor in (("MiB", MIB), ("KiB", KIB)):
        if count >= factor and count % factor == 0:
            return f"{count // factor:,} {unit}"
    return f"{count:,} bytes"


def _count(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def readme_table() -> str:
    """The README's "Input limits" table, one row per kind of input."""
    header = (
        "| input | where | size | depth | rows | columns kept | cells kept | characters in a cell | row size "
        "| values (YAML) | objects and lists (JSON) |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|"
    )
    rows = []
    for limit in ALL:
        size = size_text(limit.max_bytes) + (" per file" if limit.max_files else "")
        if limit.max_files:
            total = f"{size_text(limit.max_total_bytes)} and " if limit.max_total_bytes else ""
            size += f"; {total}{limit.max_files:,} files in all"
        cells = [
            limit.kind,
            limit.inputs,
            size,
            _count(limit.max_depth),
            _count(limit.max_rows),
            _count(limit.max_columns),
            _count(limit.max_cells),
            _count(limit.max_cell),
            "—" if limit.max_row_bytes is None else size_text(limit.max_row_bytes),
            _count(limit.max_nodes),
            _count(limit.max_containers),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join([header, *rows])
