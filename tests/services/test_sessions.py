"""Review sessions through the services: creation, agenda, notes, closing; every bad input a clear InputError."""

from __future__ import annotations

import datetime

import pytest

from advisor import KnowledgeBase, services
from advisor.errors import AccessError, InputError
from advisor.models.actor import Actor
from advisor.models.record import Override
from advisor.models.session import Attendee
from advisor.services import ServiceContext
from tests.services.builders import (
    ANN,
    ATTENDEES,
    BOARD_DATE,
    INCOMPLETE_ANSWERS,
    new_workload,
    open_session,
    person,
    reviewed_workload,
    save,
)


def test_new_session_is_open_with_its_attendees_in_the_given_order(ctx: ServiceContext) -> None:
    session = open_session(ctx)

    assert (session.title, session.date, session.status, session.created_by) == (
        "Board March",
        BOARD_DATE,
        "open",
        "Ann Arbiter",
    )
    assert session.attendees == (
        Attendee("Ann Arbiter", "decision_maker"),
        Attendee("Carl Consult", "consulted"),
        Attendee("Ida Inform", "informed"),
    )
    assert session.decision_makers == ("Ann Arbiter",)
    assert session.items == ()
    assert session.closed_at is None
    assert session.closed_by is None
    assert services.get_session(ctx, session.id) == session


def test_sessions_are_listed_newest_date_first(ctx: ServiceContext) -> None:
    older = services.create_session(ctx, person("Ann"), "January board", datetime.date(2026, 1, 5), ATTENDEES)
    newer = services.create_session(ctx, person("Ann"), "March board", datetime.date(2026, 3, 2), ATTENDEES)

    assert [s.id for s in services.list_sessions(ctx)] == [newer.id, older.id]
    assert services.list_sessions(ctx)[1].attendees == older.attendees


@pytest.mark.parametrize(
    ("title", "attendees", "message"),
    [
        ("  ", ATTENDEES, "a review session needs a title"),
        ("T" * 121, ATTENDEES, "at most 120 characters"),
        ("Board", [("Carl", "consulted")], "needs at least one decision maker"),
        ("Board", [], "needs at least one decision maker"),
        ("Board", [("Ann", "decision_maker"), ("Bob", "chair")], "unknown role 'chair' for 'Bob'"),
        ("Board", [("Ann", "decision_maker"), (" ann ", "consulted")], "'ann' is listed twice"),
        ("Board", [("", "decision_maker")], "a name is needed"),
    ],
)
def test_bad_session_is_refused_and_nothing_is_created(
    ctx: ServiceContext, title: str, attendees: list[tuple[str, str]], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        services.create_session(ctx, person("Ann"), title, BOARD_DATE, attendees)

    assert services.list_sessions(ctx) == []


def test_session_needs_an_author_and_a_date(ctx: ServiceContext) -> None:
    # The author is the acting person now: one whose name is blank is refused before anything is read.
    with pytest.raises(AccessError, match="actor: the acting person 'local:' has no display name"):
        services.create_session(ctx, Actor(id="local:", name=" ", source="app"), "Board", BOARD_DATE, ATTENDEES)
    with pytest.raises(InputError, match="date: must be a date, found str"):
        services.create_session(ctx, person("Ann"), "Board", "2026-03-02", ATTENDEES)  # type: ignore[arg-type]
    assert services.list_sessions(ctx) == []


def test_agenda_by_hand_keeps_the_order_given_and_takes_each_latest_version(
    ctx: ServiceContext, kb: KnowledgeBase
) -> None:
    payroll, _ = reviewed_workload(ctx, "Payroll")
    billing, _ = reviewed_workload(ctx, "Billing")
    save(ctx, billing, 2, change="second")
    session = open_session(ctx)

    agenda = services.set_agenda(ctx, ANN, session.id, [payroll.id, billing.id]).items

    assert [(i.workload_name, i.position, i.base_version) for i in agenda] == [("Payroll", 0, 1), ("Billing", 1, 2)]
    assert all(not i.decided and not i.stale and not i.archived and i.notes == "" for i in agenda)


def test_resetting_the_agenda_keeps_notes_and_versions_of_items_kept(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    payroll, _ = reviewed_workload(ctx, "Payroll")
    billing, _ = reviewed_workload(ctx, "Billing")
    crm, _ = reviewed_workload(ctx, "CRM")
    session = open_session(ctx)
    services.set_agenda(ctx, ANN, session.id, [payroll.id, billing.id])
    services.save_notes(ctx, ANN, session.id, payroll.id, "Discussed licensing.")
    save(ctx, payroll, 2)  # saved elsewhere after the item was taken

    agenda = services.set_agenda(ctx, ANN, session.id, [crm.id, payroll.id]).items

    assert [(i.workload_name, i.position, i.base_version, i.notes) for i in agenda] == [
        ("CRM", 0, 1, ""),
        ("Payroll", 1, 1, "Discussed licensing."),
    ]
    assert agenda[1].stale  # version 2 exists, the item is still at version 1
    assert agenda[1].latest_version == 2


def test_refreshing_an_item_takes_it_at_the_latest_version(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    payroll, _ = reviewed_workload(ctx)
    session = open_session(ctx)
    services.set_agenda(ctx, ANN, session.id, [payroll.id])
    save(ctx, payroll, 2)

    item = services.refresh_item(ctx, ANN, session.id, payroll.id)

    assert (item.base_version, item.stale) == (2, False)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("twice", "workload 'Payroll' is on the agenda twice"),
        ("archived", "workload 'Payroll' is archived; restore it to put it on an agenda"),
        ("no record", "workload 'Payroll' has no record yet"),
        ("unknown", "no workload with id 999"),
    ],
)
def test_bad_agenda_is_refused_and_the_agenda_stays(
    ctx: ServiceContext, kb: KnowledgeBase, setup: str, message: str
) -> None:
    session = open_session(ctx)
    if setup == "no record":
        payroll = new_workload(ctx, "Payroll")
    else:
        payroll, _ = reviewed_workload(ctx)
    if setup == "archived":
        services.archive_workload(ctx, ANN, payroll.id)
    ids = {"twice": [payroll.id, payroll.id], "unknown": [999]}.get(setup, [payroll.id])

    with pytest.raises(InputError, match=message):
        services.set_agenda(ctx, ANN, session.id, ids)

    assert services.get_session(ctx, session.id).items == ()


def test_agenda_by_filter_picks_latest_records_by_status_service_and_version(
    ctx: ServiceContext, kb: KnowledgeBase
) -> None:
    payroll, _ = reviewed_workload(ctx, "Payroll")  # virtual-machines, proposed
    billing, _ = reviewed_workload(ctx, "Billing")
    save(ctx, billing, 2, status="accepted")
    crm = new_workload(ctx, "CRM")
    save(ctx, crm, 1, answers=INCOMPLETE_ANSWERS)  # in progress, no service
    web, _ = reviewed_workload(ctx, "Web")
    save(ctx, web, 2, override=Override(service="app-service", reason="team knows it"))
    old, _ = reviewed_workload(ctx, "Old")
    services.archive_workload(ctx, ANN, old.id)

    assert services.agenda_by_filter(ctx) == [billing.id, crm.id, payroll.id, web.id]  # by name, archived left out
    assert services.agenda_by_filter(ctx, status="recommended") == [payroll.id, web.id]
    assert services.agenda_by_filter(ctx, status="accepted") == [billing.id]
    assert services.agenda_by_filter(ctx, status="in_progress") == [crm.id]
    assert services.agenda_by_filter(ctx, service="virtual-machines") == [billing.id, payroll.id]
    assert services.agenda_by_filter(ctx, service="app-service") == [web.id]  # the override is the chosen service
    assert services.agenda_by_filter(ctx, knowledge_version="compute-tree-2025") == []
    assert services.agenda_by_filter(ctx, status="proposed", service="virtual-machines") == [payroll.id]
    with pytest.raises(InputError, match="unknown status 'done'"):
        services.agenda_by_filter(ctx, status="done")


def test_notes_are_kept_byte_exact_html_included(ctx: ServiceContext, board: tuple) -> None:
    session, workload, _ = board
    notes = "  <script>alert('x')</script>\n# not a heading | not a cell\r\n**kept** &amp; as typed  "

    item = services.save_notes(ctx, ANN, session.id, workload.id, notes)

    assert item.notes == notes
    assert services.get_session(ctx, session.id).items[0].notes == notes


def test_overlong_notes_are_refused(ctx: ServiceContext, board: tuple) -> None:
    session, workload, _ = board
    with pytest.raises(InputError, match="notes: can have at most 20000 characters"):
        services.save_notes(ctx, ANN, session.id, workload.id, "x" * 20_001)


def test_notes_for_a_workload_off_the_agenda_are_refused(ctx: ServiceContext, kb: KnowledgeBase, board: tuple) -> None:
    session, _, _ = board
    other, _ = reviewed_workload(ctx, "Billing")
    with pytest.raises(InputError, match="workload 'Billing' is not on this session's agenda"):
        services.save_notes(ctx, ANN, session.id, other.id, "x")


def test_closing_makes_the_session_read_only(ctx: ServiceContext, kb: KnowledgeBase, board: tuple) -> None:
    session, workload, _ = board
    services.save_notes(ctx, ANN, session.id, workload.id, "Before closing.")

    closed = services.close_session(ctx, person("Ann Arbiter"), session.id)

    assert (closed.status, closed.closed_by, closed.is_open) == ("closed", "Ann Arbiter", False)
    assert closed.closed_at is not None
    read_only = "review session 'Board March' was closed on .* by Ann Arbiter; a closed session is read-only"
    with pytest.raises(InputError, match=read_only):
        services.save_notes(ctx, ANN, session.id, workload.id, "After closing.")
    with pytest.raises(InputError, match=read_only):
        services.decide_item(ctx, ANN, session.id, workload.id, "accept", "", None, "Ann Arbiter")
    with pytest.raises(InputError, match=read_only):
        services.set_agenda(ctx, ANN, session.id, [])
    with pytest.raises(InputError, match=read_only):
        services.refresh_item(ctx, ANN, session.id, workload.id)
    after = services.get_session(ctx, session.id)
    assert after.items[0].notes == "Before closing."
    assert not after.items[0].decided
    assert services.latest_record(ctx, workload.id).version == 1


def test_closing_twice_says_when_it_was_closed(ctx: ServiceContext, board: tuple) -> None:
    session, _, _ = board
    closed = services.close_session(ctx, person("Ann Arbiter"), session.id)
    when = closed.closed_at.strftime("%Y-%m-%d %H:%M:%S UTC")

    with pytest.raises(InputError, match=f"review session 'Board March' was already closed on {when} by Ann Arbiter"):
        services.close_session(ctx, person("Carl Consult"), session.id)

    assert services.get_session(ctx, session.id).closed_by == "Ann Arbiter"


def test_unknown_session_is_an_input_error(ctx: ServiceContext) -> None:
    with pytest.raises(InputError, match="no review session with id 42"):
        services.get_session(ctx, 42)
    with pytest.raises(InputError, match="no review session with id 42"):
        services.close_session(ctx, person("Ann"), 42)
