"""Accounts and roles (team mode): who signed in, and what each role lets them do.

An account is keyed by the identity provider's issuer and subject and shows the token's name and email.
Roles are stored in the database per account; a signed-in person without any role reads and exports only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

Role = Literal["viewer", "contributor", "reviewer", "admin"]
ROLES: tuple[Role, ...] = ("viewer", "contributor", "reviewer", "admin")


@dataclass(frozen=True)
class Account:
    """A signed-in person as stored: identity, display name and email, and the roles granted."""

    id: int
    issuer: str
    subject: str
    name: str
    email: str
    roles: frozenset[str]
    created_at: datetime.datetime
    last_seen_at: datetime.datetime | None
    removed_at: datetime.datetime | None

    @property
    def removed(self) -> bool:
        return self.removed_at is not None

    @property
    def actor_id(self) -> str:
        """The id of the :class:`~advisor.models.actor.Actor` this account acts as."""
        return f"oidc:{self.issuer}|{self.subject}"

    @property
    def label(self) -> str:
        """How the account is shown: name and email."""
        return f"{self.name} <{self.email}>" if self.email and self.email != self.name else self.name


@dataclass(frozen=True)
class AuditEvent:
    """One line of the audit trail."""

    id: int
    at: datetime.datetime
    actor_id: str
    actor_name: str
    actor_email: str
    os_user: str
    source: str
    action: str
    target: str
    outcome: str  # done or refused
    detail: str
