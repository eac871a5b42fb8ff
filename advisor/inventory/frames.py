"""The imported inventory (contract §6): the canonical VM frame, the VNet facts, and the raw cells behind them.

Representation of :attr:`Inventory.vms` (the triage engine relies on it exactly):

* one row per VM, a ``RangeIndex``; the columns are every name of ``VM_FIELDS`` in that order (always
  present), then the extra source columns (pandas ``"string"``; ``""`` when a CSV cell is empty, ``<NA>``
  for a JSON ``null`` or when the row's file does not have the column);
* text fields are pandas ``"string"``, stripped. For ``EMPTY_MEANS_NONE`` fields an empty cell is ``""``
  (known: none); for the other text fields an empty cell is ``<NA>`` (unknown). A column the file lacks is
  ``<NA>`` for every row of that file, whatever the field;
* list fields (``subnets``, ``extensions``, ``disk_blob_names``) are ``;``-joined strings without empty
  items or whitespace around items; an extension is ``Name@version`` (``Name`` alone when the version is
  not known);
* ``BOOL_FIELDS`` are pandas ``"boolean"``: ``true``/``false`` in any case; empty or invalid → ``<NA>``.

Format readers produce a :class:`RawTable` of cell texts (``None`` = unknown); :mod:`advisor.inventory.reader`
turns it into that frame. JSON readers fill a :class:`ColumnBuilder`, which decides per file whether a field
is in the source at all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from advisor.errors import Problem
from advisor.limits import Limits
from advisor.models.triage_rules import EMPTY_MEANS_NONE, VM_FIELDS

CLASSIC_VM_TYPE = "microsoft.classiccompute/virtualmachines"


@dataclass
class Inventory:
    """A classic-VM estate read from one or more files (one per subscription, say)."""

    vms: pd.DataFrame
    missing_columns: tuple[str, ...]  # canonical fields absent from (at least one) source file: unknown there
    extra_columns: tuple[str, ...]
    formats: tuple[str, ...]  # detected format per file, in the order of ``files``
    files: tuple[str, ...]
    problems: list[Problem]
    rows_read: int
    rows_skipped: int


@dataclass
class VnetFacts:
    """The optional VNet facts file: index = VNet name; ``VNET_FIELDS`` columns, ``<NA>`` = unknown."""

    frame: pd.DataFrame
    file: str
    problems: list[Problem]


@dataclass
class RawTable:
    """One file as a format reader sees it, before the canonical typing and checks.

    ``columns`` holds only the canonical fields the source has; each is a sequence (list or pandas
    Series) of cell texts, ``None``/NA meaning unknown. ``rows`` numbers each row as the user counts it:
    its line for CSV (data row 1 = line 2), its record number (from 1) for JSON.
    """

    file: str
    format: str
    columns: dict[str, Any]
    extras: dict[str, Any]
    rows: Sequence[int] | np.ndarray
    unit: str  # "line" or "record"
    rows_read: int
    problems: list[Problem] = field(default_factory=list)

    def problem(self, position: int, message: str, ident: str | None = None, vm: str | None = None) -> Problem:
        """A problem about the row at ``position`` (0-based among ``rows``), located as the user counts it."""
        return row_problem(self.file, self.unit, int(self.rows[position]), message, ident, vm)


def row_problem(file: str, unit: str, number: int, message: str, ident: str | None = None,
                vm: str | None = None) -> Problem:  # fmt: skip
    """CSV rows go in ``Problem.line``; a JSON record has no line, so the message says ``(record N, vm)``."""
    if unit == "line":
        return Problem(message, file=file, line=number, ident=ident)
    where = f"record {number}" + (f", {vm}" if vm else "")
    return Problem(f"{message} ({where})", file=file, ident=ident)


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


# A record lacks the key (or its parent). Whether that means "none" or "unknown" is decided per file.
ABSENT: Any = _Marker("ABSENT")
# The record has the key but its value cannot be read (a type name, an object where text belongs).
UNKNOWN: Any = _Marker("UNKNOWN")


def cell_text(value: Any, name: str) -> str | Any | None:
    """A JSON value as a canonical cell: text, ``None`` (unknown) or ``ABSENT`` (kept for the file-level fill)."""
    if value is ABSENT:
        return ABSENT
    if value is None:
        return "" if name in EMPTY_MEANS_NONE else None
    if value is UNKNOWN or isinstance(value, dict | list):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class ColumnBuilder:
    """Collects JSON records column by column (lists, not a frame per row) into a :class:`RawTable`.

    A field is in the source when at least one record has it readable (a value or ``null``). Then a record
    without it reads as ``""`` for ``EMPTY_MEANS_NONE`` fields and unknown for the others, and an unreadable
    one as unknown. A field no record has readable is left out: a missing column, unknown for every row.
    """

    def __init__(self, file: str, fmt: str, unit: str = "record", limits: Limits | None = None) -> None:
        self.file, self.format, self.unit = file, fmt, unit
        self.cells: dict[str, list[Any]] = {name: [] for name in VM_FIELDS}
        self.seen: set[str] = set()
        self.extras: dict[str, dict[int, str | None]] = {}
        self.rows: list[int] = []
        self.rows_read = 0
        self.problems: list[Problem] = []
        # Extra fields are kept within the column and cell limits; beyond them they are dropped (§6: never fatal).
        self.max_extras = None if limits is None or limits.max_columns is None else limits.max_columns - len(VM_FIELDS)
        self.max_cells = None if limits is None else limits.max_cells
        self.extra_cells = 0
        self.dropped: set[str] = set()
        self.extras_over_cells = False

    def add(
        self, number: int, row: dict[str, Any], weak: Iterable[str] = (), extras: dict[str, Any] | None = None
    ) -> None:
        """Add record ``number``; fields in ``weak`` carry a value but are no evidence the source has them."""
        position = len(self.rows)
        self.rows.append(number)
        for name in VM_FIELDS:
            value = row.get(name, ABSENT)
            cell = cell_text(value, name)
            if name not in weak and cell is not ABSENT and (cell is not None or value is None):
                self.seen.add(name)  # a value or a null; an unreadable value alone is no evidence
            self.cells[name].append(cell)
        for key, value in (extras or {}).items():
            if key in self.cells:
                continue
            column = self.extras.get(key)
            if column is None:
                if self.extras_over_cells or (self.max_extras is not None and len(self.extras) >= self.max_extras):
                    self.dropped.add(key)
                    continue
                column = self.extras[key] = {}
            column[position] = None if value is None else str(value)
            self.extra_cells += 1
        if (
            self.max_cells is not None
            and self.extras
            and len(VM_FIELDS) * len(self.rows) + self.extra_cells > self.max_cells
        ):
            self.dropped.update(self.extras)
            self.extras.clear()
            self.extras_over_cells = True

    def table(self) -> RawTable:
        """The finished table: absent cells filled per field, unseen fields left out."""
        columns: dict[str, list[Any]] = {}
        for name in VM_FIELDS:
            if name not in self.seen:
                continue
            fill = "" if name in EMPTY_MEANS_NONE else None
            columns[name] = [fill if cell is ABSENT else cell for cell in self.cells[name]]
        count = len(self.rows)
        extras = {key: [values.get(i) for i in range(count)] for key, values in self.extras.items()}
        if self.dropped:
            self.problems.append(self._dropped_problem())
        return RawTable(self.file, self.format, columns, extras, self.rows, self.unit, self.rows_read, self.problems)

    def _dropped_problem(self) -> Problem:
        names = sorted(self.dropped)
        shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
        limit = (f"{self.max_cells:,} cells" if self.extras_over_cells
                 else f"{(self.max_extras or 0) + len(VM_FIELDS)} columns")  # fmt: skip
        return Problem(f"{len(names):,} extra fields were dropped (over the limit of {limit}): {shown}", file=self.file)


# --- value helpers shared by the JSON readers -------------------------------------------------------------

_TYPE_NAME = re.compile(r"^(System\.|Microsoft\.WindowsAzure\.Commands\.|Microsoft\.Azure\.Commands\.)[\w.`\[\], =+]*$")


def is_type_name(value: Any) -> bool:
    """True for a .NET type name that PowerShell wrote instead of a nested object (Export-Csv, shallow JSON)."""
    return isinstance(value, str) and bool(_TYPE_NAME.match(value.strip()))


def get(obj: Any, *keys: str) -> Any:
    """``obj[k1][k2]...``: ``ABSENT`` when a key is missing, ``UNKNOWN`` when a step is not an object."""
    for key in keys:
        if obj is None or obj is ABSENT:
            return ABSENT
        if not isinstance(obj, dict):
            return UNKNOWN
        obj = obj.get(key, ABSENT)
    return obj


def text_items(values: Iterable[Any]) -> str:
    """``;``-joined non-empty items, whitespace trimmed."""
    return ";".join(item for item in (str(v).strip() for v in values if v is not None) if item)


def extension_item(name: Any, version: Any) -> str | None:
    """``Name@version`` (``Name`` alone without a version); ``None`` when there is no usable name."""
    if not isinstance(name, str) or not name.strip() or is_type_name(name):
        return None
    if isinstance(version, str | int | float) and not isinstance(version, bool) and str(version).strip():
        return f"{name.strip()}@{str(version).strip()}"
    return name.strip()


def blob_name(uri: Any) -> str | None:
    """The blob name of a VHD address, the part after the container: ``.../vhds/old/d.vhd`` → ``old/d.vhd``."""
    if isinstance(uri, dict):  # a System.Uri serialized as an object
        uri = uri.get("AbsoluteUri") or uri.get("OriginalString")
    if not isinstance(uri, str) or not uri.strip():
        return None
    parts = urlsplit(uri.strip()).path.split("/", 2)
    if len(parts) < 3 or not parts[1] or not parts[2]:
        return None
    return unquote(parts[2])


def acl_state(value: Any) -> bool | None:
    """Whether an endpoint ACL value holds any rule: ``None`` when it cannot be read."""
    if value is None or value is ABSENT:
        return False
    if isinstance(value, str):
        if is_type_name(value):
            return None
        return bool(value.strip())
    if isinstance(value, list):
        return bool(value)
    if isinstance(value, dict):
        states = [acl_state(item) for item in value.values()]
        if any(states):
            return True
        return None if None in states else False
    return True


def is_acl_key(key: str) -> bool:
    """An endpoint key that holds its ACL (``acl``, ``Acl``, ``EndpointAccessControlList`` and the like)."""
    lowered = key.lower()
    return lowered in {"acl", "acls"} or lowered.endswith(("acl", "acls", "accesscontrollist"))


def endpoint_acls(endpoints: Any) -> tuple[Any, bool]:
    """``(value, has_acl_field)`` for a list of endpoints: True/False, ``UNKNOWN`` or ``ABSENT``."""
    if endpoints is ABSENT or endpoints is None:
        return ABSENT, False
    if not isinstance(endpoints, list):
        return UNKNOWN, False
    has_field, unknown = False, False
    for endpoint in endpoints:
        if not isinstance(endpoint, dict):
            unknown = True
            continue
        keys = [key for key in endpoint if is_acl_key(key)]
        if not keys:
            unknown = True
        for key in keys:
            has_field = True
            state = acl_state(endpoint[key])
            if state:
                return True, True
            unknown = unknown or state is None
    return (UNKNOWN if unknown else False), has_field


def json_text(value: Any) -> str | None:
    """An extra column's cell: scalars as text, objects and lists as compact JSON."""
    if value is None:
        return None
    if isinstance(value, dict | list):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)
    return cell_text(value, "")


# --- typed columns ------------------------------------------------------------------------------------------


def bool_column(cells: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """A stripped ``"string"`` Series as pandas ``"boolean"`` (``true``/``false`` in any case; anything else
    unknown), and the positions of invalid non-empty cells. Whole-column Arrow work: no Python value per cell
    (no character but ASCII letters lower-cases to one of these letters, so Arrow's lower case answers as
    ``str.lower`` would)."""
    lowered = pc.utf8_lower(pa.array(cells.array, from_pandas=True))
    true = _mask(pc.equal(lowered, "true"))
    known = true | _mask(pc.equal(lowered, "false"))
    result = pd.Series(pd.arrays.BooleanArray(true, ~known), index=cells.index, name=cells.name)
    invalid = _mask(pc.not_equal(lowered, "")) & ~known
    return result, np.flatnonzero(invalid)


def _mask(result: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A boolean Arrow result as a numpy mask, a missing cell counting as false."""
    return np.asarray(result.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)
