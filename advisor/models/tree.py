"""Pydantic models of the decision-tree knowledge files (frozen, no unknown keys).

Two file kinds exist under ``knowledge/``:

* a *tree fragment* (``knowledge/tree/*.yaml``) holds questions and outcomes that
  several knowledge versions share;
* a *version manifest* (``knowledge/versions/*.yaml``) names a knowledge version,
  its root question, the fragments it includes, its own extra questions and
  outcomes, and the few answer wirings it changes (``overrides``).

Ids are the stable contract ids (shared/reference/contract.md); labels, help
texts and rationales are free text that may improve between versions.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

_ID_PATTERN = r"^[a-z][a-z0-9_-]*$"


class KnowledgeModel(BaseModel):
    """Base of every knowledge model: immutable, and strict about unknown keys."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Inferable(KnowledgeModel):
    """Something that is either read from Microsoft's page or is our own modeling choice."""

    inferred: bool = Field(
        False,
        description="True where the element is our modeling choice, not read from the source page.",
    )
    inference_note: str | None = Field(None, description="Why the element is inferred; shown to users beside it.")


class Answer(Inferable):
    """One answer of a tree question, and where it leads."""

    id: str = Field(description="Stable answer id (contract §2).", pattern=_ID_PATTERN)
    label: str = Field(description="Short label shown to users.", min_length=1)
    leads_to: str = Field(description="Id of the next question or of the outcome.")
    rationale: str = Field(
        description="Why this answer leads where it leads, naming the consequence.",
        min_length=0,
    )


class TreeQuestion(Inferable):
    """A decision point of the tree."""

    id: str = Field(description="Stable question id (contract §2).", pattern=_ID_PATTERN)
    kind: Literal["tree"] = Field("tree", description="Tree questions drive the walk.")
    text: str = Field(description="The question as users read it.", min_length=1)
    help: str = Field(description="Help text a first-time user understands.", min_length=1)
    source: str = Field(description="Link to the Microsoft page this node models.")
    answers: list[Answer] = Field(description="The possible answers, in display order.")


class Outcome(Inferable):
    """A leaf of the tree: the service (or specialty guidance) the walk recommends."""

    id: str = Field(description="Stable outcome (service) id (contract §3).", pattern=_ID_PATTERN)
    kind: Literal["tree", "specialty"] = Field(
        description="`tree` for general-purpose outcomes, `specialty` for routes outside the tree."
    )
    label: str = Field(description="Service name as users read it.", min_length=1)
    help: str = Field(description="What the outcome means, for a first-time user.", min_length=1)
    source: str = Field(description="Link to the Microsoft page this outcome models.")


class TreeFragment(KnowledgeModel):
    """A file of questions and outcomes shared by knowledge versions."""

    questions: list[TreeQuestion] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)


class AnswerOverride(Inferable):
    """A version's change to where one shared answer leads, with its own rationale."""

    question: str = Field(description="Id of the question whose answer is rewired.")
    answer: str = Field(description="Id of the answer rewired.")
    leads_to: str = Field(description="Id of the new next question or outcome.")
    rationale: str = Field(description="Why the answer leads there in this version.")


class VersionManifest(KnowledgeModel):
    """One knowledge version: the tree as Microsoft's page drew it at one date."""

    id: str = Field(description="Stable knowledge version id, e.g. compute-tree-2026.")
    title: str = Field(description="Human title of the version.")
    date: datetime.date = Field(description="Date of the source page this version models.")
    source: str = Field(description="Link to the source page.")
    source_note: str | None = Field(
        None, description="How the source was read (which page revision, what is inferred)."
    )
    default: bool = Field(False, description="True for the version used when none is asked for.")
    root: str = Field(description="Id of the first question of the walk.")
    includes: list[str] = Field(
        default_factory=list,
        description="Tree fragment files (relative to knowledge/) whose questions and outcomes this version uses.",
    )
    requirements: list[str] = Field(
        default_factory=list,
        description="Requirement question files (relative to knowledge/) asked after the tree.",
    )
    catalog: list[str] = Field(
        default_factory=list,
        description="Service catalog files (relative to knowledge/): facts and fit rules per outcome.",
    )
    questions: list[TreeQuestion] = Field(default_factory=list, description="Questions only this version has.")
    outcomes: list[Outcome] = Field(default_factory=list, description="Outcomes only this version has.")
    overrides: list[AnswerOverride] = Field(
        default_factory=list,
        description="Answers of included questions that lead elsewhere in this version.",
    )
