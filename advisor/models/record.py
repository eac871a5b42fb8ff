"""Pydantic models of workloads and their decision records (one immutable version per save).

A :class:`DecisionRecord` is self-contained: it holds the answers with their notes, the walked
path with each rationale, every candidate's fit, the conditions and the knowledge version, so
a record stays readable and exportable after the knowledge it was decided under has changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.models.cost_estimates import FunctionsUsage, RecordCosts

RECORD_SCHEMA_VERSION = 1
MAX_NAME_LENGTH = 120
MAX_TEXT_LENGTH = 5000

DecisionStatus = Literal["proposed", "accepted", "rejected", "superseded"]
WorkloadStatus = Literal["not_started", "in_progress", "recommended", "accepted", "rejected", "superseded"]
WORKLOAD_STATUS_LABELS: dict[str, str] = {
    "not_started": "not started",
    "in_progress": "in progress",
    "recommended": "recommended",
    "accepted": "accepted",
    "rejected": "rejected",
    "superseded": "superseded",
}


class RecordModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class VmLink(RecordModel):
    """A classic VM of the inventory that this workload covers."""

    cloud_service: str = Field(min_length=1, max_length=MAX_NAME_LENGTH)
    vm_name: str = Field(min_length=1, max_length=MAX_NAME_LENGTH)


class Workload(RecordModel):
    id: int
    name: str
    owner: str = ""
    context: str = ""
    vm_links: tuple[VmLink, ...] = ()
    archived: bool = False
    created_at: datetime.datetime
    updated_at: datetime.datetime
    number: int | None = Field(
        None, ge=1, description="The decision-record number on this instance: given once at creation, never changed."
    )
    origin_number: int | None = Field(
        None, ge=1, description="For a workload imported from another instance: its number there."
    )


AnswerSource = Literal["user", "inventory", "profile"]


class GivenAnswer(RecordModel):
    """An answer with the user's optional note ("why we answered this") and where it came from."""

    answer: str
    note: str = Field("", max_length=MAX_TEXT_LENGTH)
    source: AnswerSource = Field(
        "user", description="`inventory` or `profile` when offered from there rather than typed by a person."
    )


def confirmed_answers(answers: Mapping[str, GivenAnswer]) -> dict[str, str]:
    """The answers the questionnaire walks: all but the inventory's suggestions not yet confirmed by a person.

    A suggestion is stored as one (``source`` ``inventory``, "from inventory") and asked at its question,
    preselected with its reason; it counts once confirmed (saved again, as the person's answer). ``batch``
    applies the suggestions directly, as contract §5 says."""
    return {question: given.answer for question, given in answers.items() if given.source != "inventory"}


class PathEntry(RecordModel):
    question: str
    answer: str
    rationale: str
    note: str = ""


BecauseKind = Literal["rule", "always", "not_answered", "dont_know", "tree_outcome", "turned_away", "not_reached"]


class Answered(RecordModel):
    """One answer behind a reason: the question, the answer (None when unanswered) and whether it is a tree step."""

    question: str
    answer: str | None = None
    kind: Literal["tree", "requirement"] = "requirement"


class Because(RecordModel):
    """The structured data behind one reason or condition; the words a person reads are made from it at display
    time (:mod:`advisor.decide.reason_words`), so ids never reach a reader and wording can improve.

    ``rule``: a catalog fit rule or condition matched ``answers``, ``text`` is the catalog's sentence; ``always``:
    a condition that holds whatever the answers; ``not_answered`` / ``dont_know``: a requirement that matters for
    ``service`` is unanswered or answered "don't know"; ``tree_outcome``: the walk ends at ``service``;
    ``turned_away``: the walk left ``service`` behind at the one step in ``answers``; ``not_reached``: the walk
    stopped (at the question in ``answers``) before it could reach or leave ``service``.
    """

    kind: BecauseKind
    service: str | None = None
    answers: tuple[Answered, ...] = ()
    text: str = ""


class CandidateEntry(RecordModel):
    service: str
    fit: str
    reasons: tuple[str, ...] = ()
    because: tuple[Because, ...] = Field((), description="The structured reasons, one per entry of `reasons`.")
    tree: Because | None = Field(
        None, description="How the walk relates to this service (its outcome, or where it turned away)."
    )


class UnusedEntry(RecordModel):
    question: str
    answer: str
    reason: str


class Override(RecordModel):
    """A service chosen instead of the recommended one, with the mandatory reason, and that service's
    conditions (the record's own ``conditions`` stay the tree outcome's)."""

    service: str
    reason: str = Field(min_length=1, max_length=MAX_TEXT_LENGTH)
    conditions: tuple[str, ...] = Field((), description="The chosen service's conditions, as worded when saved.")
    condition_because: tuple[Because, ...] = Field((), description="The same conditions, structured.")


class ReliedClaim(RecordModel):
    """Where Microsoft's sources disagree, the claim a review board relied on, as the knowledge stated it when
    the board signed off (ids for machines, topic and value for people)."""

    disagreement: str
    claim: str
    topic: str
    value: str


class DecisionRecord(RecordModel):
    """One immutable version of a workload's decision."""

    schema_version: int = RECORD_SCHEMA_VERSION
    workload_id: int
    workload_name: str
    version: int = Field(ge=1, description="1 for the first save, then +1 per save.")
    knowledge_version: str
    answers: dict[str, GivenAnswer]
    walk_status: Literal["complete", "incomplete"]
    service: str | None
    next_question: str | None
    path: tuple[PathEntry, ...]
    candidates: tuple[CandidateEntry, ...] = ()
    conditions: tuple[str, ...] = ()
    condition_because: tuple[Because, ...] = Field((), description="The tree outcome's conditions, structured.")
    conflicts: tuple[str, ...] = ()
    conflict_because: tuple[Because, ...] = Field((), description="The conflicts, structured.")
    best_alternative: str | None = None
    confidence: float = 0.0
    unused_answers: tuple[UnusedEntry, ...] = ()
    status: DecisionStatus = "proposed"
    override: Override | None = None
    author: str = Field(min_length=1, max_length=MAX_NAME_LENGTH)
    created_at: datetime.datetime
    change: str = Field("", description="What this version changed, in a few words.")
    supersedes_version: int | None = Field(None, description="Version of the record this one supersedes.")
    session_id: int | None = Field(None, description="Review session that produced this version, if any.")
    signature: str | None = Field(
        None,
        description="How the sign-off that made this version is signed: the signer, then 'signed in as' the "
        "account (team mode) or 'unverified (local mode)'. None when the version is not a sign-off.",
        max_length=1000,
    )
    revisit_by: datetime.date | None = Field(
        None,
        description="The first lifecycle date after this version was saved that touches its chosen service "
        "(knowledge/lifecycle.yaml); kept as it was when a review board signs the version off.",
    )
    lifecycle_revision: str | None = Field(None, description="The lifecycle knowledge revision revisit_by is from.")
    relied_on: tuple[ReliedClaim, ...] = Field(
        (), description="Where sources disagree, the claims the review board relied on when it signed off."
    )
    cost_inputs: FunctionsUsage | None = Field(
        None, description="The Functions cost input (executions a month, duration, memory) given on the result page."
    )
    costs: RecordCosts | None = Field(
        None,
        description="Every candidate's monthly estimate as computed when this version was saved, with the price "
        "sheet it came from; kept as it was when a review board signs the version off.",
    )

    @property
    def chosen_service(self) -> str | None:
        """The override's service if there is one, else the tree's outcome."""
        return self.override.service if self.override else self.service
