"""Loading and checking ``knowledge/costs.yaml``: how workloads are right-sized and candidates priced.

:func:`check_costs` reports every fault with its file, line and id: the schema's, a service the catalog does not
know or listed twice, a tree outcome of some version without an entry (it would silently get the specialty
reason), a size family that is not a current family of ``sizes.yaml``, a method without what it needs (families,
tiers, meters, a reason), and a node pool whose minimum-node fact has no ``count`` in a version.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from advisor.errors import Problem
from advisor.knowledge.loading import load_model
from advisor.lifecycle.sizes import SizeTable
from advisor.models.cost_rules import CandidatePricing, CostKnowledge

COSTS_FILE = Path("costs.yaml")
_USAGE = {
    "usage": {"vcpu_hours", "gib_hours", "vcpu_seconds", "gib_seconds"},
    "executions": {"gb_seconds", "executions"},
}


def check_costs(
    folder: Path, versions: Mapping[str, Any] | None, sizes: SizeTable | None
) -> tuple[CostKnowledge | None, list[Problem]]:
    """The cost knowledge of ``folder`` and its problems; services are checked against ``versions`` (knowledge
    versions by id) when given, size families against ``sizes`` when given."""
    shown = str(Path(folder.name) / COSTS_FILE)
    loaded = load_model(folder / COSTS_FILE, CostKnowledge, shown)
    if loaded.model is None:
        return None, loaded.problems
    model, problems = loaded.model, []

    def fault(message: str, at: tuple[str | int, ...], ident: str | None = None) -> None:
        problems.append(Problem(message, file=shown, line=loaded.line_of(at), ident=ident))

    seen: set[str] = set()
    for index, entry in enumerate(model.candidates):
        at: tuple[str | int, ...] = ("candidates", index)
        if entry.service in seen:
            fault("service listed twice", (*at, "service"), entry.service)
        seen.add(entry.service)
        _check_entry(entry, at, sizes, fault)
        if versions is not None:
            _check_versions(entry, at, versions, fault)
    if versions is not None:
        for version_id, version in versions.items():
            for service in version.tree_outcomes:
                if service not in seen:
                    fault(f"a tree outcome of {version_id} has no entry: give its method", ("candidates",), service)
    return (None if problems else model), problems


def _check_entry(
    entry: CandidatePricing, at: tuple[str | int, ...], sizes: SizeTable | None, fault: Callable[..., None]
) -> None:
    method, ident = entry.method, entry.service
    if method == "none":
        if not entry.reason:
            fault("an entry without an estimate says why (reason)", at, ident)
        return
    if method in ("vm", "nodes"):
        _check_families(entry, at, sizes, fault)
    if method == "nodes" and not entry.minimum_nodes_fact:
        fault("a node pool names the catalog fact of its minimum node count (minimum_nodes_fact)", at, ident)
    if method == "plan" and (not entry.tiers or not entry.service_name):
        fault("a plan gives its tiers and the API's service name (tiers, service_name)", at, ident)
    if method in _USAGE:
        if not entry.meters:
            fault("give the meters it is priced by (meters)", at, ident)
        for index, meter in enumerate(entry.meters):
            if meter.quantity not in _USAGE[method]:
                fault(f"a {method} entry cannot price {meter.quantity}", (*at, "meters", index, "quantity"), ident)


def _check_families(
    entry: CandidatePricing, at: tuple[str | int, ...], sizes: SizeTable | None, fault: Callable[..., None]
) -> None:
    if not entry.families:
        fault("give the size families it may use (families)", at, entry.service)
    for index, family in enumerate(entry.families):
        known = sizes.families.get(family) if sizes is not None else None
        if sizes is not None and (known is None or known.role != "current"):
            fault("not a current size family of sizes.yaml", (*at, "families", index), family)


def _check_versions(
    entry: CandidatePricing, at: tuple[str | int, ...], versions: Mapping[str, Any], fault: Callable[..., None]
) -> None:
    known = False
    for version_id, version in versions.items():
        view = version.services.get(entry.service)
        if view is None:
            continue
        known = True
        if entry.method == "nodes" and entry.minimum_nodes_fact:
            fact = view.facts.get(entry.minimum_nodes_fact)
            if fact is None or fact.count is None:
                message = f"the catalog's {entry.minimum_nodes_fact} fact has no count in {version_id}"
                fault(message, (*at, "minimum_nodes_fact"), entry.service)
    if not known:
        fault("not a service of the catalog", (*at, "service"), entry.service)
