"""A streaming first pass over a CSV file: UTF-8, quoting and the input limits, before pandas reads it.

pandas reads what it is given without complaint: an unbalanced quote swallows the rows after it
(columns shift silently), ``"vm2"x`` becomes ``vm2x``, and a header of 50,000 columns builds 50,000
columns. :func:`scan_csv` reads the file once with the standard ``csv`` module in strict mode, one line
at a time, and stops at the first of these with one line naming the file and the line:

* bytes that are not UTF-8 (byte offset and line), a file larger than ``max_bytes``;
* a line longer than ``max_row_bytes``, a cell longer than ``max_cell``, more than ``max_rows`` rows;
* a quote that is not closed on its line (inventory cells hold no line breaks), or text after a
  closing quote; a column name that appears twice.

It returns what pandas then reads: the header, the columns to keep (every column the format reads,
then the others in order, up to ``max_columns`` and ``max_cells``; the rest are dropped with a
warning, never fatal) and the rows with more fields than the header (skipped, each with a problem).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from advisor.errors import InputError, Problem
from advisor.json_scan import check_size, over_limit
from advisor.limits import ALL as ALL_LIMITS
from advisor.limits import Limits, size_text

CHUNK_BYTES = 1024 * 1024
# The csv module's own cap on a field (process-wide, so one value for every caller and thread): the largest
# cell any CSV input admits. It also bounds a quoted field that runs on over many lines. A format that admits
# less is checked row by row.
FIELD_LIMIT = max(limit.max_cell or 0 for limit in ALL_LIMITS)


@dataclass
class CsvScan:
    """What the first pass found: the header (stripped), the columns to read, and rows to skip."""

    header: list[str]
    header_line: int  # 1-based
    keep: list[int] | None  # positions of the columns to read; None: every column
    rows: int  # data rows after the header (blank lines included)
    skipped_lines: list[int] = field(default_factory=list)  # 1-based lines of rows skipped
    problems: list[Problem] = field(default_factory=list)
    # Every row has exactly the header's fields, with no quote, blank line or lone carriage return anywhere:
    # any CSV reader splits it the same way (the strict scan never says so; only the plain scan proves it).
    uniform: bool = False


class _Utf8Checked(io.RawIOBase):
    """A binary file that raises InputError (byte offset and line) at the first byte that is not UTF-8."""

    def __init__(self, handle: io.BufferedReader, name: str) -> None:
        self.handle, self.name = handle, name
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.offset, self.line = 0, 1

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:  # any writable buffer, as io.RawIOBase takes
        count = self.handle.readinto(buffer)
        if not count:
            self._finish()
            return 0
        chunk = bytes(memoryview(buffer)[:count])
        pending = len(self.decoder.getstate()[0])
        try:
            self.decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            raise _not_utf8(self.name, chunk, max(0, exc.start - pending), self.offset, self.line) from None
        self.offset += count
        self.line += chunk.count(b"\n")
        return count

    def _finish(self) -> None:
        try:
            self.decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            message = f"not UTF-8: the file ends inside a character (byte offset {self.offset}, line {self.line})"
            raise InputError(Problem(message, file=self.name, line=self.line)) from None


def _not_utf8(name: str, chunk: bytes, position: int, base_offset: int, base_line: int) -> InputError:
    line = base_line + chunk.count(b"\n", 0, position)
    byte = chunk[position] if position < len(chunk) else 0
    message = (f"not UTF-8: byte 0x{byte:02x} at byte offset {base_offset + position} (line {line}); "
               "save the file as UTF-8")  # fmt: skip
    return InputError(Problem(message, file=name, line=line))


class _Lines:
    """The file's lines, each at most ``limit`` characters; ``number`` is the last line handed out."""

    def __init__(self, text: io.TextIOBase, name: str, limit: int | None) -> None:
        self.text, self.name, self.limit = text, name, limit
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        size = -1 if self.limit is None else self.limit + 1
        while line := self.text.readline(size):
            self.number += 1
            if self.limit is not None and len(line) > self.limit:
                raise over_limit(self.name, f"line {self.number} is longer than {size_text(self.limit)}", self.number)
            yield line


def _csv_fault(name: str, error: csv.Error, start: int, line: int, limits: Limits) -> InputError:
    text = str(error)
    if "field larger than field limit" in text:
        most = min(limits.max_cell or FIELD_LIMIT, FIELD_LIMIT)
        return over_limit(name, f"a cell longer than {most:,} characters on line {line}", line)
    if "unexpected end of data" in text:
        message = f'the quote opened on line {start} is never closed: an unbalanced quote (")'
        return InputError(Problem(message, file=name, line=start))
    message = f"malformed quoting on line {line} ({text}): a quoted value must end with a quote and then a comma"
    return InputError(Problem(message, file=name, line=line))


def scan_csv(path: Path | str, name: str, limits: Limits, *, skip: int = 0, priority: Collection[str] = ()) -> CsvScan:
    """The first pass described in the module docstring; ``skip`` lines come before the header."""
    try:
        check_size(os.stat(path).st_size, name, limits)
    except OSError as exc:
        raise InputError(Problem(f"cannot be read: {exc.strerror or exc}", file=name)) from None
    clean = _plain_scan(path, limits) if skip == 0 else None
    if clean is not None:
        clean.keep = _kept(clean, name, limits, priority)
        return clean
    csv.field_size_limit(FIELD_LIMIT)  # the same value every time: the setting is global to the process
    with open(path, "rb") as handle:
        raw = _Utf8Checked(handle, name)
        text = io.TextIOWrapper(io.BufferedReader(raw, CHUNK_BYTES), encoding="utf-8-sig", newline="")
        lines = _Lines(text, name, limits.max_row_bytes)
        source = iter(lines)
        for _ in range(skip):
            next(source, None)
        reader = csv.reader(source, strict=True)
        try:
            header = [cell.strip() for cell in next(reader, [])]
        except csv.Error as exc:
            raise _csv_fault(name, exc, skip + 1, lines.number, limits) from None
        header_line = lines.number
        cell_limit = limits.max_cell
        if cell_limit is not None and cell_limit < FIELD_LIMIT and any(len(cell) > cell_limit for cell in header):
            raise over_limit(name, f"a cell longer than {cell_limit:,} characters on line {header_line}", header_line)
        _unique(header, name, header_line)
        scan = CsvScan(header, header_line, None, 0)
        _rows(reader, lines, scan, name, limits)
    scan.keep = _kept(scan, name, limits, priority)
    return scan


def _plain_scan(path: Path | str, limits: Limits) -> CsvScan | None:
    """The same scan, as whole-array work, for a file that needs no CSV parser; None when it might.

    Without a quote anywhere, every line is its cells split at the commas, so UTF-8, line and cell lengths,
    row count and field counts can be checked with numpy over blocks of bytes. Anything unusual (a quote, a
    lone carriage return, a limit reached, a row with more fields than the header, a blank first line)
    returns None and the strict scan runs instead: it alone words the faults, so they read the same.
    """
    widest_cell = min(limits.max_cell or FIELD_LIMIT, FIELD_LIMIT)
    header: list[str] | None = None
    rows = 0
    uniform = True
    for data in _whole_lines(path, limits.max_row_bytes):
        if data is None or not _plain_bytes(data):
            return None
        if header is None:
            end = data.index(b"\n") + 1
            header = _plain_header(data[:end], widest_cell, limits)
            if header is None:
                return None
            data = data[end:]
        fits = _plain_block(data, len(header), widest_cell, limits.max_row_bytes)
        if fits is None:
            return None
        rows += fits[0]
        uniform = uniform and fits[1]
    if header is None or (limits.max_rows is not None and rows > limits.max_rows):
        return None
    return CsvScan(header, 1, None, rows, uniform=uniform)


def _whole_lines(path: Path | str, widest_line: int | None) -> Iterator[bytes | None]:
    """The file (without its byte order mark) in blocks of whole lines, each ending with a line break; None
    when one line is longer than ``widest_line``."""
    with open(path, "rb") as handle:
        pending = handle.read(len(codecs.BOM_UTF8))
        if pending == codecs.BOM_UTF8:
            pending = b""
        while block := handle.read(CHUNK_BYTES * 2):  # small blocks: numpy's temporaries stay in cache
            data = pending + block
            cut = data.rfind(b"\n") + 1
            data, pending = data[:cut], data[cut:]
            if widest_line is not None and len(pending) > widest_line:
                yield None
                return
            if data:
                yield data
        if pending:
            yield pending + b"\n"  # the last line, without its line break


def _plain_bytes(data: bytes) -> bool:
    """No quote, NUL or lone carriage return, and UTF-8: nothing a CSV parser could read differently."""
    if b'"' in data or b"\0" in data or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n")):
        return False
    return _utf8(data)


def _plain_header(line: bytes, widest_cell: int, limits: Limits) -> list[str] | None:
    """The header's names (stripped), or None when the strict scan must look at it (blank, too long, a
    name twice)."""
    cells = line.rstrip(b"\r\n").decode("utf-8").split(",")
    if line.strip() == b"" or (limits.max_row_bytes is not None and len(line) > limits.max_row_bytes):
        return None
    if any(len(cell) > min(widest_cell, limits.max_cell or widest_cell) for cell in cells):
        return None
    header = [cell.strip() for cell in cells]
    return header if len(set(header)) == len(header) else None


def _utf8(data: bytes) -> bool:
    if data.isascii():
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _plain_block(data: bytes, width: int, widest_cell: int, widest_line: int | None) -> tuple[int, bool] | None:
    """How many lines ``data`` (whole lines, no quotes) holds and whether each has the header's fields, or
    None when a line or cell is too long or a line has more fields than the header."""
    if not data:
        return 0, True
    cells = np.frombuffer(data, dtype=np.uint8)
    breaks = (cells == ord(",")) | (cells == ord("\n"))
    ends = np.flatnonzero(breaks)  # every comma and line break, in order
    lengths = np.diff(ends, prepend=-1) - 1  # bytes of each cell (a line's last cell may count its \r)
    if lengths.max(initial=0) > widest_cell:
        return None  # characters are at most bytes: only a long byte count needs the exact check
    line_breaks = np.flatnonzero(cells[ends] == ord("\n"))
    line_lengths = np.diff(ends[line_breaks], prepend=-1)
    if widest_line is not None and line_lengths.max(initial=0) > widest_line:
        return None
    fields = np.diff(line_breaks, prepend=-1)  # commas + 1 per line
    if fields.max(initial=0) > width:
        return None
    return len(line_breaks), bool(fields.min(initial=width) == width)


def _unique(header: list[str], name: str, line: int) -> None:
    """pandas renames a repeated column (``vnet.1``); a repeated header name is an error instead."""
    seen: set[str] = set()
    for column in header:
        if column in seen:
            raise InputError(Problem("the column appears twice in the header", file=name, line=line, ident=column))
        seen.add(column)


def _rows(reader: Iterator[list[str]], lines: _Lines, scan: CsvScan, name: str, limits: Limits) -> None:
    width = len(scan.header)
    cell_limit = limits.max_cell
    previous = lines.number
    while True:
        start = previous + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            raise _csv_fault(name, exc, start, lines.number, limits) from None
        if row is None:
            return
        line = lines.number
        if line != start:
            message = (f"the quoted value that starts on line {start} runs on to line {line}: an unbalanced "
                       "quote (\")? Inventory cells hold no line breaks")  # fmt: skip
            raise InputError(Problem(message, file=name, line=start))
        previous = line
        if cell_limit is not None and cell_limit < FIELD_LIMIT and any(len(cell) > cell_limit for cell in row):
            raise over_limit(name, f"a cell longer than {cell_limit:,} characters on line {line}", line)
        scan.rows += 1
        if limits.max_rows is not None and scan.rows > limits.max_rows:
            raise over_limit(name, f"more than {limits.max_rows:,} rows (line {line})", line)
        if len(row) > width:
            scan.skipped_lines.append(line)
            scan.problems.append(Problem(f"row skipped: it has {len(row)} fields but the header has {width} "
                                         "(a stray comma, or a value with a comma that is not quoted?)", file=name,
                                         line=line))  # fmt: skip


def _kept(scan: CsvScan, name: str, limits: Limits, priority: Collection[str]) -> list[int] | None:
    """Every column the format reads, then the others in order, within the column and cell limits."""
    width = len(scan.header)
    most = width if limits.max_columns is None else limits.max_columns
    if limits.max_cells is not None and scan.rows:
        most = min(most, max(1, limits.max_cells // scan.rows))
    if width <= most:
        return None
    wanted = set(priority)
    keep = [i for i, column in enumerate(scan.header) if column in wanted]
    for i, column in enumerate(scan.header):
        if len(keep) >= most:
            break
        if column not in wanted:
            keep.append(i)
    keep.sort()
    kept = set(keep)
    dropped = [column for i, column in enumerate(scan.header) if i not in kept]
    shown = ", ".join(dropped[:5]) + (", …" if len(dropped) > 5 else "")
    cells = f" and {limits.max_cells:,} cells" if limits.max_cells is not None else ""
    noun = "column" if len(dropped) == 1 else "columns"
    scan.problems.append(Problem(f"{len(dropped):,} {noun} beyond the first {len(keep)} were dropped (the limit is "
                                 f"{limits.max_columns} columns{cells}): {shown}", file=name,
                                 line=scan.header_line))  # fmt: skip
    return keep
