"""Accounts and roles (team mode): sign-in, granting and revoking roles, removing an account, linking a
session's free-text attendee to an account; and the reads of the admin page and the command line.

An account is keyed by the token's issuer and subject; its name and email are refreshed at each sign-in.
The first admins come from configuration (emails or subjects beside ``[auth]``); an optional claim of the
token (groups or roles) maps to roles. Every change here is audited in its own unit of work.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from advisor.errors import AccessError, InputError, Problem
from advisor.models.account import ROLES, Account
from advisor.models.actor import Actor
from advisor.models.names import name_key
from advisor.services.access import named, require, write_audit
from advisor.services.context import ServiceContext
from advisor.store import UnitOfWork


@dataclass(frozen=True)
class AccessSettings:
    """Who gets which role from configuration: ``admins`` (emails or subjects) and, optionally, a token claim
    (``role_claim``, e.g. ``groups`` or ``roles``) whose values map to roles (``claim_roles``)."""

    admins: tuple[str, ...] = ()
    role_claim: str = ""
    claim_roles: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def sign_in(
    ctx: ServiceContext, *, issuer: str, subject: str, name: str, email: str, claims: Mapping[str, Any],
    settings: AccessSettings,
) -> tuple[Actor, Account]:  # fmt: skip
    """The signed-in person's actor and account (made at the first sign-in, name and email refreshed after),
    with the roles configuration and token claims give. A removed account stays removed (AccessError)."""
    actor = Actor.signed_in(issuer, subject, name, email)
    wanted = _configured_roles(actor, claims, settings)

    def work(unit: UnitOfWork) -> Account:
        moment = ctx.now()
        account = unit.accounts.by_key(actor.issuer, actor.subject)
        if account is None:
            account_id = unit.accounts.insert_account_row(actor.issuer, actor.subject, actor.name, actor.email, moment)
            write_audit(unit, actor, moment, "first sign-in", actor.name, "done", "account created")
        else:
            if account.removed:
                return account
            account_id = account.id
            unit.accounts.update_account_row(account_id, name=actor.name, email=actor.email, last_seen_at=moment)
        held = unit.accounts.get(account_id)
        assert held is not None
        for role, why in wanted.items():
            if role not in held.roles:
                unit.accounts.insert_role_rows(account_id, [role], moment, why)
                write_audit(unit, actor, moment, "grant role", actor.name, "done", f"{role}, from {why}")
        found = unit.accounts.get(account_id)
        assert found is not None
        return found

    account = ctx.database.run(work)
    if account.removed:
        raise AccessError(Problem(f"the account of {account.label} was removed; ask an admin", ident="account"))
    return actor, account


def grant_role(ctx: ServiceContext, actor: Actor, account_id: int, role: str) -> Account:
    """Give the account ``role`` (granting it twice changes nothing)."""
    grant = require(ctx, actor, "manage_accounts", "grant role", named(ctx, account_id=account_id))
    _check_role(role)

    def work(unit: UnitOfWork) -> Account:
        account = _existing(unit, account_id)
        if role not in account.roles:
            unit.accounts.insert_role_rows(account_id, [role], ctx.now(), actor.name)
            grant.record(unit, ctx.now(), account.label, role)
        return _existing(unit, account_id)

    return ctx.database.run(work)


def revoke_role(ctx: ServiceContext, actor: Actor, account_id: int, role: str) -> Account:
    """Take ``role`` from the account; the last admin keeps theirs (someone must be able to manage roles)."""
    grant = require(ctx, actor, "manage_accounts", "revoke role", named(ctx, account_id=account_id))
    _check_role(role)
    with ctx.database.transaction() as unit:
        account = _existing(unit, account_id)
        if role == "admin" and _admins(unit) == [account.id]:
            message = f"{account.label} is the last admin; make someone else admin first"
            raise InputError(Problem(message, ident="role"))
        if role in account.roles:
            unit.accounts.delete_role_row(account_id, role)
            grant.record(unit, ctx.now(), account.label, role)
        return _existing(unit, account_id)


def remove_account(ctx: ServiceContext, actor: Actor, account_id: int) -> Account:
    """Remove the account: its next action is refused and it cannot sign in again. Kept for the audit's sake."""
    grant = require(ctx, actor, "manage_accounts", "remove account", named(ctx, account_id=account_id))
    with ctx.database.transaction() as unit:
        account = _existing(unit, account_id)
        if account.removed:
            return account
        if _admins(unit) == [account.id]:
            raise InputError(Problem(f"{account.label} is the last admin and cannot be removed", ident="account"))
        unit.accounts.update_account_row(account_id, removed_at=ctx.now())
        grant.record(unit, ctx.now(), account.label)
        return _existing(unit, account_id)


def link_attendee(ctx: ServiceContext, actor: Actor, session_id: int, attendee: str, account_id: int) -> None:
    """Link a session's free-text attendee (by name) to an account: from then on only that account signs for them."""
    grant = require(ctx, actor, "manage_accounts", "link attendee", named(ctx, session_id=session_id))
    with ctx.database.transaction() as unit:
        session = unit.sessions.get(session_id)
        if session is None:
            raise InputError(Problem(f"no review session with id {session_id}", ident="session"))
        account = _existing(unit, account_id)
        positions = [n for n, a in enumerate(session.attendees) if name_key(a.name) == name_key(attendee)]
        if not positions:
            message = f"{attendee!r} is not an attendee of review session {session.title!r}"
            raise InputError(Problem(message, ident="attendee"))
        unit.accounts.insert_attendee_link_row(session_id, positions[0], account_id, ctx.now(), actor.name)
        grant.record(unit, ctx.now(), f"{session.title}: {attendee}", f"linked to {account.label}")


# Reads


def list_accounts(ctx: ServiceContext) -> list[Account]:
    """Every account, removed ones included, by name."""
    with ctx.database.read() as unit:
        return unit.accounts.all()


def current_account(ctx: ServiceContext, actor: Actor) -> Account | None:
    """The signed-in actor's account as stored now (None for a local actor or an unknown account)."""
    if not actor.verified:
        return None
    with ctx.database.read() as unit:
        return unit.accounts.by_key(actor.issuer, actor.subject)


def find_account(ctx: ServiceContext, who: str) -> Account:
    """The one account whose email, subject or name is ``who`` (ignoring case); InputError otherwise."""
    key = name_key(who or "")
    accounts = list_accounts(ctx)
    for pick in (lambda a: a.email, lambda a: a.subject, lambda a: a.name):
        found = [a for a in accounts if pick(a) and name_key(pick(a)) == key]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise InputError(Problem(f"{who!r} names {len(found)} accounts: give the email", ident="account"))
    raise InputError(Problem(f"no account with the email, subject or name {who!r} (people appear once signed in)",
                             ident="account"))  # fmt: skip


# Checks


def _configured_roles(actor: Actor, claims: Mapping[str, Any], settings: AccessSettings) -> dict[str, str]:
    """Role -> where it comes from, for the roles configuration and the token's claims give ``actor``."""
    found: dict[str, str] = {}
    admins = {name_key(a) for a in settings.admins}
    if name_key(actor.email) in admins or name_key(actor.subject) in admins:
        found["admin"] = "configuration (admins)"
    if settings.role_claim:
        values = claims.get(settings.role_claim, ())
        values = [values] if isinstance(values, str) else values
        for value in values if isinstance(values, list | tuple) else ():
            for role in settings.claim_roles.get(str(value), ()):
                found.setdefault(role, f"claim {settings.role_claim}={value}")
    return found


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InputError(Problem(f"unknown role {role!r} (roles: {', '.join(ROLES)})", ident="role"))


def _existing(unit: UnitOfWork, account_id: int) -> Account:
    account = unit.accounts.get(account_id)
    if account is None:
        raise InputError(Problem(f"no account with id {account_id}", ident="account"))
    return account


def _admins(unit: UnitOfWork) -> list[int]:
    return [a.id for a in unit.accounts.all() if "admin" in a.roles and not a.removed]
