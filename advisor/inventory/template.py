"""The canonical inventory CSV template offered for download: the header and two example rows.

After the canonical columns come the optional utilization columns (:mod:`advisor.inventory.utilization`): the
first example has them, the second leaves them empty (sized as it is)."""

from __future__ import annotations

import csv
import io

from advisor.inventory.utilization import CPU_COLUMN, MEMORY_COLUMN, UTILIZATION_COLUMNS
from advisor.models.triage_rules import VM_FIELDS

_EXAMPLES: tuple[dict[str, str], ...] = (
    {
        "subscription_id": "00000000-0000-0000-0000-000000000000", "cloud_service": "contoso-web",
        "deployment": "contoso-web", "vm_name": "web01", "location": "eastus", "size": "Standard_D2",
        "os_type": "Windows", "status": "ReadyRole", "vnet": "corpnet", "subnets": "web",
        "availability_set": "web-as", "endpoint_acls": "false", "extensions": "BGInfo@1.*;VMSnapshot@1.0",
        "os_disk_io_type": "Standard", "boot_diagnostics": "false", "agent_status": "Ready",
        "disk_blob_names": "web01-os.vhd;web01-data0.vhd", CPU_COLUMN: "35", MEMORY_COLUMN: "60",
    },
    {
        # Not in a VNet (vnet, subnets empty), no availability set, no extensions; boot diagnostics unknown.
        "subscription_id": "00000000-0000-0000-0000-000000000000", "cloud_service": "legacy-svc",
        "deployment": "legacy-svc", "vm_name": "legacy01", "location": "eastus", "size": "Small",
        "os_type": "Windows", "status": "StoppedDeallocated", "vnet": "", "subnets": "",
        "availability_set": "", "endpoint_acls": "true", "extensions": "", "os_disk_io_type": "Standard",
        "boot_diagnostics": "", "agent_status": "NotReady", "disk_blob_names": "old/legacy01-os.vhd",
    },
)  # fmt: skip


def canonical_template_csv() -> bytes:
    """The header (every canonical column, contract §6, then the optional utilization columns) and two example
    rows, UTF-8 without BOM."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*VM_FIELDS, *UTILIZATION_COLUMNS], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(_EXAMPLES)
    return buffer.getvalue().encode("utf-8")
