"""The canonical inventory CSV (contract §6), read with pandas and vectorized column work.

:func:`read_csv_frame` is the CSV reading the other CSV formats share: a strict first pass
(:mod:`.csv_scan`: UTF-8, quoting, the input limits), then pandas; every cell a string, rows numbered by
line (data row 1 = line 2), rows with too many fields skipped with a problem, blank rows dropped. The
``profile`` column (the one ``batch`` reads) is kept with the canonical ones whatever the column limit.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from advisor.errors import InputError, Problem
from advisor.inventory.csv_scan import CsvScan, scan_csv
from advisor.inventory.detect import OTHER_DELIMITERS, delimiter_message
from advisor.inventory.frames import RawTable
from advisor.limits import INVENTORY_CSV, Limits
from advisor.models.triage_rules import VM_FIELDS

REQUIRED: tuple[str, ...] = ("cloud_service", "vm_name")


CHUNK_ROWS = 100_000


def read_csv_frame(
    path: Path | str,
    name: str,
    limits: Limits = INVENTORY_CSV,
    *,
    skip: int = 0,
    priority: Collection[str] = (),
    arrow: bool = False,
) -> tuple[pd.DataFrame, np.ndarray, list[Problem], int]:
    """All cells as strings (``""`` for empty), the line of each row, the problems (rows skipped, columns
    dropped) and how many rows were skipped.

    The file is scanned first (:func:`scan_csv`: UTF-8, quoting, limits); ``priority`` names the columns
    the format reads, kept whatever the column limit. pandas then reads only the kept columns, in chunks.
    With ``arrow``, a file the scan found uniform (every row split the same by any reader) is read by Arrow's
    CSV reader instead, straight into pandas ``"string"`` columns: no Python object per cell.
    """
    scan = scan_csv(path, name, limits, skip=skip, priority=priority)
    if not scan.header:
        raise InputError(Problem("the file is empty", file=name))
    if arrow and scan.uniform and skip == 0:
        return _arrow_frame(path, scan), np.arange(2, 2 + scan.rows), list(scan.problems), 0
    skiprows = sorted(set(range(skip)) | {line - 1 for line in scan.skipped_lines})
    try:
        chunks = list(pd.read_csv(
            path, dtype=str, keep_default_na=False, skip_blank_lines=False, skiprows=skiprows or None,
            usecols=scan.keep, encoding="utf-8-sig", chunksize=CHUNK_ROWS,
        ))  # fmt: skip
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:  # the scan admitted it: not expected
        raise InputError(Problem(f"cannot be read as CSV: {exc}", file=name)) from None
    frame = pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0] if chunks else None
    if frame is None:
        columns = scan.header if scan.keep is None else [scan.header[i] for i in scan.keep]
        frame = pd.DataFrame({column: pd.Series(dtype=str) for column in columns})
    frame.columns = [str(column).strip() for column in frame.columns]
    first = scan.header_line + 1
    lines = np.arange(first, first + scan.rows)
    if scan.skipped_lines:
        lines = lines[~np.isin(lines, scan.skipped_lines)]
    blank = (frame == "").all(axis=1).to_numpy() if len(frame.columns) else np.zeros(len(frame), dtype=bool)
    if blank.any():
        frame = frame.loc[~blank].reset_index(drop=True)
        lines = lines[~blank]
    return frame, lines, list(scan.problems), len(scan.skipped_lines)


def _arrow_frame(path: Path | str, scan: CsvScan) -> pd.DataFrame:
    """The uniform file as ``"string"`` columns, read by Arrow (no quoting: the scan found no quote) straight
    into the large strings pandas keeps (no cast, no copy)."""
    columns = scan.header if scan.keep is None else [scan.header[i] for i in scan.keep]
    table = pa_csv.read_csv(
        path,
        read_options=pa_csv.ReadOptions(column_names=scan.header, skip_rows=1),
        parse_options=pa_csv.ParseOptions(quote_char=False, double_quote=False, newlines_in_values=False),
        convert_options=pa_csv.ConvertOptions(
            column_types=dict.fromkeys(scan.header, pa.large_string()), strings_can_be_null=False,
            include_columns=columns, quoted_strings_can_be_null=False,
        ),
    )  # fmt: skip
    return pd.DataFrame({
        column: pd.Series(pd.arrays.ArrowStringArray(table.column(column)), dtype="string")
        for column in columns
    })  # fmt: skip


def require_columns(
    columns: list[str], required: tuple[str, ...], name: str, line: int = 1, fmt: str = "canonical_csv"
) -> None:
    """A missing required column is a file-level error naming the column (and the delimiter, if it is off)."""
    missing = [column for column in required if column not in columns]
    if not missing:
        return
    header = ",".join(columns)
    for delimiter in OTHER_DELIMITERS:
        if len(columns) == 1 and delimiter in header:
            raise InputError(Problem(delimiter_message(delimiter, fmt), file=name, line=line))
    raise InputError([
        Problem(f"the required column is missing (columns found: {', '.join(columns)[:300]})", file=name,
                line=line, ident=column)
        for column in missing
    ])  # fmt: skip


def read_canonical_csv(path: Path | str, name: str) -> RawTable:
    """Read a canonical CSV: canonical columns as string cells, every other column kept as an extra."""
    frame, lines, problems, skipped = read_csv_frame(
        path, name, INVENTORY_CSV, priority=(*VM_FIELDS, "profile"), arrow=True
    )
    require_columns(list(frame.columns), REQUIRED, name)
    columns = {column: frame[column] for column in VM_FIELDS if column in frame.columns}
    extras = {column: frame[column] for column in frame.columns if column not in VM_FIELDS}
    rows_read = len(frame) + skipped
    return RawTable(name, "canonical_csv", columns, extras, lines, "line", rows_read, problems)
