"""Outcomes of agenda items: each one a new record version linked to the session; every bad input refused."""

from __future__ import annotations

import pytest

from advisor import KnowledgeBase, services
from advisor.decide.record_builder import build_record
from advisor.errors import InputError
from advisor.models.record import GivenAnswer, Override
from advisor.services import ServiceContext
from tests.services.builders import (
    ANN,
    COMPLETE_ANSWERS,
    at_minute,
    new_workload,
    open_session,
    person,
    reviewed_workload,
)

DECIDER = "Ann Arbiter"


@pytest.mark.parametrize(
    ("outcome", "reason", "service", "status", "override", "change"),
    [
        (
            "accept",
            "",
            None,
            "accepted",
            None,
            "review session 'Board March': accepted, signed off by Ann Arbiter, unverified (local mode)",
        ),
        (
            "reject",
            "Licences do not move.",
            None,
            "rejected",
            None,
            "review session 'Board March': rejected, signed off by Ann Arbiter, unverified (local mode); "
            "reason: Licences do not move.",
        ),
        (
            "override",
            "The team runs App Service already.",
            "app-service",
            "accepted",
            Override(service="app-service", reason="The team runs App Service already."),
            "review session 'Board March': overridden to Azure App Service, signed off by Ann Arbiter, "
            "unverified (local mode); reason: The team runs App Service already.",
        ),
        (
            "defer",
            "",
            None,
            "proposed",
            None,
            "review session 'Board March': deferred, signed off by Ann Arbiter, unverified (local mode)",
        ),
        (
            "defer",
            "Wait for the vendor.",
            None,
            "proposed",
            None,
            "review session 'Board March': deferred, signed off by Ann Arbiter, unverified (local mode); "
            "reason: Wait for the vendor.",
        ),
    ],
)
def test_outcome_appends_a_version_linked_to_the_session(
    ctx: ServiceContext,
    kb: KnowledgeBase,
    board: tuple,
    outcome: str,
    reason: str,
    service: str | None,
    status: str,
    override: Override | None,
    change: str,
) -> None:
    session, workload, base = board

    record = services.decide_item(ctx, ANN, session.id, workload.id, outcome, reason, service, DECIDER)

    chosen = (record.override.service, record.override.reason) if record.override else None
    assert (record.version, record.status, chosen, record.change) == (
        2, status, (override.service, override.reason) if override else None, change,
    )  # fmt: skip
    assert (record.session_id, record.author, record.supersedes_version) == (session.id, DECIDER, None)
    assert record.signature == "Ann Arbiter, unverified (local mode)"
    # Everything the walk said is the base version's, unchanged.
    same = ("answers", "knowledge_version", "walk_status", "service", "path", "candidates", "conditions")
    assert all(getattr(record, field) == getattr(base, field) for field in same)
    assert services.record_history(ctx, workload.id) == [base, record]
    item = services.get_session(ctx, session.id).items[0]
    assert (item.outcome, item.reason, item.override_service, item.signed_off_by) == (
        outcome,
        reason,
        service,
        DECIDER,
    )
    assert (item.base_version, item.result_version, item.decided, item.stale) == (1, 2, True, False)
    assert item.signed_at == record.created_at
    assert services.session_records(ctx, session.id) == [record]
    assert services.agenda_records(ctx, session.id) == {workload.id: record}


def test_sign_off_name_is_matched_ignoring_case_and_saved_as_listed(
    ctx: ServiceContext, kb: KnowledgeBase, board: tuple
) -> None:
    session, workload, _ = board
    record = services.decide_item(ctx, ANN, session.id, workload.id, "accept", "", None, "  ann ARBITER ")
    assert record.author == DECIDER
    assert services.get_session(ctx, session.id).items[0].signed_off_by == DECIDER


@pytest.mark.parametrize(
    ("outcome", "reason", "service", "signer", "message"),
    [
        ("override", "", "app-service", DECIDER, "reason: an override needs a reason"),
        ("override", "   ", "app-service", DECIDER, "reason: an override needs a reason"),
        ("reject", "", None, DECIDER, "reason: a rejection needs a reason"),
        ("override", "Cheaper.", None, DECIDER, "override_service: an override needs the service chosen instead"),
        (
            "override",
            "Cheaper.",
            "no-such-service",
            DECIDER,
            "override_service: unknown service 'no-such-service': not a catalog entry of compute-tree-2026",
        ),
        (
            "override",
            "Cheaper.",
            "virtual-machines",
            DECIDER,
            "override_service: Azure Virtual Machines is the recommendation: accept it rather than override to it",
        ),
        ("accept", "", "app-service", DECIDER, "a service \\('app-service'\\) is only given with an override"),
        ("approve", "", None, DECIDER, "unknown outcome 'approve' \\(known: accept, reject, override, defer\\)"),
        (
            "accept",
            "",
            None,
            "Carl Consult",
            "'Carl Consult' is not a decision maker of this session \\(decision makers: Ann Arbiter\\)",
        ),
        ("accept", "", None, "Mallory", "'Mallory' is not a decision maker of this session"),
        ("accept", "", None, " ", "signed_off_by: a name is needed"),
    ],
)
def test_bad_outcome_is_refused_and_nothing_is_saved(
    ctx: ServiceContext,
    kb: KnowledgeBase,
    board: tuple,
    outcome: str,
    reason: str,
    service: str | None,
    signer: str,
    message: str,
) -> None:
    session, workload, _ = board

    with pytest.raises(InputError, match=message):
        services.decide_item(ctx, ANN, session.id, workload.id, outcome, reason, service, signer)

    assert services.latest_record(ctx, workload.id).version == 1
    assert not services.get_session(ctx, session.id).items[0].decided


def test_override_may_name_a_specialty_entry_of_the_records_version(
    ctx: ServiceContext, kb: KnowledgeBase, board: tuple
) -> None:
    session, workload, _ = board
    record = services.decide_item(ctx, ANN, session.id, workload.id, "override", "SAP estate.", "sap-on-azure", DECIDER)
    assert record.chosen_service == "sap-on-azure"
    assert services.latest_records(ctx)[0].chosen_service == "sap-on-azure"


def test_an_item_is_decided_once(ctx: ServiceContext, kb: KnowledgeBase, board: tuple) -> None:
    session, workload, _ = board
    services.decide_item(ctx, ANN, session.id, workload.id, "accept", "", None, DECIDER)

    with pytest.raises(
        InputError, match="workload 'Payroll' was already decided in this session: accepted, signed off"
    ):
        services.decide_item(ctx, ANN, session.id, workload.id, "reject", "Changed our minds.", None, DECIDER)
    with pytest.raises(InputError, match="was already decided"):
        services.refresh_item(ctx, ANN, session.id, workload.id)
    with pytest.raises(InputError, match=r"workload 'Payroll' was decided in this session .* and stays on its agenda"):
        services.set_agenda(ctx, ANN, session.id, [])
    assert services.latest_record(ctx, workload.id).version == 2


def test_notes_can_still_be_written_on_a_decided_item(ctx: ServiceContext, kb: KnowledgeBase, board: tuple) -> None:
    session, workload, _ = board
    services.decide_item(ctx, ANN, session.id, workload.id, "accept", "", None, DECIDER)
    assert (
        services.save_notes(ctx, ANN, session.id, workload.id, "Minutes taken by Ida.").notes == "Minutes taken by Ida."
    )


def test_archived_agenda_record_is_marked_refused_and_nothing_is_lost(
    ctx: ServiceContext, kb: KnowledgeBase, board: tuple
) -> None:
    session, workload, _ = board
    services.save_notes(ctx, ANN, session.id, workload.id, "Waiting for the owner.")
    services.archive_workload(ctx, ANN, workload.id)

    item = services.get_session(ctx, session.id).items[0]
    assert (item.archived, item.notes, item.base_version) == (True, "Waiting for the owner.", 1)
    with pytest.raises(
        InputError,
        match="workload 'Payroll' was archived after it was put on this agenda; restore it to decide on it "
        "\\(its notes and history are kept\\)",
    ):
        services.decide_item(ctx, ANN, session.id, workload.id, "accept", "", None, DECIDER)
    assert services.record_history(ctx, workload.id)[-1].version == 1

    services.restore_workload(ctx, ANN, workload.id)  # nothing was lost: restored, the item is decided as usual
    assert not services.get_session(ctx, session.id).items[0].archived
    assert services.decide_item(ctx, ANN, session.id, workload.id, "accept", "", None, DECIDER).version == 2


def test_one_session_decides_several_items_in_agenda_order(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    payroll, _ = reviewed_workload(ctx, "Payroll")
    billing, _ = reviewed_workload(ctx, "Billing")
    session = open_session(ctx)
    services.set_agenda(ctx, ANN, session.id, [billing.id, payroll.id])

    services.decide_item(ctx, ANN, session.id, payroll.id, "reject", "Retire it instead.", None, DECIDER)
    services.decide_item(ctx, ANN, session.id, billing.id, "accept", "", None, DECIDER)
    closed = services.close_session(ctx, person(DECIDER), session.id)

    assert [(i.workload_name, i.outcome) for i in closed.items] == [("Billing", "accept"), ("Payroll", "reject")]
    assert [(r.workload_name, r.status) for r in services.session_records(ctx, session.id)] == [
        ("Billing", "accepted"),
        ("Payroll", "rejected"),
    ]
    assert [r.session_id for r in services.latest_records(ctx)] == [session.id, session.id]


def test_undecided_item_stands_for_its_base_version_in_the_minutes_records(
    ctx: ServiceContext, kb: KnowledgeBase, board: tuple
) -> None:
    session, workload, base = board
    assert services.agenda_records(ctx, session.id) == {workload.id: base}
    assert services.session_records(ctx, session.id) == []


def test_a_decision_is_built_from_the_items_answers_as_the_questionnaire_builds_a_version(
    ctx: ServiceContext, kb: KnowledgeBase
) -> None:
    workload = new_workload(ctx, "Payroll")
    answers = {q: GivenAnswer(answer=a, note=f"why {q}") for q, a in COMPLETE_ANSWERS.items()}
    team = Override(service="app-service", reason="The team runs App Service.")
    base = services.save_answers(ctx, ANN, workload.id, base_version=0, answers=answers, override=team)
    session = open_session(ctx)
    services.set_agenda(ctx, ANN, session.id, [workload.id])

    record = services.decide_item(at_minute(ctx, 30), ANN, session.id, workload.id, "accept", "Fine.", None, DECIDER)

    expected = build_record(
        kb, workload=workload, answers=answers, knowledge_version=base.knowledge_version, author=DECIDER,
        version=2, status="accepted", override=team, session_id=session.id, now=record.created_at,
        change="review session 'Board March': accepted, signed off by Ann Arbiter, unverified (local mode); "
               "reason: Fine.",
    ).model_copy(update={"signature": "Ann Arbiter, unverified (local mode)"})  # fmt: skip
    assert record == expected
    assert record.answers["cots"].note == "why cots", "the notes are the item's version's"
    assert record.override == base.override, "accepting keeps the override the board looked at"
    assert record.override is not None
    assert record.override.service == team.service


@pytest.fixture
def unfinished_board(ctx: ServiceContext) -> tuple:
    """A session whose one item is a record without a service: the walk stops after the specialty question."""
    workload = new_workload(ctx, "Half done")
    services.save_answers(
        ctx, ANN, workload.id, base_version=0, answers={"specialty_workload": GivenAnswer(answer="none")}
    )
    session = open_session(ctx)
    services.set_agenda(ctx, ANN, session.id, [workload.id])
    return session, workload


@pytest.mark.parametrize(
    ("outcome", "reason", "service"),
    [("accept", "", None), ("override", "Cheaper.", "app-service"), ("reject", "Not now.", None)],
)
def test_a_record_without_a_service_cannot_be_accepted_overridden_or_rejected(
    ctx: ServiceContext, unfinished_board: tuple, outcome: str, reason: str, service: str | None
) -> None:
    session, workload = unfinished_board

    with pytest.raises(InputError) as raised:
        services.decide_item(ctx, ANN, session.id, workload.id, outcome, reason, service, DECIDER)

    assert str(raised.value) == (
        "<input>: outcome: workload 'Half done' has no recommended service yet (the questionnaire stops at “Are you "
        "migrating an existing workload, or building a new one?”), so it cannot be "
        f"{ {'accept': 'accepted', 'override': 'overridden', 'reject': 'rejected'}[outcome] }: defer it, and answer "
        "the remaining questions first"
    )
    assert services.latest_record(ctx, workload.id).version == 1
    assert not services.get_session(ctx, session.id).items[0].decided


def test_a_record_without_a_service_can_be_deferred_and_is_signed_off(
    ctx: ServiceContext, unfinished_board: tuple
) -> None:
    session, workload = unfinished_board

    record = services.decide_item(ctx, ANN, session.id, workload.id, "defer", "Answer the rest first.", None, DECIDER)

    assert (record.version, record.status, record.service, record.override) == (2, "proposed", None, None)
    item = services.get_session(ctx, session.id).items[0]
    assert (item.outcome, item.signed_off_by) == ("defer", DECIDER)
