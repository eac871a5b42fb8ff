"""A record's readable history: the versions that matter, each with why; every version is still there."""

from __future__ import annotations

import datetime

from advisor import KnowledgeBase
from advisor.models.record import Override, Workload
from advisor.review.history import milestones
from tests.services.builders import COMPLETE_ANSWERS, make_record

MOMENT = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
PAYROLL = Workload(id=1, name="Payroll", created_at=MOMENT, updated_at=MOMENT)
WALK = list(COMPLETE_ANSWERS.items())  # six answers end at virtual-machines


def _walk(kb: KnowledgeBase) -> list:
    """Versions 1 to 6: one per answer of the complete 2026 walk (only the sixth completes it)."""
    records = []
    for version in range(1, len(WALK) + 1):
        answers = dict(WALK[:version])
        records.append(make_record(kb, PAYROLL, version, answers=answers, change=f"answered {WALK[version - 1][0]}"))
    return records


def test_a_walk_keeps_its_first_version_and_its_first_complete_recommendation(kb: KnowledgeBase) -> None:
    found = milestones(_walk(kb))

    assert [(m.version, m.why) for m in found] == [
        (1, ("first version",)),
        (6, ("first complete recommendation: virtual-machines", "latest version")),
    ]


def test_answer_changes_count_only_when_they_change_the_outcome(kb: KnowledgeBase) -> None:
    walk = _walk(kb)
    same = make_record(kb, PAYROLL, 7, answers=COMPLETE_ANSWERS | {"cots": "yes"}, change="note added")
    build = {"specialty_workload": "none", "migrate_or_build": "build_new"}
    unfinished = make_record(kb, PAYROLL, 8, answers=build, change="answered migrate_or_build = build_new")
    names = {"virtual-machines": "Azure Virtual Machines"}

    found = milestones([*walk, same, unfinished], lambda s: names.get(s, s))

    assert [(m.version, m.why) for m in found] == [
        (1, ("first version",)),
        (6, ("first complete recommendation: Azure Virtual Machines",)),
        (8, ("outcome changed: Azure Virtual Machines → unfinished walk", "latest version")),
    ]


def test_overrides_decisions_and_supersessions_are_milestones(kb: KnowledgeBase) -> None:
    walk = _walk(kb)
    override = Override(service="app-service", reason="The team runs App Service already.")
    overridden = make_record(kb, PAYROLL, 7, override=override)
    accepted = make_record(kb, PAYROLL, 8, override=override, status="accepted")
    removed = make_record(kb, PAYROLL, 9, status="proposed")

    found = milestones([*walk, overridden, accepted, removed])

    assert [(m.version, m.why) for m in found][2:] == [
        (7, ("override to app-service",)),
        (8, ("decision: accepted",)),
        (9, ("override removed", "latest version")),
    ]


def test_a_single_version_is_its_own_only_milestone(kb: KnowledgeBase) -> None:
    [only] = milestones([make_record(kb, PAYROLL, 1, answers={"specialty_workload": "none"})])

    assert only.why == ("first version", "latest version")
