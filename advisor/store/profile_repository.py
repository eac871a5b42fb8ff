"""Named answer profiles in the store, and their exchange as one ProfileSet YAML document.

Each profile is stored as the YAML of its :class:`~advisor.models.prefill_rules.AnswerProfile`, under a name
compared case-insensitively (stripped, non-empty, at most 120 characters, like workload names). The
YAML document :meth:`ProfileStore.profiles_yaml` writes is what ``advisor batch --profiles`` reads
(:func:`advisor.decide.batch.read_profiles`); :meth:`ProfileStore.import_profiles_yaml` reads it back, all or
nothing. Question and answer ids are checked where a profile is used, against its knowledge version.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy import Connection, delete, insert, select, update

from advisor.errors import InputError, Problem
from advisor.knowledge.loading import validation_problems
from advisor.knowledge.yaml_io import YamlDocument, YamlError, load_text
from advisor.models.answer_profile import AnswerProfile, ProfileSet
from advisor.store.base import StoreBase
from advisor.store.inventory_rows import clean_author, clean_label
from advisor.store.tables import profiles
from advisor.store.workload_rows import name_key, now, utc

_HEADER = "# Answer profiles (Compute Target Advisor): advisor batch --profiles reads this file.\n"


@dataclass(frozen=True)
class ProfileEntry:
    """A stored profile with who saved it last, and when."""

    name: str
    profile: AnswerProfile
    author: str
    updated_at: datetime.datetime


class ProfileStore(StoreBase):
    """Answer profiles by name."""

    def list_profiles(self) -> dict[str, AnswerProfile]:
        """Every profile by name (in name order)."""
        return {entry.name: entry.profile for entry in self.profile_entries()}

    def profile_entries(self) -> list[ProfileEntry]:
        """Every profile with its author and time of the last save, in name order."""
        with self._read() as conn:
            rows = conn.execute(select(profiles).order_by(profiles.c.name_key)).all()
        return [ProfileEntry(row.name, _parse_stored(row.yaml), row.author, utc(row.updated_at)) for row in rows]

    def save_profile(self, name: str, profile: AnswerProfile | Mapping[str, Any], author: str) -> AnswerProfile:
        """Create the profile, or replace the one of that name (its spelling becomes ``name``)."""
        cleaned, who = clean_label(name, "profile"), clean_author(author)
        checked = _checked(profile, cleaned)
        self._write_retrying(lambda conn: _upsert(conn, cleaned, checked, who))
        return checked

    def delete_profile(self, name: str) -> None:
        """Delete the profile of that name (compared case-insensitively); InputError if there is none."""
        with self._write() as conn:
            deleted = conn.execute(delete(profiles).where(profiles.c.name_key == name_key(name))).rowcount
        if not deleted:
            raise InputError(Problem(f"no profile named {name.strip()!r}", ident="profile"))

    def profiles_yaml(self) -> str:
        """Every profile as one ProfileSet YAML document (``profiles: {name: {answers: …}}``)."""
        document = {"profiles": {name: _plain(profile) for name, profile in self.list_profiles().items()}}
        return _HEADER + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, default_flow_style=False)

    def import_profiles_yaml(self, text: str, source_name: str, author: str) -> list[str]:
        """Save every profile of a ProfileSet YAML document (replacing those of the same names); their names.

        All or nothing: a fault anywhere (bad YAML, a schema error, a bad or repeated name) raises
        InputError naming ``source_name`` and the line, and no profile is saved.
        """
        who = clean_author(author)
        doc = _document(text, source_name)
        try:
            loaded = ProfileSet.model_validate(doc.data)
        except ValidationError as exc:
            raise InputError(validation_problems(exc, doc)) from None
        named = _named(loaded.profiles, doc)

        def save(conn: Connection) -> None:
            for name, profile in named.items():
                _upsert(conn, name, profile, who)

        self._write_retrying(save)
        return list(named)


def _document(text: str, source: str) -> YamlDocument:
    text = (text or "").removeprefix("\ufeff")
    if not text.strip():
        raise InputError(Problem("file is empty", file=source, line=1))
    try:
        doc = load_text(text, source)
    except YamlError as exc:
        raise InputError(exc.problem) from None
    if not isinstance(doc.data, dict):
        found = type(doc.data).__name__
        raise InputError(Problem(f"top level must be a mapping, found {found}", file=source, line=1))
    return doc


def _named(loaded: Mapping[str, AnswerProfile], doc: YamlDocument) -> dict[str, AnswerProfile]:
    """The profiles under their cleaned names; a bad or repeated name is a problem at its line.

    Names are checked as the file spells them: the model strips keys, which would merge ``A`` and ``A ``.
    """
    named: dict[str, AnswerProfile] = {}
    first: dict[str, str] = {}
    problems: list[Problem] = []
    for raw in doc.data.get("profiles") or {}:
        line = doc.line_of(("profiles", raw))
        try:
            name = clean_label(str(raw), "profile")
        except InputError as exc:
            problems.append(Problem(exc.problems[0].message, file=doc.path, line=line, ident="profile"))
            continue
        key = name_key(name)
        if key in first:
            message = f"profile {name!r} repeats {first[key]!r} (names are compared ignoring case and spaces)"
            problems.append(Problem(message, file=doc.path, line=line, ident=name))
            continue
        first[key] = name
        named[name] = loaded[name]
    if problems:
        raise InputError(problems)
    return named


def _checked(profile: AnswerProfile | Mapping[str, Any], name: str) -> AnswerProfile:
    if isinstance(profile, AnswerProfile):
        return profile
    try:
        return AnswerProfile.model_validate(profile)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise InputError(Problem(f"bad profile: {where}: {first['msg']}", ident=name)) from None


def _upsert(conn: Connection, name: str, profile: AnswerProfile, author: str) -> None:
    key = name_key(name)
    values = {"name": name, "yaml": _profile_yaml(profile), "updated_at": now(), "author": author}
    existing = conn.execute(select(profiles.c.id).where(profiles.c.name_key == key)).scalar()
    if existing is None:
        conn.execute(insert(profiles).values(name_key=key, **values))
    else:
        conn.execute(update(profiles).where(profiles.c.id == existing).values(**values))


def _plain(profile: AnswerProfile) -> dict[str, Any]:
    return profile.model_dump(mode="json", exclude_defaults=True)


def _profile_yaml(profile: AnswerProfile) -> str:
    return yaml.safe_dump(_plain(profile), sort_keys=False, allow_unicode=True, default_flow_style=False)


def _parse_stored(text: str) -> AnswerProfile:
    return AnswerProfile.model_validate(load_text(text, "<stored profile>").data or {})
