"""Classic-VM inventory import: canonical CSV, Resource Graph JSON/CSV and Get-AzureVM JSON/CSV exports.

Files are recognized by content (:func:`detect_format`), read into one canonical frame
(:class:`Inventory`, contract §6) by :func:`read_inventory`, and the optional VNet facts by
:func:`read_vnet_facts`. Never imports Streamlit.
"""

from advisor.inventory.detect import FORMATS, detect_format
from advisor.inventory.frames import Inventory, VnetFacts
from advisor.inventory.reader import read_inventory, read_vnet_facts
from advisor.inventory.template import canonical_template_csv

__all__ = [
    "FORMATS",
    "Inventory",
    "VnetFacts",
    "canonical_template_csv",
    "detect_format",
    "read_inventory",
    "read_vnet_facts",
]
