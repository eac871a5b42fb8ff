"""Three-valued, vectorized evaluation of triage tests over a whole inventory at once.

Each test gives, per VM, whether it holds (``fires``) and whether it cannot be told because a
value it reads is unknown (``undetermined``). A rule fires when all its tests hold; it is
undetermined when none is known to fail and at least one is undetermined. Group tests (``per``)
and VNet facts give every VM of the group or VNet the same answer: that is scope propagation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from advisor.errors import UsageError
from advisor.models.triage_rules import BOOL_FIELDS, VNET_FIELDS, ExtensionPattern, Test, TriageRule


@dataclass(frozen=True)
class Outcome:
    """Per-VM arrays for one test or rule, and per field the VMs it left undetermined."""

    fires: np.ndarray
    undetermined: np.ndarray
    unknown_by_field: tuple[tuple[str, np.ndarray], ...]


class Evaluator:
    """Evaluates tests over one inventory (and its VNet facts), caching shared derived columns."""

    def __init__(self, vms: pd.DataFrame, vnet_facts: pd.DataFrame | None) -> None:
        self.vms = vms
        self.size = len(vms)
        vnet = vms["vnet"]
        self.vnet_known = vnet.notna().to_numpy()
        self.in_vnet = self.vnet_known & (vnet.fillna("") != "").to_numpy()
        # Groups as integer codes (VNet, cloud service: case-insensitive), so per-group work is a bincount
        # and a VNet fact is looked up once per VNet, not once per VM.
        self.vnet_codes, self.vnets = _codes(_fold(_text(vnet.fillna(""))))
        self.service_codes, _ = _codes(_fold(_text(vms["cloud_service"].fillna(""))))
        facts = vnet_facts if vnet_facts is not None else pd.DataFrame(columns=list(VNET_FIELDS))
        facts = facts.set_axis(facts.index.astype(str).str.casefold())
        self.facts = facts[~facts.index.duplicated()]
        self._counts: dict[str, np.ndarray] = {}
        self._folded_cache: dict[str, pa.Array] = {}
        self._distinct_cache: dict[str, tuple[np.ndarray, pa.Array]] = {}

    def forget(self) -> None:
        """Drop the derived columns kept for the rules (once every rule is evaluated)."""
        self._counts.clear()
        self._folded_cache.clear()
        self._distinct_cache.clear()

    def rule(self, rule: TriageRule) -> Outcome:
        outcomes = [self.test(test) for test in rule.when]
        fires = np.logical_and.reduce([o.fires for o in outcomes])
        known_false = np.logical_or.reduce([~o.fires & ~o.undetermined for o in outcomes])
        undetermined = ~fires & ~known_false
        by_field = tuple((field, lacking & undetermined) for o in outcomes for field, lacking in o.unknown_by_field)
        return Outcome(fires, undetermined, by_field)

    def test(self, test: Test) -> Outcome:
        if test.vm_count_above is not None:
            return self._vm_count_above(test)
        assert test.field is not None
        if test.distinct_values_above is not None:
            return self._distinct_values_above(test)
        if test.field in VNET_FIELDS:
            return self._vnet_fact(test)
        column = self.vms[test.field].rename(test.field)
        known = column.notna().to_numpy()
        holds = self._holds(test, column)
        return Outcome(known & holds, ~known, ((test.field, ~known),))

    def _holds(self, test: Test, column: pd.Series) -> np.ndarray:
        """Whether the test holds where the value is known (unknown rows are masked by the caller)."""
        if test.equals is not None:
            if isinstance(test.equals, bool) or test.field in BOOL_FIELDS:
                return (column.astype("boolean") == bool(test.equals)).fillna(False).to_numpy(dtype=bool)
            return _mask(pc.equal(self._folded(column), str(test.equals).casefold()))
        if test.in_ is not None or test.not_in is not None:
            values = pa.array(sorted({v.casefold() for v in (test.in_ or test.not_in or [])}))
            member = _mask(pc.is_in(self._folded(column), value_set=values))
            return member if test.in_ is not None else ~member
        if test.is_empty is not None:
            empty = (column.fillna("") == "").to_numpy()
            return empty if test.is_empty else ~empty
        if test.count_above is not None or test.count_equals is not None:
            counts = self._item_counts(test.field or "")
            return counts > test.count_above if test.count_above is not None else counts == test.count_equals
        if test.has_item is not None:
            # Judged once per distinct cell (an estate repeats a few hundred extension lists), then spread.
            indices, values = self._distinct(column)
            if pc.all(pc.string_is_ascii(values)).as_py() is not False:
                # Arrow's RE2 over the whole column; on ASCII text its class below is exactly Python's \s.
                found = _mask(pc.match_substring_regex(values, _items_pattern(test.has_item, _ASCII_SPACE),
                                                       ignore_case=True))  # fmt: skip
            else:
                pattern = re.compile(_items_pattern(test.has_item, r"\s"), re.IGNORECASE)
                found = np.array([bool(pattern.search(v)) for v in values.to_pylist()], dtype=bool)
            return _spread(found, indices)
        if test.item_contains is not None:
            return _mask(pc.match_substring(_text(column), test.item_contains))
        raise UsageError(f"test has no operator the evaluator knows: {test}")  # models forbid this

    def _folded(self, column: pd.Series) -> pa.Array:
        """The column case-folded, once per field: several rules compare the same column."""
        key = f"{column.name}:{len(column)}"
        if key not in self._folded_cache:
            self._folded_cache[key] = _fold(_text(column))
        return self._folded_cache[key]

    def _distinct(self, column: pd.Series) -> tuple[np.ndarray, pa.Array]:
        """Each cell's index among the column's distinct cells (-1: unknown), and those cells; once per field."""
        key = f"{column.name}:{len(column)}"
        if key not in self._distinct_cache:
            encoded = _text(column).dictionary_encode()
            indices = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
            self._distinct_cache[key] = (indices, encoded.dictionary)
        return self._distinct_cache[key]

    def _item_counts(self, field: str) -> np.ndarray:
        if field not in self._counts:
            # Counted once per distinct cell, then spread: an unknown cell counts as empty (no item).
            indices, values = self._distinct(self.vms[field].rename(field))
            text = pd.Series(pd.arrays.ArrowStringArray(values.cast(pa.large_string())), dtype="string").str.strip()
            counts = np.where(text == "", 0, text.str.count(";") + 1).astype(int)
            self._counts[field] = np.where(indices >= 0, counts[np.maximum(indices, 0)], 0) if len(counts) else (
                np.zeros(len(indices), dtype=int)
            )  # fmt: skip
        return self._counts[field]

    def _vnet_fact(self, test: Test) -> Outcome:
        # A VM outside any VNet is not touched by a VNet fact; a VNet missing from the facts is unknown.
        # The fact is judged once per VNet (a few hundred), then spread to the VMs by their VNet's code.
        assert test.field is not None
        if test.field in self.facts.columns:
            values = self.facts[test.field].reindex(self.vnets)
        else:
            values = pd.Series(pd.NA, index=self.vnets, dtype="string")
        values = values.reset_index(drop=True)
        typed = values.astype("boolean") if test.field != "gateways" else values.astype("string")
        fact_known = values.notna().to_numpy()[self.vnet_codes]
        holds = self._holds(test, typed.rename(f"vnet:{test.field}"))[self.vnet_codes]
        fires = self.in_vnet & fact_known & holds
        vnet_unknown = ~self.vnet_known
        fact_unknown = self.in_vnet & ~fact_known
        return Outcome(fires, vnet_unknown | fact_unknown, (("vnet", vnet_unknown), (test.field, fact_unknown)))

    def _vm_count_above(self, test: Test) -> Outcome:
        assert test.per is not None
        assert test.vm_count_above is not None
        codes = self.vnet_codes if test.per == "vnet" else self.service_codes
        in_group = self.in_vnet if test.per == "vnet" else np.ones(self.size, dtype=bool)
        sizes = np.bincount(codes[in_group], minlength=int(codes.max(initial=-1)) + 1)[codes]
        fires = in_group & (sizes > test.vm_count_above)
        undetermined = (~self.vnet_known if test.per == "vnet" else np.zeros(self.size, dtype=bool)) & ~fires
        return Outcome(fires, undetermined, (("vnet", undetermined),))

    def _distinct_values_above(self, test: Test) -> Outcome:
        assert test.per is not None
        assert test.field is not None
        assert test.distinct_values_above is not None
        groups = self.service_codes if test.per == "cloud_service" else self.vnet_codes
        values, _ = pd.factorize(self.vms[test.field], use_na_sentinel=True)  # as written; unknown: -1
        count = int(groups.max(initial=-1)) + 1
        known = values >= 0
        width = int(values.max(initial=0)) + 1
        pairs = np.unique(groups[known] * width + values[known])  # each (group, value) once
        distinct = np.bincount(pairs // width, minlength=count)[groups]
        group_unknown = np.bincount(groups[~known], minlength=count)[groups] > 0
        fires = distinct > test.distinct_values_above
        if test.per == "vnet":
            fires &= self.in_vnet
        undetermined = ~fires & group_unknown
        return Outcome(fires, undetermined, ((test.field, undetermined),))


# Python's \s on ASCII text (space, \t \n \v \f \r and \x1c-\x1f), spelled out for RE2, whose \s is narrower.
_ASCII_SPACE = r"[ \t\n\x0b\f\r\x1c-\x1f]"


def _text(column: pd.Series) -> pa.Array:
    """A text column as one Arrow array (no copy when pandas already holds it in Arrow)."""
    array = pa.array(column.array, from_pandas=True)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _fold(text: pa.Array) -> pa.Array:
    """``str.casefold`` of each cell: Arrow's lower case where the column is ASCII (the same there)."""
    if pc.all(pc.string_is_ascii(text)).as_py() is not False:
        return pc.utf8_lower(text)
    return pa.array([None if v is None else v.casefold() for v in text.to_pylist()], pa.string())


def _codes(text: pa.Array) -> tuple[np.ndarray, list[str]]:
    """Each cell's index among the distinct cells, and those cells."""
    encoded = text.dictionary_encode()
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64), encoded.dictionary.to_pylist()


def _spread(per_value: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """Each cell's answer from its distinct value's (``indices`` -1: unknown, false)."""
    if not len(per_value):
        return np.zeros(len(indices), dtype=bool)
    spread: np.ndarray = per_value[np.maximum(indices, 0)] & (indices >= 0)
    return spread


def _mask(result: pa.Array) -> np.ndarray:
    """A boolean Arrow result as a numpy mask, a missing cell counting as false."""
    return np.asarray(result.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def _items_pattern(patterns: list[ExtensionPattern], space: str) -> str:
    """One regex matching any `;`-separated item `Name` or `Name@version` of the patterns (``space``: the
    class of blanks allowed around an item)."""
    alternatives = []
    for pattern in patterns:
        name = re.escape(pattern.name)
        if pattern.version_prefix:
            alternatives.append(f"{name}@{re.escape(pattern.version_prefix)}[^;]*")
        else:
            alternatives.append(f"{name}(?:@[^;]*)?")
    return rf"(?:^|;){space}*(?:" + "|".join(alternatives) + rf"){space}*(?:;|$)"
