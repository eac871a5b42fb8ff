"""Who may act: the one place every writing service checks its acting person.

:func:`require` is called first by every service that changes state. Today it checks that there is an
acting person with a stable id and a display name, and grants every permission to everyone. Sign-in
(issue 17) will give actors roles and check them here, without changing any service's signature.
"""

from __future__ import annotations

from typing import Literal

from advisor.errors import AccessError, Problem
from advisor.models.actor import Actor

Permission = Literal[
    "edit_workloads",  # create, rename, change, archive and restore workloads
    "save_records",  # save a record version (questionnaire, command line, what-if, profiles applied)
    "import_inventory",  # import an estate, start workloads from its VMs
    "edit_profiles",  # save, rename, delete and import answer profiles
    "run_sessions",  # create review sessions, set agendas, take notes, close them
    "decide",  # sign off an agenda item's outcome
    "reevaluate",  # run a re-evaluation and supersede records
    "import_records",  # import a JSON export
]


def require(actor: Actor, permission: Permission) -> Actor:
    """``actor`` when it is a whole acting person allowed to ``permission``; else AccessError, nothing written."""
    if not isinstance(actor, Actor):
        raise AccessError(Problem(f"no acting person was given (found {type(actor).__name__})", ident="actor"))
    if not isinstance(actor.id, str) or not actor.id.strip():
        who = f" {actor.name!r}" if isinstance(actor.name, str) and actor.name.strip() else ""
        raise AccessError(Problem(f"the acting person{who} has no id; nothing was saved", ident="actor"))
    if not isinstance(actor.name, str) or not actor.name.strip():
        message = f"the acting person {actor.id!r} has no display name; nothing was saved"
        raise AccessError(Problem(message, ident="actor"))
    return actor  # until sign-in brings roles, everyone may do everything
