"""Exports filtered by review session keep exactly the workloads on that session's agenda."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from advisor import KnowledgeBase
from advisor.cli.main import main
from advisor.decide.record_builder import build_record
from advisor.export import to_json
from advisor.export.selection import select_records
from advisor.models.record import GivenAnswer
from advisor.store import Store

WALK = {"specialty_workload": "none", "migrate_or_build": "build_new", "full_control": "yes"}


def _saved(store: Store, kb: KnowledgeBase, name: str) -> int:
    workload = store.create_workload(name)
    answers = {q: GivenAnswer(answer=a) for q, a in WALK.items()}
    store.append_record(
        build_record(kb, workload=workload, answers=answers, knowledge_version=None, author="Ann", version=1)
    )
    return workload.id


@pytest.fixture
def two_workloads_one_on_the_agenda(tmp_path: Path, kb: KnowledgeBase) -> tuple[Store, int]:
    store = Store(f"sqlite:///{tmp_path / 'advisor.db'}")
    store.check()
    on_agenda = _saved(store, kb, "Payroll")
    _saved(store, kb, "Intranet")
    session = store.create_session("Q4 board", datetime.date(2026, 11, 30), [("Ann", "decision_maker")], "Ann")
    store.set_agenda(session.id, [on_agenda])
    return store, session.id


def test_selection_by_session_keeps_only_the_agenda(
    two_workloads_one_on_the_agenda: tuple[Store, int], kb: KnowledgeBase
) -> None:
    store, session = two_workloads_one_on_the_agenda
    chosen = select_records(store, kb, session=session)
    assert [item.workload.name for item in chosen.workloads] == ["Payroll"]
    assert [w["name"] for w in json.loads(to_json(chosen))["workloads"]] == ["Payroll"]


def test_export_command_takes_a_session(
    two_workloads_one_on_the_agenda: tuple[Store, int],
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
