"""Review sessions page: create a session, pick its agenda, decide each item (accept, reject, override, defer)
with a sign-off, conflicts between two reviewers, closing (once), read-only closed sessions, archived agenda
records, HTML in notes, and the minutes' download buttons."""

from __future__ import annotations

import datetime

import pytest

from advisor import services
from tests.services.builders import ANN, COMPLETE_ANSWERS, new_workload, person
from tests.ui.uihelp import click, goto, labels, one, page_text, run, save_version, shown_values, sign_in, values

BOARD_DATE = datetime.date(2026, 3, 2)
ATTENDEES = [("Ann Arbiter", "decision_maker"), ("Carl Consult", "consulted"), ("Ida Inform", "informed")]
SIGN_OFF = "Sign off"
REASON = "Reason (required to reject or override)"


@pytest.fixture
def workloads(ctx, kb):
    """Two workloads with a complete 2026 walk to Azure Virtual Machines, each at version 1."""
    found = {}
    for name in ("Billing", "Payroll"):
        workload = new_workload(ctx, name)
        save_version(ctx, workload, COMPLETE_ANSWERS, 1)
        found[name] = workload
    return found


@pytest.fixture
def session(ctx, workloads):
    """An open session whose agenda is Billing then Payroll, both at version 1."""
    created = services.create_session(ctx, person("Ann Arbiter"), "Board March", BOARD_DATE, ATTENDEES)
    return services.set_agenda(ctx, ANN, created.id, [workloads["Billing"].id, workloads["Payroll"].id])


def _page(new_app, name="Ann Arbiter"):
    return goto(sign_in(run(new_app()), name), "Review sessions")


def _open(new_app, session, name="Ann Arbiter"):
    at = _page(new_app, name)
    one(at.selectbox, "Open a session").set_value(session.id)
    return run(at)


def _decide(at, outcome, reason="", service=None, signer=None):
    one(at.radio, "Outcome").set_value(outcome)
    one(at.text_area, REASON).set_value(reason)
    if service is not None:
        one(at.selectbox, "Override to").set_value(service)
    if signer is not None:
        one(at.selectbox, "Sign off as").set_value(signer)
    return click(at, SIGN_OFF)


def _table(at, column):
    [frame] = [d.value for d in at.dataframe if column in d.value.columns]
    return frame


def test_empty_page_invites_to_create_the_first_session(new_app):
    at = _page(new_app)
    assert values(at.title) == ["Review sessions"]
    assert "No review session yet: create the first one above." in values(at.info)
    assert "➕ New session" in labels(at.expander)


def test_create_a_session_with_attendees_and_roles(new_app, ctx):
    at = _page(new_app)
    one(at.number_input, "Number of attendees").set_value(4)
    run(at)
    one(at.text_input, "Title").set_value("Board March")
    one(at.date_input, "Date").set_value(BOARD_DATE)
    for n, (name, role) in enumerate([*ATTENDEES, ("", "consulted")], start=1):
        one(at.text_input, f"Attendee {n}").set_value(name)
        one(at.selectbox, f"Role of attendee {n}").set_value(role)
    click(at, "Create session")
    [created] = services.list_sessions(ctx)
    assert (created.title, created.date, created.status, created.created_by) == (
        "Board March", BOARD_DATE, "open", "Ann Arbiter",
    )  # fmt: skip
    assert [(a.name, a.role) for a in created.attendees] == ATTENDEES, "the empty fourth row is skipped"
    assert any("Created review session Board March" in s for s in shown_values(at.success))
    assert "Board March" in shown_values(at.header)
    attendees = _table(at, "Role")
    assert list(zip(attendees["Attendee"], attendees["Role"], strict=True)) == [
        ("Ann Arbiter", "decision maker"), ("Carl Consult", "consulted"), ("Ida Inform", "informed"),
    ]  # fmt: skip
    assert "The agenda is empty: add workloads by filter or by hand above." in values(at.info)
    assert list(_table(at, "Decision makers")["Title"]) == ["Board March"]


def test_a_session_without_a_decision_maker_is_refused(new_app, ctx):
    at = _page(new_app)
    one(at.text_input, "Title").set_value("Board")
    one(at.text_input, "Attendee 1").set_value("Carl")
    one(at.selectbox, "Role of attendee 1").set_value("consulted")
    click(at, "Create session")
    assert any("needs at least one decision maker" in e for e in shown_values(at.error))
    assert services.list_sessions(ctx) == []


def test_agenda_by_hand_then_one_item_at_a_time(new_app, ctx, workloads):
    created = services.create_session(ctx, person("Ann Arbiter"), "Board March", BOARD_DATE, ATTENDEES)
    at = _open(new_app, created)
    assert "The agenda is empty: add workloads by filter or by hand above." in values(at.info)
    agenda = [workloads["Payroll"].id, workloads["Billing"].id]
    one(at.multiselect, "Workloads on the agenda, in order").set_value(agenda)
    click(at, "Save agenda")
    assert [i.workload_name for i in services.get_session(ctx, created.id).items] == ["Payroll", "Billing"]
    assert "The agenda has 2 workloads." in shown_values(at.success)
    assert "**Item 1 of 2**" in values(at.markdown)
    assert "Payroll" in shown_values(at.subheader)
    click(at, "Next →")
    assert "**Item 2 of 2**" in values(at.markdown)
    assert "Billing" in shown_values(at.subheader)
    assert one(at.button, "Next →").disabled
    click(at, "← Previous")
    assert "Payroll" in shown_values(at.subheader)


def test_agenda_by_filter_adds_the_matching_workloads(new_app, ctx, workloads):
    created = services.create_session(ctx, person("Ann Arbiter"), "Board March", BOARD_DATE, ATTENDEES)
    at = _open(new_app, created)
    one(at.selectbox, "Status").set_value("accepted")
    run(at)
    assert one(at.button, "Add 0 to the agenda").disabled
    one(at.selectbox, "Status").set_value("recommended")
    one(at.selectbox, "Service").set_value("virtual-machines")
    run(at)
    assert "2 workloads match; 2 of them are not on the agenda yet." in values(at.caption)
    click(at, "Add 2 to the agenda")
    assert [i.workload_name for i in services.get_session(ctx, created.id).items] == ["Billing", "Payroll"]


def test_accept_signed_off_by_a_decision_maker_saves_a_version_linked_to_the_session(new_app, ctx, session):
    at = _open(new_app, session)
    assert one(at.selectbox, "Sign off as").value == "Ann Arbiter", "the signed-in decision maker is preselected"
    _decide(at, "accept")
    record = services.latest_record(ctx, session.items[0].workload_id)
    assert (record.version, record.status, record.author) == (2, "accepted", "Ann Arbiter")
    assert record.session_id == session.id
    assert "Signed off by Ann Arbiter: saved as version 2 (accepted)." in shown_values(at.success)
    assert any(s.startswith("Accepted, signed off by Ann Arbiter on ") for s in shown_values(at.success))
    assert not [r for r in at.radio if r.label == "Outcome"], "a decided item shows no outcome form"
    overview = _table(at, "Signed off by")
    assert list(overview["Outcome"]) == ["accepted", "—"]


def test_reject_without_a_reason_is_refused_and_nothing_is_saved(new_app, ctx, session):
    at = _open(new_app, session)
    _decide(at, "reject", reason="   ")
    assert any("a rejection needs a reason" in e for e in shown_values(at.error))
    assert services.latest_record(ctx, session.items[0].workload_id).version == 1
    assert services.get_session(ctx, session.id).items[0].outcome is None
    _decide(at, "reject", reason="The vendor drops support next year.")
    record = services.latest_record(ctx, session.items[0].workload_id)
    assert (record.version, record.status) == (2, "rejected")


def test_override_without_a_reason_is_refused_with_a_reason_it_is_saved(new_app, ctx, session):
    at = _open(new_app, session)
    _decide(at, "override", service="app-service")
    assert any("an override needs a reason" in e for e in shown_values(at.error))
    assert services.latest_record(ctx, session.items[0].workload_id).version == 1
    _decide(at, "override", reason="The team runs App Service already.", service="app-service")
    record = services.latest_record(ctx, session.items[0].workload_id)
    assert record.override is not None
    assert (record.override.service, record.override.reason) == ("app-service", "The team runs App Service already.")
    assert any("Overridden to Azure App Service, signed off by Ann Arbiter" in s for s in shown_values(at.success))


def test_defer_signed_off_by_another_decision_maker(new_app, ctx, session):
    item = services.create_session(
        ctx, person("Ann"), "Second", BOARD_DATE, [*ATTENDEES, ("Dora Decide", "decision_maker")]
    )
    services.set_agenda(ctx, ANN, item.id, [session.items[1].workload_id])
    at = _open(new_app, item, name="Carl Consult")
    assert one(at.selectbox, "Sign off as").value is None, "Carl is not a decision maker: nobody is preselected"
    _decide(at, "defer")
    assert "Choose the decision maker who signs off." in shown_values(at.error)
    assert services.latest_record(ctx, session.items[1].workload_id).version == 1
    _decide(at, "defer", signer="Dora Decide")
    record = services.latest_record(ctx, session.items[1].workload_id)
    assert (record.status, record.author) == ("proposed", "Dora Decide")


def test_two_reviewers_on_the_same_version_one_wins_the_other_sees_a_conflict(new_app, ctx, workloads):
    payroll = workloads["Payroll"].id
    first = services.create_session(ctx, person("Ann Arbiter"), "Board A", BOARD_DATE, ATTENDEES)
    second = services.create_session(ctx, person("Ann Arbiter"), "Board B", BOARD_DATE, ATTENDEES)
    services.set_agenda(ctx, ANN, first.id, [payroll])
    services.set_agenda(ctx, ANN, second.id, [payroll])
    ann = _open(new_app, first)
    bob = _open(new_app, second)  # both read version 1
    _decide(ann, "accept")
    _decide(bob, "reject", reason="Too costly.")
    warnings = shown_values(bob.warning)
    assert any("taken at version 1, but version 2 was saved in review session 'Board A'" in w for w in warnings)
    record = services.latest_record(ctx, payroll)
    assert (record.version, record.status, record.session_id) == (2, "accepted", first.id), "nothing overwritten"
    assert one(bob.text_area, REASON).value == "Too costly.", "the losing reviewer's input stays on screen"
    click(bob, "Take the latest version")
    assert "Now deciding on version 2, the latest." in shown_values(bob.success)
    assert not [w for w in bob.warning if "conflict" in w.value or "taken at version" in w.value]
    _decide(bob, "reject", reason="Too costly.")
    record = services.latest_record(ctx, payroll)
    assert (record.version, record.status, record.session_id) == (3, "rejected", second.id)


def test_a_newer_version_saved_meanwhile_is_flagged_before_signing_off(new_app, ctx, kb, session, workloads):
    save_version(ctx, workloads["Billing"], COMPLETE_ANSWERS, 2, change="edited in the questionnaire")
    at = _open(new_app, session)
    assert any("Version 2 of this workload was saved after this item was taken at version 1" in w
               for w in shown_values(at.warning))  # fmt: skip
    assert list(_table(at, "Attention")["Attention"]) == ["version 2 saved since", ""]
    click(at, "Take the latest version")
    assert services.get_session(ctx, session.id).items[0].base_version == 2


def test_close_asks_for_confirmation_then_the_session_is_read_only(new_app, ctx, session):
    at = _open(new_app, session)
    _decide(at, "accept")
    click(at, "Close the session…")
    assert any("Close this session? It becomes read-only" in w and "1 agenda item without an outcome" in w
               for w in values(at.warning))  # fmt: skip
    click(at, "Cancel")
    assert services.get_session(ctx, session.id).is_open
    click(at, "Close the session…")
    click(at, "Yes, close the session")
    closed = services.get_session(ctx, session.id)
    assert (closed.status, closed.closed_by) == ("closed", "Ann Arbiter")
    assert "Closed review session Board March: it is read-only now." in shown_values(at.success)
    assert any("A closed session is read-only." in i for i in shown_values(at.info))
    # No input at all but choosing what to look at: no agenda editor, notes box, outcome form or what-if.
    assert not at.text_area
    assert not at.radio
    assert not at.multiselect
    assert labels(at.selectbox) == ["Role of attendee 1", "Role of attendee 2", "Role of attendee 3", "Open a session"]
    assert "Close the session…" not in labels(at.button)
    assert [b.label for b in at.button if b.label not in ("Create session",)] == ["← Previous", "Next →"]
    assert "What if…" not in labels(at.expander)


def test_closing_twice_says_when_and_by_whom_it_was_closed(new_app, ctx, session):
    ann = _open(new_app, session)
    carl = _open(new_app, session, name="Carl Consult")
    click(ann, "Close the session…")
    click(carl, "Close the session…")
    click(ann, "Yes, close the session")
    click(carl, "Yes, close the session")
    [error] = [e for e in shown_values(carl.error) if "already closed" in e]
    assert "review session 'Board March' was already closed on" in error
    assert "by Ann Arbiter" in error
    assert services.get_session(ctx, session.id).closed_by == "Ann Arbiter"
    assert any("A closed session is read-only." in i for i in shown_values(carl.info))


def test_an_agenda_record_archived_meanwhile_is_flagged_and_cannot_be_decided(new_app, ctx, session, workloads):
    services.archive_workload(ctx, ANN, workloads["Billing"].id)
    at = _open(new_app, session)
    assert any("archived after it was put on the agenda" in w for w in values(at.warning))
    assert list(_table(at, "Attention")["Attention"]) == ["archived after it was put on the agenda", ""]
    assert not [r for r in at.radio if r.label == "Outcome"], "no outcome form for an archived workload"
    assert "Billing" in shown_values(at.subheader), "its record is still shown"
    assert "Recommended: Azure Virtual Machines" in values(at.subheader)


def test_html_in_notes_is_saved_as_typed_and_shown_as_text(new_app, ctx, session):
    notes = "<script>alert('x')</script> **not bold** [link](http://evil.example)"
    at = _open(new_app, session)
    one(at.text_area, "Discussion notes").set_value(notes)
    click(at, "Save notes")
    assert "Notes saved." in shown_values(at.success)
    assert services.get_session(ctx, session.id).items[0].notes == notes
    services.close_session(ctx, person("Ann Arbiter"), session.id)
    run(at)
    assert notes in [t.value for t in at.text], "a closed session shows the notes as plain text"
    assert not any("<script>" in m.value for m in at.markdown)
    assert "<script>" not in page_text(at).replace(notes, "")


def test_minutes_download_buttons_are_offered_open_and_closed(new_app, ctx, session):
    at = _open(new_app, session)
    buttons = at.get("download_button")
    assert [b.label for b in buttons] == ["Download minutes (Markdown)", "Download minutes (PDF)"]
    assert "The session is open: these are draft minutes. Close it to make them final." in values(at.caption)
    services.close_session(ctx, person("Ann Arbiter"), session.id)
    run(at)
    assert [b.label for b in at.get("download_button")] == ["Download minutes (Markdown)", "Download minutes (PDF)"]


def test_a_what_if_adopted_in_the_session_is_decided_on_after_taking_the_latest_version(new_app, ctx, session, kb):
    vmware = kb.version("compute-tree-2026").questions["vmware"].text
    billing = session.items[0].workload_id
    at = _open(new_app, session)
    one(at.selectbox, vmware).set_value("yes")
    run(at)
    assert "**What if:** Azure VMware Solution" in values(at.markdown)
    assert services.latest_record(ctx, billing).version == 1, "the sandbox saves nothing"
    one(at.text_area, "Reason for adopting (required)").set_value("Billing runs on vSphere after all.")
    click(at, "Adopt as a new version")
    assert services.latest_record(ctx, billing).service == "vmware-solution"
    assert any("Version 2 of this workload was saved after this item was taken at version 1" in w
               for w in shown_values(at.warning))  # fmt: skip
    click(at, "Take the latest version")
    assert "Recommended: Azure VMware Solution" in values(at.subheader)
    _decide(at, "accept")
    record = services.latest_record(ctx, billing)
    assert (record.version, record.status, record.service, record.session_id) == (
        3, "accepted", "vmware-solution", session.id,
    )  # fmt: skip


TO_AKS_2026 = {  # tests/ui/test_sources_disagree_on_the_result.py: the 2026 path to AKS
    "specialty_workload": "none", "migrate_or_build": "build_new", "full_control": "no", "hpc": "no",
    "event_driven": "no", "managed_web_hosting": "no", "full_orchestration": "yes", "managed_orchestration": "yes",
    "openshift": "no", "full_kubernetes": "yes",
}  # fmt: skip
AKS_QUESTION = (
    "Sources disagree: The minimum number of AKS nodes in the February 2026 comparison. "
    "Which claim does the board rely on?"
)


def test_the_board_says_which_claim_it_relied_on_where_sources_disagree(new_app, ctx):
    workload = new_workload(ctx, "Orders")
    save_version(ctx, workload, TO_AKS_2026, 1)
    created = services.create_session(ctx, person("Ann Arbiter"), "Board March", BOARD_DATE, ATTENDEES)
    services.set_agenda(ctx, ANN, created.id, [workload.id])
    at = _open(new_app, created)
    picker = one(at.selectbox, AKS_QUESTION)
    assert picker.value is None, "nothing is settled until the board picks a claim"
    assert list(picker.options) == ["3", "6 (the tool goes by this)"]
    picker.set_value("three-nodes")
    _decide(at, "accept")
    record = services.latest_record(ctx, workload.id)
    assert [(claim.topic, claim.value) for claim in record.relied_on] == [
        ("The minimum number of AKS nodes in the February 2026 comparison", "3")
    ]
    assert any("the review board relied on" in text and "**3**" in text for text in values(at.markdown))


def test_no_outcome_is_preselected_and_a_sign_off_without_one_is_refused(new_app, ctx, session):
    at = _open(new_app, session)
    radio = one(at.radio, "Outcome")
    assert radio.value is None, "no outcome is preselected"
    assert list(radio.options) == ["Accept", "Reject", "Override to another service", "Defer"]
    click(at, SIGN_OFF)
    assert "Choose an outcome: none is preselected." in shown_values(at.error)
    assert services.latest_record(ctx, session.items[0].workload_id).version == 1
    assert services.get_session(ctx, session.id).items[0].outcome is None


def test_a_record_without_a_service_offers_only_defer_and_says_why(new_app, ctx):
    unfinished = new_workload(ctx, "Half done")
    save_version(ctx, unfinished, {"specialty_workload": "none"}, 1)
    created = services.create_session(ctx, person("Ann Arbiter"), "Board March", BOARD_DATE, ATTENDEES)
    services.set_agenda(ctx, ANN, created.id, [unfinished.id])
    at = _open(new_app, created)
    radio = one(at.radio, "Outcome")
    assert list(radio.options) == ["Defer"], "neither Accept nor Override (nor Reject) on a record without a service"
    assert radio.value is None
    assert not [s for s in at.selectbox if s.label == "Override to"]
    assert any("no recommended service yet" in i and "can only defer it" in i for i in shown_values(at.info))
    one(at.radio, "Outcome").set_value("defer")
    one(at.text_area, "Reason (optional)").set_value("Answer the rest first.")
    click(at, SIGN_OFF)
    record = services.latest_record(ctx, unfinished.id)
    assert (record.version, record.status, record.author, record.service) == (2, "proposed", "Ann Arbiter", None)
    assert services.get_session(ctx, created.id).items[0].signed_off_by == "Ann Arbiter"
