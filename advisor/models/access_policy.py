"""Pydantic model of ``knowledge/access.yaml``: what each role may do in team mode, and what local mode holds
back from an anonymous person and from the command line.

The permission ids are the code's: every writing service asks :func:`advisor.services.access.require` for one
of :data:`PERMISSIONS` by id, so the file must name each of them once (the loader says which is missing or
unknown). The role ids are the ones stored in the database (:data:`advisor.models.account.ROLES`). Which role
holds which permission, and the words a refusal uses, are the file's.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, field_validator

from advisor.errors import RuleError
from advisor.models.tree import KnowledgeModel

Permission = Literal[
    "edit_workloads",
    "archive_workloads",
    "save_records",
    "import_inventory",
    "edit_profiles",
    "run_sessions",
    "edit_agenda",
    "decide",
    "reevaluate",
    "supersede",
    "import_records",
    "load_prices",
    "manage_accounts",
    "read_audit",
]
PERMISSIONS: tuple[Permission, ...] = get_args(Permission)


class PermissionWords(KnowledgeModel):
    id: Permission = Field(description="The permission a service asks for.")
    words: str = Field(min_length=1, max_length=200, description="What it lets a person do, as a refusal says it.")


class RoleGrant(KnowledgeModel):
    id: Literal["viewer", "contributor", "reviewer", "admin"] = Field(description="The role as stored.")
    help: str = Field(min_length=1, max_length=200, description="What the role is for, in a few words.")
    may: list[str] = Field(
        description="The permissions the role holds (reading and exporting need none); `all`: every one.",
        json_schema_extra={"items": {"enum": [*PERMISSIONS, "all"]}},
    )

    @field_validator("may")
    @classmethod
    def _known(cls, may: list[str]) -> list[str]:
        for given in may:
            if given != "all" and given not in PERMISSIONS:
                raise RuleError(f"{given!r} is not a permission (known: {', '.join(PERMISSIONS)}, or all)")
        return may

    def holds(self, permission: Permission) -> bool:
        return "all" in self.may or permission in self.may


class Withheld(KnowledgeModel):
    id: Permission = Field(description="A permission the command line never has.")
    why: str = Field(min_length=1, max_length=200, description="Why, as the refusal says it.")


class LocalMode(KnowledgeModel):
    anonymous_may: list[Permission] = Field(
        description="What a person who has not typed a name yet may do: only what records no author of its own."
    )
    command_line_may_not: list[Withheld] = Field(description="What the command line may never do, and why.")


class AccessPolicy(KnowledgeModel):
    """Roles add up: a person holds the permissions of every role granted; no role at all reads as viewer."""

    roles: list[RoleGrant] = Field(min_length=1, description="Every role, from the least to the most trusted.")
    permissions: list[PermissionWords] = Field(min_length=1, description="Every permission, in words.")
    local_mode: LocalMode

    def role_permissions(self, roles: frozenset[str]) -> frozenset[Permission]:
        """What holding ``roles`` lets a person do."""
        found: set[Permission] = set()
        for role in self.roles:
            if role.id in roles:
                found.update(permission for permission in PERMISSIONS if role.holds(permission))
        return frozenset(found)

    def words(self, permission: Permission) -> str:
        """What ``permission`` lets a person do, with the least trusted role that holds it: for a refusal."""
        said = self.said(permission)
        holder = next((role.id for role in self.roles if role.holds(permission)), None)
        return f"{said} ({holder})" if holder else said

    def said(self, permission: Permission) -> str:
        """What ``permission`` lets a person do, in words."""
        return next((entry.words for entry in self.permissions if entry.id == permission), permission)

    def command_line_refusal(self, permission: Permission) -> str:
        """Why the command line may not do ``permission``; empty when it may."""
        withheld = next((entry for entry in self.local_mode.command_line_may_not if entry.id == permission), None)
        return f"the command line cannot {self.said(permission)}: {withheld.why}" if withheld else ""

    def help(self, role: str) -> str:
        return next((entry.help for entry in self.roles if entry.id == role), "")
