"""Records for store tests, built exactly as the questionnaire builds them (``build_record``)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from advisor import KnowledgeBase
from advisor.decide.record_builder import build_record
from advisor.models.record import DecisionRecord, DecisionStatus, GivenAnswer, Override, Workload

# A complete 2026 walk to virtual-machines, and the first step of one (the walk stops incomplete).
COMPLETE_ANSWERS = {
    "specialty_workload": "none",
    "migrate_or_build": "migrate",
    "migration_approach": "lift_and_shift",
    "containerizable": "no",
    "cots": "yes",
    "vmware": "no",
}
INCOMPLETE_ANSWERS = {"specialty_workload": "none"}


def make_record(
    kb: KnowledgeBase,
    workload: Workload,
    version: int,
    *,
    answers: Mapping[str, str] = COMPLETE_ANSWERS,
    status: DecisionStatus = "proposed",
    override: Override | None = None,
    author: str = "Ann",
    change: str = "",
    minute: int = 0,
) -> DecisionRecord:
    """A record as the questionnaire would build it, at a fixed time (so expectations can name it)."""
    return build_record(
        kb,
        workload=workload,
        answers={question: GivenAnswer(answer=answer) for question, answer in answers.items()},
        knowledge_version="compute-tree-2026",
        author=author,
        version=version,
        status=status,
        override=override,
        change=change,
        now=datetime.datetime(2026, 3, 1, 9, minute, tzinfo=datetime.UTC),
    )
