"""Pydantic models of the VM size facts (``knowledge/sizes.yaml``): vCPU and memory per size, by family.

A *legacy* family holds sizes a classic inventory can name (directly, or through the classic-to-ARM size map
of ``knowledge/triage/rules.yaml``); each of its sizes names the ``current`` size to deploy instead. A
*current* family holds the sizes offered as that replacement. Which families retire, and when, is lifecycle
knowledge (``knowledge/lifecycle.yaml``, subject kind ``size_family``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from advisor.models.lifecycle import SOURCE_PATTERN
from advisor.models.tree import KnowledgeModel


class SizeFact(KnowledgeModel):
    name: str = Field(pattern=r"^(Standard|Basic)_[A-Za-z0-9_-]+$", description="The Resource Manager size name.")
    vcpus: int = Field(ge=1)
    memory_gib: float = Field(gt=0)
    current: str | None = Field(None, description="Legacy sizes: the current size to deploy instead.")


class SizeFamily(KnowledgeModel):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    role: Literal["legacy", "current"]
    premium_storage: bool
    source: str = Field(pattern=SOURCE_PATTERN, description="Where these sizes' vCPU and memory are stated.")
    note: str | None = None
    sizes: list[SizeFact] = Field(min_length=1)


class SizeKnowledge(KnowledgeModel):
    source_note: str = Field(min_length=1, description="How the current sizes were chosen.")
    families: list[SizeFamily]
