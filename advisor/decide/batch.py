"""Batch: triage a whole inventory, then recommend for every VM from its answer profile.

A VM's answers are what its inventory row suggests (marked "inventory") overlaid with the
answers of its profile (the inventory's ``profile`` column, else the default profile): a profile
is a deliberate choice, so it wins. Every VM appears in the result, with its triage and its
recommendation, or with the reason it has none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

import pandas as pd

from advisor.decide.profiles import problems_by_profile
from advisor.decide.recommendation import recommend
from advisor.decide.suggestions import suggest
from advisor.errors import AdvisorError, InputError, Problem
from advisor.knowledge.assembly import KnowledgeBase
from advisor.knowledge.loading import load_model
from advisor.limits import PROFILES
from advisor.models.answer_profile import AnswerProfile, ProfileSet
from advisor.triage.verdicts import TriageResult, TriageSummary, triage

PROFILE_COLUMN = "profile"


def read_profiles(path: Path | str) -> dict[str, AnswerProfile]:
    """Profiles from a YAML file ``{profiles: {name: {answers: {...}}}}``; faults name file and line."""
    return read_checked_profiles(path, None)[0]


def read_checked_profiles(
    path: Path | str, kb: KnowledgeBase | None
) -> tuple[dict[str, AnswerProfile], dict[str, list[Problem]]]:
    """The profiles, and (with ``kb``) the id problems of each profile that has any, naming file and line.

    A profile with problems is still returned: the VMs that use it say why they have no recommendation.
    """
    loaded = load_model(path, ProfileSet, limits=PROFILES)
    if loaded.model is None:
        raise InputError(loaded.problems)
    faults = problems_by_profile(kb, loaded.doc) if kb is not None and loaded.doc is not None else {}
    return dict(loaded.model.profiles), faults


class BatchSummary(TypedDict):
    """The triage summary and how many VMs got each service, or none."""

    triage: TriageSummary
    recommended_services: dict[str, int]
    without_recommendation: int


@dataclass(frozen=True)
class BatchResult:
    triage: TriageResult
    entries: list[dict[str, Any]]

    def summary(self) -> BatchSummary:
        services: dict[str, int] = {}
        without = 0
        for entry in self.entries:
            recommendation = entry["recommendation"]
            if recommendation is None:
                without += 1
            elif recommendation["service"]:
                services[recommendation["service"]] = services.get(recommendation["service"], 0) + 1
        return BatchSummary(triage=self.triage.summary(), recommended_services=services, without_recommendation=without)

    def to_dict(self) -> dict[str, Any]:
        return {"summary": self.summary(), "units": [u.to_dict() for u in self.triage.units], "vms": self.entries}


def run_batch(
    kb: KnowledgeBase,
    vms: pd.DataFrame,
    vnet_facts: pd.DataFrame | None,
    profiles: Mapping[str, AnswerProfile],
    default_profile: str | None,
    profile_problems: Mapping[str, list[Problem]] | None = None,
) -> BatchResult:
    """Triage ``vms`` and recommend for each one (see the module docstring).

    ``profile_problems`` (from :func:`read_checked_profiles`) are the reasons, naming the profiles file and
    line, given to the VMs of a profile that cannot be used.
    """
    if default_profile is not None and default_profile not in profiles:
        known = ", ".join(sorted(profiles)) or "none"
        raise InputError(
            Problem(f"no profile named {default_profile!r} (profiles: {known})", ident="--default-profile")
        )
    result = triage(vms, vnet_facts, kb.triage)
    suggestions = suggest(kb.prefill, vms, vnet_facts)
    chosen = vms[PROFILE_COLUMN] if PROFILE_COLUMN in vms.columns else pd.Series(pd.NA, index=vms.index)
    entries = []
    for vm, suggested, profile_name in zip(result.vm_dicts(), suggestions, chosen.tolist(), strict=True):
        name = profile_name if isinstance(profile_name, str) and profile_name.strip() else default_profile
        entries.append(_entry(kb, vm, suggested, profiles, name, profile_problems or {}))
    return BatchResult(result, entries)


def _entry(
    kb: KnowledgeBase,
    vm: dict[str, Any],
    suggested: Mapping[str, Any],
    profiles: Mapping[str, AnswerProfile],
    profile_name: str | None,
    profile_problems: Mapping[str, list[Problem]],
) -> dict[str, Any]:
    entry = {**vm, "profile": profile_name, "recommendation": None, "reason": None}
    if profile_name is None:
        entry["reason"] = "no profile: the inventory names none for this VM and no --default-profile was given"
        return entry
    profile = profiles.get(profile_name.strip())
    if profile is None:
        entry["reason"] = f"the inventory names profile {profile_name!r}, which the profiles file does not have"
        return entry
    faults = profile_problems.get(profile_name.strip())
    if faults:
        entry["reason"] = "the profile's answers cannot be used: " + "; ".join(str(p) for p in faults)
        return entry
    answers = {question: given.answer for question, given in suggested.items()} | profile.answers
    try:
        result = recommend(kb, answers, profile.knowledge_version)
    except AdvisorError as exc:
        entry["reason"] = "the answers cannot be used: " + "; ".join(str(p) for p in exc.problems)
        return entry
    entry["recommendation"] = result.to_dict()
    entry["answers_from_inventory"] = sorted(q for q in suggested if q not in profile.answers)
    return entry
