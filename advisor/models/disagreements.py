"""Pydantic models of ``knowledge/disagreements.yaml``: where Microsoft's sources disagree, every claim with its
sources and their dates.

A :class:`Disagreement` is about one thing the knowledge states elsewhere (``about``): a lifecycle entry's date,
a triage rule, a catalog fact of a service in some knowledge versions, or a tree outcome. It holds at least two
:class:`Claim` s, each with at least one dated :class:`ClaimSource`; one claim may be the tool's ``default``,
with why. The knowledge the tool computes with (the lifecycle entry's date, the rule's verdict, the fact's value)
stays where it is; this file only says that sources disagree about it, and what each one says.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import Field, field_validator

from advisor.errors import RuleError
from advisor.models.lifecycle import ID_PATTERN, SOURCE_PATTERN
from advisor.models.service_catalog import FactName
from advisor.models.tree import KnowledgeModel

# Where a lifecycle entry is the subject, every claim's value is a date written like this.
DATE_VALUE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


class ClaimSource(KnowledgeModel):
    """One place that states a claim, with the date it carries."""

    title: str = Field(min_length=1, description="The source as people name it, e.g. `the migration errors page`.")
    ref: str = Field(pattern=SOURCE_PATTERN, description="A URL, or a file of a public repository `owner/repo:path`.")
    commit: str | None = Field(None, pattern=r"^[0-9a-f]{7,40}$", description="The repository commit read, if pinned.")
    dated: datetime.date = Field(
        description="The date the source carries: its ms.date, or, for an undated file, the page revision showing it."
    )
    note: str | None = Field(None, description="Where in the source, or how it was read.")


class Claim(KnowledgeModel):
    """What one set of sources says, in our words."""

    id: str = Field(pattern=ID_PATTERN, description="Stable id of the claim within its disagreement.")
    value: str = Field(min_length=1, description="The claim in a few words, as a table cell shows it.")
    says: str = Field(min_length=1, description="The claim in a sentence, in our own words.")
    sources: list[ClaimSource] = Field(description="Every place found that states it (at least one).")

    @field_validator("sources")
    @classmethod
    def _sourced(cls, sources: list[ClaimSource]) -> list[ClaimSource]:
        if not sources:
            raise RuleError("a claim needs at least one source")
        return sources


class DefaultClaim(KnowledgeModel):
    """The claim the tool goes by, and why."""

    claim: str = Field(description="Id of one of the disagreement's claims.")
    why: str = Field(min_length=1, description="Why the tool goes by this claim.")


class LifecycleEntrySubject(KnowledgeModel):
    kind: Literal["lifecycle_entry"]
    entry: str = Field(description="Id of an entry of knowledge/lifecycle.yaml; its date is the default claim's.")


class TriageRuleSubject(KnowledgeModel):
    kind: Literal["triage_rule"]
    rule: str = Field(description="Id of a triage rule or advisory of knowledge/triage/rules.yaml.")


class CatalogFactSubject(KnowledgeModel):
    kind: Literal["catalog_fact"]
    service: str = Field(description="Catalog service id.")
    fact: FactName
    versions: list[str] | None = Field(None, description="Knowledge versions whose value of the fact it concerns.")


class OutcomeSubject(KnowledgeModel):
    kind: Literal["outcome"]
    outcome: str = Field(description="Outcome (service) id of the tree.")
    versions: list[str] | None = Field(None, description="Knowledge versions whose outcome it concerns.")


Subject = Annotated[
    LifecycleEntrySubject | TriageRuleSubject | CatalogFactSubject | OutcomeSubject, Field(discriminator="kind")
]


class Disagreement(KnowledgeModel):
    """Sources that disagree about one thing the knowledge states, each claim with its sources."""

    id: str = Field(pattern=ID_PATTERN)
    topic: str = Field(min_length=1, description="What the sources disagree about, as a heading.")
    about: Subject
    claims: list[Claim] = Field(description="Two claims or more.")
    default: DefaultClaim | None = Field(None, description="The claim the tool goes by, if it goes by one.")
    note: str | None = None

    @field_validator("claims")
    @classmethod
    def _two_or_more(cls, claims: list[Claim]) -> list[Claim]:
        if len(claims) < 2:
            raise RuleError(f"sources disagree only where there are two claims or more; found {len(claims)}")
        return claims


class DisagreementKnowledge(KnowledgeModel):
    source_note: str = Field(min_length=1, description="How the claims were gathered and checked.")
    disagreements: list[Disagreement]
