"""Inventory imports between frames and rows: what one import stores, and the frames rebuilt from it.

* ``inventory_vms.canonical`` is a JSON object of every canonical field and extra column of the VM:
  text as a string, ``BOOL_FIELDS`` as ``true``/``false``, ``<NA>`` as ``null``. With the import's
  ``extra_columns`` (their frame order) :func:`canonical_frame` rebuilds the rows exactly as
  :mod:`advisor.inventory.frames` represents them.
* The triage columns are copied to their own columns, so listing and filtering never parse JSON.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from advisor.errors import UsageError
from advisor.inventory.frames import Inventory, VnetFacts
from advisor.models.triage_rules import BOOL_FIELDS, VM_FIELDS, VNET_FIELDS
from advisor.store.workload_rows import utc
from advisor.triage.verdicts import TriageResult

MAX_STORED_PROBLEMS = 1000
# The columns of import_vms(), as TriageResult.vms has them; all but the two lists are text.
VM_COLUMNS = (
    "subscription_id", "cloud_service", "vm_name", "vnet", "size", "os_type", "verdict", "rules", "unknown_fields",
    "arm_size", "unit", "unit_kind",
)  # fmt: skip
LIST_COLUMNS = ("rules", "unknown_fields")
_TEXT_VNET_FACTS = ("gateways",)


@dataclass(frozen=True)
class ImportSummary:
    """One stored import: where it came from and what triage made of it (not its VMs)."""

    id: int
    estate_id: int
    estate: str
    imported_at: datetime.datetime
    author: str
    files: tuple[str, ...]
    formats: tuple[str, ...]
    rows_read: int
    rows_skipped: int
    vm_count: int
    problem_count: int  # all of them; ``problems`` holds the first MAX_STORED_PROBLEMS
    problems: tuple[str, ...]
    missing_columns: tuple[str, ...]
    extra_columns: tuple[str, ...]
    verdict_counts: dict[str, int]
    summary: dict[str, Any]  # TriageResult.summary()
    vnet_file: str | None
    units_json: str = field(repr=False)

    @functools.cached_property
    def units(self) -> list[dict[str, Any]]:
        """UnitResult.to_dict() of every unit; parsed on first use (megabytes for a large estate)."""
        units: list[dict[str, Any]] = json.loads(self.units_json)
        return units


@dataclass(frozen=True)
class EstateSummary:
    """One row of the estate list: the estate and its latest import."""

    id: int
    name: str
    created_at: datetime.datetime
    import_count: int
    latest_import_id: int | None
    imported_at: datetime.datetime | None
    vm_count: int
    verdict_counts: dict[str, int]


@dataclass(frozen=True)
class ImportDiff:
    """What changed between two imports; each list is sorted by cloud service and VM name."""

    old_import_id: int
    new_import_id: int
    added: list[dict[str, Any]] = field(default_factory=list)  # subscription_id, cloud_service, vm_name, verdict, rules
    removed: list[dict[str, Any]] = field(default_factory=list)  # the same keys, from the old import
    changed: list[dict[str, Any]] = field(default_factory=list)  # … old_verdict, new_verdict, old_rules, new_rules
    unchanged: int = 0  # VMs in both with the same verdict

    @property
    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.added), "removed": len(self.removed), "changed": len(self.changed),
            "unchanged": self.unchanged,
        }  # fmt: skip


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_plain)


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise UsageError(f"{type(value).__name__} is not JSON")


def cells(series: pd.Series) -> list[Any]:
    """The column as plain Python values, ``None`` for every kind of missing value."""
    missing = series.isna().tolist()
    return [None if gone else value for value, gone in zip(series.tolist(), missing, strict=True)]


def import_values(inventory: Inventory, vnet_facts: VnetFacts | None, result: TriageResult) -> dict[str, Any]:
    """The columns of the inventory_imports row (without estate, time and author)."""
    problems = [str(problem) for problem in inventory.problems]
    if vnet_facts is not None:
        problems += [str(problem) for problem in vnet_facts.problems]
    return {
        "files": dumps(inventory.files),
        "formats": dumps(inventory.formats),
        "rows_read": int(inventory.rows_read),
        "rows_skipped": int(inventory.rows_skipped),
        "vm_count": len(inventory.vms),
        "problem_count": len(problems),
        "problems": dumps(problems[:MAX_STORED_PROBLEMS]),
        "missing_columns": dumps(inventory.missing_columns),
        "extra_columns": dumps([c for c in inventory.vms.columns if c not in VM_FIELDS]),
        "verdict_counts": dumps(result.verdict_counts()),
        "summary": dumps(result.summary()),
        "units": dumps([unit.to_dict() for unit in result.units]),
        "vnet_file": vnet_facts.file if vnet_facts is not None else None,
        "vnet_facts": dumps(vnet_records(vnet_facts.frame)) if vnet_facts is not None else None,
    }


def vm_rows(import_id: int, vms: pd.DataFrame, triaged: pd.DataFrame, chunk: int) -> Iterator[list[dict[str, Any]]]:
    """The inventory_vms rows of an import, ``chunk`` at a time; ``triaged`` is TriageResult.vms for ``vms``."""
    if len(vms) != len(triaged) or cells(vms["vm_name"]) != cells(triaged["vm_name"]):
        raise UsageError("the triage result is not of this inventory: its VMs differ")
    names = [str(name) for name in vms.columns]
    canonical = [cells(vms[name]) for name in vms.columns]
    copied = {name: cells(triaged[name]) for name in VM_COLUMNS}
    for start in range(0, len(vms), chunk):
        stop = min(start + chunk, len(vms))
        rows = []
        for position in range(start, stop):
            row = {name: copied[name][position] for name in VM_COLUMNS}
            for name in LIST_COLUMNS:
                row[name] = dumps(row[name])
            row["import_id"], row["position"] = import_id, position
            row["canonical"] = dumps(dict(zip(names, (column[position] for column in canonical), strict=True)))
            rows.append(row)
        yield rows


def canonical_frame(texts: Iterable[str], extra_columns: Sequence[str]) -> pd.DataFrame:
    """The canonical frame of stored VMs (``canonical`` column texts, in frame order)."""
    records = [json.loads(text) for text in texts]
    data = {
        name: pd.array([record.get(name) for record in records], dtype="boolean" if name in BOOL_FIELDS else "string")
        for name in (*VM_FIELDS, *extra_columns)
    }
    return pd.DataFrame(data, index=pd.RangeIndex(len(records)))


def vms_frame(rows: Sequence[Any]) -> pd.DataFrame:
    """import_vms(): TriageResult.vms's columns; text as pandas ``str`` (missing = NaN), lists as lists."""
    data: dict[str, Any] = {}
    for index, name in enumerate(VM_COLUMNS):
        values = [row[index] for row in rows]
        if name in LIST_COLUMNS:
            data[name] = pd.Series([json.loads(value) for value in values], dtype=object)
        else:
            data[name] = pd.Series(values, dtype="str")
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


def vnet_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The VNet facts frame as records ``{"vnet": name, fact: value or null}``."""
    names = cells(frame.index.to_series())
    columns = {str(name): cells(frame[name]) for name in frame.columns}
    return [{"vnet": name, **{fact: values[i] for fact, values in columns.items()}} for i, name in enumerate(names)]


def vnet_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """The VNet facts frame (VnetFacts.frame) from :func:`vnet_records`."""
    facts = [key for key in records[0] if key != "vnet"] if records else list(VNET_FIELDS)
    data = {fact: pd.array([record.get(fact) for record in records], dtype=_fact_dtype(fact)) for fact in facts}
    index = pd.Index([record["vnet"] for record in records], name="vnet", dtype="string")
    return pd.DataFrame(data, index=index)


def _fact_dtype(fact: str) -> Literal["boolean", "string"]:
    """``has_*`` facts are pandas "boolean"; ``gateways`` (and any other) is "string", as the reader makes them."""
    return "boolean" if fact in VNET_FIELDS and fact not in _TEXT_VNET_FACTS else "string"


def import_summary(row: Any) -> ImportSummary:
    """An ImportSummary from an inventory_imports row joined with its estate's ``estate_name``."""
    return ImportSummary(
        id=row.id,
        estate_id=row.estate_id,
        estate=row.estate_name,
        imported_at=utc(row.imported_at),
        author=row.author,
        files=tuple(json.loads(row.files)),
        formats=tuple(json.loads(row.formats)),
        rows_read=row.rows_read,
        rows_skipped=row.rows_skipped,
        vm_count=row.vm_count,
        problem_count=row.problem_count,
        problems=tuple(json.loads(row.problems)),
        missing_columns=tuple(json.loads(row.missing_columns)),
        extra_columns=tuple(json.loads(row.extra_columns)),
        verdict_counts=json.loads(row.verdict_counts),
        summary=json.loads(row.summary),
        vnet_file=row.vnet_file,
        units_json=row.units,
    )
