"""Pydantic models of inventory prefill suggestions (``knowledge/prefill.yaml``, :class:`PrefillKnowledge`).

Answers that an inventory row can suggest, each with the structured condition that shows it (the triage
test grammar) and the reason shown beside the answer, which is always marked "from inventory", never silent.
"""

from __future__ import annotations

from pydantic import Field

from advisor.models.tree import KnowledgeModel
from advisor.models.triage_rules import Test


class PrefillSuggestion(KnowledgeModel):
    question: str = Field(description="Tree or requirement question id.")
    answer: str = Field(description="The answer id suggested.")
    when: list[Test] = Field(default_factory=list, description="All must hold; empty means every VM.")
    reason: str = Field(min_length=1, description="Why the inventory suggests it; shown with the answer.")


class PrefillKnowledge(KnowledgeModel):
    suggestions: list[PrefillSuggestion]
