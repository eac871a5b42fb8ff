"""The input limits: one module, one README table, and figures that admit what the issue promises."""

from __future__ import annotations

import tomllib
from pathlib import Path

from advisor import limits
from advisor.limits import INVENTORY_CSV, INVENTORY_JSON, MIB, VNET_CSV, readme_table

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_shows_the_limits_table_of_the_module() -> None:
    assert readme_table() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_limit_is_in_the_table() -> None:
    table = readme_table()
    for limit in limits.ALL:
        assert f"| {limit.kind} |" in table


def test_the_limits_admit_a_million_vm_csv_and_a_400_mb_upload() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    upload_mb = config["server"]["maxUploadSize"]

    assert upload_mb == 400
    assert upload_mb * 1_000_000 <= INVENTORY_CSV.max_bytes
    assert upload_mb * 1_000_000 <= INVENTORY_JSON.max_bytes
    assert INVENTORY_CSV.max_rows is not None
    assert INVENTORY_CSV.max_rows >= 1_000_000
    # the 17 canonical columns of a million VMs, and a few more
    assert INVENTORY_CSV.max_cells is not None
    assert INVENTORY_CSV.max_cells >= 1_000_000 * 20
    assert VNET_CSV.max_bytes == 64 * MIB


def test_sizes_read_as_people_say_them() -> None:
    assert limits.size_text(512 * MIB) == "512 MiB"
    assert limits.size_text(64 * 1024) == "64 KiB"
    assert limits.size_text(1000) == "1,000 bytes"
