"""Service fixtures: an open review session with one workload on its agenda (the ``ctx`` fixture, on SQLite
and PostgreSQL, is in tests/conftest.py)."""

from __future__ import annotations

import pytest

from advisor import services
from advisor.models.record import DecisionRecord, Workload
from advisor.models.session import ReviewSession
from advisor.services import ServiceContext
from tests.services.builders import ANN, open_session, reviewed_workload


@pytest.fixture
def board(ctx: ServiceContext) -> tuple[ReviewSession, Workload, DecisionRecord]:
    """An open session whose agenda is one workload at version 1."""
    workload, record = reviewed_workload(ctx)
    session = open_session(ctx)
    services.set_agenda(ctx, ANN, session.id, [workload.id])
    return session, workload, record
