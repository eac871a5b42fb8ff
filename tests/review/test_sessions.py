"""Review sessions in the store: creation, agenda, notes, closing; every bad input a clear InputError."""

from __future__ import annotations

import datetime

import pytest

from advisor import KnowledgeBase
from advisor.errors import InputError
from advisor.models.record import Override
from advisor.models.session import Attendee
from advisor.store import Store
from tests.review.conftest import ATTENDEES, BOARD_DATE, open_session, reviewed_workload
from tests.store.builders import INCOMPLETE_ANSWERS, make_record


def test_new_session_is_open_with_its_attendees_in_the_given_order(store: Store) -> None:
    session = open_session(store)

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
    assert store.get_session(session.id) == session


def test_sessions_are_listed_newest_date_first(store: Store) -> None:
    older = store.create_session("January board", datetime.date(2026, 1, 5), ATTENDEES, "Ann")
    newer = store.create_session("March board", datetime.date(2026, 3, 2), ATTENDEES, "Ann")

    assert [s.id for s in store.list_sessions()] == [newer.id, older.id]
    assert store.list_sessions()[1].attendees == older.attendees


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
    store: Store, title: str, attendees: list[tuple[str, str]], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        store.create_session(title, BOARD_DATE, attendees, "Ann")

    assert store.list_sessions() == []


def test_session_needs_an_author_and_a_date(store: Store) -> None:
    with pytest.raises(InputError, match="author: a name is needed"):
        store.create_session("Board", BOARD_DATE, ATTENDEES, " ")
    with pytest.raises(InputError, match="date: must be a date, found str"):
        store.create_session("Board", "2026-03-02", ATTENDEES, "Ann")  # type: ignore[arg-type]


def test_agenda_by_hand_keeps_the_order_given_and_takes_each_latest_version(store: Store, kb: KnowledgeBase) -> None:
    payroll, _ = reviewed_workload(store, kb, "Payroll")
    billing, _ = reviewed_workload(store, kb, "Billing")
    store.append_record(make_record(kb, billing, 2, change="second"))
    session = open_session(store)

    agenda = store.set_agenda(session.id, [payroll.id, billing.id]).items

    assert [(i.workload_name, i.position, i.base_version) for i in agenda] == [("Payroll", 0, 1), ("Billing", 1, 2)]
    assert all(not i.decided and not i.stale and not i.archived and i.notes == "" for i in agenda)


def test_resetting_the_agenda_keeps_notes_and_versions_of_items_kept(store: Store, kb: KnowledgeBase) -> None:
    payroll, _ = reviewed_workload(store, kb, "Payroll")
    billing, _ = reviewed_workload(store, kb, "Billing")
    crm, _ = reviewed_workload(store, kb, "CRM")
    session = open_session(store)
    store.set_agenda(session.id, [payroll.id, billing.id])
    store.save_notes(session.id, payroll.id, "Discussed licensing.")
    store.append_record(make_record(kb, payroll, 2))  # saved elsewhere after the item was taken

    agenda = store.set_agenda(session.id, [crm.id, payroll.id]).items

    assert [(i.workload_name, i.position, i.base_version, i.notes) for i in agenda] == [
        ("CRM", 0, 1, ""),
        ("Payroll", 1, 1, "Discussed licensing."),
    ]
    assert agenda[1].stale  # version 2 exists, the item is still at version 1
    assert agenda[1].latest_version == 2


def test_refreshing_an_item_takes_it_at_the_latest_version(store: Store, kb: KnowledgeBase) -> None:
    payroll, _ = reviewed_workload(store, kb)
    session = open_session(store)
    store.set_agenda(session.id, [payroll.id])
    store.append_record(make_record(kb, payroll, 2))

    item = store.refresh_item(session.id, payroll.id)

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
def test_bad_agenda_is_refused_and_the_agenda_stays(store: Store, kb: KnowledgeBase, setup: str, message: str) -> None:
    session = open_session(store)
    if setup == "no record":
        payroll = store.create_workload("Payroll")
    else:
        payroll, _ = reviewed_workload(store, kb)
    if setup == "archived":
        store.archive_workload(payroll.id)
    ids = {"twice": [payroll.id, payroll.id], "unknown": [999]}.get(setup, [payroll.id])

    with pytest.raises(InputError, match=message):
        store.set_agenda(session.id, ids)

    assert store.get_session(session.id).items == ()


def test_agenda_by_filter_picks_latest_records_by_status_service_and_version(store: Store, kb: KnowledgeBase) -> None:
    payroll, _ = reviewed_workload(store, kb, "Payroll")  # virtual-machines, proposed
    billing, _ = reviewed_workload(store, kb, "Billing")
    store.append_record(make_record(kb, billing, 2, status="accepted"))
    crm = store.create_workload("CRM")
    store.append_record(make_record(kb, crm, 1, answers=INCOMPLETE_ANSWERS))  # in progress, no service
    web, _ = reviewed_workload(store, kb, "Web")
    store.append_record(make_record(kb, web, 2, override=Override(service="app-service", reason="team knows it")))
    old, _ = reviewed_workload(store, kb, "Old")
    store.archive_workload(old.id)

    assert store.agenda_by_filter() == [billing.id, crm.id, payroll.id, web.id]  # by name, archived left out
    assert store.agenda_by_filter(status="recommended") == [payroll.id, web.id]
    assert store.agenda_by_filter(status="accepted") == [billing.id]
    assert store.agenda_by_filter(status="in_progress") == [crm.id]
    assert store.agenda_by_filter(service="virtual-machines") == [billing.id, payroll.id]
    assert store.agenda_by_filter(service="app-service") == [web.id]  # the override is the chosen service
    assert store.agenda_by_filter(knowledge_version="compute-tree-2025") == []
    assert store.agenda_by_filter(status="proposed", service="virtual-machines") == [payroll.id]
    with pytest.raises(InputError, match="unknown status 'done'"):
        store.agenda_by_filter(status="done")


def test_notes_are_kept_byte_exact_html_included(store: Store, board: tuple) -> None:
    session, workload, _ = board
    notes = "  <script>alert('x')</script>\n# not a heading | not a cell\r\n**kept** &amp; as typed  "

    item = store.save_notes(session.id, workload.id, notes)

    assert item.notes == notes
    assert store.get_session(session.id).items[0].notes == notes


def test_overlong_notes_are_refused(store: Store, board: tuple) -> None:
    session, workload, _ = board
    with pytest.raises(InputError, match="notes: can have at most 20000 characters"):
        store.save_notes(session.id, workload.id, "x" * 20_001)


def test_notes_for_a_workload_off_the_agenda_are_refused(store: Store, kb: KnowledgeBase, board: tuple) -> None:
    session, _, _ = board
    other, _ = reviewed_workload(store, kb, "Billing")
    with pytest.raises(InputError, match="workload 'Billing' is not on this session's agenda"):
        store.save_notes(session.id, other.id, "x")


def test_closing_makes_the_session_read_only(store: Store, kb: KnowledgeBase, board: tuple) -> None:
    session, workload, _ = board
    store.save_notes(session.id, workload.id, "Before closing.")

    closed = store.close_session(session.id, "Ann Arbiter")

    assert (closed.status, closed.closed_by, closed.is_open) == ("closed", "Ann Arbiter", False)
    assert closed.closed_at is not None
    read_only = "review session 'Board March' was closed on .* by Ann Arbiter; a closed session is read-only"
    with pytest.raises(InputError, match=read_only):
        store.save_notes(session.id, workload.id, "After closing.")
    with pytest.raises(InputError, match=read_only):
        store.record_outcome(session.id, workload.id, "accept", "", None, "Ann Arbiter", kb)
    with pytest.raises(InputError, match=read_only):
        store.set_agenda(session.id, [])
    with pytest.raises(InputError, match=read_only):
        store.refresh_item(session.id, workload.id)
    after = store.get_session(session.id)
    assert after.items[0].notes == "Before closing."
    assert not after.items[0].decided
    assert store.latest_record(workload.id).version == 1


def test_closing_twice_says_when_it_was_closed(store: Store, board: tuple) -> None:
    session, _, _ = board
    closed = store.close_session(session.id, "Ann Arbiter")
    when = closed.closed_at.strftime("%Y-%m-%d %H:%M:%S UTC")

    with pytest.raises(InputError, match=f"review session 'Board March' was already closed on {when} by Ann Arbiter"):
        store.close_session(session.id, "Carl Consult")

    assert store.get_session(session.id).closed_by == "Ann Arbiter"


def test_unknown_session_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError, match="no review session with id 42"):
        store.get_session(42)
    with pytest.raises(InputError, match="no review session with id 42"):
        store.close_session(42, "Ann")
