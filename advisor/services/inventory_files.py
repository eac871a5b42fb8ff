"""Triage and batch recommendations straight from inventory files, saving nothing: what the ``triage`` and
``batch`` commands run (the Inventory page stores its imports through :mod:`advisor.services.estates`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from advisor.decide.batch import BatchResult, read_checked_profiles, run_batch
from advisor.errors import Problem
from advisor.inventory.frames import Inventory, VnetFacts
from advisor.inventory.reader import read_inventory, read_vnet_facts
from advisor.knowledge.assembly import KnowledgeBase
from advisor.lifecycle.judgement import Judgement
from advisor.triage.verdicts import TriageResult, triage


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


def triage_files(
    kb: KnowledgeBase, inventory: Sequence[Path], vnets: Path | None = None, judgement: Judgement | None = None
) -> FileTriage:
    """Read the inventory files (formats detected by content) and the VNet facts, and triage every VM; sizes as
    of ``judgement`` (default: today and the knowledge's horizon)."""
    read = read_inventory(inventory)
    facts = read_vnet_facts(vnets) if vnets else None
    return FileTriage(read, facts, triage(read.vms, facts.frame if facts else None, kb.triage, judgement))


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
    chosen, faults = read_checked_profiles(profiles, kb)
    read = read_inventory(inventory)
    facts = read_vnet_facts(vnets) if vnets else None
    result = run_batch(kb, read.vms, facts.frame if facts else None, chosen, default_profile, faults)
    return FileBatch(read, facts, result, tuple(p for found in faults.values() for p in found))
