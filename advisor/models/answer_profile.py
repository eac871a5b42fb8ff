"""Pydantic models of answer profiles: named, reusable answer sets, stored as YAML, like the preference
sets of peer tools; ``batch`` applies one per VM (:class:`ProfileSet` is the file it reads).
"""

from __future__ import annotations

from pydantic import Field

from advisor.models.tree import KnowledgeModel


class AnswerProfile(KnowledgeModel):
    """A named answer set: applied as answers marked "from profile"."""

    description: str = ""
    knowledge_version: str | None = None
    answers: dict[str, str] = Field(default_factory=dict)


class ProfileSet(KnowledgeModel):
    profiles: dict[str, AnswerProfile] = Field(description="Profile name -> its answers.")
