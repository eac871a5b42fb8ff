"""Loading and checking ``knowledge/access.yaml``: the roles of team mode and what each may do.

:func:`check_access` reports every fault with its file, line and id: the schema's (an unknown permission or
role id, a field missing), a role or permission listed twice, and a role or a permission the code relies on
that the file leaves out (the services would otherwise refuse or allow by accident).
"""

from __future__ import annotations

from pathlib import Path

from advisor.errors import Problem
from advisor.knowledge.loading import load_model
from advisor.models.access_policy import PERMISSIONS, AccessPolicy
from advisor.models.account import ROLES

ACCESS_FILE = Path("access.yaml")


def check_access(folder: Path) -> tuple[AccessPolicy | None, list[Problem]]:
    """The access policy of ``folder`` and its problems."""
    shown = str(Path(folder.name) / ACCESS_FILE)
    loaded = load_model(folder / ACCESS_FILE, AccessPolicy, shown)
    if loaded.model is None:
        return None, loaded.problems
    model, problems = loaded.model, []
    for kind, listed, expected in (
        ("role", [role.id for role in model.roles], ROLES),
        ("permission", [entry.id for entry in model.permissions], PERMISSIONS),
    ):
        for index, ident in enumerate(listed):
            if ident in listed[:index]:
                problems.append(Problem(f"{kind} listed twice", file=shown, line=loaded.line_of((f"{kind}s", index)),
                                        ident=ident))  # fmt: skip
        for ident in expected:
            if ident not in listed:
                problems.append(Problem(f"{kind} missing: the services rely on it", file=shown,
                                        line=loaded.line_of((f"{kind}s",)), ident=ident))  # fmt: skip
    return (None if problems else model), problems
