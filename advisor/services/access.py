"""Who may act: the one place every writing service checks its acting person.

:func:`require` is called first by every service that changes state. Today it checks that there is an
acting person with a stable id and a display name, and grants every permission to everyone. Sign-in
(issue 17) will give actors roles and check them here, without changing any service's signature.

An anonymous actor (the app before a name is typed) may do what records no author of its own, as the app
always allowed: keep workloads tidy (create, rename, archive, restore), edit an agenda and its notes, sign off
an item as one of the session's decision makers (the version is theirs), run a re-evaluation (stored as run by
"anonymous") and import a JSON export (whose versions keep their own authors). Whatever saves a version or
a profile, or creates, closes or imports in its own name, needs a name.
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
    "run_sessions",  # create and close review sessions
    "edit_agenda",  # set a session's agenda, take notes, take an item again at the latest version
    "decide",  # sign off an agenda item's outcome (as one of the session's decision makers)
    "reevaluate",  # run a re-evaluation (stored, so everyone sees its "stale" list)
    "supersede",  # supersede records under another knowledge version
    "import_records",  # import a JSON export
    "load_prices",  # fetch or import a price sheet (in team mode: admins only, audited)
]


ANONYMOUS_MAY: frozenset[Permission] = frozenset(
    {"edit_workloads", "edit_agenda", "decide", "reevaluate", "import_records"}
)


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
    if actor.anonymous and permission not in ANONYMOUS_MAY:
        raise AccessError(Problem("enter your name first: this records who did it; nothing was saved", ident="actor"))
    return actor  # until sign-in brings roles, everyone named may do everything
