"""What names and free texts must be before anything is saved: the rules every service applies.

Names (of workloads, estates, profiles, review sessions, people) are stripped of surrounding space, must not
be empty and have at most ``MAX_NAME_LENGTH`` characters; two names are the same when they are equal
stripped and casefolded (:func:`name_key`). Apart from that they are kept exactly as given, HTML or Markdown
included: nothing here interprets them. Each refusal is an InputError naming the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError

from advisor.errors import InputError, Problem
from advisor.models.record import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, VmLink


def name_key(name: str) -> str:
    """What makes two names the same: stripped and casefolded."""
    return name.strip().casefold()


def clean_name(name: str) -> str:
    """A workload name as it will be stored: stripped, non-empty and within MAX_NAME_LENGTH."""
    cleaned = (name or "").strip()
    if not cleaned:
        raise InputError(Problem("a workload needs a name", ident="name"))
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InputError(
            Problem(
                f"a workload name can have at most {MAX_NAME_LENGTH} characters (this one has {len(cleaned)})",
                ident="name",
            )
        )
    return cleaned


def clean_label(name: str, what: str) -> str:
    """An estate or profile name as stored: stripped, non-empty, at most MAX_NAME_LENGTH characters."""
    cleaned = (name or "").strip()
    if not cleaned:
        raise InputError(Problem(f"{'an' if what[0] in 'aeiou' else 'a'} {what} needs a name", ident=what))
    if len(cleaned) > MAX_NAME_LENGTH:
        message = f"a {what} name can have at most {MAX_NAME_LENGTH} characters (this one has {len(cleaned)})"
        raise InputError(Problem(message, ident=what))
    return cleaned


def clean_text(value: str, field: str, limit: int) -> str:
    """A free text stripped of surrounding space, at most ``limit`` characters."""
    return within((value or "").strip(), limit, field)


def within(text: str, limit: int, field: str) -> str:
    """``text`` as given, refused when longer than ``limit``."""
    if len(text) > limit:
        raise InputError(Problem(f"can have at most {limit} characters (this one has {len(text)})", ident=field))
    return text


def clean_owner(owner: str) -> str:
    return clean_text(owner, "owner", MAX_NAME_LENGTH)


def clean_context(context: str) -> str:
    return clean_text(context, "context", MAX_TEXT_LENGTH)


def clean_author(author: str) -> str:
    """Who made an import or saved a profile: stripped, at most MAX_NAME_LENGTH characters."""
    return clean_text(author, "author", MAX_NAME_LENGTH)


def clean_person(name: str, field: str) -> str:
    """A person's display name: stripped, non-empty, at most MAX_NAME_LENGTH characters."""
    cleaned = (name or "").strip()
    if not cleaned:
        raise InputError(Problem("a name is needed", ident=field))
    return within(cleaned, MAX_NAME_LENGTH, field)


def clean_vm_links(links: Iterable[VmLink | Mapping[str, Any]]) -> tuple[VmLink, ...]:
    """The VM links checked: each a cloud service and a VM name."""
    try:
        return tuple(link if isinstance(link, VmLink) else VmLink.model_validate(link) for link in links)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InputError(Problem(f"bad VM link: {where}: {first['msg']}", ident="vm_links")) from None
