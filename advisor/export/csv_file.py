"""The CSV export: one row per workload, for people and spreadsheets (the JSON export is the exact one).

* Columns: :data:`advisor.export.table_rows.SUMMARY_COLUMNS`, in that order; the README documents each.
* UTF-8 with a byte-order mark, so Excel reads the accents right; every field quoted (RFC 4180), CRLF
  line ends.
* Times are ISO 8601 in UTC (``2026-03-01T09:00:00Z``); confidence is 0 to 1 with two decimals.
* **Formula neutralization** (OWASP "CSV injection"), whatever list separator the spreadsheet uses: a
  spreadsheet set to ``;`` (usual in Europe) or tab splits a field wherever one appears, so a cell starts
  not only at the start of the field but after every ``,``, ``;``, tab or line break in it. A single quote
  goes in front of a ``=``, ``+``, ``-``, ``@``, tab or carriage return at any of those starts (spaces
  before it included): ``=1+1`` becomes ``'=1+1`` and ``Payroll;=cmd`` becomes ``Payroll;'=cmd``. The
  quote is visible in the cell; the JSON export keeps the text as typed.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from typing import Any

from advisor.export.export_set import ExportSet
from advisor.export.table_rows import SUMMARY_COLUMNS, iso_utc, summary_rows

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Every place a cell can start (the field's start, or after a separator or line break in it), followed by
# spaces and a formula start: a quote goes there. Zero-width, so starts that follow each other all get one.
_CELL_STARTS_A_FORMULA = re.compile(r"(?:^|(?<=[,;\t\r\n]))(?=[ ]*[=+\-@\t\r])")


def neutralize(text: str) -> str:
    """``text`` with a single quote wherever a spreadsheet could start a cell that reads as a formula."""
    return _CELL_STARTS_A_FORMULA.sub("'", text)


def cell(value: Any) -> str:
    """A row value as CSV text: empty for None, ISO UTC for times, two decimals for floats."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return iso_utc(value)
    if isinstance(value, float):
        return f"{value:.2f}"
    return neutralize(str(value))


def to_csv(export: ExportSet) -> bytes:
    """One row per workload (its latest version), headed by the stable column names."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(SUMMARY_COLUMNS)
    writer.writerows([cell(value) for value in row] for row in summary_rows(export))
    return buffer.getvalue().encode("utf-8-sig")
