"""Comparing two imports: VMs added, removed, and whose verdict changed.

Two rows are the same VM when cloud service and VM name match (case-insensitive) and the subscriptions
match (case-insensitive) or one of them is unknown, the rule the reader uses for duplicates (a
Get-AzureVM export carries no subscription). A known subscription pairs with its equal first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from advisor.store.inventory_rows import ImportDiff

# Each VM row: (subscription_id, cloud_service, vm_name, verdict, rules JSON)
Row = Sequence[Any]


def _pair(row: Row) -> tuple[str, str]:
    return row[1].casefold(), row[2].casefold()


def _subscription(row: Row) -> str | None:
    return row[0].casefold() if row[0] is not None else None


def _vm(row: Row) -> dict[str, Any]:
    return {
        "subscription_id": row[0], "cloud_service": row[1], "vm_name": row[2], "verdict": row[3],
        "rules": json.loads(row[4]),
    }  # fmt: skip


def _order(entry: dict[str, Any]) -> tuple[str, str, str]:
    return entry["cloud_service"].casefold(), entry["vm_name"].casefold(), (entry["subscription_id"] or "").casefold()


def _match(old: Sequence[Row], new: Sequence[Row]) -> tuple[list[tuple[int, int]], set[int], set[int]]:
    """Pairs (old index, new index) of the same VM; then the old and the new indexes left unpaired."""
    by_pair: dict[tuple[str, str], list[int]] = {}
    for index, row in enumerate(old):
        by_pair.setdefault(_pair(row), []).append(index)
    free_old = set(range(len(old)))
    free_new = set(range(len(new)))
    pairs: list[tuple[int, int]] = []
    for lenient in (False, True):  # equal subscriptions first, then an unknown one on either side
        for new_index in sorted(free_new):
            row = new[new_index]
            subscription = _subscription(row)
            for old_index in by_pair.get(_pair(row), ()):
                if old_index not in free_old:
                    continue
                other = _subscription(old[old_index])
                if other == subscription or (lenient and (other is None or subscription is None)):
                    pairs.append((old_index, new_index))
                    free_old.discard(old_index)
                    free_new.discard(new_index)
                    break
    return pairs, free_old, free_new


def diff_rows(old_id: int, new_id: int, old: Sequence[Row], new: Sequence[Row]) -> ImportDiff:
    """The ImportDiff of two imports' VM rows."""
    pairs, removed, added = _match(old, new)
    changed = []
    for old_index, new_index in pairs:
        before, after = old[old_index], new[new_index]
        if before[3] == after[3]:
            continue
        changed.append(
            {
                "subscription_id": after[0] if after[0] is not None else before[0],
                "cloud_service": after[1],
                "vm_name": after[2],
                "old_verdict": before[3],
                "new_verdict": after[3],
                "old_rules": json.loads(before[4]),
                "new_rules": json.loads(after[4]),
            }
        )
    return ImportDiff(
        old_import_id=old_id,
        new_import_id=new_id,
        added=sorted((_vm(new[i]) for i in added), key=_order),
        removed=sorted((_vm(old[i]) for i in removed), key=_order),
        changed=sorted(changed, key=_order),
        unchanged=len(pairs) - len(changed),
    )
