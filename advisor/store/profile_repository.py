"""Named answer profiles in the database.

Each profile is stored as the YAML of its :class:`~advisor.models.answer_profile.AnswerProfile`, under its
name and ``name_key`` (the name compared case-insensitively); who saved it last, and when.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import yaml
from sqlalchemy import Connection, delete, insert, select, update

from advisor.knowledge.yaml_io import load_text
from advisor.models.answer_profile import AnswerProfile
from advisor.models.names import name_key
from advisor.store.tables import profiles
from advisor.store.workload_rows import utc


@dataclass(frozen=True)
class ProfileEntry:
    """A stored profile with who saved it last, and when."""

    name: str
    profile: AnswerProfile
    author: str
    updated_at: datetime.datetime


class ProfileRepository:
    """The profiles table, read and written on one connection."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def entries(self) -> list[ProfileEntry]:
        """Every profile with its author and time of the last save, in name order."""
        rows = self._conn.execute(select(profiles).order_by(profiles.c.name_key)).all()
        return [_entry(row) for row in rows]

    def get(self, name: str) -> ProfileEntry | None:
        """The profile with this name, compared case-insensitively."""
        row = self._conn.execute(select(profiles).where(profiles.c.name_key == name_key(name))).first()
        return _entry(row) if row is not None else None

    def insert_profile_row(self, name: str, profile: AnswerProfile, author: str, moment: datetime.datetime) -> None:
        values = {"name": name, "name_key": name_key(name), "yaml": profile_yaml(profile)}
        self._conn.execute(insert(profiles).values(**values, author=author, updated_at=moment))

    def update_profile_row(self, name: str, profile: AnswerProfile, author: str, moment: datetime.datetime) -> None:
        """Replace the profile stored under ``name`` (compared case-insensitively); its spelling becomes ``name``."""
        values = {"name": name, "yaml": profile_yaml(profile), "author": author, "updated_at": moment}
        self._conn.execute(update(profiles).where(profiles.c.name_key == name_key(name)).values(**values))

    def delete_profile_row(self, name: str) -> int:
        """Delete the profile of that name (compared case-insensitively); how many rows went (0 or 1)."""
        return self._conn.execute(delete(profiles).where(profiles.c.name_key == name_key(name))).rowcount


def plain(profile: AnswerProfile) -> dict[str, Any]:
    """The profile as a plain mapping, defaults left out: how it is stored and exchanged."""
    return profile.model_dump(mode="json", exclude_defaults=True)


def profile_yaml(profile: AnswerProfile) -> str:
    return yaml.safe_dump(plain(profile), sort_keys=False, allow_unicode=True, default_flow_style=False)


def _entry(row: Any) -> ProfileEntry:
    stored = AnswerProfile.model_validate(load_text(row.yaml, "<stored profile>").data or {})
    return ProfileEntry(row.name, stored, row.author, utc(row.updated_at))
