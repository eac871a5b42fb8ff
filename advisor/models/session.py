"""Architecture review sessions as the store returns them: attendees, agenda items and their outcomes.

Plain frozen dataclasses (no validation on read): the store checks everything on the way in. Every
outcome a session records is also a new :class:`~advisor.models.record.DecisionRecord` version whose
``session_id`` names the session; an item keeps the version it was taken at (``base_version``) and the
version its outcome created (``result_version``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

SessionStatus = Literal["open", "closed"]
AttendeeRole = Literal["decision_maker", "consulted", "informed"]
ItemOutcome = Literal["accept", "reject", "override", "defer"]

ROLES: tuple[AttendeeRole, ...] = ("decision_maker", "consulted", "informed")
ROLE_LABELS: dict[str, str] = {"decision_maker": "decision maker", "consulted": "consulted", "informed": "informed"}
OUTCOMES: tuple[ItemOutcome, ...] = ("accept", "reject", "override", "defer")
# How an outcome reads in a record's change text and in the minutes.
OUTCOME_LABELS: dict[str, str] = {
    "accept": "accepted",
    "reject": "rejected",
    "override": "overridden",
    "defer": "deferred",
}
MAX_NOTES_LENGTH = 20_000
# How a signature reads on the record, the MADR, the minutes and exports: a name typed in local mode is
# unverified; a signed-in account's (team mode) is the identity provider's.
UNVERIFIED = "unverified (local mode)"
VERIFIED = "signed in (team mode)"


@dataclass(frozen=True)
class Attendee:
    name: str
    role: AttendeeRole
    account_id: int | None = None  # the attendee's account (team mode); None: free text, not linked

    @property
    def linked(self) -> bool:
        return self.account_id is not None

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


@dataclass(frozen=True)
class SessionItem:
    """One workload on a session's agenda, with its discussion notes and, once decided, its outcome."""

    workload_id: int
    workload_name: str
    position: int  # from 0, agenda order
    base_version: int  # the record version the item was taken at
    notes: str
    outcome: ItemOutcome | None
    reason: str
    override_service: str | None
    signed_off_by: str | None
    signed_at: datetime.datetime | None
    result_version: int | None  # the record version the outcome created
    archived: bool  # the workload was archived after it was put on the agenda
    latest_version: int | None  # the workload's newest record version now
    signed_account_id: int | None = None  # the signed-in account that signed off; None: unverified (local mode)

    @property
    def signature_verified(self) -> bool:
        """Signed off by a signed-in account (team mode), not a name typed in local mode."""
        return self.signed_account_id is not None

    @property
    def signature(self) -> str:
        """How the sign-off's signature reads: verified (team mode) or not (local mode)."""
        return VERIFIED if self.signature_verified else UNVERIFIED

    @property
    def decided(self) -> bool:
        return self.outcome is not None

    @property
    def stale(self) -> bool:
        """Undecided, and someone saved a newer version since the item was taken: signing off would conflict."""
        return not self.decided and self.latest_version is not None and self.latest_version != self.base_version


@dataclass(frozen=True)
class ReviewSession:
    """A review session with its attendees and agenda (``items`` in agenda order)."""

    id: int
    title: str
    date: datetime.date
    status: SessionStatus
    created_by: str
    created_at: datetime.datetime
    closed_at: datetime.datetime | None
    closed_by: str | None
    attendees: tuple[Attendee, ...]
    items: tuple[SessionItem, ...]

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def decision_makers(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.attendees if a.role == "decision_maker")

    def item(self, workload_id: int) -> SessionItem | None:
        return next((item for item in self.items if item.workload_id == workload_id), None)
