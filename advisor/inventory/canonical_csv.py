"""The canonical inventory CSV (contract §6), read with pandas and vectorized column work.

:func:`read_csv_frame` is the CSV reading the other CSV formats share: every cell a string, rows
numbered by line (data row 1 = line 2), rows with too many fields skipped with a problem, blank rows dropped.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from advisor.errors import InputError, Problem
from advisor.inventory.detect import OTHER_DELIMITERS, delimiter_message, read_checked
from advisor.inventory.frames import RawTable
from advisor.models.triage_rules import VM_FIELDS

REQUIRED: tuple[str, ...] = ("cloud_service", "vm_name")
_BAD_LINE = re.compile(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)")


def _unique_header(data: bytes, name: str, skip: int) -> None:
    """pandas renames a repeated column (``vnet.1``); a repeated header name is an error instead."""
    lines = data.split(b"\n", skip + 1)
    header = lines[skip].decode("utf-8") if len(lines) > skip else ""
    seen: set[str] = set()
    for column in next(csv.reader([header]), []):
        column = column.strip()
        if column in seen:
            raise InputError(Problem("the column appears twice in the header", file=name, line=skip + 1, ident=column))
        seen.add(column)


def read_csv_frame(data: bytes, name: str, skip: int = 0) -> tuple[pd.DataFrame, np.ndarray, list[Problem]]:
    """All cells as strings (``""`` for empty), the line of each row, and problems for rows skipped."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        try:
            frame = pd.read_csv(
                io.BytesIO(data), dtype=str, keep_default_na=False, skip_blank_lines=False,
                on_bad_lines="warn", skiprows=skip, encoding="utf-8",
            )  # fmt: skip
        except pd.errors.EmptyDataError:
            raise InputError(Problem("the file is empty", file=name)) from None
        except pd.errors.ParserError as exc:
            raise InputError(Problem(f"cannot be read as CSV: {exc}", file=name)) from None
    _unique_header(data, name, skip)
    frame.columns = [str(column).strip() for column in frame.columns]
    problems: list[Problem] = []
    bad_lines: list[int] = []
    for warning in caught:
        for number, expected, saw in _BAD_LINE.findall(str(warning.message)):
            line = int(number) + skip
            bad_lines.append(line)
            problems.append(Problem(f"row skipped: it has {saw} fields but the header has {expected} "
                                    "(a stray comma, or a value with a comma that is not quoted?)", file=name,
                                    line=line))  # fmt: skip
    first = skip + 2
    lines = np.arange(first, first + len(frame) + len(bad_lines))
    if bad_lines:
        lines = lines[~np.isin(lines, bad_lines)]
    blank = (frame == "").all(axis=1).to_numpy() if len(frame.columns) else np.zeros(len(frame), dtype=bool)
    if blank.any():
        frame = frame.loc[~blank].reset_index(drop=True)
        lines = lines[~blank]
    return frame, lines, problems


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
    frame, lines, problems = read_csv_frame(read_checked(path, name), name)
    require_columns(list(frame.columns), REQUIRED, name)
    columns = {column: frame[column] for column in VM_FIELDS if column in frame.columns}
    extras = {column: frame[column] for column in frame.columns if column not in VM_FIELDS}
    rows_read = len(frame) + len(problems)
    return RawTable(name, "canonical_csv", columns, extras, lines, "line", rows_read, problems)
