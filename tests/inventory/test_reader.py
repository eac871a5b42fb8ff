"""One estate from several files and formats; file-level faults; the size limit; the template round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from advisor.errors import InputError
from advisor.inventory import canonical_template_csv, read_inventory
from advisor.models.triage_rules import VM_FIELDS

from .conftest import CANONICAL_HEADER, Writer

NAMES = ["web01", "web02", "app01", "sql01", "legacy01", "lnx01", "lnx02", "batch01"]


@pytest.mark.parametrize("sample", ["arg.json", "arg_portal.csv", "ps.json", "ps.csv"])
def test_every_sample_describes_the_same_estate(data: Path, sample: str) -> None:
    canonical = read_inventory([data / "canonical.csv"]).vms
    exported = read_inventory([data / sample])
    readable = [name for name in VM_FIELDS if name not in exported.missing_columns]
    assert {"cloud_service", "deployment", "vm_name", "size", "status", "availability_set"} <= set(readable)
    pd.testing.assert_frame_equal(exported.vms[readable], canonical[readable])


def test_several_files_make_one_estate(data: Path, write: Writer) -> None:
    records = json.loads((data / "arg.json").read_text(encoding="utf-8"))["data"]
    other = json.loads(json.dumps(records[:2]))
    for record in other:
        record["subscriptionId"] = "9d0e1f2a-0000-4000-8000-000000000002"
        record["properties"]["domainName"]["name"] = "fabrikam-web"
    second = write("sub2.json", json.dumps(other))
    inventory = read_inventory([data / "canonical.csv", second], names=["sub1.csv", "sub2.json"])

    assert inventory.files == ("sub1.csv", "sub2.json")
    assert inventory.formats == ("canonical_csv", "arg_json")
    assert len(inventory.vms) == 10
    assert list(inventory.vms["cloud_service"].iloc[-2:]) == ["fabrikam-web", "fabrikam-web"]
    assert isinstance(inventory.vms.index, pd.RangeIndex)
    # Extra columns of either file; a row from the other file has <NA> there.
    assert inventory.extra_columns[0] == "owner"
    assert "resourceGroup" in inventory.extra_columns
    assert inventory.vms["owner"].iloc[-1] is pd.NA
    assert inventory.vms["resourceGroup"].iloc[0] is pd.NA
    assert str(inventory.vms["owner"].dtype) == "string"
    # endpoint_acls is missing from the Resource Graph file only: listed, and unknown for its rows.
    assert inventory.missing_columns == ("endpoint_acls",)
    assert inventory.vms["endpoint_acls"].iloc[:8].notna().all()
    assert inventory.vms["endpoint_acls"].iloc[8:].isna().all()


def test_duplicates_across_files_name_both_rows(data: Path) -> None:
    inventory = read_inventory([data / "canonical.csv", data / "arg.json"], names=["a.csv", "b.json"])

    assert list(inventory.vms["vm_name"]) == NAMES
    assert (inventory.rows_read, inventory.rows_skipped) == (16, 8)
    assert len(inventory.problems) == 8
    first = inventory.problems[0]
    assert (first.file, first.line, first.ident) == ("b.json", None, "vm_name")
    assert "duplicate VM 3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21/contoso-web/web01" in first.message
    assert "the same VM as a.csv line 2" in first.message
    assert "(record 1, web01)" in first.message
    assert inventory.missing_columns == ()  # the second file contributed no row


def test_a_vm_without_subscription_matches_the_same_vm_with_one(data: Path) -> None:
    inventory = read_inventory([data / "canonical.csv", data / "ps.json"])
    assert list(inventory.vms["vm_name"]) == NAMES
    assert inventory.rows_skipped == 8


def test_every_file_level_fault_is_reported_at_once(data: Path, write: Writer, tmp_path: Path) -> None:
    bad_csv = write("bad.csv", "cloud_service,status\ncs,ReadyRole\n")
    bad_json = write("bad.json", b'[{"id": "x", "name": "y", "properties": {}}, ')
    with pytest.raises(InputError) as caught:
        read_inventory([data / "canonical.csv", bad_csv, tmp_path / "gone.csv", bad_json],
                       names=["ok.csv", "bad.csv", "gone.csv", "bad.json"])  # fmt: skip
    assert [(p.file, p.ident) for p in caught.value.problems] == [
        ("bad.csv", "vm_name"), ("gone.csv", None), ("bad.json", None),
    ]  # fmt: skip
    assert "file not found" in caught.value.problems[1].message
    assert "ends early" in caught.value.problems[2].message


def test_the_size_limit_names_the_limit_in_mb(data: Path, write: Writer) -> None:
    big = write("big.csv", b"x" * (5 * 1024 * 1024 // 2))
    with pytest.raises(InputError) as caught:
        read_inventory([big], names=["big.csv"], max_bytes=2 * 1024 * 1024)
    [problem] = caught.value.problems
    assert str(problem) == "big.csv: the file is 2.5 MB, over the 2 MB limit"
    sparse = write("huge.json", b"")
    with open(sparse, "r+b") as handle:
        handle.truncate(250 * 1024 * 1024)  # sparse: only the size is looked at
    with pytest.raises(InputError, match="the file is 250 MB, over the 200 MB limit"):
        read_inventory([sparse], max_bytes=200 * 1024 * 1024)
    assert len(read_inventory([data / "arg.json"], max_bytes=1024 * 1024).vms) == 8


def test_a_vnet_facts_file_is_not_an_inventory(data: Path) -> None:
    with pytest.raises(InputError, match="VNet facts file"):
        read_inventory([data / "vnets.csv"])


def test_no_files_and_name_count_mismatch(data: Path) -> None:
    with pytest.raises(InputError, match="no inventory file"):
        read_inventory([])
    with pytest.raises(ValueError, match="names"):
        read_inventory([data / "canonical.csv"], names=["a", "b"])


def test_a_single_path_is_accepted(data: Path) -> None:
    assert len(read_inventory(data / "canonical.csv").vms) == 8  # type: ignore[arg-type]


def test_rows_read_minus_skipped_is_the_estate(data: Path, write: Writer) -> None:
    text = CANONICAL_HEADER + "\n" + "s,cs,d,vm1" + "," * 13 + "\n" + "s,,d,vm2" + "," * 13 + "\n"
    inventory = read_inventory([write("x.csv", text), data / "ps.csv"])
    assert inventory.rows_read - inventory.rows_skipped == len(inventory.vms) == 9


def test_template_round_trips_without_problems(write: Writer) -> None:
    content = canonical_template_csv()
    # the canonical columns, then the optional utilization columns (issue 21)
    assert content.decode("utf-8").splitlines()[0] == CANONICAL_HEADER + ",cpu_p95_percent,memory_p95_percent"
    assert len(content.decode("utf-8").splitlines()) == 3
    inventory = read_inventory([write("template.csv", content)])
    assert inventory.problems == []
    assert inventory.missing_columns == ()
    assert inventory.extra_columns == ("cpu_p95_percent", "memory_p95_percent")
    assert list(inventory.vms["cpu_p95_percent"]) == ["35", ""]
    first, second = inventory.vms.iloc[0], inventory.vms.iloc[1]
    assert first["extensions"] == "BGInfo@1.*;VMSnapshot@1.0"
    assert (second["vnet"], second["subnets"]) == ("", "")
    assert pd.isna(second["boot_diagnostics"])
    assert "/" in second["disk_blob_names"]
