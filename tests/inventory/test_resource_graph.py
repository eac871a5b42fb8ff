"""Resource Graph exports (JSON streamed with ijson, and the portal CSV) map per migration-tool.md §5.3."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import advisor.inventory.detect as detect
from advisor.errors import InputError
from advisor.inventory import read_inventory
from advisor.models.triage_rules import VM_FIELDS

from .conftest import SUBSCRIPTION, Writer, flag, vm_row

EXTRAS = ("id", "type", "tenantId", "kind", "resourceGroup", "managedBy", "sku", "plan", "tags", "identity", "zones",
          "extendedLocation")  # fmt: skip


def _records(data: Path) -> list[dict]:
    return json.loads((data / "arg.json").read_text(encoding="utf-8"))["data"]


@pytest.mark.parametrize("sample", ["arg.json", "arg_portal.csv"])
def test_sample_maps_to_the_expected_values(data: Path, sample: str) -> None:
    inventory = read_inventory([data / sample])

    assert inventory.formats == ("arg_json" if sample.endswith("json") else "arg_csv",)
    assert (inventory.rows_read, inventory.rows_skipped, inventory.problems) == (8, 0, [])
    assert inventory.missing_columns == ("endpoint_acls",)  # the projection has no ACL field
    assert inventory.extra_columns == EXTRAS
    assert inventory.vms["endpoint_acls"].isna().all()

    web01 = vm_row(inventory, "web01")
    assert web01["subscription_id"] == SUBSCRIPTION
    assert web01["cloud_service"] == "contoso-web"
    assert web01["deployment"] == "contoso-web"
    assert web01["location"] == "eastus"
    assert web01["size"] == "Standard_D2"
    assert web01["os_type"] == "Windows"
    assert web01["status"] == "ReadyRole"
    assert web01["vnet"] == "corpnet"
    assert web01["subnets"] == "web"
    assert web01["availability_set"] == "web-as"
    assert web01["extensions"] == "BGInfo@1.*"
    assert web01["os_disk_io_type"] == "Standard"
    assert flag(web01["boot_diagnostics"]) is False
    assert web01["agent_status"] == "Ready"
    assert web01["disk_blob_names"] == "web01-os.vhd"
    assert web01["resourceGroup"] == "contoso-web"
    assert web01["id"].endswith("/Microsoft.ClassicCompute/virtualMachines/web01")

    web02 = vm_row(inventory, "web02")
    assert web02["extensions"] == "BGInfo@1.*;IaaSAntimalware@1.*"
    assert web02["disk_blob_names"] == "web02-os.vhd;web02-data0.vhd"
    app01 = vm_row(inventory, "app01")
    assert (app01["deployment"], app01["subnets"], app01["availability_set"]) == ("contoso-app-prod", "app;data", "")
    assert (app01["os_disk_io_type"], flag(app01["boot_diagnostics"])) == ("Premium", True)
    sql01 = vm_row(inventory, "sql01")
    assert (sql01["status"], sql01["extensions"], sql01["agent_status"]) == ("StoppedDeallocated", "", "NotReady")
    assert sql01["disk_blob_names"] == "backups/sql01-os.vhd"  # the part after the container keeps its '/'
    legacy01 = vm_row(inventory, "legacy01")
    assert (legacy01["vnet"], legacy01["subnets"], legacy01["location"]) == ("", "", "westeurope")  # not in a VNet
    lnx01 = vm_row(inventory, "lnx01")
    assert (lnx01["vnet"], lnx01["subnets"], lnx01["status"]) == ("dmznet", "", "RoleStateUnknown")  # no subnetNames
    assert lnx01["extensions"] == "LinuxDiagnostic@2.3"
    lnx02 = vm_row(inventory, "lnx02")
    assert lnx02["status"] == "ProvisioningTimeout"
    assert pd.isna(lnx02["boot_diagnostics"])  # no debugProfile: unknown
    assert pd.isna(lnx02["agent_status"])  # no guestAgentStatus: unknown
    batch01 = vm_row(inventory, "batch01")
    assert (batch01["size"], batch01["vnet"], batch01["extensions"]) == ("A5", "", "MicrosoftMonitoringAgent@1.0")


def test_json_and_portal_csv_give_the_same_frame(data: Path) -> None:
    from_json = read_inventory([data / "arg.json"]).vms
    from_csv = read_inventory([data / "arg_portal.csv"]).vms
    # CSV cannot tell null from empty, so only the extras that hold text are compared.
    columns = [*VM_FIELDS, "id", "type", "resourceGroup", "tags"]
    pd.testing.assert_frame_equal(from_json[columns], from_csv[columns])
    assert from_json["sku"].isna().all()
    assert (from_csv["sku"] == "").all()


@pytest.mark.parametrize("wrap", ["array", "value"])
def test_bare_array_and_value_wrapper(data: Path, write: Writer, wrap: str) -> None:
    records = _records(data)
    path = write("x.json", json.dumps(records if wrap == "array" else {"value": records, "nextLink": None}))
    inventory = read_inventory([path])
    assert list(inventory.vms["vm_name"]) == [
        "web01",
        "web02",
        "app01",
        "sql01",
        "legacy01",
        "lnx01",
        "lnx02",
        "batch01",
    ]


def test_streaming_in_small_chunks_gives_the_same_result(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = read_inventory([data / "arg.json"]).vms
    monkeypatch.setattr(detect, "CHUNK_BYTES", 97)
    pd.testing.assert_frame_equal(read_inventory([data / "arg.json"]).vms, whole)


def test_subscription_from_the_id_and_endpoint_acls_when_present(data: Path, write: Writer) -> None:
    records = _records(data)[:3]
    del records[0]["subscriptionId"]
    records[0]["properties"]["networkProfile"]["inputEndpoints"][0]["acl"] = [{"order": 1, "action": "deny"}]
    records[1]["properties"]["networkProfile"]["inputEndpoints"][0]["acl"] = []
    inventory = read_inventory([write("acl.json", json.dumps(records))])

    assert inventory.vms["subscription_id"].iloc[0] == SUBSCRIPTION
    assert "endpoint_acls" not in inventory.missing_columns
    # web01 has a rule; web02's first endpoint has an empty ACL but its second endpoint says nothing; app01 nothing.
    assert [flag(v) for v in inventory.vms["endpoint_acls"]] == [True, None, None]


def test_other_resource_types_and_records_without_properties_are_skipped(data: Path, write: Writer) -> None:
    records = _records(data)[:2]
    other = {"id": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/arm01",
             "name": "arm01", "type": "microsoft.compute/virtualmachines", "properties": {}}  # fmt: skip
    broken = {"id": "/subscriptions/x/.../virtualMachines/bad", "name": "bad",
              "type": "microsoft.classiccompute/virtualmachines"}  # fmt: skip
    no_service = json.loads(json.dumps(records[1]))
    no_service["name"] = "orphan"
    del no_service["properties"]["domainName"]
    path = write("mixed.json", json.dumps({"data": [records[0], other, broken, no_service, records[1]]}))
    inventory = read_inventory([path], names=["mixed.json"])

    assert list(inventory.vms["vm_name"]) == ["web01", "web02"]
    assert (inventory.rows_read, inventory.rows_skipped) == (5, 3)
    messages = [str(p) for p in inventory.problems]
    assert any("no 'properties' object" in m and "record 3" in m for m in messages)
    assert any("cloud_service empty; row skipped (record 4, orphan)" in m for m in messages)
    assert any("1 resources that are not classic VMs were skipped: microsoft.compute/virtualmachines" in m
               for m in messages)  # fmt: skip


def test_a_wrong_boolean_is_unknown_with_a_problem(data: Path, write: Writer) -> None:
    records = _records(data)[:1]
    records[0]["properties"]["debugProfile"]["bootDiagnosticsEnabled"] = "maybe"
    inventory = read_inventory([write("b.json", json.dumps(records))], names=["b.json"])
    assert pd.isna(inventory.vms["boot_diagnostics"].iloc[0])
    assert [str(p) for p in inventory.problems] == [
        "b.json: boot_diagnostics: expected true or false, got 'maybe' (record 1, web01)"
    ]


def test_a_data_disk_without_an_address_makes_the_blob_list_unknown(data: Path, write: Writer) -> None:
    records = _records(data)
    del records[1]["properties"]["storageProfile"]["dataDisks"][0]["vhdUri"]
    vms = read_inventory([write("d.json", json.dumps(records))]).vms
    assert vms["disk_blob_names"].iloc[0] == "web01-os.vhd"
    assert pd.isna(vms["disk_blob_names"].iloc[1])


def test_a_field_no_record_has_is_a_missing_column(data: Path, write: Writer) -> None:
    records = _records(data)
    for record in records:
        record["properties"]["hardwareProfile"].pop("availabilitySet", None)
        del record["properties"]["extensions"]
    inventory = read_inventory([write("n.json", json.dumps(records))])
    assert inventory.missing_columns == ("availability_set", "endpoint_acls", "extensions")
    assert inventory.vms["availability_set"].isna().all()
    assert inventory.vms["extensions"].isna().all()


def test_truncated_json_names_the_file_and_position(data: Path, write: Writer) -> None:
    text = (data / "arg.json").read_bytes()[:5000]
    with pytest.raises(InputError) as caught:
        read_inventory([write("t.json", text)], names=["t.json"])
    [problem] = caught.value.problems
    assert problem.file == "t.json"
    assert problem.line == text.count(b"\n") + 1
    assert "ends early at byte offset 5000" in problem.message


@pytest.mark.parametrize("chunk", [64 * 1024, 211])
def test_malformed_json_names_the_line(data: Path, write: Writer, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(detect, "CHUNK_BYTES", chunk)
    text = (data / "arg.json").read_text(encoding="utf-8").replace('"name": "web02",', '"name": "web02"', 1)
    line = text[: text.index('"name": "web02"')].count("\n") + 1
    with pytest.raises(InputError) as caught:
        read_inventory([write("m.json", text)], names=["m.json"])
    [problem] = caught.value.problems
    assert problem.line in (line, line + 1)  # yajl stops at the next token
    assert "malformed JSON at byte offset" in problem.message


@pytest.mark.parametrize("chunk", [64 * 1024, 100])
def test_bytes_that_are_not_utf8_name_the_offset(data: Path, write: Writer, monkeypatch: pytest.MonkeyPatch,
                                                  chunk: int) -> None:  # fmt: skip
    monkeypatch.setattr(detect, "CHUNK_BYTES", chunk)
    raw = (data / "arg.json").read_bytes()
    offset = raw.rindex(b"ReadyRole") + 5
    path = write("u.json", raw[:offset] + b"\xe9" + raw[offset + 1 :])
    with pytest.raises(InputError) as caught:
        read_inventory([path], names=["u.json"])
    [problem] = caught.value.problems
    line = raw[:offset].count(b"\n") + 1
    assert f"byte 0xe9 at byte offset {offset} (line {line})" in problem.message
    assert problem.line == line


def test_an_object_without_data_or_value_is_refused(write: Writer) -> None:
    with pytest.raises(InputError, match="without a 'data' or 'value' list"):
        read_inventory([write("o.json", '{"count": 2, "rows": []}')])


def test_items_without_properties_are_refused(write: Writer) -> None:
    with pytest.raises(InputError, match="no 'properties' object"):
        read_inventory([write("p.json", '{"data": [{"id": "x", "name": "web01", "type": "t"}]}')])


def test_an_empty_list_is_no_vms(write: Writer) -> None:
    with pytest.raises(InputError, match="no VM rows"):
        read_inventory([write("e.json", '{"count": 0, "data": []}')])


def test_portal_csv_row_with_broken_properties_is_skipped(data: Path, write: Writer) -> None:
    lines = (data / "arg_portal.csv").read_text(encoding="utf-8-sig").splitlines()
    broken = lines[2].replace('{""provisioningState""', '{""provisioningState', 1)
    inventory = read_inventory([write("p.csv", "\n".join([lines[0], lines[1], broken, lines[3]]) + "\n")],
                               names=["p.csv"])  # fmt: skip
    assert list(inventory.vms["vm_name"]) == ["web01", "app01"]
    [problem] = inventory.problems
    assert (problem.file, problem.line, problem.ident) == ("p.csv", 3, "properties")
    assert "not a JSON object" in problem.message
