"""Pydantic models of the lifecycle knowledge (``knowledge/lifecycle.yaml``): what retires, when, and what it touches.

One entry per retiring service, plan, feature or VM size family: the date, what happens on it (no new
customers, support ends, retired), the replacement Microsoft names, the source, and the candidate services
it touches. Plans and features are declared once (``parts``) with the service they belong to; services that
are not candidates of the tree but retire (Azure Spring Apps, Cloud Services (extended support), the classic
platform) are declared in ``outside_services``. Size families live in ``knowledge/sizes.yaml``.

``horizon_months`` is the default horizon of every lifecycle judgement: an entry dated inside it (or already
past) is one the advice must say, and a service retiring inside it is never offered as the best alternative.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field

from advisor.models.service_catalog import FactName
from advisor.models.tree import KnowledgeModel

Event = Literal["no_new_customers", "support_ends", "retired"]
SubjectKind = Literal["service", "plan", "feature", "size_family"]
# A web page, or a file of a public repository written `owner/repository:path` (e.g. Azure/EOL:service_list.json).
SOURCE_PATTERN = r"^(https://\S+|[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+:\S+)$"
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class OutsideService(KnowledgeModel):
    """A retiring service that the tree never recommends, named so entries can refer to it."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    plural: bool = Field(False, description="The name is plural (`classic virtual machines`).")
    note: str | None = Field(None, description="Why it matters here although the tree does not offer it.")


class Part(KnowledgeModel):
    """A plan or feature of a service (catalog or outside) that an entry can retire."""

    id: str = Field(pattern=ID_PATTERN)
    kind: Literal["plan", "feature"]
    name: str = Field(min_length=1, description="As a sentence names it, e.g. `the in-process model`.")
    plural: bool = Field(False, description="The name is plural (`low-priority VMs`): sentences agree with it.")
    service: str = Field(description="The catalog or outside service it belongs to.")


class Subject(KnowledgeModel):
    kind: SubjectKind
    id: str = Field(description="A catalog or outside service, a part, or a size family of knowledge/sizes.yaml.")


class LifecycleEntry(KnowledgeModel):
    """One dated lifecycle event of a service, plan, feature or size family."""

    id: str = Field(pattern=ID_PATTERN)
    subject: Subject
    event: Event = Field(description="What happens on the date.")
    date: datetime.date
    touches: list[str] = Field(
        description="Catalog services whose advice must state it (empty for a service the tree never offers)."
    )
    replacement: list[str] = Field(default_factory=list, description="What Microsoft names instead, in its words.")
    replacement_services: list[str] = Field(
        default_factory=list, description="Catalog services among the replacements Microsoft names."
    )
    advice: str | None = Field(None, description="What to do, starting lower case: `use the isolated worker model`.")
    facts: list[FactName] = Field(
        default_factory=list, description="Catalog facts of the touched services that this entry qualifies."
    )
    source: str = Field(pattern=SOURCE_PATTERN, description="Where the date is stated: URL or owner/repo:path.")
    checked_in: list[str] = Field(default_factory=list, description="Other places the date was checked against.")
    note: str | None = None


class LifecycleKnowledge(KnowledgeModel):
    revision: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$", description="Changes whenever an entry changes.")
    horizon_months: int = Field(ge=0, le=240, description="Default horizon of a lifecycle judgement, in months.")
    source_note: str = Field(min_length=1, description="How the entries were gathered and checked.")
    outside_services: list[OutsideService] = Field(default_factory=list)
    parts: list[Part] = Field(default_factory=list)
    entries: list[LifecycleEntry]
