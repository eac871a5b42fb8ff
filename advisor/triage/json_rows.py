"""The triage result's VMs as JSON text, built a column at a time with Arrow instead of a dict per VM.

A VM's JSON object (contract §5) has four texts of its own (subscription, cloud service, VM name, VNet);
everything else depends on its *kind* (verdict, rules fired, unknown fields: a few hundred kinds in an
estate) or on its classic size (a few dozen). So each kind and each size is encoded once with ``json``,
each text column is escaped once as a whole column, and Arrow joins the pieces row by row in C. The bytes
are exactly what ``json.dumps(vm, ensure_ascii=False)`` gives for each of :meth:`TriageResult.vm_dicts`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

CHUNK_ROWS = 10_000  # rows turned into text at a time: a million VMs never sit in memory as one JSON text
_CONTROL = r"[\x00-\x1f]"  # what json escapes besides quote and backslash (with ensure_ascii=False)


def dumps(value: Any) -> str:
    """One value as the CLI has always written it."""
    return json.dumps(value, ensure_ascii=False)


def arrow_text(column: pd.Series) -> pa.Array:
    """A text column as one Arrow string array (no copy when pandas already holds it in Arrow)."""
    array = pa.array(column.array, from_pandas=True)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def quoted(array: pa.Array) -> pa.Array:
    """Each cell as a JSON value: a quoted, escaped string, or ``null`` for a missing cell."""
    array = array.cast(pa.large_string())  # a chunk at a time: the join below takes one string type
    if pc.any(pc.match_substring_regex(array, _CONTROL)).as_py():
        # Rare (a tab or a line break inside a name): let json escape these cells exactly as it would.
        texts = [None if cell is None else dumps(cell) for cell in array.to_pylist()]
        return pa.array(texts, type=pa.large_string()).fill_null("null")
    escaped = pc.replace_substring(pc.replace_substring(array, "\\", "\\\\"), '"', '\\"')
    return _joined(['"', escaped, '"']).fill_null("null")


def taken(fragments: Sequence[str], codes: np.ndarray) -> pa.Array:
    """The fragment of each row's code (a few hundred distinct fragments shared by all rows)."""
    return pc.take(pa.array(list(fragments), type=pa.large_string()), pa.array(codes, type=pa.int32()))


def rows_json(pieces: Sequence[pa.Array | str], first: bool) -> memoryview:
    """The rows (each the concatenation of ``pieces``) as a view of UTF-8 bytes, each after ``", "`` but the very first.

    Arrow keeps a string column's values back to back in one buffer, so with the separator made part of each
    row, that buffer *is* the joined text: no join over the rows (Arrow's own list join is ten times slower).
    """
    rows = _joined([", ", *pieces])
    if len(rows) == 0:
        return memoryview(b"")
    offsets = np.frombuffer(rows.buffers()[1], dtype=np.int64, count=len(rows) + 1, offset=rows.offset * 8)
    start = int(offsets[0]) + (2 if first else 0)
    return memoryview(rows.buffers()[2])[start : int(offsets[-1])]  # the view keeps Arrow's buffer alive


def _joined(pieces: Sequence[pa.Array | str]) -> pa.Array:
    """Row by row, the pieces (columns, or one text for every row) one after the other."""
    scalars = [pa.scalar(piece, pa.large_string()) if isinstance(piece, str) else piece for piece in pieces]
    return pc.binary_join_element_wise(*scalars, pa.scalar("", pa.large_string()))


def chunks(size: int) -> Iterator[slice]:
    for start in range(0, size, CHUNK_ROWS):
        yield slice(start, min(size, start + CHUNK_ROWS))
