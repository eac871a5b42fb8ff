"""What the signed-in person's roles let them do, for the pages: in team mode a write their roles do not allow is
shown disabled, with a tooltip saying which role it needs. The services refuse such a write anyway
(:func:`advisor.services.access.require`, audited); this only spares a click that could not work.

Local mode disables nothing: the one person holds every role, and a name not yet typed is asked for when they act.
"""

from __future__ import annotations

from advisor import services
from advisor.models.access_policy import Permission
from advisor.ui import identity
from advisor.ui.service_context import context


def blocked(permission: Permission) -> str | None:
    """Why the person may not do ``permission`` now (team mode), or None when they may."""
    actor = identity.signed_in()
    if actor is None:
        return None
    ctx = context()
    if permission in services.permissions(ctx, actor):
        return None
    rules = ctx.kb.access
    needs = rules.words(permission) if rules is not None else permission
    return f"Your role does not let you {needs}: ask an admin for it."
