"""Each submission happens once: a form's token, checked by the service it is sent to.

A page gives every form it renders a submission token and sends it with the form. The service calls
:func:`once` inside its own unit of work: the first time a token is seen, the action runs and the token is
stored with the acting person, the action and the ids of what it created (``created(result)``), in the same
transaction; a repeat of the token (a double click, a resent request) runs nothing and returns the first
result, rebuilt from those ids (``again(unit, ids)``), so the page shows the same success. A refused call
raises before anything is stored, its transaction is rolled back and its token is not used up. A token sent
by another person, or to another action, is refused.

Two identical requests racing on PostgreSQL both find the token free; the second insert of the token fails
on its primary key, :meth:`~advisor.store.Database.run` runs the loser once more, and it then finds the
winner's row and returns its result. Services that take a token therefore run in ``Database.run``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from advisor.errors import AccessError, InputError, Problem
from advisor.models.actor import Actor
from advisor.services.context import ServiceContext
from advisor.store import UnitOfWork
from advisor.store.submission_repository import Submission

T = TypeVar("T")
Ids = dict[str, Any]

MAX_TOKEN_LENGTH = 100


def once(
    ctx: ServiceContext,
    unit: UnitOfWork,
    actor: Actor,
    action: str,
    token: str | None,
    work: Callable[[UnitOfWork], T],
    created: Callable[[T], Ids],
    again: Callable[[UnitOfWork, Ids], T],
) -> T:
    """``work(unit)`` the first time ``token`` is sent, storing it with ``created(result)``; on a repeat,
    ``again(unit, stored ids)``. Without a token (the command line, batch) the work just runs."""
    if token is None:
        return work(unit)
    previous = earlier(unit, actor, action, token)
    if previous is not None:
        return again(unit, previous.result)
    result = work(unit)
    unit.submissions.insert_submission_row(token, actor.id, action, created(result), ctx.now())
    return result


def earlier(unit: UnitOfWork, actor: Actor, action: str, token: str | None) -> Submission | None:
    """The stored submission of ``token`` by this actor to this action, or None when it is new.

    InputError for a token that is not one; AccessError when another person sent it, InputError when it was
    sent to another action: neither runs anything, nor uses the token up.
    """
    if token is None:
        return None
    check_token(token)
    found = unit.submissions.get(token)
    if found is None:
        return None
    if found.actor_id != actor.id:
        message = "this form was already sent by someone else; reload the page to send your own. Nothing was saved"
        raise AccessError(Problem(message, ident="token"))
    if found.action != action:
        message = f"this form's token was already used for another action ({found.action}); nothing was saved"
        raise InputError(Problem(message, ident="token"))
    return found


def check_token(token: object) -> str:
    """The token when it is 8 to 100 printable characters; else InputError."""
    if not isinstance(token, str) or not 8 <= len(token) <= MAX_TOKEN_LENGTH or not token.isprintable():
        message = f"a submission token is 8 to {MAX_TOKEN_LENGTH} printable characters; nothing was saved"
        raise InputError(Problem(message, ident="token"))
    return token
