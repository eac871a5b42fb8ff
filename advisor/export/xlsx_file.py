"""The Excel export (openpyxl, streaming write-only mode): sheets Summary, Path, Candidates, Conditions and
Findings.

Each sheet has a bold header row that stays frozen, an autofilter over its rows, and column widths
fitted to the header and the first rows (within 8 to 60 characters). Columns are those of
:mod:`advisor.export.table_rows`; times are UTC, confidence shows as a percentage.

**Every string is written as a text cell** (data type ``s``, an inline string). openpyxl would otherwise
store a string starting with ``=`` as a formula and ``#N/A`` as an error; so ``=1+1``,
``=HYPERLINK("http://x","y")``, ``@SUM(A1)``, ``+cmd|'/C calc'!A0`` and ``-legacy`` open as the text typed,
never run. OOXML reads ``_xHHHH_`` in a string as an escaped character, so :func:`ooxml_text` escapes the
underscore of such text and writes control characters that XML cannot hold (a carriage return included)
that way: Excel and LibreOffice show the text exactly as typed.
"""

from __future__ import annotations

import datetime
import io
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from advisor.export.export_set import ExportSet
from advisor.export.table_rows import (
    CANDIDATE_COLUMNS,
    CONDITION_COLUMNS,
    FINDING_COLUMNS,
    PATH_COLUMNS,
    SUMMARY_COLUMNS,
    Row,
    candidate_rows,
    condition_rows,
    finding_rows,
    path_rows,
    summary_rows,
)

SHEETS: tuple[tuple[str, tuple[str, ...], Callable[[ExportSet], Iterable[Row]]], ...] = (
    ("Summary", SUMMARY_COLUMNS, summary_rows),
    ("Path", PATH_COLUMNS, path_rows),
    ("Candidates", CANDIDATE_COLUMNS, candidate_rows),
    ("Conditions", CONDITION_COLUMNS, condition_rows),
    ("Findings", FINDING_COLUMNS, finding_rows),
)
MIN_WIDTH, MAX_WIDTH, WIDTH_SAMPLE = 8, 60, 200
TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
PERCENT_COLUMNS = frozenset({"confidence"})
MONEY_COLUMNS = frozenset({"monthly_cost", "yearly_cost"})  # two decimals, in the row's cost_currency
MAX_CELL_TEXT = 32_767  # Excel's limit; openpyxl cuts plain strings there too

_ESCAPE_LOOKALIKE = re.compile(r"_(?=x[0-9A-Fa-f]{1,4}_)")  # LibreOffice reads "_x12_" as an escape too
_NOT_XML = re.compile(r"[\x00-\x08\x0b-\x1f]")


def ooxml_text(text: str) -> str:
    """``text`` as OOXML stores it: ``_xHHHH_`` look-alikes and control characters escaped (ECMA-376 ST_Xstring)."""
    if "_x" in text:
        text = _ESCAPE_LOOKALIKE.sub("_x005F_", text)
    if not text.isprintable():
        text = _NOT_XML.sub(lambda found: f"_x{ord(found.group()):04X}_", text)
    return text


def to_xlsx(export: ExportSet) -> bytes:
    """The five sheets as an .xlsx workbook."""
    workbook = Workbook(write_only=True)
    for title, columns, rows in SHEETS:
        _write_sheet(workbook.create_sheet(title), columns, rows(export))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(sheet: WriteOnlyWorksheet, columns: tuple[str, ...], rows: Iterable[Row]) -> None:
    iterator = iter(rows)
    sample = list(itertools.islice(iterator, WIDTH_SAMPLE))
    for index, width in enumerate(_widths(columns, sample), start=1):
        # a write-only sheet gets the worksheet's column widths (and filter) at run time; the stubs omit them
        sheet.column_dimensions[get_column_letter(index)].width = width  # type: ignore[attr-defined]
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for name in columns:
        cell = _text_cell(sheet, ooxml_text(name))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    percent = ["0%" if name in PERCENT_COLUMNS else "#,##0.00" if name in MONEY_COLUMNS else "" for name in columns]
    count = 0
    for row in itertools.chain(sample, iterator):
        sheet.append(list(_cells(sheet, row, percent)))
        count += 1
    # the filter, too, is there at run time and missing from the stubs
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"  # type: ignore[attr-defined]


def _cells(sheet: WriteOnlyWorksheet, row: Row, formats: list[str]) -> Iterator[Any]:
    for value, number_format in zip(row, formats, strict=True):
        if isinstance(value, str):
            text = ooxml_text(value)
            # openpyxl types a plain string by itself: "=…" as a formula, "#N/A" and the like as errors.
            yield _text_cell(sheet, text) if text.startswith("=") or text in ERROR_CODES else text
        elif isinstance(value, datetime.datetime):
            cell = WriteOnlyCell(sheet, value.astimezone(datetime.UTC).replace(tzinfo=None))
            cell.number_format = TIME_FORMAT
            yield cell
        elif number_format and value is not None:
            cell = WriteOnlyCell(sheet, value)
            cell.number_format = number_format
            yield cell
        else:
            yield value


def _text_cell(sheet: WriteOnlyWorksheet, text: str) -> Cell:
    """A cell holding ``text`` (already OOXML-escaped) as a string, whatever it starts with."""
    cell = WriteOnlyCell(sheet)
    # set directly (a private attribute, hence the ignore): the value setter would type "=…" as a formula
    cell._value = text[:MAX_CELL_TEXT]  # type: ignore[attr-defined]
    cell.data_type = "s"
    return cell


def _widths(columns: tuple[str, ...], sample: list[Row]) -> list[float]:
    widths = []
    for index, name in enumerate(columns):
        longest = max([len(name), *(_shown_length(row[index]) for row in sample)])
        widths.append(float(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)))
    return widths


def _shown_length(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return len(TIME_FORMAT)
    if isinstance(value, float):
        return 5
    return max((len(line) for line in str(value).splitlines()), default=0)
