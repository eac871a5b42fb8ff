"""Builders for tests that set up states through the services: acting people, workloads, record versions
saved at fixed times (built exactly as the questionnaire builds them), and review sessions.

``make_record`` builds a record without saving it (what ``save`` saves, for comparing); ``save`` saves one
through :func:`advisor.services.save_answers` with the context's clock fixed, so the saved record equals
``make_record`` with the same arguments.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping

from advisor import KnowledgeBase, services
from advisor.decide.record_builder import build_record
from advisor.models.actor import Actor
from advisor.models.answer_profile import AnswerProfile
from advisor.models.record import DecisionRecord, DecisionStatus, GivenAnswer, Override, Workload
from advisor.models.session import ReviewSession
from advisor.services import ServiceContext
from advisor.store import Database

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
BOARD_DATE = datetime.date(2026, 3, 2)
ATTENDEES = [("Ann Arbiter", "decision_maker"), ("Carl Consult", "consulted"), ("Ida Inform", "informed")]


def open_ctx(url: str, kb: KnowledgeBase) -> ServiceContext:
    """A context of its own on ``url`` (another app instance, another thread)."""
    return ServiceContext(Database(url), kb)


def person(name: str = "Ann") -> Actor:
    """A named person acting in the app."""
    return Actor.local(name)


ANN = person("Ann")


def at_minute(ctx: ServiceContext, minute: int) -> ServiceContext:
    """The context with its clock stopped at 2026-03-01 09:<minute> UTC (what ``make_record`` uses)."""
    moment = datetime.datetime(2026, 3, 1, 9, minute, tzinfo=datetime.UTC)
    return dataclasses.replace(ctx, clock=lambda: moment)


def given(answers: Mapping[str, str]) -> dict[str, GivenAnswer]:
    return {question: GivenAnswer(answer=answer) for question, answer in answers.items()}


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
        answers=given(answers),
        knowledge_version="compute-tree-2026",
        author=author,
        version=version,
        status=status,
        override=override,
        change=change,
        now=datetime.datetime(2026, 3, 1, 9, minute, tzinfo=datetime.UTC),
    )


def new_workload(ctx: ServiceContext, name: str, **fields: object) -> Workload:
    """A workload created through the service, as Ann."""
    return services.create_workload(ctx, ANN, name, **fields)  # type: ignore[arg-type]


def save(
    ctx: ServiceContext,
    workload: Workload,
    version: int,
    *,
    answers: Mapping[str, str] = COMPLETE_ANSWERS,
    status: DecisionStatus = "proposed",
    override: Override | None = None,
    author: str = "Ann",
    change: str = "",
    minute: int = 0,
    knowledge_version: str = "compute-tree-2026",
) -> DecisionRecord:
    """Save version ``version`` (on top of ``version - 1``) through the records service, at a fixed time: the
    record equals ``make_record`` with the same arguments."""
    return services.save_answers(
        at_minute(ctx, minute),
        person(author),
        workload.id,
        base_version=version - 1,
        answers=given(answers),
        knowledge_version=knowledge_version,
        change=change,
        status=status,
        override=override,
    )


def reviewed_workload(ctx: ServiceContext, name: str = "Payroll") -> tuple[Workload, DecisionRecord]:
    """A workload with one record version: the 2026 walk to virtual-machines."""
    workload = new_workload(ctx, name)
    return workload, save(ctx, workload, 1)


def open_session(
    ctx: ServiceContext, title: str = "Board March", attendees: list[tuple[str, str]] = ATTENDEES
) -> ReviewSession:
    """An open review session created by Ann Arbiter."""
    return services.create_session(ctx, person("Ann Arbiter"), title, BOARD_DATE, attendees)


def left_by_an_older_installation(
    ctx: ServiceContext, *, profile: tuple[str, dict] | None = None, record: DecisionRecord | None = None
) -> None:
    """Rows an older installation (older knowledge, older rules) may have left, written as they are, without
    the services' checks: a profile whose answers this knowledge refuses, a record under a knowledge version
    this installation no longer ships."""
    with ctx.database.transaction() as unit:
        if profile is not None:
            name, fields = profile
            unit.profiles.insert_profile_row(name, AnswerProfile.model_validate(fields), "Seeder", ctx.now())
        if record is not None:
            unit.records.insert_version_rows([record])
