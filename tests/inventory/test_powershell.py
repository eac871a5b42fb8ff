"""Get-AzureVM exports: ConvertTo-Json (array or one object) and Export-Csv (with or without #TYPE)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from advisor.inventory import read_inventory

from .conftest import Writer, flag, vm_row

TYPE_PREFIX = "Microsoft.WindowsAzure.Commands.ServiceManagement.Model."


def _records(data: Path) -> list[dict]:
    return json.loads((data / "ps.json").read_text(encoding="utf-8"))


def test_json_sample_maps_to_the_expected_values(data: Path) -> None:
    inventory = read_inventory([data / "ps.json"])

    assert inventory.formats == ("ps_json",)
    assert (inventory.rows_read, inventory.rows_skipped, inventory.problems) == (8, 0, [])
    # Get-AzureVM has no subscription, location, VNet name or boot diagnostics: unknown.
    assert inventory.missing_columns == ("subscription_id", "location", "vnet", "boot_diagnostics")
    assert inventory.vms["vnet"].isna().all()
    assert {"DNSName", "IpAddress", "PowerState", "HostName", "OperationStatus"} <= set(inventory.extra_columns)
    assert "VM" not in inventory.extra_columns

    web01 = vm_row(inventory, "web01")
    assert web01["cloud_service"] == "contoso-web"
    assert web01["deployment"] == "contoso-web"
    assert web01["size"] == "Standard_D2"
    assert web01["os_type"] == "Windows"
    assert web01["status"] == "ReadyRole"
    assert web01["subnets"] == "web"
    assert web01["availability_set"] == "web-as"
    assert flag(web01["endpoint_acls"]) is False
    assert web01["extensions"] == "BGInfo@1.*"  # from VM.ResourceExtensionReferences (name + configured version)
    assert web01["os_disk_io_type"] == "Standard"
    assert web01["agent_status"] == "Ready"
    assert web01["disk_blob_names"] == "web01-os.vhd"
    assert web01["DNSName"] == "http://contoso-web.cloudapp.net/"

    assert vm_row(inventory, "web02")["disk_blob_names"] == "web02-os.vhd;web02-data0.vhd"
    app01 = vm_row(inventory, "app01")
    assert (app01["subnets"], app01["availability_set"], app01["extensions"]) == ("app;data", "", "VMSnapshot@1.0")
    assert vm_row(inventory, "sql01")["disk_blob_names"] == "backups/sql01-os.vhd"
    legacy01 = vm_row(inventory, "legacy01")
    assert (legacy01["subnets"], flag(legacy01["endpoint_acls"])) == ("", True)  # an ACL rule on its endpoint
    lnx02 = vm_row(inventory, "lnx02")
    assert (flag(lnx02["endpoint_acls"]), lnx02["status"]) == (True, "ProvisioningTimeout")
    assert pd.isna(lnx02["agent_status"])  # GuestAgentStatus null: unknown
    assert lnx02["extensions"] == ""


def test_csv_sample_reads_the_top_level_columns_and_says_what_is_missing(data: Path) -> None:
    inventory = read_inventory([data / "ps.csv"], names=["ps.csv"])

    assert inventory.formats == ("ps_csv",)
    assert (inventory.rows_read, inventory.rows_skipped) == (8, 0)
    assert inventory.missing_columns == (
        "subscription_id", "location", "os_type", "vnet", "subnets", "endpoint_acls", "extensions",
        "os_disk_io_type", "boot_diagnostics", "agent_status", "disk_blob_names",
    )  # fmt: skip
    [note] = inventory.problems
    assert note.file == "ps.csv"
    assert note.line is None
    assert "type names" in note.message
    assert "ConvertTo-Json -Depth 10" in note.message
    for column in ("VM", "GuestAgentStatus", "ResourceExtensionStatusList", "NetworkInterfaces", "PublicIPFqdns"):
        assert column not in inventory.extra_columns  # type names, nothing to keep

    sql01 = vm_row(inventory, "sql01")
    assert (sql01["cloud_service"], sql01["deployment"], sql01["size"]) == ("contoso-app", "contoso-app-prod",
                                                                             "Standard_DS3")  # fmt: skip
    assert (sql01["status"], sql01["availability_set"]) == ("StoppedDeallocated", "sql-as")
    assert vm_row(inventory, "app01")["availability_set"] == ""  # empty AvailabilitySetName: in none
    assert inventory.vms["agent_status"].isna().all()
    assert inventory.vms["extensions"].isna().all()


def test_csv_without_the_type_line_reads_the_same_and_counts_lines_right(data: Path, write: Writer) -> None:
    lines = (data / "ps.csv").read_text(encoding="utf-8").splitlines()
    with_type = read_inventory([write("t.csv", "\n".join([*lines, lines[2]]) + "\n")], names=["t.csv"])
    without = read_inventory([write("n.csv", "\n".join([*lines[1:], lines[2]]) + "\n")], names=["n.csv"])

    pd.testing.assert_frame_equal(with_type.vms, without.vms)
    assert [p.line for p in with_type.problems if p.line] == [11]  # the repeated web01: #TYPE, header, 8 rows, then it
    assert [p.line for p in without.problems if p.line] == [10]
    assert "the same VM as t.csv line 3" in with_type.problems[-1].message


def test_a_single_object_is_one_vm(data: Path, write: Writer) -> None:
    one = _records(data)[4]
    inventory = read_inventory([write("one.json", json.dumps(one, indent=4))])
    assert list(inventory.vms["vm_name"]) == ["legacy01"]


def test_virtual_network_name_is_read_when_the_export_has_it(data: Path, write: Writer) -> None:
    records = _records(data)[3:6]  # sql01 (corpnet), legacy01 (none), lnx01 (dmznet, no subnet)
    for record, vnet in zip(records, ["corpnet", None, "dmznet"], strict=True):
        record["VirtualNetworkName"] = vnet
    inventory = read_inventory([write("v.json", json.dumps(records))])

    assert "vnet" not in inventory.missing_columns
    assert list(inventory.vms["vnet"]) == ["corpnet", "", "dmznet"]
    assert list(inventory.vms["subnets"]) == ["data", "", ""]


def test_shallow_convertto_json_leaves_nested_fields_unknown_and_says_so(data: Path, write: Writer) -> None:
    records = _records(data)[:2]
    for record in records:  # what ConvertTo-Json writes with its default -Depth 2
        record["VM"] = TYPE_PREFIX + "PersistentVM"
        record["GuestAgentStatus"] = TYPE_PREFIX + "GuestAgentStatus"
        record["ResourceExtensionStatusList"] = [TYPE_PREFIX + "ResourceExtensionStatus"]
    inventory = read_inventory([write("shallow.json", json.dumps(records))], names=["shallow.json"])

    assert list(inventory.vms["size"]) == ["Standard_D2", "Standard_D2"]
    assert list(inventory.vms["availability_set"]) == ["web-as", "web-as"]
    for name in ("os_type", "subnets", "endpoint_acls", "extensions", "os_disk_io_type", "agent_status",
                 "disk_blob_names"):  # fmt: skip
        assert name in inventory.missing_columns
        assert inventory.vms[name].isna().all(), name
    [note] = inventory.problems
    assert "ConvertTo-Json -Depth 10" in note.message
    assert "os_type" in note.message


def test_status_falls_back_to_instance_status_and_extensions_to_the_status_list(data: Path, write: Writer) -> None:
    records = _records(data)[1:2]  # web02
    records[0]["Status"] = None
    records[0]["InstanceStatus"] = "StoppedVM"
    del records[0]["VM"]["ResourceExtensionReferences"]
    vm = read_inventory([write("s.json", json.dumps(records))]).vms.iloc[0]
    assert vm["status"] == "StoppedVM"
    assert vm["extensions"] == "BGInfo@1.2.2;IaaSAntimalware@1.5.5.9"  # handler name's last part @ reported version
