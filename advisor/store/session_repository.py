"""Architecture review sessions in the store: attendees, an agenda of workloads, notes, and outcomes
signed off by a decision maker, each outcome saved as a new record version linked to the session.

Every method is one transaction. An agenda item remembers the record version it was taken at; its outcome
becomes the next version only while that is still the newest, so when two sessions decide on the same
version one wins and the other gets :class:`~advisor.errors.ConflictError` (on PostgreSQL the
UNIQUE(workload_id, version) index settles a true race). A closed session is read-only. Sessions are never
deleted; an undecided item leaves the agenda only when it is dropped from it, and a decided one stays.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update
from sqlalchemy.exc import IntegrityError

from advisor.errors import ConflictError, InputError, Problem
from advisor.knowledge.assembly import KnowledgeBase
from advisor.models.record import DecisionRecord, DecisionStatus, Override
from advisor.models.session import OUTCOME_LABELS, ReviewSession, SessionItem
from advisor.store import queries
from advisor.store import session_queries as sq
from advisor.store.base import StoreBase
from advisor.store.session_rows import (
    change_text,
    clean_attendees,
    clean_date,
    clean_notes,
    clean_outcome,
    clean_person,
    clean_title,
    item_from_row,
    session_from_rows,
    sign_off_conflict,
)
from advisor.store.tables import record_versions, review_sessions, session_attendees, session_items, workloads
from advisor.store.workload_rows import describe_time, name_key, now

_RECORD_STATUS: dict[str, DecisionStatus] = {
    "accept": "accepted",
    "reject": "rejected",
    "override": "accepted",
    "defer": "proposed",
}


class SessionStore(StoreBase):
    """Review sessions, their attendees and agenda items."""

    def create_session(
        self, title: str, date: datetime.date, attendees: Iterable[tuple[str, str]], author: str
    ) -> ReviewSession:
        """A new open session; ``attendees`` are (name, role) pairs, role decision_maker|consulted|informed."""
        values = {
            "title": clean_title(title),
            "date": clean_date(date),
            "created_by": clean_person(author, "author"),
        }
        people = clean_attendees(attendees)
        with self._write() as conn:
            session_id = conn.execute(
                insert(review_sessions)
                .values(**values, status="open", created_at=now())
                .returning(review_sessions.c.id)
            ).scalar_one()
            conn.execute(
                insert(session_attendees),
                [
                    {"session_id": session_id, "position": n, "name": a.name, "name_key": name_key(a.name)}
                    | {"role": a.role}
                    for n, a in enumerate(people)
                ],
            )
            return sq.load_session(conn, session_id)

    def list_sessions(self) -> list[ReviewSession]:
        """Every session with its attendees and items, newest date first."""
        rs = review_sessions.c
        with self._read() as conn:
            rows = conn.execute(select(review_sessions).order_by(rs.date.desc(), rs.id.desc())).all()
            attendees = sq.attendee_rows(conn, None)
            items = sq.item_rows(conn, None)
        return [
            session_from_rows(
                row,
                [a for a in attendees if a.session_id == row.id],
                [i for i in items if i.session_id == row.id],
            )
            for row in rows
        ]

    def get_session(self, session_id: int) -> ReviewSession:
        """The session with its attendees and agenda; an item whose workload was archived says so."""
        with self._read() as conn:
            return sq.load_session(conn, session_id)

    def set_agenda(self, session_id: int, workload_ids: Sequence[int]) -> ReviewSession:
        """Make the agenda these workloads, in this order.

        A workload already on the agenda keeps its notes, outcome and the version it was taken at; a new
        one is taken at its latest version. A decided item cannot be dropped.
        """
        wanted = list(workload_ids)
        si = session_items.c
        with self._write() as conn:
            sq.open_row(conn, session_id)
            current = {row.workload_id: row for row in sq.item_rows(conn, session_id)}
            repeated = next((w for w in wanted if wanted.count(w) > 1), None)
            if repeated is not None:
                name = queries.workload_row(conn, repeated).name
                raise InputError(Problem(f"workload {name!r} is on the agenda twice", ident="agenda"))
            for workload_id, row in current.items():
                if workload_id not in wanted and row.outcome is not None:
                    message = (
                        f"workload {row.workload_name!r} was decided in this session ({OUTCOME_LABELS[row.outcome]}, "
                        f"signed off by {row.signed_off_by}) and stays on its agenda"
                    )
                    raise InputError(Problem(message, ident="agenda"))
            dropped = [w for w in current if w not in wanted]
            if dropped:
                conn.execute(session_items.delete().where(si.session_id == session_id, si.workload_id.in_(dropped)))
            for position, workload_id in enumerate(wanted):
                if workload_id in current:
                    key = sq.item_key(session_id, workload_id)
                    conn.execute(update(session_items).where(*key).values(position=position))
                    continue
                values = {"base_version": sq.agenda_version(conn, workload_id), "notes": "", "reason": ""}
                conn.execute(
                    insert(session_items)
                    .values(session_id=session_id, workload_id=workload_id, position=position)
                    .values(**values)
                )
            return sq.load_session(conn, session_id)

    def agenda_by_filter(
        self, status: str | None = None, service: str | None = None, knowledge_version: str | None = None
    ) -> list[int]:
        """Ids of live workloads whose latest record matches every filter given (by name), for set_agenda.

        ``status`` is a workload or record status; ``service`` the chosen service (the override's, if any).
        """
        with self._read() as conn:
            return queries.latest_workload_ids(
                conn, status=status, service=service, knowledge_version=knowledge_version
            )

    def save_notes(self, session_id: int, workload_id: int, notes: str) -> SessionItem:
        """Replace the item's discussion notes, stored exactly as given."""
        text = clean_notes(notes)
        with self._write() as conn:
            sq.open_row(conn, session_id)
            sq.item_row(conn, session_id, workload_id)
            conn.execute(update(session_items).where(*sq.item_key(session_id, workload_id)).values(notes=text))
            return item_from_row(sq.item_row(conn, session_id, workload_id))

    def refresh_item(self, session_id: int, workload_id: int) -> SessionItem:
        """Take an undecided item again at its workload's latest version (after a conflict, say)."""
        with self._write() as conn:
            sq.open_row(conn, session_id)
            item = sq.item_row(conn, session_id, workload_id)
            if item.outcome is not None:
                raise _decided_error(item)
            base = sq.agenda_version(conn, workload_id)
            conn.execute(update(session_items).where(*sq.item_key(session_id, workload_id)).values(base_version=base))
            return item_from_row(sq.item_row(conn, session_id, workload_id))

    def record_outcome(
        self,
        session_id: int,
        workload_id: int,
        outcome: str,
        reason: str,
        override_service: str | None,
        signed_off_by: str,
        kb: KnowledgeBase,
    ) -> DecisionRecord:
        """Decide on an agenda item: a new record version, built from the item's version, linked to the session.

        accept → accepted; reject → rejected (reason needed); override → accepted with an override to
        ``override_service``, a catalog entry of the record's knowledge version (reason needed); defer →
        proposed. ``signed_off_by`` must be a decision maker of the session. ConflictError when the
        workload has a newer version than the one the item was taken at.
        """
        outcome, why, service = clean_outcome(outcome, reason, override_service)
        signer = clean_person(signed_off_by, "signed_off_by")
        try:
            with self._write() as conn:
                return self._decide(conn, session_id, workload_id, (outcome, why, service), signer, kb)
        except IntegrityError:  # a writer in another session committed the same version first
            with self._read() as conn:
                item = sq.item_row(conn, session_id, workload_id)
                raise self._conflict(conn, item) from None

    def close_session(self, session_id: int, closed_by: str) -> ReviewSession:
        """Close the session; from now on it is read-only. Closing it again is an InputError."""
        who = clean_person(closed_by, "closed_by")
        with self._write() as conn:
            row = sq.session_row(conn, session_id)
            if row.status == "closed":
                closed = f"{describe_time(row.closed_at)} by {row.closed_by}"
                message = f"review session {row.title!r} was already closed on {closed}"
                raise InputError(Problem(message, ident="session"))
            values = {"status": "closed", "closed_at": now(), "closed_by": who}
            conn.execute(update(review_sessions).where(review_sessions.c.id == session_id).values(**values))
            return sq.load_session(conn, session_id)

    def session_records(self, session_id: int) -> list[DecisionRecord]:
        """The record versions this session created (its outcomes), by workload name then version."""
        rv = record_versions.c
        query = (
            select(rv.payload)
            .join(workloads, workloads.c.id == rv.workload_id)
            .where(rv.session_id == session_id)
            .order_by(workloads.c.name_key, rv.version)
        )
        with self._read() as conn:
            sq.session_row(conn, session_id)
            return [DecisionRecord.model_validate_json(p) for p in conn.execute(query).scalars()]

    def agenda_records(self, session_id: int) -> dict[int, DecisionRecord]:
        """Workload id -> the record each item stands for: the version its outcome created, else its base version."""
        with self._read() as conn:
            sq.session_row(conn, session_id)
            result = {}
            items = sq.item_rows(conn, session_id)
            for item in items:
                payload = queries.payload(conn, item.workload_id, item.result_version or item.base_version)
                if payload is not None:
                    result[item.workload_id] = DecisionRecord.model_validate_json(payload)
            return result

    # Plumbing

    def _decide(
        self,
        conn: Connection,
        session_id: int,
        workload_id: int,
        decision: tuple[str, str, str | None],
        signer: str,
        kb: KnowledgeBase,
    ) -> DecisionRecord:
        outcome, why, service = decision
        session = sq.open_row(conn, session_id)
        item = sq.item_row(conn, session_id, workload_id)
        if item.outcome is not None:
            raise _decided_error(item)
        if item.archived_at is not None:
            message = (
                f"workload {item.workload_name!r} was archived after it was put on this agenda; restore it to "
                "decide on it (its notes and history are kept)"
            )
            raise InputError(Problem(message, ident="workload"))
        makers = {name_key(a.name): a.name for a in sq.attendee_rows(conn, session_id) if a.role == "decision_maker"}
        if name_key(signer) not in makers:
            listed = ", ".join(makers.values())
            message = f"{signer!r} is not a decision maker of this session (decision makers: {listed})"
            raise InputError(Problem(message, ident="signed_off_by"))
        signer = makers[name_key(signer)]
        if item.latest_version != item.base_version:
            raise self._conflict(conn, item)
        base = DecisionRecord.model_validate_json(queries.payload(conn, workload_id, item.base_version))
        override = base.override
        if outcome == "override":
            override = _override(kb, base, service, why)
        moment = now()
        record = DecisionRecord.model_validate(
            base.model_dump()
            | {
                "version": base.version + 1,
                "status": _RECORD_STATUS[outcome],
                "override": override,
                "author": signer,
                "created_at": moment,
                "change": change_text(session.title, outcome, signer, service, why),
                "supersedes_version": None,
                "session_id": session_id,
            }
        )
        conn.execute(insert(record_versions).values(**queries.version_values(record)))
        conn.execute(update(workloads).where(workloads.c.id == workload_id).values(updated_at=moment))
        conn.execute(
            update(session_items)
            .where(*sq.item_key(session_id, workload_id))
            .values(
                outcome=outcome, reason=why, override_service=service, signed_off_by=signer, signed_at=moment,
                result_version=record.version,
            )
        )  # fmt: skip
        return record

    def _conflict(self, conn: Connection, item: Row[Any]) -> ConflictError:
        rv = record_versions.c
        latest = conn.execute(
            select(rv.version, rv.author, rv.created_at, review_sessions.c.title)
            .outerjoin(review_sessions, review_sessions.c.id == rv.session_id)
            .where(rv.workload_id == item.workload_id)
            .order_by(rv.version.desc())
            .limit(1)
        ).first()
        return sign_off_conflict(self.display_url, item.workload_name, item.base_version, latest, latest.title)


def _override(kb: KnowledgeBase, base: DecisionRecord, service: str | None, reason: str) -> Override:
    assert service is not None
    version = kb.version(base.knowledge_version)
    if service not in version.services:
        message = f"unknown service {service!r}: not a catalog entry of {version.id}"
        raise InputError(Problem(message, ident="override_service"))
    if service == base.service:
        message = f"{service!r} is the recommended service itself; accept the record instead of overriding it"
        raise InputError(Problem(message, ident="override_service"))
    return Override(service=service, reason=reason)


def _decided_error(item: Row[Any]) -> InputError:
    message = (
        f"workload {item.workload_name!r} was already decided in this session: {OUTCOME_LABELS[item.outcome]}, "
        f"signed off by {item.signed_off_by} at {describe_time(item.signed_at)}"
    )
    return InputError(Problem(message, ident="outcome"))
