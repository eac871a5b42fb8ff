"""What an inventory file is, by content (never by extension), and byte-level reading shared by the readers.

:func:`detect_format` reads only the first :data:`HEAD_BYTES` and answers one of :data:`FORMATS`.
:func:`stream_json` streams JSON records with ijson, checking UTF-8 and the input limits
(:mod:`advisor.limits`) as it goes, and raises :class:`InputError` naming the file, byte offset and line.
CSV files are checked by :mod:`.csv_scan`.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ijson

from advisor.errors import InputError, Problem
from advisor.inventory.frames import CLASSIC_VM_TYPE
from advisor.json_scan import JsonScan, check_size, over_limit
from advisor.limits import INVENTORY_JSON, Limits
from advisor.models.triage_rules import VM_FIELDS, VNET_FIELDS

FORMATS: tuple[str, ...] = ("canonical_csv", "arg_json", "arg_csv", "ps_json", "ps_csv", "vnet_csv")
HEAD_BYTES = 64 * 1024
CHUNK_BYTES = 64 * 1024
BOM = codecs.BOM_UTF8
PS_TYPE_LINE = "#TYPE"
PS_NAME_KEYS = ("Name", "RoleName", "InstanceName", "InstanceSize", "InstanceStatus", "Status")
OTHER_DELIMITERS = (";", "\t", "|")


def _fail(name: str, message: str, line: int | None = None, ident: str | None = None) -> InputError:
    return InputError(Problem(message, file=name, line=line, ident=ident))


def read_head(path: Path | str, name: str) -> bytes:
    """The first KBs of the file; errors for a missing, unreadable or empty file."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    except FileNotFoundError:
        raise _fail(name, "file not found") from None
    except IsADirectoryError:
        raise _fail(name, "is a folder, not a file") from None
    except OSError as exc:
        raise _fail(name, f"cannot be read: {exc.strerror or exc}") from None
    if not head.removeprefix(BOM).strip():
        raise _fail(name, "the file is empty")
    return head


def _not_text(head: bytes, name: str) -> None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or head[1:80:2].count(0) > 20:
        raise _fail(name, "the file is UTF-16 (PowerShell's `>` writes that); save it as UTF-8, e.g. "
                          "`... | Out-File -Encoding utf8` or `Export-Csv -Encoding UTF8`")  # fmt: skip
    if head.startswith(b"PK\x03\x04"):
        raise _fail(name, "this is a zip or Excel (.xlsx) file; save the sheet as CSV (UTF-8)")
    if b"\x00" in head:
        raise _fail(name, "this is a binary file, not CSV or JSON text")


def detect_format(path: Path | str, name: str | None = None) -> str:
    """The format of ``path`` from its first KBs: one of :data:`FORMATS`, else :class:`InputError`."""
    name = name or str(path)
    head = read_head(path, name)
    _not_text(head, name)
    text = head.removeprefix(BOM).decode("utf-8", errors="replace").lstrip()
    if text[:1] in "[{":
        return json_shape(head, name).format
    return _csv_format(text, name, whole=len(head) < HEAD_BYTES)


# --- CSV ----------------------------------------------------------------------------------------------------


def _split_header(line: str, delimiter: str = ",") -> list[str]:
    return [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter), [])]


def _classify_columns(columns: list[str]) -> str | None:
    names = set(columns)
    vm_names = names & set(VM_FIELDS)
    if names & {"cloud_service", "vm_name"} or len(vm_names) >= 3:
        return "canonical_csv"
    if names & set(VNET_FIELDS):  # has_* or gateways (a missing vnet column is the reader's to name)
        return "vnet_csv"
    if "ServiceName" in names and names & set(PS_NAME_KEYS):
        return "ps_csv"
    if "properties" in names and names & {"name", "id"}:
        return "arg_csv"
    return None


def _csv_format(text: str, name: str, whole: bool) -> str:
    lines = text.splitlines()
    if not whole and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut by the head limit
    first = lines[0]
    typed = first.startswith(PS_TYPE_LINE)
    if typed:
        if len(lines) < 2:
            raise _fail(name, f"only a PowerShell type line ({first.strip()!r}), no header", line=1)
        header_line, line_no = lines[1], 2
    else:
        header_line, line_no = first, 1
    columns = _split_header(header_line)
    found = _classify_columns(columns)
    if typed and found not in (None, "ps_csv"):
        found = None
    if found:
        return found
    for delimiter in OTHER_DELIMITERS:
        guessed = _classify_columns(_split_header(header_line, delimiter)) if delimiter in header_line else None
        if guessed:
            raise _fail(name, delimiter_message(delimiter, guessed), line=line_no)
    if typed:
        raise _fail(name, f"a PowerShell Export-Csv file, but not of Get-AzureVM objects ({first.strip()[:120]})",
                    line=1)  # fmt: skip
    shown = ", ".join(columns[:12]) + (", …" if len(columns) > 12 else "")
    raise _fail(name, "not a known inventory format (canonical CSV, Resource Graph JSON/CSV, Get-AzureVM "
                      f"JSON/CSV, VNet facts CSV); the first line has the columns: {shown}", line=line_no)  # fmt: skip


REQUIRED_BY_FORMAT = {
    "canonical_csv": "cloud_service, vm_name", "vnet_csv": "vnet", "ps_csv": "ServiceName, Name",
    "arg_csv": "name, properties",
}  # fmt: skip


def delimiter_message(delimiter: str, fmt: str = "canonical_csv") -> str:
    """Why a file separated by something other than commas is refused."""
    shown = "tab" if delimiter == "\t" else repr(delimiter)
    return (f"the delimiter looks like {shown}, not ','; the required columns {REQUIRED_BY_FORMAT[fmt]} were "
            "not found in the header. Save the file as comma-separated CSV")  # fmt: skip


# --- JSON ---------------------------------------------------------------------------------------------------


@dataclass
class JsonShape:
    """What the first KBs of a JSON document show: where the records are and what the first one holds."""

    top: str = ""  # "array" or "object" (the caller only scans text starting with [ or {)
    top_keys: list[str] = field(default_factory=list)
    prefix: str | None = None  # the ijson prefix of the records: "item", "data.item", "value.item", ""
    wrapper_not_list: str | None = None  # "data"/"value" present but not a list
    first_kind: str | None = None  # the JSON kind of the first record
    first_keys: list[str] = field(default_factory=list)
    first_type: str | None = None
    properties_kind: str | None = None
    format: str = ""


class _Scanner:
    """Consumes ijson events of the head; ``feed`` returns False once the first record is seen whole."""

    def __init__(self) -> None:
        self.shape = JsonShape()
        self.pending_key: str | None = None

    def feed(self, prefix: str, event: str, value: Any) -> bool:
        shape = self.shape
        if not shape.top:
            shape.top = {"start_array": "array", "start_map": "object"}.get(event, "scalar")
            shape.prefix = "item" if event == "start_array" else None
            return True
        if shape.prefix is None:
            self._top_level(prefix, event, value)
            return True
        if prefix == shape.prefix:
            return self._record(event, value)
        if prefix == f"{shape.prefix}.type" and event == "string":
            shape.first_type = value
        elif prefix == f"{shape.prefix}.properties" and shape.properties_kind is None:
            shape.properties_kind = {"start_map": "object"}.get(event, event)
        return True

    def _top_level(self, prefix: str, event: str, value: Any) -> None:
        shape = self.shape
        if prefix == "" and event == "map_key":
            shape.top_keys.append(value)
            self.pending_key = value
        elif self.pending_key in ("data", "value") and prefix == self.pending_key:
            if event == "start_array":
                shape.prefix = f"{self.pending_key}.item"
            else:
                shape.wrapper_not_list = self.pending_key
            self.pending_key = None

    def _record(self, event: str, value: Any) -> bool:
        shape = self.shape
        if shape.first_kind is None:
            shape.first_kind = {"start_map": "object", "start_array": "list"}.get(event, event)
            return event == "start_map"
        if event == "map_key":
            shape.first_keys.append(value)
        return event != "end_map"


def _scan(head: bytes) -> JsonShape:
    scanner = _Scanner()
    try:
        for prefix, event, value in ijson.parse(io.BytesIO(head.removeprefix(BOM)), use_float=True):
            if not scanner.feed(prefix, event, value):
                break
    except ijson.JSONError:
        pass  # the head ends mid-document, or the document is broken: the reader says where
    return scanner.shape


def json_shape(head: bytes, name: str) -> JsonShape:
    """Classify a JSON head as ``arg_json`` or ``ps_json`` (``shape.format``), else :class:`InputError`.

    The head passes the limits' scan first: ijson's prefixes grow with the depth.
    """
    JsonScan(name, INVENTORY_JSON).feed(head)
    shape = _scan(head)
    if shape.top == "object" and shape.prefix is None:
        if "ServiceName" in shape.top_keys and set(shape.top_keys) & set(PS_NAME_KEYS):
            shape.prefix, shape.format = "", "ps_json"
            return shape
        if shape.wrapper_not_list:
            raise _fail(name, f"'{shape.wrapper_not_list}' is not a list of records (a Resource Graph 'table' "
                              "result? Export with the objectArray result format)")  # fmt: skip
        keys = ", ".join(shape.top_keys[:12]) or "none"
        raise _fail(name, "a JSON object without a 'data' or 'value' list of VM records, and not a Get-AzureVM "
                          f"object (keys seen: {keys})")  # fmt: skip
    if shape.first_kind is None:
        shape.format = "arg_json"  # an empty list (or a head too short to tell): the reader counts the records
        return shape
    if shape.first_kind != "object":
        raise _fail(name, f"the JSON list holds {shape.first_kind} values, not VM records (objects)")
    record_keys = set(shape.first_keys)
    if "ServiceName" in record_keys and record_keys & set(PS_NAME_KEYS):
        shape.format = "ps_json"
    elif "properties" in record_keys:
        shape.format = "arg_json"
    else:
        seen = ", ".join(shape.first_keys[:12]) or "none"
        raise _fail(name, "the records have no 'properties' object (Resource Graph) and no ServiceName/Name "
                          f"(Get-AzureVM); keys of the first record: {seen}")  # fmt: skip
    return shape


def is_classic_vm_type(value: Any) -> bool:
    """True when a record's ``type`` is the classic VM resource type (or the record has no type)."""
    return value is None or (isinstance(value, str) and value.strip().lower() == CLASSIC_VM_TYPE)


# --- whole-file and streamed reading ------------------------------------------------------------------------


def _decode_error(name: str, data: bytes, offset: int, base_offset: int = 0, base_line: int = 1) -> InputError:
    line = base_line + data.count(b"\n", 0, offset)
    byte = data[offset] if offset < len(data) else 0
    return _fail(name, f"not UTF-8: byte 0x{byte:02x} at byte offset {base_offset + offset} (line {line}); "
                       "save the file as UTF-8", line=line)  # fmt: skip


def _json_error(name: str, exc: Exception, chunk: bytes, chunk_offset: int, chunk_line: int) -> InputError:
    """Locate a yajl error: its context snippet puts the failing byte at column 40; find it in the chunk."""
    raw = exc.args[0] if exc.args else str(exc)
    message = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    lines = message.split("\n")
    position = len(chunk)
    if len(lines) >= 2 and lines[1].strip():
        snippet = lines[1]
        stripped = snippet.strip()
        flat = chunk.replace(b"\n", b" ").replace(b"\r", b" ").decode("utf-8", "replace")
        found = flat.find(stripped)
        if found >= 0 and flat.find(stripped, found + 1) < 0:
            start_col = len(snippet) - len(snippet.lstrip())
            position = max(0, min(len(chunk), found + 40 - start_col))
    line = chunk_line + chunk.count(b"\n", 0, position)
    what = lines[0].strip() or "malformed JSON"
    return _fail(name, f"malformed JSON at byte offset {chunk_offset + position} (line {line}): {what}", line=line)


def stream_json(path: Path | str, name: str, prefix: str, limits: Limits = INVENTORY_JSON) -> Iterator[Any]:
    """Yield the records under ``prefix`` one by one (ijson push parser), checking UTF-8 and the limits.

    Each chunk passes :class:`JsonScan` (depth, string and record sizes) before ijson sees it, so ijson
    never meets a nesting deeper than the limit; more than ``max_rows`` records is refused too.
    """
    check_size(os.stat(path).st_size, name, limits)
    records = ijson.sendable_list()
    parser = ijson.items_coro(records, prefix, use_float=True)
    decoder = codecs.getincrementaldecoder("utf-8")()
    scan = JsonScan(name, limits, record_depth=prefix.count(".") + 2 if prefix else 1)
    counted = _RecordCount(name, limits)
    offset, line = 0, 1
    with open(path, "rb") as handle:
        first = True
        while chunk := handle.read(CHUNK_BYTES):
            if first and chunk.startswith(BOM):
                chunk, offset, first = chunk[len(BOM) :], len(BOM), False
            first = False
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                raise _decode_error(name, chunk, max(0, exc.start - pending), offset, line) from None
            scan.feed(chunk)
            try:
                parser.send(chunk)
            except ijson.JSONError as exc:
                raise _json_error(name, exc, chunk, offset, line) from None
            yield from counted(records)
            del records[:]
            offset += len(chunk)
            line += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _fail(name, f"not UTF-8: the file ends inside a character (byte offset {offset}, line {line})",
                    line=line) from None  # fmt: skip
    try:
        parser.close()
    except ijson.JSONError as exc:
        detail = str(exc.args[0] if exc.args else exc).split("\n")[0]
        raise _fail(name, f"the JSON ends early at byte offset {offset} (line {line}): the file looks truncated "
                          f"({detail})", line=line) from None  # fmt: skip
    yield from counted(records)


class _RecordCount:
    """Passes records on, refusing the file at the first record beyond ``max_rows``."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name, self.limit, self.count = name, limits.max_rows, 0

    def __call__(self, records: list[Any]) -> Iterator[Any]:
        for record in records:
            self.count += 1
            if self.limit is not None and self.count > self.limit:
                raise over_limit(self.name, f"more than {self.limit:,} records")
            yield record
