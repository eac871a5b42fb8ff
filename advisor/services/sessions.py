"""Architecture review sessions: create one with its attendees, set its agenda, take notes, decide an item
(signed off by a decision maker, saved as a new record version linked to the session), close it; and the
reads of the Review sessions page.

Each action is one transaction. An agenda item remembers the record version it was taken at; its outcome
becomes the next version only while that is still the newest, so when two sessions decide on the same
version one wins and the other gets a ConflictError (on PostgreSQL the UNIQUE(workload_id, version) index
settles a true race). A closed session is read-only. Sessions are never deleted; an undecided item leaves
the agenda only when it is dropped from it, and a decided one stays.

Notes are stored exactly as typed (not even stripped): HTML or Markdown in them is text, and the pages
escape it. Titles, names and reasons are stripped of surrounding spaces only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from advisor.decide.reason_words import Words
from advisor.decide.record_builder import build_record, check_override
from advisor.errors import AccessError, ConflictError, InputError, Problem
from advisor.knowledge.disagreements import relied_claims
from advisor.models.account import Account
from advisor.models.actor import Actor
from advisor.models.names import clean_person, name_key, within
from advisor.models.record import (
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    DecisionRecord,
    DecisionStatus,
    Override,
    ReliedClaim,
)
from advisor.models.session import (
    MAX_NOTES_LENGTH,
    OUTCOME_LABELS,
    OUTCOMES,
    ROLES,
    UNVERIFIED,
    Attendee,
    ReviewSession,
    SessionItem,
)
from advisor.services.access import Grant, named, require
from advisor.services.appending import append_versions, describe_time
from advisor.services.context import ServiceContext
from advisor.services.finding import existing_workload
from advisor.services.records import check_status, saved, version_ids
from advisor.services.submissions import once
from advisor.store import UnitOfWork, VersionHead

# What each outcome makes of the record: accept and override accept it, reject rejects it, defer proposes it.
RECORD_STATUS: dict[str, DecisionStatus] = {
    "accept": "accepted",
    "reject": "rejected",
    "override": "accepted",
    "defer": "proposed",
}


def create_session(
    ctx: ServiceContext,
    actor: Actor,
    title: str,
    date: datetime.date,
    attendees: Iterable[tuple[str, str]],
    *,
    token: str | None = None,
) -> ReviewSession:
    """A new open session created by ``actor``; ``attendees`` are (name, role) pairs, role decision_maker,
    consulted or informed, at least one decision maker. ``token`` (a form's submission token, as for every
    action here) makes a repeat return what the first call made."""
    grant = require(ctx, actor, "run_sessions", "create review session", str(title))
    cleaned_title, day = _clean_title(title), _clean_date(date)
    creator = clean_person(actor.name, "author")
    people = _clean_attendees(attendees)

    def work(unit: UnitOfWork) -> ReviewSession:
        # In team mode each attendee given by an account's email or name is that account (linked); the others
        # stay free text, "not linked to an account" until an admin links them.
        links = _account_links(unit, people) if actor.verified else {}
        linked = [Attendee(links[n].name, a.role) if n in links else a for n, a in enumerate(people)]
        moment = ctx.now()
        session_id = unit.sessions.insert_session_row(cleaned_title, day, creator, linked, moment)
        for position, account in links.items():
            unit.accounts.insert_attendee_link_row(session_id, position, account.id, moment, actor.name)
        listed = ", ".join(f"{a.name} ({a.role_label})" for a in linked)
        grant.record(unit, moment, cleaned_title, f"attendees: {listed}")
        return _existing_session(unit, session_id)

    return ctx.database.run(lambda unit: once(ctx, unit, actor, "create_session", token, work, _session_ids, _session))


def _session_ids(session: ReviewSession) -> dict[str, int]:
    return {"session_id": session.id}


def _session(unit: UnitOfWork, ids: Mapping[str, Any]) -> ReviewSession:
    return _existing_session(unit, int(ids["session_id"]))


def _item_ids(item: SessionItem) -> dict[str, int]:
    return {"workload_id": item.workload_id}


def set_agenda(
    ctx: ServiceContext, actor: Actor, session_id: int, workload_ids: Sequence[int], *, token: str | None = None
) -> ReviewSession:
    """Make the agenda these workloads, in this order.

    A workload already on the agenda keeps its notes, outcome and the version it was taken at; a new one is
    taken at its latest version. A decided item cannot be dropped.
    """
    grant = require(ctx, actor, "edit_agenda", "set agenda", named(ctx, session_id=session_id))
    wanted = list(workload_ids)

    def work(unit: UnitOfWork) -> ReviewSession:
        session = _open_session(unit, session_id)
        grant.record(unit, ctx.now(), session.title, f"{len(wanted)} items")
        current = {item.workload_id: item for item in session.items}
        repeated = next((w for w in wanted if wanted.count(w) > 1), None)
        if repeated is not None:
            name = existing_workload(unit, repeated).name
            raise InputError(Problem(f"workload {name!r} is on the agenda twice", ident="agenda"))
        for workload_id, item in current.items():
            if workload_id not in wanted and item.outcome is not None:
                message = (
                    f"workload {item.workload_name!r} was decided in this session ({OUTCOME_LABELS[item.outcome]}, "
                    f"signed off by {item.signed_off_by}) and stays on its agenda"
                )
                raise InputError(Problem(message, ident="agenda"))
        unit.sessions.delete_item_rows(session_id, [w for w in current if w not in wanted])
        for position, workload_id in enumerate(wanted):
            if workload_id in current:
                unit.sessions.update_item_row(session_id, workload_id, position=position)
            else:
                unit.sessions.insert_item_row(session_id, workload_id, position, _agenda_version(unit, workload_id))
        return _existing_session(unit, session_id)

    return ctx.database.run(lambda unit: once(ctx, unit, actor, "set_agenda", token, work, _session_ids, _session))


def save_notes(
    ctx: ServiceContext, actor: Actor, session_id: int, workload_id: int, notes: str, *, token: str | None = None
) -> SessionItem:
    """Replace the item's discussion notes, stored exactly as given."""
    grant = require(ctx, actor, "edit_agenda", "save notes", named(ctx, session_id=session_id))
    if not isinstance(notes, str):
        raise InputError(Problem(f"notes must be text, found {type(notes).__name__}", ident="notes"))
    text = within(notes, MAX_NOTES_LENGTH, "notes")

    def work(unit: UnitOfWork) -> SessionItem:
        session = _open_session(unit, session_id)
        item = _item(unit, session_id, workload_id)
        grant.record(unit, ctx.now(), f"{session.title}: {item.workload_name}")
        unit.sessions.update_item_row(session_id, workload_id, notes=text)
        return _item(unit, session_id, workload_id)

    def again(unit: UnitOfWork, ids: Mapping[str, Any]) -> SessionItem:
        return _item(unit, session_id, int(ids["workload_id"]))

    return ctx.database.run(lambda unit: once(ctx, unit, actor, "save_notes", token, work, _item_ids, again))


def refresh_item(
    ctx: ServiceContext, actor: Actor, session_id: int, workload_id: int, *, token: str | None = None
) -> SessionItem:
    """Take an undecided item again at its workload's latest version (after a conflict, say)."""
    grant = require(ctx, actor, "edit_agenda", "refresh agenda item", named(ctx, session_id=session_id))

    def work(unit: UnitOfWork) -> SessionItem:
        session = _open_session(unit, session_id)
        item = _item(unit, session_id, workload_id)
        if item.outcome is not None:
            raise _decided_error(item)
        grant.record(unit, ctx.now(), f"{session.title}: {item.workload_name}")
        unit.sessions.update_item_row(session_id, workload_id, base_version=_agenda_version(unit, workload_id))
        return _item(unit, session_id, workload_id)

    def again(unit: UnitOfWork, ids: Mapping[str, Any]) -> SessionItem:
        return _item(unit, session_id, int(ids["workload_id"]))

    return ctx.database.run(lambda unit: once(ctx, unit, actor, "refresh_item", token, work, _item_ids, again))


def decide_item(
    ctx: ServiceContext,
    actor: Actor,
    session_id: int,
    workload_id: int,
    outcome: str,
    reason: str,
    override_service: str | None,
    signed_off_by: str,
    relied_on: Mapping[str, str] | None = None,
    *,
    token: str | None = None,
) -> DecisionRecord:
    """Decide on an agenda item: a new record version, built from the item's version, linked to the session.

    accept → accepted; reject → rejected (reason needed); override → accepted with an override to
    ``override_service``, a catalog entry of the record's knowledge version other than the tree's outcome (reason
    needed); defer → proposed. A record without a service (an incomplete walk) can only be deferred.
    ``signed_off_by`` must be a decision maker of the session; the version is theirs. The answers, their notes
    and the override (unless overridden now) are the item's version's. ``relied_on`` maps a disagreement of the
    knowledge (disagreements.yaml) to the claim the board relied on; the new version keeps each with its topic and
    value. ConflictError when the workload has a newer version than the one the item was taken at.
    """
    grant = require(ctx, actor, "decide", "sign off", named(ctx, session_id=session_id, workload_id=workload_id))
    decision = _clean_outcome(outcome, reason, override_service)
    claims = relied_claims(ctx.kb.disagreements, relied_on or {})
    if grant.account is not None:  # team mode: the signed-in person signs, as themselves and nobody else
        given = (signed_off_by or "").strip()
        if given and name_key(given) not in {name_key(grant.account.name), name_key(grant.account.email)}:
            reason_text = f"{grant.account.label} may sign off only as themselves, not as {given!r}"
            grant.refused(ctx, reason_text)
            raise AccessError(Problem(f"{reason_text}; nothing was saved", ident="signed_off_by"))
        signer = grant.account.name
    else:
        signer = clean_person(signed_off_by, "signed_off_by")

    def work(unit: UnitOfWork) -> DecisionRecord:
        return _decide(ctx, unit, grant, session_id, workload_id, decision, signer, claims)

    try:
        return ctx.database.run(lambda unit: once(ctx, unit, actor, "decide_item", token, work, version_ids, saved))
    except AccessError as exc:  # not a decision maker of this session: the refusal is audited on its own
        grant.refused(ctx, exc.problems[0].message)
        raise


def close_session(ctx: ServiceContext, actor: Actor, session_id: int, *, token: str | None = None) -> ReviewSession:
    """Close the session (``actor`` closed it); from now on it is read-only. Closing it again is an InputError."""
    grant = require(ctx, actor, "run_sessions", "close review session", named(ctx, session_id=session_id))
    who = clean_person(actor.name, "closed_by")

    def work(unit: UnitOfWork) -> ReviewSession:
        session = _existing_session(unit, session_id)
        if session.status == "closed":
            closed = f"{describe_time(session.closed_at)} by {session.closed_by}" if session.closed_at else ""
            message = f"review session {session.title!r} was already closed on {closed}"
            raise InputError(Problem(message, ident="session"))
        unit.sessions.update_session_row(session_id, status="closed", closed_at=ctx.now(), closed_by=who)
        grant.record(unit, ctx.now(), session.title)
        return _existing_session(unit, session_id)

    return ctx.database.run(lambda unit: once(ctx, unit, actor, "close_session", token, work, _session_ids, _session))


# Reads


def list_sessions(ctx: ServiceContext) -> list[ReviewSession]:
    """Every session with its attendees and items, newest date first."""
    with ctx.database.read() as unit:
        return unit.sessions.all()


def get_session(ctx: ServiceContext, session_id: int) -> ReviewSession:
    """The session with its attendees and agenda; an item whose workload was archived says so."""
    with ctx.database.read() as unit:
        return _existing_session(unit, session_id)


def agenda_by_filter(
    ctx: ServiceContext, status: str | None = None, service: str | None = None, knowledge_version: str | None = None
) -> list[int]:
    """Ids of live workloads whose latest record matches every filter given (by name), for :func:`set_agenda`.

    ``status`` is a workload or record status; ``service`` the chosen service (the override's, if any).
    """
    check_status(status)
    with ctx.database.read() as unit:
        return unit.workloads.latest_ids(status=status, service=service, knowledge_version=knowledge_version)


def session_records(ctx: ServiceContext, session_id: int) -> list[DecisionRecord]:
    """The record versions this session created (its outcomes), by workload name then version."""
    with ctx.database.read() as unit:
        _existing_session(unit, session_id)
        return unit.records.of_session(session_id)


def agenda_records(ctx: ServiceContext, session_id: int) -> dict[int, DecisionRecord]:
    """Workload id -> the record each item stands for: the version its outcome created, else its base version."""
    with ctx.database.read() as unit:
        session = _existing_session(unit, session_id)
        found = {}
        for item in session.items:
            record = unit.records.version(item.workload_id, item.result_version or item.base_version)
            if record is not None:
                found[item.workload_id] = record
        return found


# The decision


def _decide(
    ctx: ServiceContext,
    unit: UnitOfWork,
    grant: Grant,
    session_id: int,
    workload_id: int,
    decision: tuple[str, str, str | None],
    signer: str,
    claims: tuple[ReliedClaim, ...] = (),
) -> DecisionRecord:
    outcome, why, service = decision
    session = _open_session(unit, session_id)
    item = _item(unit, session_id, workload_id)
    if item.outcome is not None:
        raise _decided_error(item)
    if item.archived:
        message = (
            f"workload {item.workload_name!r} was archived after it was put on this agenda; restore it to "
            "decide on it (its notes and history are kept)"
        )
        raise InputError(Problem(message, ident="workload"))
    makers = {name_key(a.name): a.name for a in session.attendees if a.role == "decision_maker"}
    listed = ", ".join(makers.values())
    if grant.account is not None:
        if not any(a.account_id == grant.account.id for a in session.attendees if a.role == "decision_maker"):
            message = (
                f"{grant.account.label} is not a decision maker of review session {session.title!r} "
                f"(decision makers: {listed}); only they sign off"
            )
            raise AccessError(Problem(message, ident="signed_off_by"))
    elif name_key(signer) not in makers:
        message = f"{signer!r} is not a decision maker of this session (decision makers: {listed})"
        raise InputError(Problem(message, ident="signed_off_by"))
    else:
        signer = makers[name_key(signer)]
    if item.latest_version != item.base_version:
        raise _sign_off_conflict(ctx.database.display_url, item, unit.records.head(workload_id))
    base = unit.records.version(workload_id, item.base_version)
    assert base is not None
    if base.service is None and outcome != "defer":
        raise _no_service_error(ctx, item, base, outcome)
    override = _override(ctx, base, service, why) if outcome == "override" else base.override
    moment = ctx.now()
    signature = (
        f"{signer}, signed in as {grant.account.email or grant.account.subject}"
        if grant.account
        else (f"{signer}, {UNVERIFIED}")
    )
    words = Words.from_kb(ctx.kb)
    change = _change_text(session.title, outcome, signature, words.service(service) if service else None, why)
    record = build_record(
        ctx.kb, workload=existing_workload(unit, workload_id), answers=base.answers,
        knowledge_version=base.knowledge_version, author=signer, version=base.version + 1,
        status=RECORD_STATUS[outcome], override=override, change=change, session_id=session_id, now=moment,
    ).model_copy(update={"relied_on": claims, "signature": signature})  # fmt: skip
    try:
        record = append_versions(unit, [record], moment, ctx.database.display_url, kb=ctx.kb)[0]
    except ConflictError:  # another session's sign-off committed between our check and our insert
        raise _sign_off_conflict(ctx.database.display_url, item, unit.records.head(workload_id)) from None
    unit.sessions.update_item_row(
        session_id, workload_id, outcome=outcome, reason=why, override_service=service, signed_off_by=signer,
        signed_at=moment, result_version=record.version,
    )  # fmt: skip
    if grant.account is not None:
        unit.accounts.insert_signature_row(session_id, workload_id, grant.account.id)
    grant.record(unit, moment, f"{session.title}: {item.workload_name}", change)
    return record


def _override(ctx: ServiceContext, base: DecisionRecord, service: str | None, reason: str) -> Override:
    """The override an ``override`` outcome makes: to a catalog service of the record's version, not its own
    (``build_record`` then adds that service's conditions)."""
    assert service is not None
    check_override(ctx.kb, base.knowledge_version, base.service, service)
    return Override(service=service, reason=reason)


def _no_service_error(ctx: ServiceContext, item: SessionItem, base: DecisionRecord, outcome: str) -> InputError:
    """Why only Defer is possible on a record without a service: there is nothing to accept, override or reject."""
    stop = Words.from_kb(ctx.kb).question(base.next_question or "")
    message = (
        f"workload {item.workload_name!r} has no recommended service yet (the questionnaire stops at “{stop}”), "
        f"so it cannot be {OUTCOME_LABELS[outcome]}: defer it, and answer the remaining questions first"
    )
    return InputError(Problem(message, ident="outcome"))


def _change_text(title: str, outcome: str, signer: str, override_name: str | None, reason: str) -> str:
    """The new record version's ``change``: which session, what it decided (the service by name), who signed off,
    and why."""
    decided = f"overridden to {override_name}" if outcome == "override" else OUTCOME_LABELS[outcome]
    text = f"review session {title!r}: {decided}, signed off by {signer}"
    return f"{text}; reason: {reason}" if reason else text


# Checks


def _account_links(unit: UnitOfWork, people: Sequence[Attendee]) -> dict[int, Account]:
    """Attendee position -> the one live account whose email, else name, is the attendee's (ignoring case)."""
    live = [a for a in unit.accounts.all() if not a.removed]
    found: dict[int, Account] = {}
    for position, person in enumerate(people):
        key = name_key(person.name)
        by_email = [a for a in live if a.email and name_key(a.email) == key]
        by_name = [a for a in live if name_key(a.name) == key]
        matches = by_email or by_name
        if len(matches) == 1:
            found[position] = matches[0]
    return found


def _existing_session(unit: UnitOfWork, session_id: int) -> ReviewSession:
    session = unit.sessions.get(session_id)
    if session is None:
        raise InputError(Problem(f"no review session with id {session_id}", ident="session"))
    return session


def _open_session(unit: UnitOfWork, session_id: int) -> ReviewSession:
    session = _existing_session(unit, session_id)
    if not session.is_open:
        closed = describe_time(session.closed_at) if session.closed_at else "?"
        message = (
            f"review session {session.title!r} was closed on {closed} by {session.closed_by}; "
            "a closed session is read-only"
        )
        raise InputError(Problem(message, ident="session"))
    return session


def _item(unit: UnitOfWork, session_id: int, workload_id: int) -> SessionItem:
    item = unit.sessions.item(session_id, workload_id)
    if item is None:
        name = existing_workload(unit, workload_id).name
        raise InputError(Problem(f"workload {name!r} is not on this session's agenda", ident="workload"))
    return item


def _agenda_version(unit: UnitOfWork, workload_id: int) -> int:
    """The latest version of a live workload that has a record: what a new agenda item is taken at."""
    workload = existing_workload(unit, workload_id)
    if workload.archived:
        message = f"workload {workload.name!r} is archived; restore it to put it on an agenda"
        raise InputError(Problem(message, ident="agenda"))
    head = unit.records.head(workload_id)
    if head is None:
        message = f"workload {workload.name!r} has no record yet; answer its questions before reviewing it"
        raise InputError(Problem(message, ident="agenda"))
    return head.version


def _decided_error(item: SessionItem) -> InputError:
    assert item.outcome is not None
    assert item.signed_at is not None
    message = (
        f"workload {item.workload_name!r} was already decided in this session: {OUTCOME_LABELS[item.outcome]}, "
        f"signed off by {item.signed_off_by} at {describe_time(item.signed_at)}"
    )
    return InputError(Problem(message, ident="outcome"))


def _sign_off_conflict(database: str, item: SessionItem, latest: VersionHead | None) -> ConflictError:
    """Why a sign-off on the item's version was refused: a newer version was saved since the item was taken."""
    assert latest is not None
    where = f" in review session {latest.session_title!r}" if latest.session_title else ""
    message = (
        f"workload {item.workload_name!r}: this item was taken at version {item.base_version}, but version "
        f"{latest.version} was saved{where} by {latest.author} at {describe_time(latest.created_at)} meanwhile; "
        f"this sign-off was refused and nothing was overwritten. Refresh the item to decide on version "
        f"{latest.version}."
    )
    return ConflictError(Problem(message, file=database, ident="version"))


def _clean_title(title: str) -> str:
    cleaned = (title or "").strip()
    if not cleaned:
        raise InputError(Problem("a review session needs a title", ident="title"))
    return within(cleaned, MAX_NAME_LENGTH, "title")


def _clean_date(value: datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if not isinstance(value, datetime.date):
        raise InputError(Problem(f"must be a date, found {type(value).__name__}", ident="date"))
    return value


def _clean_attendees(attendees: Iterable[tuple[str, str]]) -> list[Attendee]:
    """The attendees in the order given; each name once (ignoring case); at least one decision maker."""
    cleaned: list[Attendee] = []
    seen: dict[str, str] = {}
    for name, role in attendees:
        person = clean_person(name, "attendee")
        if role not in ROLES:
            known = ", ".join(ROLES)
            raise InputError(Problem(f"unknown role {role!r} for {person!r} (known: {known})", ident="role"))
        key = name_key(person)
        if key in seen:
            raise InputError(Problem(f"{person!r} is listed twice (as {seen[key]!r})", ident="attendee"))
        seen[key] = person
        cleaned.append(Attendee(person, role))
    if not any(a.role == "decision_maker" for a in cleaned):
        raise InputError(Problem("a review session needs at least one decision maker", ident="attendees"))
    return cleaned


def _clean_outcome(outcome: str, reason: str, override_service: str | None) -> tuple[str, str, str | None]:
    """The outcome, its stripped reason and the override's service, checked against each other."""
    if outcome not in OUTCOMES:
        raise InputError(Problem(f"unknown outcome {outcome!r} (known: {', '.join(OUTCOMES)})", ident="outcome"))
    cleaned = within((reason or "").strip(), MAX_TEXT_LENGTH, "reason")
    service = (override_service or "").strip() or None
    if outcome in ("reject", "override") and not cleaned:
        what = "a rejection" if outcome == "reject" else "an override"
        raise InputError(Problem(f"{what} needs a reason: say why the board decided so", ident="reason"))
    if outcome == "override" and service is None:
        raise InputError(Problem("an override needs the service chosen instead", ident="override_service"))
    if outcome != "override" and service is not None:
        message = f"a service ({service!r}) is only given with an override, not with {outcome!r}"
        raise InputError(Problem(message, ident="override_service"))
    return outcome, cleaned, service
