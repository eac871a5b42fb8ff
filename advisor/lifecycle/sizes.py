"""Current and like-for-like VM sizes (contract §5: ``arm_size`` and ``arm_size_like_for_like``).

The like-for-like size is the direct Resource Manager equivalent of a classic size (the triage size map, or
the name itself for the passed-through prefixes); it may be retired. The current size is the one to deploy:
the like-for-like size itself while its family is current at the judgement, else the legacy size's named
``current`` size while that one's family is current, else the current size with the fewest vCPUs (then the
least memory) that has at least the legacy size's vCPUs and memory; else none. A size the knowledge has no
facts for is passed through as it is: nothing says it retires.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from advisor.models.vm_sizes import SizeFamily, SizeKnowledge

if TYPE_CHECKING:
    from advisor.lifecycle.entries import LifecycleNote, LifecycleView


@dataclass(frozen=True)
class SizeRow:
    name: str
    vcpus: int
    memory_gib: float
    family: str
    current: str | None

    def covers(self, other: SizeRow) -> bool:
        """At least ``other``'s vCPUs and memory."""
        return self.vcpus >= other.vcpus and self.memory_gib >= other.memory_gib

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "vcpus": self.vcpus, "memory_gib": self.memory_gib, "family": self.family}


@dataclass(frozen=True)
class SizeTable:
    """Every size of knowledge/sizes.yaml by case-folded name, and the families."""

    rows: Mapping[str, SizeRow]
    families: Mapping[str, SizeFamily]

    @classmethod
    def build(cls, knowledge: SizeKnowledge | None) -> SizeTable:
        if knowledge is None:
            return cls({}, {})
        rows = {
            size.name.casefold(): SizeRow(size.name, size.vcpus, size.memory_gib, family.id, size.current)
            for family in knowledge.families
            for size in family.sizes
        }
        return cls(rows, {family.id: family for family in knowledge.families})

    def get(self, name: str | None) -> SizeRow | None:
        return self.rows.get(name.casefold()) if name else None

    def offered(self) -> list[SizeRow]:
        """The sizes of current families, fewest vCPUs first, then the least memory (file order on ties)."""
        current = [row for row in self.rows.values() if self.families[row.family].role == "current"]
        return sorted(current, key=lambda row: (row.vcpus, row.memory_gib))


@dataclass(frozen=True)
class SizeChoice:
    """What a classic size becomes: the size to deploy and its direct equivalent, with their facts and notes."""

    classic: str
    arm_size: str | None
    like_for_like: str | None
    arm: SizeRow | None
    like: SizeRow | None
    notes: tuple[LifecycleNote, ...]  # the like-for-like size's family entries, every status

    def to_dict(self) -> dict[str, Any]:
        return {
            "classic": self.classic, "arm_size": self.arm_size, "arm_size_like_for_like": self.like_for_like,
            "arm": self.arm.to_dict() if self.arm else None,
            "like_for_like": self.like.to_dict() if self.like else None,
            "lifecycle": [note.to_dict() for note in self.notes],
        }  # fmt: skip


class SizeAdvice:
    """Resolves classic sizes under one lifecycle view; each distinct size is resolved once."""

    def __init__(self, view: LifecycleView | None, like_for_like: Callable[[str | None], str | None]) -> None:
        self.view = view
        self.like_for_like = like_for_like
        self.table = view.lifecycle.sizes if view is not None else SizeTable({}, {})
        self._choices: dict[str, SizeChoice] = {}

    def choose(self, classic: str | None) -> SizeChoice:
        key = classic or ""
        found = self._choices.get(key)
        if found is None:
            found = self._choices[key] = self._choose(key)
        return found

    def _choose(self, classic: str) -> SizeChoice:
        like_name = self.like_for_like(classic)
        like = self.table.get(like_name)
        if like_name is None or like is None:  # unknown, or no facts: nothing says it retires
            return SizeChoice(classic, like_name, like_name, None, None, ())
        notes = self._family_notes(like.family)
        if self._current(like.family):
            return SizeChoice(classic, like.name, like.name, like, like, notes)
        named = self.table.get(like.current)
        if named is not None and self._current(named.family) and named.covers(like):
            return SizeChoice(classic, named.name, like.name, named, like, notes)
        fallback = next((row for row in self.table.offered() if self._current(row.family) and row.covers(like)), None)
        return SizeChoice(classic, fallback.name if fallback else None, like.name, fallback, like, notes)

    def _current(self, family: str) -> bool:
        """No entry on the family is past or inside the horizon."""
        if self.view is None:
            return True
        return not any(note.status != "later" for note in self._family_notes(family))

    def _family_notes(self, family: str) -> tuple[LifecycleNote, ...]:
        if self.view is None:
            return ()
        return self.view.size_family_notes(family)
