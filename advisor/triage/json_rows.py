"""The triage result's VMs as JSON text, built a column at a time with Arrow instead of a dict per VM.

A VM's JSON object (contract §5) has four texts of its own (subscription, cloud service, VM name, VNet);
everything else depends on its *kind* (verdict, rules fired, unknown fields: a few hundred kinds in an
estate) and its classic size (a few dozen). So each (kind, size) pair in use is encoded once with ``json``,
each text column is escaped once as a whole column (and only where some cell needs it), and Arrow joins the
pieces row by row in C. The bytes are exactly what ``json.dumps(vm, ensure_ascii=False)`` gives for each of
:meth:`TriageResult.vm_dicts`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, TypeAlias

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

CHUNK_ROWS = 10_000  # rows turned into text at a time: a million VMs never sit in memory as one JSON text
Piece: TypeAlias = "pa.Array | pa.ChunkedArray | str"  # a column (a value per row) or one text for every row


def dumps(value: Any) -> str:
    """One value as the CLI has always written it."""
    return json.dumps(value, ensure_ascii=False)


def arrow_text(column: pd.Series) -> pa.Array:
    """A text column as one Arrow string array (no copy when pandas already holds it in Arrow)."""
    array = pa.array(column.array, from_pandas=True)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def arrow_chunks(column: pd.Series) -> pa.ChunkedArray:
    """A text column as Arrow holds it, in its chunks: no copy (a million-VM column is not put together again)."""
    array = pa.array(column.array, from_pandas=True)
    return array if isinstance(array, pa.ChunkedArray) else pa.chunked_array([array], type=array.type)


def rows_of(piece: Piece, rows: slice) -> Piece:
    """The rows of a piece as one array (a chunked column's few chunks there joined: a chunk of rows' cells)."""
    if isinstance(piece, str):
        return piece
    part = piece[rows]
    if isinstance(part, pa.ChunkedArray):
        return part.chunk(0) if part.num_chunks == 1 else pa.concat_arrays(part.chunks) if part.num_chunks else (
            pa.array([], type=part.type)
        )  # fmt: skip
    return part


def text_pieces(column: pa.Array | pa.ChunkedArray) -> list[Piece]:
    """A text column's cells as JSON values, as pieces to join: ``'"'``, the escaped cells, ``'"'`` when no cell
    is missing (the quotes then become part of the texts beside them), else one column of quoted cells and
    ``null``s. ``json`` escapes a quote, a backslash and the characters below U+0020 (``ensure_ascii=False``);
    the bytes tell whether any cell holds one, so the common column is used as it is."""
    array = column.cast(pa.large_string())
    chunks = array.chunks if isinstance(array, pa.ChunkedArray) else [array]
    if any((_bytes(chunk) < 0x20).any() for chunk in chunks):
        # Rare (a tab or a line break inside a name): let json escape these cells exactly as it would.
        texts = [None if cell is None else dumps(cell) for cell in array.to_pylist()]
        return [pa.array(texts, type=pa.large_string()).fill_null("null")]
    escaped = array
    if any(((data == ord('"')) | (data == ord("\\"))).any() for data in map(_bytes, chunks)):
        escaped = pc.replace_substring(pc.replace_substring(array, "\\", "\\\\"), '"', '\\"')
    if array.null_count == 0:
        return ['"', escaped, '"']
    return [_joined(['"', escaped, '"']).fill_null("null")]


def fragment_codes(first: np.ndarray, second: np.ndarray, seconds: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The (first, second) code pairs in use, numbered: each row's pair number, and per number its two codes.

    Pairs are counted on a table of every possible pair (kinds times sizes: small), so no sort of the rows."""
    seconds = max(seconds, 1)
    pairs = first.astype(np.int64) * seconds + second
    used = np.zeros(int(pairs.max(initial=-1)) + 1, dtype=bool)
    used[pairs] = True
    numbers = np.cumsum(used) - 1
    present = np.flatnonzero(used)
    return numbers[pairs].astype(np.int32), present // seconds, present % seconds


def taken(fragments: Sequence[str] | pa.Array, codes: np.ndarray) -> pa.Array:
    """The fragment of each row's code (a few hundred distinct fragments shared by all rows; pass them as an
    Arrow array, :func:`texts`, when taking for many chunks)."""
    return pc.take(fragments if isinstance(fragments, pa.Array) else texts(fragments), pa.array(codes, type=pa.int32()))


def texts(fragments: Sequence[str]) -> pa.Array:
    return pa.array(list(fragments), type=pa.large_string())


def merged(pieces: Sequence[Piece]) -> list[Piece]:
    """The pieces with neighbouring texts made one (fewer pieces for Arrow to join)."""
    out: list[Piece] = []
    for piece in pieces:
        last = out[-1] if out else None
        if isinstance(piece, str) and isinstance(last, str):
            out[-1] = last + piece
        elif not (isinstance(piece, str) and not piece):
            out.append(piece)
    return out


def rows_json(pieces: Sequence[Piece], first: bool) -> memoryview:
    """The rows (each the concatenation of ``pieces``) as a view of UTF-8 bytes, each after ``", "`` but the very first.

    Arrow keeps a string column's values back to back in one buffer, so with the separator made part of each
    row, that buffer *is* the joined text: no join over the rows (Arrow's own list join is ten times slower).
    """
    text, _ = _back_to_back(_joined(merged([", ", *pieces])))
    return text[2:] if first else text


def joined_rows(pieces: Sequence[Piece]) -> tuple[memoryview, list[int]]:
    """The rows (each the concatenation of ``pieces``) back to back as UTF-8, and where each row starts (one more
    offset: where the last ends), counted from the first row's start."""
    text, offsets = _back_to_back(_joined(pieces))
    return text, offsets.tolist()


def _back_to_back(rows: pa.Array) -> tuple[memoryview, np.ndarray]:
    """A large-string array's cells as one view of their UTF-8 buffer (the view keeps Arrow's buffer alive), and
    where each cell starts (one more offset: where the last ends), counted from the first cell's start."""
    if len(rows) == 0:
        return memoryview(b""), np.zeros(1, dtype=np.int64)
    offsets = np.frombuffer(rows.buffers()[1], dtype=np.int64, count=len(rows) + 1, offset=rows.offset * 8)
    start = int(offsets[0])
    return memoryview(rows.buffers()[2])[start : int(offsets[-1])], offsets - start


def _joined(pieces: Sequence[Piece]) -> pa.Array:
    """Row by row, the pieces (columns, or one text for every row) one after the other."""
    scalars = [pa.scalar(piece, pa.large_string()) if isinstance(piece, str) else piece for piece in pieces]
    return pc.binary_join_element_wise(*scalars, pa.scalar("", pa.large_string()))


def _bytes(array: pa.Array) -> np.ndarray:
    """The UTF-8 bytes of a large-string array's cells, back to back (no copy; a missing cell's bytes, if any,
    are included: they can only send a column down the exact, slower path)."""
    _, offsets, data = array.buffers()
    if data is None or len(array) == 0:
        return np.zeros(0, dtype=np.uint8)
    ends = np.frombuffer(offsets, dtype=np.int64, count=len(array) + 1, offset=array.offset * 8)
    return np.frombuffer(data, dtype=np.uint8)[int(ends[0]) : int(ends[-1])]


def chunks(size: int) -> Iterator[slice]:
    for start in range(0, size, CHUNK_ROWS):
        yield slice(start, min(size, start + CHUNK_ROWS))
