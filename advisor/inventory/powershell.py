"""Classic ASM PowerShell exports of ``Get-AzureVM`` (``PersistentVMRoleContext``, migration-tool.md §5.2).

* ``ps_json``: ``ConvertTo-Json`` output, an array or a single object. With the default ``-Depth 2``
  PowerShell writes deeper objects (``VM.OSVirtualHardDisk``, …) as their type name: those fields are unknown.
* ``ps_csv``: ``Export-Csv`` output, with or without the ``#TYPE ...PersistentVMRoleContext`` first line.
  Export-Csv writes every nested object (``VM``, ``GuestAgentStatus``, ``ResourceExtensionStatusList``) as
  its type name, so only the top-level text columns can be read.

Get-AzureVM carries no subscription or location, and usually no VNet name: those are missing columns
(unknown) unless the export added them (``SubscriptionId``, ``Location``, ``VirtualNetworkName``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from advisor.errors import Problem
from advisor.inventory.canonical_csv import read_csv_frame
from advisor.inventory.detect import BOM, PS_TYPE_LINE, json_shape, read_head, stream_json
from advisor.inventory.frames import (
    ABSENT,
    UNKNOWN,
    ColumnBuilder,
    RawTable,
    blob_name,
    endpoint_acls,
    extension_item,
    get,
    is_type_name,
)
from advisor.limits import INVENTORY_CSV, INVENTORY_JSON
from advisor.models.triage_rules import VM_FIELDS

# Canonical field ← top-level property (first present wins); the same for the CSV columns.
_TOP_LEVEL: dict[str, tuple[str, ...]] = {
    "subscription_id": ("SubscriptionId",),
    "cloud_service": ("ServiceName",),
    "deployment": ("DeploymentName",),
    "vm_name": ("Name", "RoleName", "InstanceName"),
    "location": ("Location",),
    "size": ("InstanceSize", "RoleSize"),
    "status": ("Status", "InstanceStatus"),
    "vnet": ("VirtualNetworkName",),
    "availability_set": ("AvailabilitySetName",),
    "agent_status": ("GuestAgentStatus",),
}
_CONSUMED = {key for keys in _TOP_LEVEL.values() for key in keys} | {"VM", "ResourceExtensionStatusList", "Endpoints"}
_DEPTH_NOTE = ("nested objects were written as type names, so {fields} are unknown; export with "
               "`ConvertTo-Json -Depth 10` to read them")  # fmt: skip


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """The first of ``keys`` with a non-empty value; ``None`` if one is present but empty; else ``ABSENT``."""
    found: Any = ABSENT
    for key in keys:
        if key in record:
            value = record[key]
            if value not in (None, ""):
                return value
            found = None
    return found


def _text(value: Any) -> Any:
    if isinstance(value, str) and is_type_name(value):
        return UNKNOWN
    return value


def _network_set(vm: Any) -> Any:
    sets = get(vm, "ConfigurationSets")
    if not isinstance(sets, list):
        return sets if sets in (ABSENT, UNKNOWN) else UNKNOWN
    for config in sets:
        if isinstance(config, dict) and config.get("ConfigurationSetType") == "NetworkConfiguration":
            return config
        if not isinstance(config, dict):
            return UNKNOWN
    return None  # no network configuration: no subnets, no endpoints


def _subnets(network: Any) -> Any:
    if network is None:
        return ""
    if not isinstance(network, dict):
        return network
    names = network.get("SubnetNames")
    if names is None:
        return ""
    if not isinstance(names, list) or any(not isinstance(n, str) or is_type_name(n) for n in names):
        return UNKNOWN
    return ";".join(n.strip() for n in names if n.strip())


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


def _extension_items(entries: list[Any], name_of: Any) -> Any:
    items = []
    for entry in entries:
        item = extension_item(*name_of(entry)) if isinstance(entry, dict) else None
        if item is None:
            return UNKNOWN
        items.append(item)
    return ";".join(items)


def _reference_name(entry: dict[str, Any]) -> tuple[Any, Any]:
    return entry.get("Name") or entry.get("ReferenceName"), entry.get("Version")


def _status_name(entry: dict[str, Any]) -> tuple[Any, Any]:
    handler = entry.get("HandlerName")  # e.g. Microsoft.Compute.BGInfo: the name is the last part
    return (handler.rsplit(".", 1)[-1] if isinstance(handler, str) else None), entry.get("Version")


def _extensions(record: dict[str, Any], vm: Any) -> Any:
    """``VM.ResourceExtensionReferences`` (as configured), else ``ResourceExtensionStatusList`` (as reported)."""
    references = _as_list(get(vm, "ResourceExtensionReferences"))
    if isinstance(references, list):
        return _extension_items(references, _reference_name)
    statuses = _as_list(_text(record.get("ResourceExtensionStatusList", ABSENT)))
    if isinstance(statuses, list):
        return _extension_items(statuses, _status_name)
    if references is None:
        return None  # the VM lists no extension references: none
    if references is UNKNOWN or statuses is UNKNOWN or isinstance(statuses, str):
        return UNKNOWN
    return None if statuses is None else ABSENT


def _disks(vm: Any) -> tuple[Any, Any, Any]:
    """``(os_type, os_disk_io_type, disk_blob_names)`` from ``VM.OSVirtualHardDisk`` and the data disks."""
    os_disk = get(vm, "OSVirtualHardDisk")
    if not isinstance(os_disk, dict):
        unread = UNKNOWN if os_disk is UNKNOWN or is_type_name(os_disk) else ABSENT
        return unread, unread, unread
    data = get(vm, "DataVirtualHardDisks")
    data = [] if data in (ABSENT, None) else data
    blobs: Any = UNKNOWN
    if isinstance(data, list):
        names = [blob_name(disk.get("MediaLink")) if isinstance(disk, dict) else None for disk in [os_disk, *data]]
        blobs = UNKNOWN if None in names else ";".join(n for n in names if n)
    return os_disk.get("OS", ABSENT), os_disk.get("IOType", ABSENT), blobs


def map_record(record: dict[str, Any]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The canonical cells of one ``PersistentVMRoleContext``, and the fields with no evidence of a column."""
    row = {name: _text(_first(record, keys)) for name, keys in _TOP_LEVEL.items()}
    vm = record.get("VM", ABSENT)
    if is_type_name(vm):
        vm = UNKNOWN
    if row["vm_name"] in (ABSENT, None):
        row["vm_name"] = get(vm, "RoleName")
    if row["size"] in (ABSENT, None):
        row["size"] = get(vm, "RoleSize")
    if row["availability_set"] is ABSENT:
        row["availability_set"] = get(vm, "AvailabilitySetName")
    agent = row["agent_status"]
    if isinstance(agent, dict):
        row["agent_status"] = agent.get("Status")
    network = _network_set(vm)
    row["subnets"] = "" if row["vnet"] in ("", None) else _subnets(network)
    endpoints = (network.get("InputEndpoints") or []) if isinstance(network, dict) else network
    endpoints = [] if endpoints is None else endpoints
    if isinstance(record.get("Endpoints"), list):
        endpoints = record["Endpoints"]
    row["endpoint_acls"], has_acl_field = endpoint_acls(endpoints)
    row["extensions"] = _extensions(record, vm)
    row["os_type"], row["os_disk_io_type"], row["disk_blob_names"] = _disks(vm)
    if isinstance(vm, dict):  # not among the fields seen in Get-AzureVM output; read when an export has it
        row["boot_diagnostics"] = get(vm, "DebugSettings", "BootDiagnosticsEnabled")
    return row, (() if has_acl_field else ("endpoint_acls",))


def _unreadable(row: dict[str, Any]) -> list[str]:
    return [name for name in VM_FIELDS if row.get(name) is UNKNOWN]


def read_ps_json(path: Path | str, name: str) -> RawTable:
    """Stream ``Get-AzureVM | ConvertTo-Json`` output into canonical cells."""
    shape = json_shape(read_head(path, name), name)
    builder = ColumnBuilder(name, "ps_json", "record", INVENTORY_JSON)
    shallow: set[str] = set()
    shallow_records = 0
    for number, record in enumerate(stream_json(path, name, shape.prefix or ""), start=1):
        builder.rows_read += 1
        if not isinstance(record, dict):
            builder.problems.append(Problem(f"record {number} is not an object; skipped", file=name))
            continue
        row, weak = map_record(record)
        unreadable = _unreadable(row)
        shallow.update(unreadable)
        shallow_records += bool(unreadable)
        extras = {key: value for key, value in record.items()
                  if key not in _CONSUMED and (value is None or isinstance(value, str | int | float))}  # fmt: skip
        builder.add(number, row, weak, extras)
    if shallow:
        fields = ", ".join(f for f in VM_FIELDS if f in shallow)
        count = f"{shallow_records} of {builder.rows_read} records"
        builder.problems.append(Problem(f"{count}: " + _DEPTH_NOTE.format(fields=fields), file=name))
    return builder.table()


def read_ps_csv(path: Path | str, name: str) -> RawTable:
    """Read ``Get-AzureVM | Export-Csv`` output: the top-level text columns; nested objects are unknown."""
    head = read_head(path, name)
    skip = 1 if head.removeprefix(BOM).lstrip().startswith(PS_TYPE_LINE.encode()) else 0
    frame, lines, problems, bad_rows = read_csv_frame(path, name, INVENTORY_CSV, skip=skip, priority=_CONSUMED)
    columns: dict[str, pd.Series] = {}
    for field, keys in _TOP_LEVEL.items():
        present = [key for key in keys if key in frame.columns]
        if not present:
            continue
        cells = frame[present[0]].str.strip()
        for key in present[1:]:
            cells = cells.mask(cells == "", frame[key].str.strip())
        typed = cells.map(is_type_name).astype(bool)
        if typed.any() and (typed | (cells == "")).all():
            continue  # a nested object flattened to its type name (or empty) in every row: not readable
        columns[field] = cells.astype("string").mask(typed)
    used = {key for keys in _TOP_LEVEL.values() for key in keys} | _CONSUMED
    extras = {
        column: frame[column] for column in frame.columns
        if column not in used and not frame[column].map(is_type_name).any()
    }  # fmt: skip
    unread = [f for f in VM_FIELDS if f not in columns and f not in ("subscription_id", "location", "vnet")]
    if unread and "VM" in frame.columns:
        note = "Export-Csv: " + _DEPTH_NOTE.format(fields=", ".join(unread))
        problems = [*problems, Problem(note, file=name)]
    return RawTable(name, "ps_csv", columns, extras, lines, "line", len(frame) + bad_rows, problems)
