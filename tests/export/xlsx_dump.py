"""An .xlsx workbook as readable JSON text (what the golden file ``records.xlsx.json`` holds), read with openpyxl.

Per sheet: its frozen cell, autofilter range, column widths, then every row, each cell as ``[type, value]``
with openpyxl's data type (``s`` text, ``n`` number, ``d`` date) and the value as text (dates in ISO 8601).
"""

from __future__ import annotations

import datetime
import io
import json
from typing import Any

from openpyxl import load_workbook


def workbook_dict(data: bytes) -> dict[str, Any]:
    workbook = load_workbook(io.BytesIO(data))
    sheets: dict[str, Any] = {}
    for sheet in workbook.worksheets:
        sheets[sheet.title] = {
            "freeze_panes": sheet.freeze_panes,
            "auto_filter": sheet.auto_filter.ref,
            "widths": {letter: dim.width for letter, dim in sorted(sheet.column_dimensions.items())},
            "rows": [[_cell(cell) for cell in row] for row in sheet.iter_rows()],
        }
    return sheets


def _cell(cell: Any) -> list[Any] | None:
    if cell.value is None:
        return None
    value = cell.value.isoformat() if isinstance(cell.value, datetime.datetime) else cell.value
    return [cell.data_type, value]


def dump_workbook(data: bytes) -> str:
    """The workbook as JSON text: one line per sheet property and per row, so a change shows as a one-line diff."""
    lines = ["{"]
    sheets = workbook_dict(data)
    for number, (title, sheet) in enumerate(sheets.items(), start=1):
        lines.append(f" {json.dumps(title)}: {{")
        for key in ("freeze_panes", "auto_filter", "widths"):
            lines.append(f"  {json.dumps(key)}: {json.dumps(sheet[key], ensure_ascii=False)},")
        rows = [f"   {json.dumps(row, ensure_ascii=False)}" for row in sheet["rows"]]
        lines += ['  "rows": [', ",\n".join(rows), "  ]", " }" + ("," if number < len(sheets) else "")]
    return "\n".join([*lines, "}"]) + "\n"
