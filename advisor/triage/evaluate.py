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
        self.vnet_key = vnet.fillna("").str.casefold()
        self.service_key = vms["cloud_service"].fillna("").str.casefold()
        facts = vnet_facts if vnet_facts is not None else pd.DataFrame(columns=list(VNET_FIELDS))
        facts = facts.set_axis(facts.index.astype(str).str.casefold())
        self.facts = facts[~facts.index.duplicated()]
        self._counts: dict[str, np.ndarray] = {}
        self._folded_cache: dict[str, pd.Series] = {}

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
            return (self._folded(column) == str(test.equals).casefold()).fillna(False).to_numpy(dtype=bool)
        if test.in_ is not None or test.not_in is not None:
            values = {v.casefold() for v in (test.in_ or test.not_in or [])}
            member = self._folded(column).isin(values).fillna(False).to_numpy(dtype=bool)
            return member if test.in_ is not None else ~member
        if test.is_empty is not None:
            empty = (column.fillna("") == "").to_numpy()
            return empty if test.is_empty else ~empty
        if test.count_above is not None or test.count_equals is not None:
            counts = self._item_counts(test.field or "")
            return counts > test.count_above if test.count_above is not None else counts == test.count_equals
        if test.has_item is not None:
            pattern = _items_pattern(test.has_item)
            # case=False (not re flags) lets Arrow-backed strings match natively, without a Python loop.
            return column.fillna("").str.contains(pattern, case=False, regex=True).to_numpy(dtype=bool)
        if test.item_contains is not None:
            return column.fillna("").str.contains(test.item_contains, regex=False).to_numpy(dtype=bool)
        raise UsageError(f"test has no operator the evaluator knows: {test}")  # models forbid this

    def _folded(self, column: pd.Series) -> pd.Series:
        """The column case-folded, once per field: several rules compare the same column."""
        key = str(column.name)
        if key not in self._folded_cache:
            self._folded_cache[key] = column.str.casefold()
        return self._folded_cache[key]

    def _item_counts(self, field: str) -> np.ndarray:
        if field not in self._counts:
            text = self.vms[field].fillna("").str.strip()
            self._counts[field] = np.where(text == "", 0, text.str.count(";") + 1).astype(int)
        return self._counts[field]

    def _vnet_fact(self, test: Test) -> Outcome:
        # A VM outside any VNet is not touched by a VNet fact; a VNet missing from the facts is unknown.
        assert test.field is not None
        if test.field in self.facts.columns:
            values = self.facts[test.field].reindex(self.vnet_key.to_numpy())
            values.index = self.vms.index
        else:
            values = pd.Series(pd.NA, index=self.vms.index, dtype="string")
        fact_known = values.notna().to_numpy()
        typed = values.astype("boolean") if test.field != "gateways" else values.astype("string")
        holds = self._holds(test, typed.rename(f"vnet:{test.field}"))
        fires = self.in_vnet & fact_known & holds
        vnet_unknown = ~self.vnet_known
        fact_unknown = self.in_vnet & ~fact_known
        return Outcome(fires, vnet_unknown | fact_unknown, (("vnet", vnet_unknown), (test.field, fact_unknown)))

    def _vm_count_above(self, test: Test) -> Outcome:
        assert test.per is not None
        assert test.vm_count_above is not None
        key = self.vnet_key if test.per == "vnet" else self.service_key
        in_group = self.in_vnet if test.per == "vnet" else np.ones(self.size, dtype=bool)
        sizes = key.map(key[in_group].value_counts()).fillna(0).to_numpy()
        fires = in_group & (sizes > test.vm_count_above)
        undetermined = (~self.vnet_known if test.per == "vnet" else np.zeros(self.size, dtype=bool)) & ~fires
        return Outcome(fires, undetermined, (("vnet", undetermined),))

    def _distinct_values_above(self, test: Test) -> Outcome:
        assert test.per is not None
        assert test.field is not None
        assert test.distinct_values_above is not None
        key = self.service_key if test.per == "cloud_service" else self.vnet_key
        frame = pd.DataFrame({"key": key.to_numpy(), "value": self.vms[test.field].to_numpy()})
        distinct = frame.groupby("key")["value"].nunique(dropna=True)
        any_unknown = frame["value"].isna().groupby(frame["key"]).any()
        group_distinct = key.map(distinct).fillna(0).to_numpy()
        group_unknown = key.map(any_unknown).fillna(False).to_numpy(dtype=bool)
        fires = group_distinct > test.distinct_values_above
        if test.per == "vnet":
            fires &= self.in_vnet
        undetermined = ~fires & group_unknown
        return Outcome(fires, undetermined, ((test.field, undetermined),))


def _items_pattern(patterns: list[ExtensionPattern]) -> str:
    """One regex matching any `;`-separated item `Name` or `Name@version` of the patterns."""
    alternatives = []
    for pattern in patterns:
        name = re.escape(pattern.name)
        if pattern.version_prefix:
            alternatives.append(f"{name}@{re.escape(pattern.version_prefix)}[^;]*")
        else:
            alternatives.append(f"{name}(?:@[^;]*)?")
    return r"(?:^|;)\s*(?:" + "|".join(alternatives) + r")\s*(?:;|$)"
