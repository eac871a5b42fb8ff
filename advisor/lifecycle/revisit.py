"""The date a decision record is to be revisited by: the first lifecycle date ahead that touches its chosen service.

Until a review board decides on a record, the date is derived from the current lifecycle knowledge at the as-of
date (it moves when the knowledge or the date moves). A decided version (accepted or rejected) keeps the date
and the lifecycle revision stored when it was saved: what the board signed is what the record says later.
Versions saved before records carried the date have none stored, so theirs is derived like any other.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from advisor.lifecycle.entries import LifecycleView
from advisor.models.record import DecisionRecord

DECIDED = frozenset({"accepted", "rejected"})


@dataclass(frozen=True)
class RevisitBy:
    """A record's revisit-by date (None: no lifecycle date ahead touches its chosen service) and where it is from."""

    date: datetime.date | None
    revision: str | None  # the lifecycle revision the date comes from
    frozen: bool  # kept from the decided version, not derived from the current knowledge
    text: str = ""  # what happens on that date, in words ("" when unknown or no date)

    def describe(self) -> str:
        """For people: ``2028-03-31 — Azure Kubernetes Service (AKS): … (kept from the sign-off, lifecycle
        revision …)``."""
        if self.date is None:
            head = "none: no lifecycle date ahead touches the chosen service"
        else:
            head = f"{self.date.isoformat()} — {self.text}" if self.text else self.date.isoformat()
        if self.frozen:
            return f"{head} (kept from the sign-off, lifecycle revision {self.revision})"
        return head


def frozen_revisit(record: DecisionRecord) -> bool:
    """Whether ``record`` keeps its stored revisit-by: a decided version that stored one."""
    return record.status in DECIDED and record.lifecycle_revision is not None


def revisit_by(record: DecisionRecord, view: LifecycleView) -> RevisitBy:
    """``record``'s revisit-by: kept from a decided version, else derived from ``view`` for its chosen service."""
    service = record.chosen_service
    if frozen_revisit(record):
        same = next((n for n in view.notes(service) if n.date == record.revisit_by), None)
        return RevisitBy(record.revisit_by, record.lifecycle_revision, True, same.text if same else "")
    note = view.revisit(service)
    revision = view.lifecycle.revision
    return RevisitBy(note.date, revision, False, note.text) if note else RevisitBy(None, revision, False)
