"""The optional VNet facts CSV (contract §6): one row per classic VNet, facts a VM record cannot show.

``vnet`` is required. A missing fact column, an empty cell or an invalid value is unknown (``<NA>``); an
invalid value also gives a problem naming the line and column. Other columns are ignored.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from advisor.errors import Problem
from advisor.inventory.canonical_csv import read_csv_frame, require_columns
from advisor.inventory.frames import VnetFacts, bool_column
from advisor.limits import VNET_CSV
from advisor.models.triage_rules import GATEWAY_VALUES, VNET_FIELDS


def _gateways(cells: pd.Series, lines: list[int], name: str) -> tuple[pd.Series, list[Problem]]:
    lowered = cells.str.lower()
    invalid = lowered.notna() & (lowered != "") & ~lowered.isin(GATEWAY_VALUES)
    problems = [
        Problem(f"expected one of {', '.join(GATEWAY_VALUES)}, got {cells.iloc[i]!r}", file=name, line=lines[i],
                ident="gateways")
        for i in invalid.to_numpy().nonzero()[0]
    ]  # fmt: skip
    return lowered.mask(invalid | (lowered == "")), problems


def read_vnet_table(path: Path | str, name: str) -> VnetFacts:
    """Read a VNet facts CSV; duplicates (case-insensitive) keep the first row."""
    frame, line_array, problems, _ = read_csv_frame(path, name, VNET_CSV, priority=("vnet", *VNET_FIELDS))
    require_columns(list(frame.columns), ("vnet",), name, fmt="vnet_csv")
    lines = [int(line) for line in line_array]
    names = frame["vnet"].astype("string").str.strip()
    keep = (names != "").to_numpy()
    for i in (~keep).nonzero()[0]:
        problems.append(Problem("the vnet name is empty; row skipped", file=name, line=lines[i], ident="vnet"))
    folded = names.str.lower()
    first_line: dict[str, int] = {}
    for i in keep.nonzero()[0]:
        key = folded.iloc[i]
        if key in first_line:
            keep[i] = False
            problems.append(Problem(f"duplicate VNet {names.iloc[i]!r} (first at line {first_line[key]}); row skipped",
                                    file=name, line=lines[i], ident="vnet"))  # fmt: skip
        else:
            first_line[key] = lines[i]
    rows = frame.loc[keep].reset_index(drop=True)
    kept_lines = [line for line, k in zip(lines, keep, strict=True) if k]
    facts: dict[str, pd.Series] = {}
    for fact in VNET_FIELDS:
        if fact not in rows.columns:
            facts[fact] = pd.Series(pd.NA, index=rows.index, dtype="string" if fact == "gateways" else "boolean")
            continue
        cells = rows[fact].astype("string").str.strip()
        if fact == "gateways":
            facts[fact], found = _gateways(cells, kept_lines, name)
            problems.extend(found)
            continue
        facts[fact], invalid = bool_column(cells)
        problems.extend(Problem(f"expected true or false, got {cells.iloc[i]!r}", file=name, line=kept_lines[i],
                                ident=fact) for i in invalid)  # fmt: skip
    result = pd.DataFrame(facts).set_axis(pd.Index(names[keep].to_numpy(), name="vnet", dtype="string"))
    return VnetFacts(frame=result, file=name, problems=problems)
