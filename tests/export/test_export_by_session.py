"""Exports filtered by review session keep exactly the workloads on that session's agenda."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from advisor import KnowledgeBase, services
from advisor.cli.main import main
from advisor.export import to_json
from advisor.models.record import GivenAnswer
from advisor.services import ServiceContext
from tests.services.builders import ANN, new_workload, open_ctx

WALK = {"specialty_workload": "none", "migrate_or_build": "build_new", "full_control": "yes"}


def _saved(ctx: ServiceContext, name: str) -> int:
    workload = new_workload(ctx, name)
    answers = {q: GivenAnswer(answer=a) for q, a in WALK.items()}
    services.save_answers(ctx, ANN, workload.id, base_version=0, answers=answers)
    return workload.id


@pytest.fixture
def two_workloads_one_on_the_agenda(tmp_path: Path, kb: KnowledgeBase) -> tuple[ServiceContext, int]:
    ctx = open_ctx(f"sqlite:///{tmp_path / 'advisor.db'}", kb)
    ctx.database.check()
    on_agenda = _saved(ctx, "Payroll")
    _saved(ctx, "Intranet")
    session = services.create_session(ctx, ANN, "Q4 board", datetime.date(2026, 11, 30), [("Ann", "decision_maker")])
    services.set_agenda(ctx, ANN, session.id, [on_agenda])
    return ctx, session.id


def test_selection_by_session_keeps_only_the_agenda(
    two_workloads_one_on_the_agenda: tuple[ServiceContext, int], kb: KnowledgeBase
) -> None:
    ctx, session = two_workloads_one_on_the_agenda
    chosen = services.select_records(ctx, session=session)
    assert [item.workload.name for item in chosen.workloads] == ["Payroll"]
    assert [w["name"] for w in json.loads(to_json(chosen))["workloads"]] == ["Payroll"]


def test_export_command_takes_a_session(
    two_workloads_one_on_the_agenda: tuple[ServiceContext, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _store, session = two_workloads_one_on_the_agenda
    monkeypatch.setenv("ADVISOR_DATABASE_URL", f"sqlite:///{tmp_path / 'advisor.db'}")
    assert main(["export", "--format", "csv", "--session", str(session)]) == 0
    out = capsys.readouterr().out
    assert "Payroll" in out
    assert "Intranet" not in out
