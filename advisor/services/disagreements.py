"""Reads of where Microsoft's sources disagree, for the pages: the claims of a disagreement, the default one,
each source's address, and the key dates with their disagreements. Nothing here is stored: it is knowledge
(knowledge/disagreements.yaml, the key dates of knowledge/triage/rules.yaml)."""

from __future__ import annotations

from advisor.knowledge.assembly import KnowledgeBase
from advisor.knowledge.disagreements import default_claim, source_url
from advisor.knowledge.key_dates import KeyDateView

__all__ = ["KeyDateView", "default_claim", "key_dates", "source_url"]


def key_dates(kb: KnowledgeBase) -> tuple[KeyDateView, ...]:
    """The key dates of the classic retirement, each with its source and any disagreement about it."""
    return tuple(kb.key_dates)
