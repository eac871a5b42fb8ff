"""The acting person: who calls a service that changes state.

Every writing service takes an :class:`Actor`. In local mode the app makes one from the name typed in its
sidebar (:meth:`Actor.local`); in team mode from the identity provider's token (:meth:`Actor.signed_in`:
the account keyed by issuer and subject, with name and email); the command line from ``--author`` and the
OS user (:meth:`Actor.command_line`); a JSON import acts as the person importing. ``id`` is stable;
``name`` is what records show as their author. Only a signed-in actor's roles are read from the database
(:mod:`advisor.services.access`).
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
    email: str = Field("", description="The token's email (team mode).")
    issuer: str = Field("", description="The token's issuer (team mode); empty for a local or command-line actor.")
    subject: str = Field("", description="The token's subject (team mode).")
    os_user: str = Field("", description="The OS user of a command-line actor, for the audit.")

    @property
    def verified(self) -> bool:
        """Signed in through the identity provider (team mode): the identity is the token's."""
        return bool(self.issuer and self.subject)

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
        actor_id = f"os:{user}" if user else f"cli:{name.casefold()}"
        return cls._made(actor_id, name, "cli", "--author", os_user=user)

    @classmethod
    def signed_in(cls, issuer: str, subject: str, name: str, email: str = "") -> Actor:
        """The person the identity provider's token names: ``issuer`` and ``subject`` are the account's key;
        the display name is the token's name, else its email, else its subject."""
        iss, sub = (issuer or "").strip(), (subject or "").strip()
        if not iss or not sub:
            raise InputError(Problem("the sign-in token has no issuer or no subject", ident="token"))
        mail = (email or "").strip()
        shown = (name or "").strip() or mail or sub
        return cls._made(f"oidc:{iss}|{sub}", shown[:MAX_NAME_LENGTH], "app", "token", email=mail, issuer=iss,
                         subject=sub)  # fmt: skip

    @classmethod
    def _made(cls, actor_id: str, name: str, source: ActorSource, field: str, **identity: str) -> Actor:
        if not name:
            raise InputError(Problem("a display name is needed to save a version", ident=field))
        try:
            return cls(id=actor_id, name=name, source=source, **identity)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(part) for part in first["loc"])
            raise InputError(Problem(f"{where}: {first['msg']}", ident=field)) from None
