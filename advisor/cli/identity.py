"""Who runs a command: the OS user, shown under ``--author`` when that is given."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.models.actor import Actor


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment nor the password database
        return ""


def actor(author: str | None = None, *, named: bool = True) -> Actor:
    """The acting person of a command: ``os:<OS user>``, named ``author`` (``--author``) or the OS user.

    Without any name, an InputError (``--author``) when the command records who acted (``named``), else nobody.
    """
    from advisor.models.actor import Actor  # here: pydantic's models are not needed by every command

    user = os_user()
    if not named and not (author or user).strip():
        return Actor.nobody("cli")
    return Actor.command_line(user, author)
