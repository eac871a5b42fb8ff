"""Read inventory files of any supported format into one estate, and the VNet facts file.

Each file is detected by content, read by its format reader into a :class:`RawTable`, then typed and
checked here the same way for every format (the representation is documented in :mod:`.model`). Several
files (one per subscription, say) make one estate; a VM seen twice (same subscription, cloud service and
VM name, case-insensitive) keeps its first row. File-level faults raise :class:`InputError` (all files
are tried first, so one error lists them all); row-level faults keep the good rows and become problems.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from advisor.errors import InputError, Problem, UsageError
from advisor.inventory.canonical_csv import REQUIRED, read_canonical_csv
from advisor.inventory.detect import detect_format
from advisor.inventory.frames import Inventory, RawTable, VnetFacts, bool_column, row_problem
from advisor.inventory.powershell import read_ps_csv, read_ps_json
from advisor.inventory.resource_graph import read_arg_csv, read_arg_json
from advisor.inventory.utilization import UTILIZATION_COLUMNS, checked_utilization
from advisor.inventory.vnet_facts import read_vnet_table
from advisor.limits import INVENTORY_CSV, INVENTORY_JSON, VNET_CSV
from advisor.models.triage_rules import BOOL_FIELDS, EMPTY_MEANS_NONE, LIST_FIELDS, VM_FIELDS

READERS: dict[str, Callable[[Path | str, str], RawTable]] = {
    "canonical_csv": read_canonical_csv,
    "arg_json": read_arg_json,
    "arg_csv": read_arg_csv,
    "ps_json": read_ps_json,
    "ps_csv": read_ps_csv,
}
_MB = 1024 * 1024


@dataclass
class _Part:
    """One file after typing: its rows, where each came from, and what it lacked."""

    frame: pd.DataFrame
    raw: RawTable
    rows: np.ndarray
    problems: list[Problem]
    missing: tuple[str, ...]


class _Origins:
    """Which file (part) and which of its rows each row of the concatenated frame came from."""

    def __init__(self, parts: list[_Part]) -> None:
        self.parts = parts
        sizes = [len(part.frame) for part in parts]
        self.part = np.repeat(np.arange(len(parts)), sizes)
        self.position = np.concatenate([np.arange(size) for size in sizes]) if parts else np.zeros(0, dtype=int)

    def of(self, index: int) -> tuple[_Part, int]:
        return self.parts[int(self.part[index])], int(self.position[index])


def _mb(size: int) -> str:
    value = size / _MB
    return f"{value:.0f}" if value >= 100 else f"{value:.3g}"


def _check_size(path: Path | str, name: str, max_bytes: int | None) -> None:
    if max_bytes is None:
        return
    try:
        size = os.stat(path).st_size
    except OSError:
        return  # detection says what is wrong with the path
    if size > max_bytes:
        raise InputError(Problem(f"the file is {_mb(size)} MB, over the {_mb(max_bytes)} MB limit", file=name))


def _is(cells: pd.Series, value: str) -> np.ndarray:
    return (cells == value).fillna(False).to_numpy(dtype=bool)


def _text_column(cells: object, name: str) -> pd.Series:
    series = cells.astype("string") if isinstance(cells, pd.Series) else pd.Series(cells, dtype="string")
    series = series.reset_index(drop=True)
    # Each step below copies the whole column, so it runs only where some cell needs it (a million-row
    # estate would otherwise hold a few copies of every column at once). Whether one does is read from the
    # cells' bytes where no cell is missing (a file's columns), else asked of a regex.
    text = pa.array(series.array, from_pandas=True)
    cells_bytes = _cell_bytes(text)
    if cells_bytes is not None:
        if any(_edge_space(offsets, data) for offsets, data in cells_bytes):
            series = series.str.strip()
    elif _any(text, _EDGE_SPACE, ascii_only=True):
        series = series.str.strip()
    if name in LIST_FIELDS:
        text = pa.array(series.array, from_pandas=True)
        cells_bytes = _cell_bytes(text)
        loose = (any(_loose_items(offsets, data) for offsets, data in cells_bytes) if cells_bytes is not None
                 else _any(text, _LOOSE_ITEMS))  # fmt: skip
        if loose:
            # explicit whitespace, not \s, so pandas keeps this in pyarrow (RE2) instead of Python's re
            series = series.str.replace(r"[ \t\r\n]*;[ \t\r\n;]*", ";", regex=True).str.strip(";")
    if name not in EMPTY_MEANS_NONE:
        cells_bytes = _cell_bytes(pa.array(series.array, from_pandas=True))
        if cells_bytes is not None:
            empty = np.concatenate([np.diff(offsets) == 0 for offsets, _ in cells_bytes] or [np.zeros(0, bool)])
        else:
            empty = _is(series, "")
        if empty.any():
            series = series.mask(empty)
    return series


# A cell starting or ending with what str.strip() removes from ASCII text; a list with blanks or empty items.
_EDGE_SPACE = r"^[ \t\n\x0b\f\r\x1c-\x1f]|[ \t\n\x0b\f\r\x1c-\x1f]$"
_LOOSE_ITEMS = r"[ \t\r\n];|;[ \t\r\n;]|^;|;$"
# The same classes as byte tables: _EDGE_SPACE's blanks; the blanks _LOOSE_ITEMS allows before and after a ";".
_SPACE_BYTE = np.zeros(256, dtype=bool)
_SPACE_BYTE[[*b" \t\n\x0b\f\r", *range(0x1C, 0x20)]] = True
_BEFORE_ITEM = np.zeros(256, dtype=bool)
_BEFORE_ITEM[list(b" \t\r\n")] = True
_AFTER_ITEM = _BEFORE_ITEM.copy()
_AFTER_ITEM[ord(";")] = True


def _any(text: pa.Array | pa.ChunkedArray, pattern: str, *, ascii_only: bool = False) -> bool:
    """Whether some cell matches ``pattern`` (RE2); True also when ``ascii_only`` and a cell is not ASCII."""
    if ascii_only and pc.all(pc.string_is_ascii(text)).as_py() is False:
        return True
    return bool(pc.any(pc.match_substring_regex(text, pattern)).as_py())


def _cell_bytes(text: pa.Array | pa.ChunkedArray) -> list[tuple[np.ndarray, np.ndarray]] | None:
    """Per chunk, the cells' offsets and the UTF-8 bytes they index (no copy); None when a cell is missing
    (a missing cell's bytes are not defined) or the column is not text."""
    chunks = text.chunks if isinstance(text, pa.ChunkedArray) else [text]
    found = []
    for chunk in chunks:
        if chunk.null_count or not (pa.types.is_string(chunk.type) or pa.types.is_large_string(chunk.type)):
            return None
        kind = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        _, offsets, data = chunk.buffers()
        width = np.dtype(kind).itemsize
        offsets_array = np.frombuffer(offsets, dtype=kind, count=len(chunk) + 1, offset=chunk.offset * width)
        found.append(
            (offsets_array, np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, np.uint8))
        )
    return found


def _edge_space(offsets: np.ndarray, data: np.ndarray) -> bool:
    """``_any(text, _EDGE_SPACE, ascii_only=True)`` from the bytes: a cell not ASCII, or one starting or ending
    with a blank."""
    if len(offsets) < 2 or offsets[-1] == offsets[0]:
        return False
    if data[offsets[0] : offsets[-1]].max() >= 0x80:
        return True
    starts, ends = offsets[:-1], offsets[1:]
    filled = ends > starts
    return bool(_SPACE_BYTE[data[starts[filled]]].any() or _SPACE_BYTE[data[ends[filled] - 1]].any())


def _loose_items(offsets: np.ndarray, data: np.ndarray) -> bool:
    """``_any(text, _LOOSE_ITEMS)`` from the bytes: a ";" first or last in its cell, after a blank, or before a
    blank or another ";" (ASCII bytes never occur inside a longer UTF-8 character)."""
    if len(offsets) < 2:
        return False
    semis = np.flatnonzero(data[offsets[0] : offsets[-1]] == ord(";")) + offsets[0]
    if not len(semis):
        return False
    cells = np.searchsorted(offsets, semis, side="right") - 1
    starts, ends = offsets[cells], offsets[cells + 1]
    if bool((semis == starts).any() or (semis + 1 == ends).any()):
        return True
    return bool(_BEFORE_ITEM[data[semis - 1]].any() or _AFTER_ITEM[data[semis + 1]].any())


def _typed(raw: RawTable) -> _Part:
    """The canonical columns of one file, its rows without cloud_service or vm_name dropped (with problems)."""
    count = len(raw.rows)
    problems = list(raw.problems)
    present = set(raw.columns)
    columns: dict[str, pd.Series] = {}
    for name in VM_FIELDS:
        if name in raw.columns:
            # popped: each source column is freed once typed, so a big file is never held twice
            columns[name] = _text_column(raw.columns.pop(name), name)
        else:
            columns[name] = pd.Series(pd.NA, index=range(count), dtype="boolean" if name in BOOL_FIELDS else "string")
    missing_required = columns["cloud_service"].isna().to_numpy() | columns["vm_name"].isna().to_numpy()
    vm_names = columns["vm_name"]
    for position in np.flatnonzero(missing_required).tolist():
        empty = [name for name in REQUIRED if pd.isna(columns[name].iloc[position])]
        vm = None if pd.isna(vm_names.iloc[position]) else str(vm_names.iloc[position])
        problems.append(raw.problem(position, f"{' and '.join(empty)} empty; row skipped", empty[0], vm))
    keep = ~missing_required
    for name in BOOL_FIELDS:
        if name not in present:
            continue
        cells = columns[name]
        columns[name], invalid = bool_column(cells)
        for position in invalid[keep[invalid]]:
            vm = str(vm_names.iloc[position])
            message = f"expected true or false, got {cells.iloc[position]!r}"
            problems.append(raw.problem(position, message, name, vm))
    extras = {key: _extra_column(cells) for key, cells in raw.extras.items()}
    for name in UTILIZATION_COLUMNS:  # optional canonical columns (issue 21): checked here, kept as extras
        if name in extras:
            extras[name], found = checked_utilization(name, extras[name], keep, _row_problem(raw, vm_names))
            problems.extend(found)
    frame = _kept_rows(pd.DataFrame({**columns, **extras}, copy=False), keep)
    problems.sort(key=lambda p: (p.line is not None, p.line or 0))
    missing = tuple(name for name in VM_FIELDS if name not in present)
    rows = np.asarray(raw.rows)[keep]
    raw.columns, raw.extras, raw.rows = {}, {}, ()  # the cells live on in ``frame``: free the source's copy
    return _Part(frame, raw, rows, problems, missing)


def _row_problem(raw: RawTable, vm_names: pd.Series) -> Callable[[int, str, str], Problem]:
    """A problem about the row at a position, naming its VM (for the field checks of extra columns)."""
    return lambda position, message, ident: raw.problem(position, message, ident, str(vm_names.iloc[position]))


def _kept_rows(frame: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """The rows to keep, renumbered; the frame itself when every row stays (a million-row copy saved)."""
    return frame if keep.all() else frame.loc[keep].reset_index(drop=True)


def _extra_column(cells: object) -> pd.Series:
    series = cells.astype("string") if isinstance(cells, pd.Series) else pd.Series(cells, dtype="string")
    return series.reset_index(drop=True).str.strip()


def _read_one(path: Path | str, name: str, max_bytes: int | None) -> _Part:
    _check_size(path, name, max_bytes)
    _check_size(path, name, max(INVENTORY_CSV.max_bytes, INVENTORY_JSON.max_bytes))  # before any byte is read
    fmt = detect_format(path, name)
    if fmt == "vnet_csv":
        raise InputError(Problem("this is a VNet facts file (vnet, has_* columns), not a VM inventory; give it as "
                                 "the VNet facts file instead", file=name))  # fmt: skip
    raw = READERS[fmt](path, name)
    if raw.rows_read == 0:
        raise InputError(Problem("no VM rows: the file has a header or an empty list only", file=name))
    if len(raw.rows):
        absent = [field for field in REQUIRED if field not in raw.columns]
        if absent:
            raise InputError([Problem("the required column is missing: no row has it", file=name, ident=field)
                              for field in absent])  # fmt: skip
    return _typed(raw)


def _same_vm_groups(frame: pd.DataFrame) -> pd.Series:
    """Rows sharing cloud service and VM name (case-insensitive): the only candidates for duplicates, each
    with its pair's number (integer codes, not a million joined strings)."""
    service, _ = pd.factorize(frame["cloud_service"].str.lower())
    name, _ = pd.factorize(frame["vm_name"].str.lower())
    pair = pd.Series(service.astype(np.int64) * (int(name.max(initial=0)) + 1) + name)
    return pair[pair.duplicated(keep=False).to_numpy()]


def _names_distinct(names: pd.Series) -> bool:
    """Whether every VM name differs from the others, ignoring case as :func:`_same_vm_groups` does (one hash
    pass; most estates have no duplicate at all)."""
    lowered = pa.array(names.str.lower().array, from_pandas=True)
    return bool(lowered.null_count == 0 and len(pc.unique(lowered)) == len(names))  # unique: a faster hash


def _duplicates(frame: pd.DataFrame, origins: _Origins) -> tuple[np.ndarray, list[Problem]]:
    """Rows to keep (the first of each VM), and a problem for each later row naming both rows.

    Two rows are the same VM when cloud service and VM name match and the subscriptions match or one is
    unknown (Get-AzureVM exports carry none; cloud-service names are unique DNS names anyway).
    """
    keep = np.ones(len(frame), dtype=bool)
    problems: list[Problem] = []
    if _names_distinct(frame["vm_name"]):
        return keep, problems  # no two rows share a VM name, so none share cloud service and VM name either
    subscriptions = frame["subscription_id"].str.lower()
    kept: dict[int, list[int]] = {}
    groups = _same_vm_groups(frame)
    for index, pair in zip(groups.index.tolist(), groups.tolist(), strict=True):
        subscription = subscriptions.iloc[index]
        earlier = [
            i for i in kept.get(pair, [])
            if pd.isna(subscription) or pd.isna(subscriptions.iloc[i]) or subscriptions.iloc[i] == subscription
        ]  # fmt: skip
        if not earlier:
            kept.setdefault(pair, []).append(index)
            continue
        keep[index] = False
        problems.append(_duplicate_problem(frame, origins, index, earlier[0]))
    return keep, problems


def _duplicate_problem(frame: pd.DataFrame, origins: _Origins, index: int, first: int) -> Problem:
    part, position = origins.of(index)
    first_part, first_position = origins.of(first)
    seen = f"{first_part.raw.file} {first_part.raw.unit} {int(first_part.rows[first_position])}"
    row = frame.iloc[index]
    label = "/".join(str(v) for v in (row["subscription_id"], row["cloud_service"], row["vm_name"]) if pd.notna(v))
    message = f"duplicate VM {label}: the same VM as {seen}; this row is skipped"
    return row_problem(part.raw.file, part.raw.unit, int(part.rows[position]), message, "vm_name", str(row["vm_name"]))


def _combine(parts: list[_Part]) -> Inventory:
    extra_names: list[str] = []
    for part in parts:
        extra_names += [c for c in part.frame.columns if c not in VM_FIELDS and c not in extra_names]
    frame = pd.concat([part.frame for part in parts], ignore_index=True) if len(parts) > 1 else parts[0].frame
    for column in extra_names:
        frame[column] = frame[column].astype("string")
    frame = frame[[*VM_FIELDS, *extra_names]]
    origins = _Origins(parts)
    keep, duplicate_problems = _duplicates(frame, origins)
    vms = _kept_rows(frame, keep)
    contributed = set(np.unique(origins.part[keep]).tolist())
    missing = {name for index, part in enumerate(parts) if index in contributed for name in part.missing}
    rows_read = sum(part.raw.rows_read for part in parts)
    return Inventory(
        vms=vms,
        missing_columns=tuple(name for name in VM_FIELDS if name in missing),
        extra_columns=tuple(extra_names),
        formats=tuple(part.raw.format for part in parts),
        files=tuple(part.raw.file for part in parts),
        problems=[problem for part in parts for problem in part.problems] + duplicate_problems,
        rows_read=rows_read,
        rows_skipped=rows_read - len(vms),
    )


def _names(paths: Sequence[Path | str] | Path | str, names: Sequence[str] | None) -> tuple[list, list[str]]:
    paths = [paths] if isinstance(paths, str | Path) else list(paths)
    shown = [str(path) for path in paths] if names is None else [str(name) for name in names]
    if len(shown) != len(paths):
        raise UsageError(f"{len(paths)} paths but {len(shown)} names")
    if not paths:
        raise InputError(Problem("no inventory file given"))
    return paths, shown


def read_inventory(
    paths: Sequence[Path | str], names: Sequence[str] | None = None, *, max_bytes: int | None = None
) -> Inventory:
    """Read one or more inventory files (any supported format, detected by content) into one estate.

    ``names`` are the file names to show in messages (e.g. the uploaded names); ``max_bytes`` refuses a
    larger file. Raises :class:`InputError` listing every file-level fault of every file.
    """
    paths, shown = _names(paths, names)
    parts: list[_Part] = []
    errors: list[Problem] = []
    for path, name in zip(paths, shown, strict=True):
        try:
            parts.append(_read_one(path, name, max_bytes))
        except InputError as exc:
            errors.extend(exc.problems)
    if errors:
        raise InputError(errors)
    inventory = _combine(parts)
    # Arrow's allocator keeps what the reading freed; hand it back, so triage does not stack on top of it.
    pa.default_memory_pool().release_unused()
    return inventory


def read_vnet_facts(path: Path | str, name: str | None = None, *, max_bytes: int | None = None) -> VnetFacts:
    """Read the VNet facts CSV (contract §6); a VM inventory or another format is an :class:`InputError`."""
    name = name or str(path)
    _check_size(path, name, max_bytes)
    _check_size(path, name, VNET_CSV.max_bytes)
    fmt = detect_format(path, name)
    if fmt != "vnet_csv":
        raise InputError(Problem(f"not a VNet facts CSV (it looks like {fmt}); the VNet facts file has the columns "
                                 "vnet, has_app_gateway, …, gateways", file=name))  # fmt: skip
    return read_vnet_table(path, name)
