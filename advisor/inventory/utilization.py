"""The optional utilization columns of the canonical inventory CSV: CPU and memory use at the 95th percentile, in
percent (0 to 100), as a performance tool such as Azure Migrate's appliance reports them. The cost estimates
right-size a VM from them (``knowledge/costs.yaml``, ``sizing``); without them a VM is sized as it is. The other
inventory formats (Resource Graph, PowerShell) carry no utilization.

A cell that is not a number, or outside 0 to 100, is a one-line problem naming the file, line and column; the
cell then counts as unknown and the row is kept (the VM is sized as it is).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from advisor.errors import Problem

CPU_COLUMN = "cpu_p95_percent"
MEMORY_COLUMN = "memory_p95_percent"
UTILIZATION_COLUMNS = (CPU_COLUMN, MEMORY_COLUMN)


def checked_utilization(
    name: str, cells: pd.Series, keep: np.ndarray, problem: Callable[[int, str, str], Problem]
) -> tuple[pd.Series, list[Problem]]:
    """``cells`` with every bad cell emptied, and a problem per bad cell of a kept row (``problem(position,
    message, column)``)."""
    text = cells.astype("string").str.strip()
    numbers = pd.to_numeric(text, errors="coerce")
    given = text.notna().to_numpy() & (text != "").fillna(False).to_numpy()
    good = (
        numbers.notna().to_numpy() & (numbers >= 0).fillna(False).to_numpy() & (numbers <= 100).fillna(False).to_numpy()
    )
    bad = given & ~good
    if not bad.any():
        return text, []
    problems = []
    for position in np.flatnonzero(bad & keep).tolist():
        value = str(text.iloc[position])[:40]
        kind = "not a number" if pd.isna(numbers.iloc[position]) else "outside 0 to 100"
        message = f"expected a percentage from 0 to 100, got {value!r} ({kind}); the VM is sized as it is"
        problems.append(problem(position, message, name))
    return text.mask(bad, ""), problems
