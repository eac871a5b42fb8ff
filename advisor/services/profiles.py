"""Answer profiles: save, create, rename (one transaction), delete and import them, apply one to a workload,
and their exchange as one ProfileSet YAML document (the file ``advisor batch --profiles`` reads).

A profile is saved under a name compared case-insensitively (stripped, 1 to 120 characters, like workload
names). Its answers are checked against its knowledge version (the default one when it names none) before
anything is saved, each fault naming the question. An import is all or nothing: a fault anywhere (bad YAML,
a schema error, a bad or repeated name, an unknown knowledge version, question or answer) names the file and
the line, and no profile is saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import ValidationError

from advisor.decide.profiles import AppliedProfile, answer_problems, apply_profile, profile_set_problems
from advisor.errors import InputError, NameTakenError, Problem
from advisor.knowledge.loading import validation_problems
from advisor.knowledge.yaml_io import YamlDocument, YamlError, load_text
from advisor.models.actor import Actor
from advisor.models.answer_profile import AnswerProfile, ProfileSet
from advisor.models.names import clean_author, clean_label, name_key
from advisor.models.record import DecisionRecord, GivenAnswer
from advisor.services.access import require
from advisor.services.context import ServiceContext
from advisor.services.records import save_answers
from advisor.services.submissions import once
from advisor.store import ProfileEntry, UnitOfWork
from advisor.store.profile_repository import plain

_HEADER = "# Answer profiles (Compute Target Advisor): advisor batch --profiles reads this file.\n"


def save_profile(
    ctx: ServiceContext,
    actor: Actor,
    name: str,
    profile: AnswerProfile | Mapping[str, Any],
    *,
    original: str | None = None,
) -> AnswerProfile:
    """Save the profile under ``name``: created, or replacing the one of that name (its spelling becomes ``name``).

    With ``original`` (the stored profile being edited) a different ``name`` renames it: the new name must be
    free, and the save and the removal of the old name are one transaction.
    """
    grant = require(ctx, actor, "edit_profiles", "save profile", str(name))
    cleaned, who = clean_label(name, "profile"), clean_author(actor.name)
    checked = _checked(ctx, profile, cleaned)

    def work(unit: UnitOfWork) -> AnswerProfile:
        moment = ctx.now()
        grant.record(unit, moment, cleaned, f"renamed from {original!r}" if original and original != cleaned else "")
        renamed = original is not None and name_key(original) != name_key(cleaned)
        if original is not None and unit.profiles.get(original) is None:
            raise InputError(Problem(f"no profile named {original.strip()!r}", ident="profile"))
        if renamed:
            _refuse_taken(unit, cleaned)
        if unit.profiles.get(cleaned) is None:
            unit.profiles.insert_profile_row(cleaned, checked, who, moment)
        else:
            unit.profiles.update_profile_row(cleaned, checked, who, moment)
        if renamed:
            assert original is not None
            unit.profiles.delete_profile_row(original)
        return checked

    return ctx.database.run(work)


def create_profile(
    ctx: ServiceContext,
    actor: Actor,
    name: str,
    profile: AnswerProfile | Mapping[str, Any],
    *,
    token: str | None = None,
) -> AnswerProfile:
    """A new profile; NameTakenError when a profile of that name (ignoring case) exists. ``token`` (the form's
    submission token) makes a repeat return the profile the first call created."""
    grant = require(ctx, actor, "edit_profiles", "create profile", str(name))
    cleaned, who = clean_label(name, "profile"), clean_author(actor.name)
    checked = _checked(ctx, profile, cleaned)

    def work(unit: UnitOfWork) -> AnswerProfile:
        _refuse_taken(unit, cleaned)
        grant.record(unit, ctx.now(), cleaned)
        unit.profiles.insert_profile_row(cleaned, checked, who, ctx.now())
        return checked

    def again(unit: UnitOfWork, stored: Mapping[str, Any]) -> AnswerProfile:
        entry = unit.profiles.get(str(stored["name"]))
        return entry.profile if entry is not None else checked

    ids = {"name": cleaned}
    return ctx.database.run(lambda unit: once(ctx, unit, actor, "create_profile", token, work, lambda _: ids, again))


def delete_profile(ctx: ServiceContext, actor: Actor, name: str) -> None:
    """Delete the profile of that name (compared case-insensitively); InputError if there is none."""
    grant = require(ctx, actor, "edit_profiles", "delete profile", str(name))
    with ctx.database.transaction() as unit:
        deleted = unit.profiles.delete_profile_row(name)
        if deleted:
            grant.record(unit, ctx.now())
    if not deleted:
        raise InputError(Problem(f"no profile named {name.strip()!r}", ident="profile"))


def import_profiles_yaml(ctx: ServiceContext, actor: Actor, text: str, source_name: str) -> list[str]:
    """Save every profile of a ProfileSet YAML document (replacing those of the same names); their names."""
    grant = require(ctx, actor, "edit_profiles", "import profiles", str(source_name))
    who = clean_author(actor.name)
    doc = _document(text, source_name)
    try:
        loaded = ProfileSet.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(validation_problems(exc, doc)) from None
    named = _named(loaded.profiles, doc)
    problems = profile_set_problems(ctx.kb, text, source_name)  # knowledge versions, questions, answers
    if problems:
        raise InputError(problems)

    def work(unit: UnitOfWork) -> list[str]:
        moment = ctx.now()
        for name, profile in named.items():
            if unit.profiles.get(name) is None:
                unit.profiles.insert_profile_row(name, profile, who, moment)
            else:
                unit.profiles.update_profile_row(name, profile, who, moment)
        grant.record(unit, moment, detail=", ".join(named))
        return list(named)

    return ctx.database.run(work)


@dataclass(frozen=True)
class ProfileOutcome:
    """What applying a profile did: the answers it set and kept, and the version saved (None: nothing changed)."""

    applied: AppliedProfile
    record: DecisionRecord | None


def apply_profile_to_workload(
    ctx: ServiceContext,
    actor: Actor,
    workload_id: int,
    *,
    profile_name: str,
    base_version: int,
    answers: Mapping[str, GivenAnswer],
    knowledge_version: str,
    version_fixed: bool,
    replace_own: bool = False,
    token: str | None = None,
) -> ProfileOutcome:
    """Apply the profile to the workload's answers as one new version, its answers marked "from profile".

    A workload's knowledge version is fixed by its first saved answer; until then (``version_fixed`` False)
    the profile's own version is used when this installation has it. The user's own answers stay unless
    ``replace_own``. InputError when the profile is gone or its answers do not fit the version.
    """
    require(ctx, actor, "save_records", "apply profile", str(profile_name))  # save_answers audits the version
    entry = find_profile(ctx, profile_name)
    if entry is None:
        raise InputError(Problem(f"there is no profile named {profile_name} any more", ident="profile"))
    profile = entry.profile
    if not version_fixed and profile.knowledge_version is not None and profile.knowledge_version in ctx.kb.versions:
        knowledge_version = profile.knowledge_version
    problems = answer_problems(ctx.kb, ctx.kb.version(knowledge_version), profile.answers)
    if problems:
        raise InputError([Problem(problem, ident="profile") for problem in problems])
    applied = apply_profile(answers, profile, entry.name, replace_own=replace_own)
    if not applied.changed:
        return ProfileOutcome(applied, None)
    record = save_answers(
        ctx, actor, workload_id, base_version=base_version, answers=applied.answers,
        knowledge_version=knowledge_version, change=f"applied profile {entry.name}", token=token,
    )  # fmt: skip
    return ProfileOutcome(applied, record)


# Reads


def list_profiles(ctx: ServiceContext) -> dict[str, AnswerProfile]:
    """Every profile by name (in name order)."""
    return {entry.name: entry.profile for entry in profile_entries(ctx)}


def profile_entries(ctx: ServiceContext) -> list[ProfileEntry]:
    """Every profile with its author and time of the last save, in name order."""
    with ctx.database.read() as unit:
        return unit.profiles.entries()


def find_profile(ctx: ServiceContext, name: str) -> ProfileEntry | None:
    """The profile with this name (compared case-insensitively), or None."""
    with ctx.database.read() as unit:
        return unit.profiles.get(name)


def profiles_yaml(ctx: ServiceContext) -> str:
    """Every profile as one ProfileSet YAML document (``profiles: {name: {answers: …}}``)."""
    document = {"profiles": {name: plain(profile) for name, profile in list_profiles(ctx).items()}}
    return _HEADER + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, default_flow_style=False)


# Checks


def _refuse_taken(unit: UnitOfWork, name: str) -> None:
    existing = unit.profiles.get(name)
    if existing is not None:
        message = f"a profile named {existing.name!r} already exists"
        raise NameTakenError(Problem(message, ident="profile"), existing.name)


def _checked(ctx: ServiceContext, profile: AnswerProfile | Mapping[str, Any], name: str) -> AnswerProfile:
    """The profile validated, its answers checked against its knowledge version (each fault naming the question)."""
    if not isinstance(profile, AnswerProfile):
        try:
            profile = AnswerProfile.model_validate(profile)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(part) for part in first["loc"]) or "(top level)"
            raise InputError(Problem(f"bad profile: {where}: {first['msg']}", ident=name)) from None
    problems = answer_problems(ctx.kb, ctx.kb.version(profile.knowledge_version), profile.answers)
    if problems:
        raise InputError([Problem(problem, ident=name) for problem in problems])
    return profile


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
