"""The canonical CSV (contract §6): values, empty-cell meanings, dtypes and row-level problems."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from advisor.errors import InputError
from advisor.inventory import read_inventory
from advisor.models.triage_rules import BOOL_FIELDS, VM_FIELDS

from .conftest import CANONICAL_HEADER, SUBSCRIPTION, Writer, flag, vm_row


def _row(**cells: str) -> str:
    return ",".join(cells.get(name, "") for name in VM_FIELDS)


def _csv(*rows: str, header: str = CANONICAL_HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def test_sample_maps_to_the_expected_values(data: Path) -> None:
    inventory = read_inventory([data / "canonical.csv"])

    assert inventory.formats == ("canonical_csv",)
    assert inventory.rows_read == 8
    assert inventory.rows_skipped == 0
    assert inventory.problems == []
    assert inventory.missing_columns == ()
    assert inventory.extra_columns == ("owner",)
    assert list(inventory.vms.columns) == [*VM_FIELDS, "owner"]
    assert isinstance(inventory.vms.index, pd.RangeIndex)
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

    web02 = vm_row(inventory, "web02")
    assert web02["subscription_id"] == SUBSCRIPTION
    assert web02["cloud_service"] == "contoso-web"
    assert web02["extensions"] == "BGInfo@1.*;IaaSAntimalware@1.*"
    assert web02["disk_blob_names"] == "web02-os.vhd;web02-data0.vhd"
    assert web02["availability_set"] == "web-as"
    assert flag(web02["boot_diagnostics"]) is False
    app01 = vm_row(inventory, "app01")
    assert app01["subnets"] == "app;data"
    assert app01["availability_set"] == ""
    assert app01["deployment"] == "contoso-app-prod"
    assert flag(app01["boot_diagnostics"]) is True
    assert app01["os_disk_io_type"] == "Premium"
    sql01 = vm_row(inventory, "sql01")
    assert sql01["extensions"] == ""
    assert sql01["disk_blob_names"] == "backups/sql01-os.vhd"
    assert sql01["agent_status"] == "NotReady"
    legacy01 = vm_row(inventory, "legacy01")
    assert legacy01["vnet"] == ""
    assert legacy01["subnets"] == ""
    assert flag(legacy01["endpoint_acls"]) is True
    assert legacy01["owner"] == ""
    lnx01 = vm_row(inventory, "lnx01")
    assert (lnx01["vnet"], lnx01["subnets"]) == ("dmznet", "")
    lnx02 = vm_row(inventory, "lnx02")
    assert pd.isna(lnx02["boot_diagnostics"])
    assert pd.isna(lnx02["agent_status"])
    assert lnx02["status"] == "ProvisioningTimeout"


def test_dtypes_are_string_and_boolean(data: Path) -> None:
    vms = read_inventory([data / "canonical.csv"]).vms
    for name in VM_FIELDS:
        assert str(vms[name].dtype) == ("boolean" if name in BOOL_FIELDS else "string"), name
    assert str(vms["owner"].dtype) == "string"


def test_empty_cells_mean_none_or_unknown_per_field(write: Writer) -> None:
    path = write("e.csv", _csv(_row(cloud_service="cs", vm_name="vm1")))
    vm = read_inventory([path]).vms.iloc[0]

    for name in ("vnet", "subnets", "extensions", "availability_set"):
        assert vm[name] == "", name  # known: none
    for name in ("subscription_id", "deployment", "location", "size", "os_type", "status", "os_disk_io_type",
                 "agent_status", "disk_blob_names", "endpoint_acls", "boot_diagnostics"):  # fmt: skip
        assert pd.isna(vm[name]), name  # unknown


def test_a_missing_column_is_unknown_for_every_row_and_listed(write: Writer) -> None:
    path = write("m.csv", "cloud_service,vm_name,status,owner\ncs,vm1,ReadyRole,ann\ncs,vm2,,bob\n")
    inventory = read_inventory([path])

    assert inventory.missing_columns == tuple(f for f in VM_FIELDS if f not in ("cloud_service", "vm_name", "status"))
    assert inventory.extra_columns == ("owner",)
    assert list(inventory.vms.columns) == [*VM_FIELDS, "owner"]
    assert inventory.vms["vnet"].isna().all()  # even a none-when-empty field is unknown when its column is missing
    assert inventory.vms["extensions"].isna().all()
    assert inventory.vms["boot_diagnostics"].isna().all()
    assert str(inventory.vms["boot_diagnostics"].dtype) == "boolean"
    assert list(inventory.vms["status"].fillna("?")) == ["ReadyRole", "?"]
    assert list(inventory.vms["owner"]) == ["ann", "bob"]


def test_column_order_is_free_and_header_names_are_trimmed(write: Writer) -> None:
    path = write("o.csv", " vm_name , status,cloud_service\nvm1,StoppedVM,cs\n")
    vm = read_inventory([path]).vms.iloc[0]
    assert (vm["cloud_service"], vm["vm_name"], vm["status"]) == ("cs", "vm1", "StoppedVM")


def test_lists_are_trimmed_and_cells_stripped(write: Writer) -> None:
    row = _row(cloud_service=" cs ", vm_name="vm1", extensions='" BGInfo@1.* ; VMSnapshot@1.0 ;"',
               subnets='"web;; app "', disk_blob_names='" old/d.vhd ;new.vhd"', status=" ReadyRole ")  # fmt: skip
    vm = read_inventory([write("l.csv", _csv(row))]).vms.iloc[0]
    assert vm["cloud_service"] == "cs"
    assert vm["extensions"] == "BGInfo@1.*;VMSnapshot@1.0"
    assert vm["subnets"] == "web;app"
    assert vm["disk_blob_names"] == "old/d.vhd;new.vhd"
    assert vm["status"] == "ReadyRole"


def test_booleans_in_any_case_and_a_wrong_value_is_unknown_with_a_problem(write: Writer) -> None:
    rows = [
        _row(cloud_service="cs", vm_name="a", endpoint_acls="TRUE", boot_diagnostics="False"),
        _row(cloud_service="cs", vm_name="b", endpoint_acls="", boot_diagnostics="maybe"),
        _row(cloud_service="cs", vm_name="c", endpoint_acls="yes", boot_diagnostics="true"),
    ]
    inventory = read_inventory([write("b.csv", _csv(*rows))], names=["b.csv"])

    assert list(inventory.vms["endpoint_acls"].astype(object).fillna("?")) == [True, "?", "?"]
    assert list(inventory.vms["boot_diagnostics"].astype(object).fillna("?")) == [False, "?", True]
    assert len(inventory.vms) == 3  # the rows are kept
    assert [str(p) for p in inventory.problems] == [
        "b.csv:3: boot_diagnostics: expected true or false, got 'maybe'",
        "b.csv:4: endpoint_acls: expected true or false, got 'yes'",
    ]
    assert inventory.rows_skipped == 0


def test_rows_without_cloud_service_or_vm_name_are_skipped(write: Writer) -> None:
    rows = [
        _row(cloud_service="cs", vm_name="ok1"),
        _row(cloud_service="", vm_name="lost"),
        _row(cloud_service="cs", vm_name="  "),
        _row(cloud_service="cs", vm_name="ok2", boot_diagnostics="nope"),
    ]
    inventory = read_inventory([write("r.csv", _csv(*rows))], names=["r.csv"])

    assert list(inventory.vms["vm_name"]) == ["ok1", "ok2"]
    assert (inventory.rows_read, inventory.rows_skipped) == (4, 2)
    assert [(p.line, p.ident) for p in inventory.problems] == [
        (3, "cloud_service"),
        (4, "vm_name"),
        (5, "boot_diagnostics"),
    ]
    assert "row skipped" in inventory.problems[0].message


def test_duplicate_vms_keep_the_first_and_name_both_rows(write: Writer) -> None:
    rows = [
        _row(subscription_id="S1", cloud_service="CS", vm_name="Web01", status="ReadyRole"),
        _row(subscription_id="s2", cloud_service="cs", vm_name="web01"),  # another subscription: another VM
        _row(subscription_id="s1", cloud_service="cs", vm_name="WEB01", status="StoppedVM"),
    ]
    inventory = read_inventory([write("d.csv", _csv(*rows))], names=["d.csv"])

    assert list(inventory.vms["subscription_id"]) == ["S1", "s2"]
    assert inventory.vms["status"].iloc[0] == "ReadyRole"
    [problem] = inventory.problems
    assert (problem.file, problem.line, problem.ident) == ("d.csv", 4, "vm_name")
    assert "duplicate VM" in problem.message
    assert "d.csv line 2" in problem.message
    assert inventory.rows_skipped == 1


def test_bom_is_accepted_silently(data: Path, write: Writer) -> None:
    path = write("bom.csv", b"\xef\xbb\xbf" + (data / "canonical.csv").read_bytes())
    inventory = read_inventory([path])
    assert inventory.problems == []
    assert inventory.vms["subscription_id"].iloc[0] == SUBSCRIPTION


def test_bytes_that_are_not_utf8_name_the_offset_and_line(write: Writer) -> None:
    path = write("latin1.csv", "cloud_service,vm_name,status\ncs,vm1,ReadyRole\ncs,vm2,Arr\xeat\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        read_inventory([path], names=["latin1.csv"])
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == ("latin1.csv", 3)
    assert "not UTF-8" in problem.message
    assert "byte 0xea at byte offset 56" in problem.message


def test_a_missing_required_column_names_it(write: Writer) -> None:
    with pytest.raises(InputError) as caught:
        read_inventory([write("n.csv", "subscription_id,cloud_service,status\ns,cs,ReadyRole\n")], names=["n.csv"])
    [problem] = caught.value.problems
    assert (problem.file, problem.ident, problem.line) == ("n.csv", "vm_name", 1)
    assert "required column is missing" in problem.message


def test_a_column_twice_in_the_header_is_an_error(write: Writer) -> None:
    with pytest.raises(InputError, match="vnet: the column appears twice"):
        read_inventory([write("t.csv", "cloud_service,vm_name,vnet,vnet\ncs,vm,a,b\n")])


def test_a_row_with_too_many_fields_is_skipped_and_the_others_kept(write: Writer) -> None:
    text = "cloud_service,vm_name,status\ncs,vm1,ReadyRole\ncs,vm2,Ready,Role\ncs,vm3,StoppedVM\n"
    inventory = read_inventory([write("f.csv", text)], names=["f.csv"])

    assert list(inventory.vms["vm_name"]) == ["vm1", "vm3"]
    [problem] = inventory.problems
    assert problem.line == 3
    assert "4 fields" in problem.message
    assert (inventory.rows_read, inventory.rows_skipped) == (3, 1)


def test_blank_lines_are_ignored_and_line_numbers_stay_right(write: Writer) -> None:
    text = "cloud_service,vm_name,boot_diagnostics\ncs,vm1,true\n\ncs,vm2,maybe\n\n"
    inventory = read_inventory([write("g.csv", text)])
    assert list(inventory.vms["vm_name"]) == ["vm1", "vm2"]
    assert [p.line for p in inventory.problems] == [4]
    assert inventory.rows_read == 2


def test_header_only_and_empty_files_are_input_errors(write: Writer) -> None:
    with pytest.raises(InputError, match="no VM rows"):
        read_inventory([write("h.csv", CANONICAL_HEADER + "\n")])
    with pytest.raises(InputError, match="empty"):
        read_inventory([write("z.csv", "")])


def test_the_wrong_delimiter_is_explained(write: Writer) -> None:
    text = "cloud_service;vm_name;status\ncs;vm1;ReadyRole\n"
    with pytest.raises(InputError) as caught:
        read_inventory([write("semi.csv", text)], names=["semi.csv"])
    message = str(caught.value)
    assert message.startswith("semi.csv:1: ")
    assert "delimiter looks like ';'" in message
    assert "cloud_service, vm_name were not found" in message
