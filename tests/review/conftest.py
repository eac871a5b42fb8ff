"""Review-session fixtures: the store tests' SQLite and PostgreSQL databases, and records to review."""

from __future__ import annotations

import datetime

import pytest

from advisor import KnowledgeBase
from advisor.models.record import DecisionRecord, Workload
from advisor.models.session import ReviewSession
from advisor.store import Store
from tests.store.builders import make_record
from tests.store.conftest import store, store_url

__all__ = ["store", "store_url"]

BOARD_DATE = datetime.date(2026, 3, 2)
ATTENDEES = [("Ann Arbiter", "decision_maker"), ("Carl Consult", "consulted"), ("Ida Inform", "informed")]


def reviewed_workload(store: Store, kb: KnowledgeBase, name: str = "Payroll") -> tuple[Workload, DecisionRecord]:
    """A workload with one record version: the 2026 walk to virtual-machines (tests/store/builders.py)."""
    workload = store.create_workload(name)
    return workload, store.append_record(make_record(kb, workload, 1))


def open_session(
    store: Store, title: str = "Board March", attendees: list[tuple[str, str]] = ATTENDEES
) -> ReviewSession:
    return store.create_session(title, BOARD_DATE, attendees, "Ann Arbiter")


@pytest.fixture
def board(store: Store, kb: KnowledgeBase) -> tuple[ReviewSession, Workload, DecisionRecord]:
    """An open session whose agenda is one workload at version 1."""
    workload, record = reviewed_workload(store, kb)
    session = open_session(store)
    store.set_agenda(session.id, [workload.id])
    return session, workload, record
