"""Who may act, and the audit trail of what they did: the one place every writing service checks its actor.

:func:`require` is called first by every service that changes state. It checks the acting person and their
permission, and returns a :class:`Grant`; the service writes ``grant.record(unit, ...)`` in the same unit
of work as its change, so the change and its audit line are saved together or not at all. A refused
attempt is audited too, in a transaction of its own (the refused one writes nothing), and raises
AccessError.

Two modes, one code path:

* *local* (no sign-in configured): the one person at the keyboard has every role; a command-line actor has
  every permission but signing off (the command line cannot sign off). An anonymous actor (the app before a
  name is typed) may do only what records no author of its own. Which role may do what, and what local mode
  holds back, is ``knowledge/access.yaml`` (:class:`~advisor.models.access_policy.AccessPolicy`).
* *team* (signed in): the actor is an account (issuer and subject); its roles are read from the database at
  every call, so a role revoked or an account removed while someone is signed in refuses their next action.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from advisor.errors import AccessError, KnowledgeError, Problem, StoreError
from advisor.models.access_policy import PERMISSIONS, AccessPolicy, Permission
from advisor.models.account import Account
from advisor.models.actor import Actor
from advisor.services.context import ServiceContext
from advisor.store import UnitOfWork

Outcome = Literal["done", "refused"]


@dataclass(frozen=True)
class Grant:
    """Permission given to ``actor`` for one action; :meth:`record` writes its audit line."""

    actor: Actor
    permission: Permission
    action: str
    target: str
    account: Account | None = None  # the signed-in account (team mode)

    def record(
        self, unit: UnitOfWork, at: datetime.datetime, target: str | None = None, detail: str = "",
        source: str | None = None,
    ) -> None:  # fmt: skip
        """The audit line of the done action, in ``unit`` (the action's own unit of work). ``source`` is
        ``import`` for what a file brought in (the actor is who imported it)."""
        where = self.target if target is None else target
        write_audit(unit, self.actor, at, self.action, where, "done", detail, source)

    def refused(self, ctx: ServiceContext, reason: str) -> None:
        """The audit line of a refusal found inside the action's transaction (which rolled back)."""
        _audit_refusal(ctx, self.actor, self.action, self.target, reason)


def require(ctx: ServiceContext, actor: Actor, permission: Permission, action: str, target: str = "") -> Grant:
    """A :class:`Grant` when ``actor`` is a whole acting person allowed to ``permission``; else AccessError,
    nothing written but the refusal's audit line. ``action`` and ``target`` say, in words, what is attempted."""
    _check_whole(actor)
    account = None
    if actor.verified:
        with ctx.database.read() as unit:
            account = unit.accounts.by_key(actor.issuer, actor.subject)
        reason = _team_refusal(policy(ctx), account, permission)
    else:
        reason = _local_refusal(policy(ctx), actor, permission)
    if reason:
        _audit_refusal(ctx, actor, action, target, reason)
        raise AccessError(Problem(f"{reason}; nothing was saved", ident="actor"))
    return Grant(actor, permission, action, target, account)


def named(
    ctx: ServiceContext, *, workload_id: int | None = None, session_id: int | None = None,
    account_id: int | None = None, import_id: int | None = None,
) -> str:  # fmt: skip
    """What an action is about, in words (an audit line names things, never ids): the session's title, the
    workload's name, the account's name and email, the import's estate and time; the id when there is none."""
    parts: list[str] = []
    with ctx.database.read() as unit:
        if session_id is not None:
            session = unit.sessions.get(session_id)
            parts.append(session.title if session else f"review session {session_id}")
        if workload_id is not None:
            workload = unit.workloads.get(workload_id)
            parts.append(workload.name if workload else f"workload {workload_id}")
        if account_id is not None:
            account = unit.accounts.get(account_id)
            parts.append(account.label if account else f"account {account_id}")
        if import_id is not None:
            found = unit.inventories.get_import(import_id)
            parts.append(f"{found.estate}, imported {found.imported_at:%Y-%m-%d %H:%M} UTC" if found else
                         f"import {import_id}")  # fmt: skip
    return ": ".join(parts)


def permissions(ctx: ServiceContext, actor: Actor) -> frozenset[Permission]:
    """Everything ``actor`` may do now (what the pages offer); the services check again at each call."""
    rules = policy(ctx)
    if not actor.verified:
        return frozenset(p for p in PERMISSIONS if not _local_refusal(rules, actor, p))
    with ctx.database.read() as unit:
        account = unit.accounts.by_key(actor.issuer, actor.subject)
    return frozenset(p for p in PERMISSIONS if not _team_refusal(rules, account, p))


def policy(ctx: ServiceContext) -> AccessPolicy:
    """Who may do what (knowledge/access.yaml): every knowledge base :func:`advisor.load_knowledge` returns
    has one."""
    if ctx.kb.access is None:
        raise KnowledgeError(Problem("the knowledge has no access policy (knowledge/access.yaml)", file="access.yaml"))
    return ctx.kb.access


def write_audit(
    unit: UnitOfWork, actor: Actor, at: datetime.datetime, action: str, target: str, outcome: Outcome, detail: str,
    source: str | None = None,
) -> None:  # fmt: skip
    """One audit line in ``unit``; texts are cut to the audit's limit (a line never refuses a write)."""
    unit.audit.insert_audit_row(
        at=at, actor_id=actor.id, actor_name=actor.name, actor_email=actor.email, os_user=actor.os_user,
        source=source or actor.source, action=action, target=target[:_MAX], outcome=outcome, detail=detail[:_MAX],
    )  # fmt: skip


_MAX = 2000  # characters of an audit target or detail


def _audit_refusal(ctx: ServiceContext, actor: Actor, action: str, target: str, reason: str) -> None:
    """The refusal's audit line, in a transaction of its own. A database that cannot take it does not hide the
    refusal (the caller raises it next)."""
    try:
        with ctx.database.transaction() as unit:
            write_audit(unit, actor, ctx.now(), action, target, "refused", reason)
    except StoreError:
        pass


def _check_whole(actor: Actor) -> None:
    if not isinstance(actor, Actor):
        raise AccessError(Problem(f"no acting person was given (found {type(actor).__name__})", ident="actor"))
    if not isinstance(actor.id, str) or not actor.id.strip():
        who = f" {actor.name!r}" if isinstance(actor.name, str) and actor.name.strip() else ""
        raise AccessError(Problem(f"the acting person{who} has no id; nothing was saved", ident="actor"))
    if not isinstance(actor.name, str) or not actor.name.strip():
        message = f"the acting person {actor.id!r} has no display name; nothing was saved"
        raise AccessError(Problem(message, ident="actor"))


def _local_refusal(rules: AccessPolicy, actor: Actor, permission: Permission) -> str:
    if actor.anonymous and permission not in rules.local_mode.anonymous_may:
        return "enter your name first: this records who did it"
    if actor.source == "cli":
        return rules.command_line_refusal(permission)
    return ""  # in local mode the one person has every role


def _team_refusal(rules: AccessPolicy, account: Account | None, permission: Permission) -> str:
    if account is None:
        return "you have no account here: sign in again"
    if account.removed:
        return f"the account of {account.label} was removed"
    if permission not in rules.role_permissions(account.roles):
        roles = ", ".join(sorted(account.roles)) or "viewer"
        return f"{account.label} ({roles}) may not {rules.words(permission)}"
    return ""
