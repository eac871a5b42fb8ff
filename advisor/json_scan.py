"""A streaming scan of JSON bytes that enforces the input limits before any parser builds a tree.

Python's ``json`` recurses once per level and ijson's prefixes grow with the depth, so a 200 KB
document nested 100,000 deep is a ``RecursionError`` or gigabytes of memory. :class:`JsonScan` looks
at the bytes chunk by chunk with numpy, following only where strings begin and end and how deep the
brackets go, so it needs the same small memory whatever the shape. It refuses, at the first one passed,
a nesting deeper than ``max_depth``, a string longer than ``max_cell``, a record (a container at
``record_depth``) longer than ``max_row_bytes`` and more than ``max_containers`` objects and lists.

It does not validate JSON: the parser that runs after it reports syntax errors. Up to the first byte
that is not JSON, its view of strings and brackets is exactly the parser's, so no document can be
deeper than the limit at any point a parser reaches.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from advisor.errors import InputError, Problem
from advisor.limits import Limits, size_text

CHUNK_BYTES = 1024 * 1024
_QUOTE, _BACKSLASH = 0x22, 0x5C
_OPENERS = (0x5B, 0x7B)  # [ {
_BRACKETS = np.zeros(256, dtype=bool)
_BRACKETS[[0x5B, 0x5D, 0x7B, 0x7D]] = True


class JsonScan:
    """Feed the bytes of one JSON document in order; :class:`InputError` at the first limit passed."""

    def __init__(self, name: str, limits: Limits, record_depth: int | None = None) -> None:
        self.name, self.limits, self.record_depth = name, limits, record_depth
        self.offset, self.line = 0, 1  # of the next chunk's first byte
        self.depth = 0
        self.containers = 0
        self.backslashes = 0  # the run of backslashes that ended the previous chunk
        self.string_start: int | None = None  # offset of the opening quote of the string we are in
        self.record_start: int | None = None
        self.string_start_at_chunk: int | None = None

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        data = np.frombuffer(chunk, dtype=np.uint8)
        quotes = np.flatnonzero(self._unescaped_quotes(data))
        self._strings(chunk, quotes)
        brackets = np.flatnonzero(_BRACKETS[data])
        if len(brackets):
            before = np.searchsorted(quotes, brackets)  # quotes before each bracket
            outside = ((before + (self.string_start_at_chunk is not None)) & 1) == 0
            self._structure(chunk, data, brackets[outside])
        self.offset += len(chunk)
        self.line += chunk.count(b"\n")

    def _unescaped_quotes(self, data: np.ndarray) -> np.ndarray:
        quotes: np.ndarray = data == _QUOTE
        backslash: np.ndarray = data == _BACKSLASH
        if not backslash.any():
            if self.backslashes & 1:  # the previous chunk ended with an escaping backslash
                quotes[0] = False
            self.backslashes = 0
            return quotes
        index = np.arange(len(data))
        last_other = np.maximum.accumulate(np.where(backslash, -1, index))
        run = index - last_other  # backslashes ending at each position (0 where it is no backslash)
        run[last_other < 0] += self.backslashes
        before = np.empty_like(run)
        before[0], before[1:] = self.backslashes, run[:-1]
        self.backslashes = int(run[-1])
        unescaped: np.ndarray = quotes & ((before & 1) == 0)
        return unescaped

    def _strings(self, chunk: bytes, quotes: np.ndarray) -> None:
        """Check string lengths; remember whether the chunk ends inside a string."""
        self.string_start_at_chunk = self.string_start
        starts = quotes[0::2] if self.string_start is None else quotes[1::2]
        ends = quotes[1::2] if self.string_start is None else quotes[0::2]
        starts = starts + self.offset
        if self.string_start is not None:
            starts = np.concatenate(([self.string_start], starts))
        ends = ends + self.offset
        limit = self.limits.max_cell
        if limit is not None and len(starts):
            closed = len(ends)
            too_long = np.flatnonzero(ends - starts[:closed] - 1 > limit)
            if len(too_long):
                self._fail(chunk, int(starts[too_long[0]]), f"a string longer than {limit:,} characters")
            if closed < len(starts) and self.offset + len(chunk) - starts[-1] - 1 > limit:
                self._fail(chunk, int(starts[-1]), f"a string longer than {limit:,} characters")
        self.string_start = int(starts[-1]) if len(starts) > len(ends) else None

    def _structure(self, chunk: bytes, data: np.ndarray, positions: np.ndarray) -> None:
        if not len(positions):
            return
        opening = np.isin(data[positions], _OPENERS)
        depth = self.depth + np.cumsum(np.where(opening, 1, -1))
        limits = self.limits
        if limits.max_depth is not None and int(depth.max()) > limits.max_depth:
            where = int(positions[np.argmax(depth > limits.max_depth)]) + self.offset
            self._fail(chunk, where, f"nested more than {limits.max_depth} levels deep")
        if limits.max_containers is not None:
            opened = np.cumsum(opening) + self.containers
            if int(opened[-1]) > limits.max_containers:
                where = int(positions[np.argmax(opened > limits.max_containers)]) + self.offset
                self._fail(chunk, where, f"more than {limits.max_containers:,} objects and lists")
            self.containers = int(opened[-1])
        if self.record_depth is not None and limits.max_row_bytes is not None:
            self._records(chunk, positions, opening, depth)
        self.depth = int(depth[-1])

    def _records(self, chunk: bytes, positions: np.ndarray, opening: np.ndarray, depth: np.ndarray) -> None:
        level, limit = self.record_depth, self.limits.max_row_bytes
        assert level is not None
        assert limit is not None
        starts = positions[opening & (depth == level)] + self.offset
        ends = positions[~opening & (depth == level - 1)] + self.offset
        if self.record_start is not None:
            starts = np.concatenate(([self.record_start], starts))
        closed = min(len(ends), len(starts))
        too_long = np.flatnonzero(ends[:closed] - starts[:closed] + 1 > limit)
        if len(too_long):
            self._fail(chunk, int(starts[too_long[0]]), f"a record larger than {size_text(limit)}")
        self.record_start = int(starts[-1]) if len(starts) > closed else None
        if self.record_start is not None and self.offset + len(chunk) - self.record_start > limit:
            self._fail(chunk, self.record_start, f"a record larger than {size_text(limit)}")

    def _fail(self, chunk: bytes, offset: int, what: str) -> None:
        inside = offset - self.offset
        line = self.line + (chunk.count(b"\n", 0, inside) if inside > 0 else 0)
        raise over_limit(self.name, f"{what} at byte offset {offset} (line {line})", line)


def over_limit(name: str, what: str, line: int | None = None) -> InputError:
    """The one-line refusal of a file that passes a documented limit."""
    return InputError(Problem(f"{what}: over the limit for this input (see the README's input limits)", name, line))


def check_size(size: int, name: str, limits: Limits) -> None:
    """Refuse a file larger than ``limits.max_bytes``."""
    if size > limits.max_bytes:
        raise over_limit(name, f"the file is {size:,} bytes, more than {size_text(limits.max_bytes)}")


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The whole file, refused when larger than ``max_bytes`` (read bounded: a device or pipe may not end)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise InputError(Problem("is a folder, not a file", file=str(path))) from None
    except OSError as exc:
        raise InputError(Problem(f"cannot read the file: {exc.strerror or exc}", file=str(path))) from None
    if len(data) > max_bytes:
        raise over_limit(str(path), f"the file is larger than {size_text(max_bytes)}")
    return data


def scan_json_bytes(data: bytes, name: str, limits: Limits) -> None:
    """Check a JSON document held in memory (answers, imports) before ``json.loads`` sees it."""
    check_size(len(data), name, limits)
    scan = JsonScan(name, limits)
    view = memoryview(data)
    for start in range(0, len(data), CHUNK_BYTES):
        scan.feed(bytes(view[start : start + CHUNK_BYTES]))


def scan_json_file(path: Path | str, name: str, limits: Limits) -> None:
    """Check a JSON file by streaming it (constant memory)."""
    scan = JsonScan(name, limits)
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            scan.feed(chunk)
