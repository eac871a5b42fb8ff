"""The optional utilization columns of the canonical CSV (cpu_p95_percent, memory_p95_percent): kept as the VM's
percentages; a cell that is not a number or is outside 0 to 100 is a one-line problem naming the file, line and
column, the cell is emptied (the VM is sized as it is) and the row is kept."""

from __future__ import annotations

from advisor.inventory import read_inventory

from .conftest import Writer

HEADER = "cloud_service,vm_name,size,cpu_p95_percent,memory_p95_percent"


def test_percentages_are_kept_and_bad_cells_are_problems(write: Writer) -> None:
    text = "\n".join([
        HEADER,
        "cs,a,Standard_D2,20,40.5",
        "cs,b,Standard_D2,abc,",
        "cs,c,Standard_D2, 100 ,140",
        "cs,d,Standard_D2,-1,0",
    ]) + "\n"  # fmt: skip
    inventory = read_inventory([write("u.csv", text)], names=["u.csv"])

    assert list(inventory.vms["cpu_p95_percent"]) == ["20", "", "100", ""]
    assert list(inventory.vms["memory_p95_percent"]) == ["40.5", "", "", "0"]
    assert len(inventory.vms) == 4, "every row is kept"
    assert [str(p) for p in inventory.problems] == [
        "u.csv:3: cpu_p95_percent: expected a percentage from 0 to 100, got 'abc' (not a number); the VM is sized "
        "as it is",
        "u.csv:4: memory_p95_percent: expected a percentage from 0 to 100, got '140' (outside 0 to 100); the VM is "
        "sized as it is",
        "u.csv:5: cpu_p95_percent: expected a percentage from 0 to 100, got '-1' (outside 0 to 100); the VM is "
        "sized as it is",
    ]


def test_a_file_without_the_columns_has_no_utilization(write: Writer) -> None:
    inventory = read_inventory([write("n.csv", "cloud_service,vm_name,size\ncs,a,Standard_D2\n")], names=["n.csv"])

    assert "cpu_p95_percent" not in inventory.vms.columns
    assert inventory.problems == []
