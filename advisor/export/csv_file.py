"""The CSV export: one row per workload, for people and spreadsheets (the JSON export is the exact one).

* Columns: :data:`advisor.export.table_rows.SUMMARY_COLUMNS`, in that order; the README documents each.
* UTF-8 with a byte-order mark, so Excel reads the accents right; RFC 4180 quoting, CRLF line ends.
* Times are ISO 8601 in UTC (``2026-03-01T09:00:00Z``); confidence is 0 to 1 with two decimals.
* **Formula neutralization** (OWASP "CSV injection"): a cell that starts with ``=``, ``+``, ``-``, ``@``,
  a tab or a carriage return gets a single quote in front (``=1+1`` becomes ``'=1+1``), so no spreadsheet
  runs it as a formula. The quote is visible in the cell; the JSON export keeps the text as typed.
"""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from advisor.export.export_set import ExportSet
from advisor.export.table_rows import SUMMARY_COLUMNS, iso_utc, summary_rows

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(text: str) -> str:
    """``text`` with a single quote in front when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SUMMARY_COLUMNS)
    writer.writerows([cell(value) for value in row] for row in summary_rows(export))
    return buffer.getvalue().encode("utf-8-sig")
