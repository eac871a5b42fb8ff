"""Adopting a what-if as the workload's next version, with a mandatory reason (the sandbox itself:
tests/review/test_what_if.py). The record walks 2026 to Virtual Machines and holds two answers off that path;
containerizable = yes turns it into Azure App Service (decision-tree.md 2.1, B3 then B4)."""

from __future__ import annotations

import pytest

from advisor import KnowledgeBase, services
from advisor.errors import ConflictError, InputError
from advisor.models.record import Override
from advisor.services import ServiceContext
from tests.services.builders import ANN, COMPLETE_ANSWERS, new_workload, save

ANSWERS = {**COMPLETE_ANSWERS, "event_driven": "no", "managed_web_hosting": "yes"}


def test_what_if_saves_nothing_and_adopt_saves_one_version_with_the_reason(
    ctx: ServiceContext, kb: KnowledgeBase
) -> None:
    workload = new_workload(ctx, "Payroll")
    record = save(ctx, workload, 1, answers=ANSWERS)

    services.explore_what_if(ctx, record, {"containerizable": "yes"})
    assert services.record_history(ctx, workload.id) == [record]

    saved = services.adopt_what_if(ctx, ANN, record, {"containerizable": "yes"}, "  It runs in Docker already.  ")

    assert services.record_history(ctx, workload.id) == [record, saved]
    assert (saved.version, saved.status, saved.service, saved.author) == (2, "proposed", "app-service", "Ann")
    assert saved.change == "what-if adopted: containerizable no → yes; reason: It runs in Docker already."
    assert saved.answers["containerizable"].answer == "yes"


@pytest.mark.parametrize("reason", ["", "   "])
def test_adopting_needs_a_reason(ctx: ServiceContext, kb: KnowledgeBase, reason: str) -> None:
    workload = new_workload(ctx, "Payroll")
    record = save(ctx, workload, 1, answers=ANSWERS)

    with pytest.raises(InputError, match="reason: adopting a what-if needs a reason"):
        services.adopt_what_if(ctx, ANN, record, {"containerizable": "yes"}, reason)

    assert services.record_history(ctx, workload.id) == [record]


def test_adopting_no_change_is_refused(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    workload = new_workload(ctx, "Payroll")
    record = save(ctx, workload, 1, answers=ANSWERS)
    with pytest.raises(InputError, match="no answer differs from the record: there is nothing to adopt"):
        services.adopt_what_if(ctx, ANN, record, {"containerizable": "no"}, "Why not.")


def test_adopting_drops_the_override_and_says_so(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    workload = new_workload(ctx, "Payroll")
    override = Override(service="batch", reason="Nightly jobs.")
    record = save(ctx, workload, 1, answers=ANSWERS, override=override)

    saved = services.adopt_what_if(ctx, ANN, record, {"containerizable": "yes"}, "Containerized.")

    assert saved.override is None
    assert saved.change.endswith("; override to batch dropped")


def test_adopting_from_a_stale_record_is_a_conflict(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    workload = new_workload(ctx, "Payroll")
    record = save(ctx, workload, 1, answers=ANSWERS)
    save(ctx, workload, 2, answers=ANSWERS, author="Bob")

    with pytest.raises(ConflictError, match="version 2 was saved by Bob"):
        services.adopt_what_if(ctx, ANN, record, {"containerizable": "yes"}, "Containerized.")
    assert len(services.record_history(ctx, workload.id)) == 2
