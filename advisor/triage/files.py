"""Triage and batch recommendations straight from inventory files, saving nothing: what the ``triage`` and
``batch`` commands run (the Inventory page stores its imports through :mod:`advisor.services.estates`).

It reads and computes, and writes nothing, so it is not a service: the command line calls it directly, and
``triage`` imports neither the services nor the store with it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.errors import Problem
from advisor.inventory.frames import Inventory, VnetFacts
from advisor.inventory.reader import read_inventory, read_vnet_facts
from advisor.knowledge import triage_cache
from advisor.lifecycle.judgement import Judgement, parse_as_of, parse_horizon
from advisor.triage.rules import TriageRules
from advisor.triage.verdicts import TriageResult, triage

if TYPE_CHECKING:  # batch needs the decision tree; triage alone imports neither it nor the knowledge loader
    from advisor.decide.batch import BatchResult
    from advisor.knowledge.assembly import KnowledgeBase


@dataclass(frozen=True)
class FileTriage:
    """The inventory as read, its VNet facts (if given) and their triage."""

    inventory: Inventory
    facts: VnetFacts | None
    result: TriageResult

    @property
    def problems(self) -> list[Problem]:
        """Every row problem of the inventory and the VNet facts."""
        return self.inventory.problems + (self.facts.problems if self.facts else [])


@dataclass(frozen=True)
class FileBatch:
    """The inventory as read, its VNet facts (if given) and a recommendation (or why none) per VM."""

    inventory: Inventory
    facts: VnetFacts | None
    result: BatchResult
    profile_problems: tuple[Problem, ...] = ()  # each naming the profiles file and line

    @property
    def problems(self) -> list[Problem]:
        return [*self.profile_problems, *self.inventory.problems, *(self.facts.problems if self.facts else [])]


def triage_knowledge(directory: Path | None = None) -> TriageRules:
    """The triage rules of the knowledge folder (default: the bundled one), exactly as ``load_knowledge`` gives
    them (the whole folder is checked, and a broken one raises as ever), kept between runs while neither the
    knowledge files nor the code change (:mod:`advisor.knowledge.triage_cache`)."""
    return triage_cache.triage_rules(directory)


def triage_judgement(rules: TriageRules, as_of: str | None, horizon_months: str | None) -> Judgement | None:
    """The judgement ``--as-of`` and ``--horizon-months`` ask for, as :func:`~advisor.services.parse_judgement`
    reads them; a bad value is an InputError naming the option."""
    as_of_date, horizon = parse_as_of(as_of), parse_horizon(horizon_months)
    return rules.lifecycle.judgement(as_of_date, horizon) if rules.lifecycle is not None else None


def triage_files(
    rules: TriageRules, inventory: Sequence[Path], vnets: Path | None = None, judgement: Judgement | None = None
) -> FileTriage:
    """Read the inventory files (formats detected by content) and the VNet facts, and triage every VM with
    ``rules`` (:func:`triage_knowledge`, or a loaded knowledge base's ``triage``); sizes as of ``judgement``
    (default: today and the knowledge's horizon)."""
    read = read_inventory(inventory)
    facts = read_vnet_facts(vnets) if vnets else None
    return FileTriage(read, facts, triage(read.vms, facts.frame if facts else None, rules, judgement))


def batch_files(
    kb: KnowledgeBase,
    inventory: Sequence[Path],
    profiles: Path,
    vnets: Path | None = None,
    default_profile: str | None = None,
) -> FileBatch:
    """Triage the inventory, then recommend for every VM from its profile (the ``profile`` column, else the
    default) overlaid on what the inventory suggests. A profile the knowledge cannot use is reported (file and
    line) and its VMs say why they have none."""
    from advisor.decide.batch import read_checked_profiles, run_batch

    chosen, faults = read_checked_profiles(profiles, kb)
    read = read_inventory(inventory)
    facts = read_vnet_facts(vnets) if vnets else None
    result = run_batch(kb, read.vms, facts.frame if facts else None, chosen, default_profile, faults)
    return FileBatch(read, facts, result, tuple(p for found in faults.values() for p in found))
