"""Shared helpers of the inventory tests: the sample folder and a writer for small bad files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "inventory"
SUBSCRIPTION = "3c5e2a7b-9f41-4d2e-8a6b-1f0c9d7e5a21"
CANONICAL_HEADER = (
    "subscription_id,cloud_service,deployment,vm_name,location,size,os_type,status,vnet,subnets,availability_set,"
    "endpoint_acls,extensions,os_disk_io_type,boot_diagnostics,agent_status,disk_blob_names"
)

Writer = Callable[[str, "str | bytes"], Path]


@pytest.fixture
def data() -> Path:
    return DATA


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Write text (UTF-8) or bytes to ``tmp_path / name`` and return the path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return _write


def flag(value: object) -> bool | None:
    """A boolean cell as Python: None for <NA>."""
    return None if pd.isna(value) else bool(value)


def vm_row(inventory: Any, name: str) -> pd.Series:
    """The one canonical row of the VM called ``name``."""
    [index] = inventory.vms.index[inventory.vms["vm_name"] == name]
    return inventory.vms.loc[index]
