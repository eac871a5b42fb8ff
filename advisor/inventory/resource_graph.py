"""Azure Resource Graph exports of classic VMs (migration-tool.md §5.1, mapped per §5.3).

* ``arg_json``: a JSON array of resources, or ``{"data": [...]}`` (``az graph query``) / ``{"value": [...]}``
  (ARM REST) around it. Streamed with ijson, so a 300 MB export never sits in memory whole.
* ``arg_csv``: the portal's CSV download; the ``properties`` cell holds the JSON text of the object.

Records of other resource types are skipped (one problem per file says how many). Fields the projection
lacks are missing columns: ``endpoint_acls`` is, unless some endpoint carries an ACL field.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from advisor.errors import InputError, Problem
from advisor.inventory.canonical_csv import read_csv_frame
from advisor.inventory.detect import is_classic_vm_type, json_shape, read_head, stream_json
from advisor.inventory.frames import (
    ABSENT,
    UNKNOWN,
    ColumnBuilder,
    RawTable,
    blob_name,
    endpoint_acls,
    extension_item,
    get,
    json_text,
)
from advisor.json_scan import scan_json_bytes
from advisor.limits import INVENTORY_CSV, INVENTORY_JSON

_SUBSCRIPTION = re.compile(r"/subscriptions/([^/]+)", re.IGNORECASE)
# Top-level keys mapped to canonical fields (everything else at the top level is kept as an extra column).
_MAPPED = {"properties", "name", "location", "subscriptionId"}
# Portal CSV cells read as JSON null when empty (the other columns keep "" like any CSV extra column).
_NULL_WHEN_EMPTY = _MAPPED | {"type", "id"}
_NOT_AN_OBJECT = "the properties cell is not a JSON object (or is nested too deep); row skipped"


def _vnet_and_subnets(props: dict[str, Any]) -> tuple[Any, Any]:
    network = get(props, "networkProfile", "virtualNetwork")
    if network is ABSENT or network is None:
        return "", ""  # no virtualNetwork: the VM is not in a VNet
    if not isinstance(network, dict):
        return UNKNOWN, UNKNOWN
    name = network.get("name")
    if not isinstance(name, str) or not name.strip():
        name = network.get("id", "").rsplit("/", 1)[-1] if isinstance(network.get("id"), str) else None
    subnets = network.get("subnetNames")
    if subnets is None:
        subnet_text: Any = ""
    elif isinstance(subnets, list):
        subnet_text = ";".join(s.strip() for s in subnets if isinstance(s, str) and s.strip())
    else:
        subnet_text = UNKNOWN
    return (name.strip() if name else UNKNOWN), subnet_text


def _extensions(props: dict[str, Any]) -> Any:
    extensions = props.get("extensions", ABSENT)
    if extensions is ABSENT or extensions is None:
        return extensions
    if not isinstance(extensions, list):
        return UNKNOWN
    items = []
    for extension in extensions:
        if not isinstance(extension, dict):
            return UNKNOWN
        name = extension.get("extension") or extension.get("name") or extension.get("referenceName")
        item = extension_item(name, extension.get("version"))
        if item is None:
            return UNKNOWN
        items.append(item)
    return ";".join(items)


def _disk_blobs(props: dict[str, Any]) -> Any:
    storage = props.get("storageProfile", ABSENT)
    if storage is ABSENT or storage is None:
        return ABSENT
    os_disk = get(storage, "operatingSystemDisk")
    data_disks = get(storage, "dataDisks")
    if data_disks is ABSENT or data_disks is None:
        data_disks = []
    if not isinstance(os_disk, dict) or not isinstance(data_disks, list):
        return UNKNOWN
    names = []
    for disk in [os_disk, *data_disks]:
        uri = (disk.get("vhdUri") or disk.get("mediaLink")) if isinstance(disk, dict) else None
        name = blob_name(uri)
        if name is None:
            return UNKNOWN  # a disk without a readable address: the list would be incomplete
        names.append(name)
    return ";".join(names)


def _subscription(record: dict[str, Any]) -> Any:
    subscription = record.get("subscriptionId")
    if isinstance(subscription, str) and subscription.strip():
        return subscription.strip()
    match = _SUBSCRIPTION.search(record.get("id") or "") if isinstance(record.get("id"), str) else None
    return match.group(1) if match else ABSENT


def map_record(record: dict[str, Any], props: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The canonical cells of one resource, and the fields that carry a value but no evidence of a column."""
    vnet, subnets = _vnet_and_subnets(props)
    acls, has_acl_field = endpoint_acls(get(props, "networkProfile", "inputEndpoints"))
    row = {
        "subscription_id": _subscription(record),
        "cloud_service": get(props, "domainName", "name"),
        "deployment": get(props, "hardwareProfile", "deploymentName"),
        "vm_name": record.get("name", ABSENT),
        "location": record.get("location", ABSENT),
        "size": get(props, "hardwareProfile", "size"),
        "os_type": get(props, "storageProfile", "operatingSystemDisk", "operatingSystem"),
        "status": get(props, "instanceView", "status"),
        "vnet": vnet,
        "subnets": subnets,
        "availability_set": get(props, "hardwareProfile", "availabilitySet"),
        "endpoint_acls": acls,
        "extensions": _extensions(props),
        "os_disk_io_type": get(props, "storageProfile", "operatingSystemDisk", "ioType"),
        "boot_diagnostics": get(props, "debugProfile", "bootDiagnosticsEnabled"),
        "agent_status": get(props, "instanceView", "guestAgentStatus", "status"),
        "disk_blob_names": _disk_blobs(props),
    }
    return row, (() if has_acl_field else ("endpoint_acls",))


def _properties(value: Any) -> dict[str, Any] | None:
    if isinstance(value, str):
        try:
            if value.count("{") + value.count("[") > (INVENTORY_JSON.max_depth or 0):  # could be too deep to parse
                scan_json_bytes(value.encode("utf-8"), "properties", INVENTORY_JSON)
            value = json.loads(value)
        except (ValueError, InputError):
            return None
    return value if isinstance(value, dict) else None


class _Collector:
    """Feeds resources to a :class:`ColumnBuilder`, skipping what is not a classic VM."""

    def __init__(self, name: str, fmt: str, unit: str) -> None:
        self.builder = ColumnBuilder(name, fmt, unit, INVENTORY_JSON if fmt == "arg_json" else INVENTORY_CSV)
        self.other_types: Counter[str] = Counter()

    def add(self, number: int, record: Any, skip_message: str | None = None) -> None:
        builder = self.builder
        builder.rows_read += 1
        where = f"line {number}" if builder.unit == "line" else f"record {number}"
        line = number if builder.unit == "line" else None
        if not isinstance(record, dict):
            builder.problems.append(Problem(f"{where} is not an object; skipped", file=builder.file, line=line))
            return
        if not is_classic_vm_type(record.get("type")):
            self.other_types[str(record.get("type"))] += 1
            return
        props = _properties(record.get("properties"))
        if props is None:
            message = skip_message or "no 'properties' object; record skipped"
            builder.problems.append(Problem(f"{message} ({where})", file=builder.file, line=line, ident="properties"))
            return
        row, weak = map_record(record, props)
        extras = {key: json_text(value) for key, value in record.items() if key not in _MAPPED}
        builder.add(number, row, weak, extras)

    def table(self) -> RawTable:
        if self.other_types:
            total = sum(self.other_types.values())
            kinds = ", ".join(f"{kind} ({count})" for kind, count in self.other_types.most_common(5))
            self.builder.problems.append(Problem(
                f"{total} resources that are not classic VMs were skipped: {kinds}", file=self.builder.file,
            ))  # fmt: skip
        return self.builder.table()


def read_arg_json(path: Path | str, name: str) -> RawTable:
    """Stream a Resource Graph JSON export into canonical cells."""
    shape = json_shape(read_head(path, name), name)
    collector = _Collector(name, "arg_json", "record")
    for number, record in enumerate(stream_json(path, name, shape.prefix or "item"), start=1):
        collector.add(number, record)
    return collector.table()


def read_arg_csv(path: Path | str, name: str) -> RawTable:
    """Read the portal's Resource Graph CSV download (``properties`` as JSON text) into canonical cells."""
    priority = (*_NULL_WHEN_EMPTY,)
    frame, lines, problems, skipped = read_csv_frame(path, name, INVENTORY_CSV, priority=priority)
    collector = _Collector(name, "arg_csv", "line")
    collector.builder.problems.extend(problems)
    collector.builder.rows_read += skipped
    for line, record in zip(lines, frame.to_dict("records"), strict=True):
        cells = {key: (None if value == "" and key in _NULL_WHEN_EMPTY else value) for key, value in record.items()}
        collector.add(int(line), cells, skip_message=_NOT_AN_OBJECT)
    return collector.table()
