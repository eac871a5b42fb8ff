"""Pydantic models of the requirement questions and the service catalog (facts and fit rules).

* ``knowledge/requirements.yaml`` (a :class:`RequirementSet`): questions asked after the tree.
  Each accepts the answer ``unknown`` ("don't know") without declaring it.
* ``knowledge/catalog/*.yaml`` (a :class:`Catalog`): one entry per outcome id. A tree outcome's
  entry holds its comparison facts, each with the date and source of its figure, and the rules
  that turn answers into a fit and conditions, each naming the fact it rests on. A specialty
  entry needs only a name, a link and a one-line scope.

A fact, rule or condition may carry ``versions``: it then applies only to those knowledge
versions (the facts that changed between Microsoft's 2025 and 2026 pages). Without it, it
applies to every version.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal, get_args

from pydantic import Field

from advisor.models.tree import KnowledgeModel

UNKNOWN_ANSWER = "unknown"

FactName = Literal[
    "state",
    "minimum_nodes",
    "vnet_integration",
    "hybrid_connectivity",
    "scale_limit",
    "gpu",
    "team_skills",
    "operational_overhead",
    "architecture_styles",
    "update_model",
    "multi_region",
]
# Facts a catalog entry may state only where the source says something.
OPTIONAL_FACTS: tuple[str, ...] = ("multi_region",)
# The comparison facts every tree outcome must state for each version (decision-tree.md §3).
REQUIRED_FACTS: tuple[str, ...] = tuple(name for name in get_args(FactName) if name not in OPTIONAL_FACTS)


class RequirementAnswer(KnowledgeModel):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$", description="Stable answer id.")
    label: str = Field(min_length=1)
    help: str | None = Field(None, description="What choosing this answer means, if not obvious.")


class RequirementQuestion(KnowledgeModel):
    """A question asked after the tree; it refines each candidate's fit, never the outcome."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Stable question id.")
    kind: Literal["requirement"] = "requirement"
    text: str = Field(min_length=1)
    help: str = Field(min_length=1, description="Help text a first-time user understands.")
    answers: list[RequirementAnswer] = Field(
        min_length=1, description="The answers besides `unknown`, which every requirement accepts."
    )


class RequirementSet(KnowledgeModel):
    requirements: list[RequirementQuestion]


class Fact(KnowledgeModel):
    """One comparison figure of a service, with where and when it was read."""

    value: str = Field(min_length=1, description="The fact as users read it.")
    count: int | None = Field(
        None, ge=0, description="The value as a number, where estimates use it (the minimum node count)."
    )
    date: datetime.date = Field(description="Date of the source page the figure was read from.")
    source: str = Field(pattern=r"^https://", description="Link to the page that states it.")
    note: str | None = Field(None, description="Caveat, e.g. that the figure is a default quota.")
    versions: list[str] | None = Field(None, description="Knowledge versions it applies to; all if absent.")


# A rule's condition: every listed question must have one of the listed answers (tree or requirement).
When = dict[str, list[str]]


class FitRule(KnowledgeModel):
    """When ``when`` matches the answers, this candidate's fit is at most ``fit``, for ``reason``."""

    when: When = Field(min_length=1)
    fit: Literal["no_fit", "fit_with_effort"]
    reason: str = Field(min_length=1, description="Why; shown as the candidate's reason.")
    fact: FactName | None = Field(None, description="The catalog fact this rule rests on, if any.")
    versions: list[str] | None = None


class ConditionRule(KnowledgeModel):
    """A condition under which the chosen service works; ``when`` empty means always."""

    when: When = Field(default_factory=dict)
    text: str = Field(min_length=1)
    fact: FactName | None = None
    versions: list[str] | None = None


class GuidanceLink(KnowledgeModel):
    """A further page Microsoft's decision page links for a route, beside the entry's main link."""

    name: str = Field(min_length=1, description="What the link leads to, as people read it.")
    url: str = Field(pattern=r"^https://")


class TreeService(KnowledgeModel):
    """A general-purpose service that the tree can recommend."""

    id: str
    kind: Literal["tree"]
    name: str = Field(min_length=1)
    hosting_model: str = Field(min_length=1, description="IaaS, PaaS, FaaS, containers, …")
    learn_url: str = Field(pattern=r"^https://")
    pricing_url: str = Field(pattern=r"^https://")
    scope: str | None = Field(None, description="One line, used where the service is a specialty route.")
    specialty_url: str | None = Field(
        None, pattern=r"^https://", description="The page the decision page links where it is a specialty route."
    )
    facts: dict[FactName, list[Fact]]
    fit_rules: list[FitRule] = Field(default_factory=list)
    conditions: list[ConditionRule] = Field(default_factory=list)


class SpecialtyService(KnowledgeModel):
    """A route outside the general tree: a name, a link and a one-line scope."""

    id: str
    kind: Literal["specialty"]
    name: str = Field(min_length=1)
    learn_url: str = Field(pattern=r"^https://", description="The first page the decision page links for the route.")
    learn_title: str | None = Field(None, description="What `learn_url` leads to, where the entry's name does not say.")
    see_also: list[GuidanceLink] = Field(
        default_factory=list, description="The further pages the decision page links for the route, in its order."
    )
    scope: str = Field(min_length=1)


Service = Annotated[TreeService | SpecialtyService, Field(discriminator="kind")]


class Catalog(KnowledgeModel):
    services: list[Service]
