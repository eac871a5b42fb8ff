"""The acting person: who calls a service that changes state.

Every writing service takes an :class:`Actor`. Today the app makes one from the name typed in its sidebar
(:meth:`Actor.local`), the command line from ``--author`` or the OS user (:meth:`Actor.command_line`), and a
JSON import acts as the person importing. Sign-in will make it from the identity provider's token without
changing any service's signature. ``id`` is stable (what roles will be granted to); ``name`` is what records
show as their author.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from advisor.errors import InputError, Problem
from advisor.models.record import MAX_NAME_LENGTH

ActorSource = Literal["app", "cli", "import"]
ANONYMOUS_ID = "anonymous"


class Actor(BaseModel):
    """A person acting through the app, the command line or an import."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, description="Stable id, e.g. `local:dana rivera` or `os:dana`.")
    name: str = Field(min_length=1, max_length=MAX_NAME_LENGTH, description="Display name, saved as the author.")
    source: ActorSource

    @property
    def anonymous(self) -> bool:
        """Nobody named yet (the app before a name is typed): may do only what records no author."""
        return self.id == ANONYMOUS_ID

    @classmethod
    def nobody(cls, source: ActorSource = "app") -> Actor:
        """The acting person before a name is given."""
        return cls(id=ANONYMOUS_ID, name="anonymous", source=source)

    @classmethod
    def local(cls, name: str, source: ActorSource = "app") -> Actor:
        """The person who typed ``name`` in the app: the id is the name, stripped and casefolded."""
        cleaned = (name or "").strip()
        return cls._made(f"local:{cleaned.casefold()}" if cleaned else "", cleaned, source, "author")

    @classmethod
    def command_line(cls, os_user: str, author: str | None = None) -> Actor:
        """The OS user running the command; ``author`` (``--author``) is the display name when given."""
        user = (os_user or "").strip()
        name = (author if author is not None else user).strip()
        # Without an OS user name (a bare container, say) the display name stands in for it.
        return cls._made(f"os:{user}" if user else f"cli:{name.casefold()}", name, "cli", "--author")

    @classmethod
    def _made(cls, actor_id: str, name: str, source: ActorSource, field: str) -> Actor:
        if not name:
            raise InputError(Problem("a display name is needed to save a version", ident=field))
        try:
            return cls(id=actor_id, name=name, source=source)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(part) for part in first["loc"])
            raise InputError(Problem(f"{where}: {first['msg']}", ident=field)) from None
