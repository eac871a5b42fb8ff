"""Pydantic models of inventory prefill suggestions and of named answer profiles.

* ``knowledge/prefill.yaml`` (:class:`PrefillKnowledge`): answers that an inventory row can
  suggest, each with the structured condition that shows it (the triage test grammar) and the
  reason shown beside the answer, which is always marked "from inventory", never silent.
* Answer profiles (:class:`ProfileSet`): named, reusable answer sets, stored as YAML, like the
  preference sets of peer tools; ``batch`` applies one per VM.
"""

from __future__ import annotations

from pydantic import Field

from advisor.models.knowledge import KnowledgeModel
from advisor.models.triage import Test


class PrefillSuggestion(KnowledgeModel):
    question: str = Field(description="Tree or requirement question id.")
    answer: str = Field(description="The answer id suggested.")
    when: list[Test] = Field(default_factory=list, description="All must hold; empty means every VM.")
    reason: str = Field(min_length=1, description="Why the inventory suggests it; shown with the answer.")


class PrefillKnowledge(KnowledgeModel):
    suggestions: list[PrefillSuggestion]


class AnswerProfile(KnowledgeModel):
    """A named answer set: applied as answers marked "from profile"."""

    description: str = ""
    knowledge_version: str | None = None
    answers: dict[str, str] = Field(default_factory=dict)


class ProfileSet(KnowledgeModel):
    profiles: dict[str, AnswerProfile] = Field(description="Profile name -> its answers.")
