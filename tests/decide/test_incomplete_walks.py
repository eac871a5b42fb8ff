"""Partial answers stop the walk at the first unanswered question on the path, never a guess (contract §2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor import KnowledgeBase, recommend
from advisor.cli.main import main
from tests.paths_table import TABLE, ExpectedPath

V2025, V2026 = "compute-tree-2025", "compute-tree-2026"

# A container workload up to the managed-orchestration step, shared by both versions' cases below.
_TO_MANAGED = [
    ("full_control", "no"),
    ("hpc", "no"),
    ("event_driven", "no"),
    ("managed_web_hosting", "no"),
    ("full_orchestration", "yes"),
    ("managed_orchestration", "yes"),
]

# (version, answers in walk order, the question the walk must stop at), written from contract §1-2.
INCOMPLETE_CASES: list[tuple[str, list[tuple[str, str]], str]] = [
    (V2026, [], "specialty_workload"),
    (V2025, [], "migrate_or_build"),
    (V2026, [("specialty_workload", "none")], "migrate_or_build"),
    (V2026, [("specialty_workload", "none"), ("migrate_or_build", "migrate")], "migration_approach"),
    (V2026, [("specialty_workload", "none"), ("migrate_or_build", "build_new")], "full_control"),
    (V2025, [("migrate_or_build", "build_new")], "full_control"),
    # cloud_optimized joins at hpc, skipping full_control
    (V2025, [("migrate_or_build", "migrate"), ("migration_approach", "cloud_optimized")], "hpc"),
    (V2025, [("migrate_or_build", "migrate"), ("migration_approach", "lift_and_shift")], "containerizable"),
    # a containerizable lift-and-shift joins at event_driven
    (
        V2025,
        [
            ("migrate_or_build", "migrate"),
            ("migration_approach", "lift_and_shift"),
            ("containerizable", "yes"),
        ],
        "event_driven",
    ),
    (
        V2025,
        [
            ("migrate_or_build", "migrate"),
            ("migration_approach", "lift_and_shift"),
            ("containerizable", "no"),
        ],
        "cots",
    ),
    (
        V2026,
        [
            ("specialty_workload", "none"),
            ("migrate_or_build", "migrate"),
            ("migration_approach", "lift_and_shift"),
            ("containerizable", "no"),
            ("cots", "yes"),
        ],
        "vmware",
    ),
    (V2025, [("migrate_or_build", "build_new"), *_TO_MANAGED], "service_fabric_or_legacy_dotnet"),
    (V2026, [("specialty_workload", "none"), ("migrate_or_build", "build_new"), *_TO_MANAGED], "openshift"),
    (
        V2026,
        [
            ("specialty_workload", "none"),
            ("migrate_or_build", "build_new"),
            *_TO_MANAGED,
            ("openshift", "no"),
        ],
        "full_kubernetes",
    ),
]


def _case_id(case: tuple[str, list[tuple[str, str]], str]) -> str:
    version, path, stop = case
    steps = ",".join(f"{q}={a}" for q, a in path) or "no-answers"
    return f"{version.removeprefix('compute-tree-')}-{steps}->{stop}"


@pytest.mark.parametrize("case", INCOMPLETE_CASES, ids=_case_id)
def test_partial_answers_stop_at_first_unanswered_question(
    kb: KnowledgeBase, case: tuple[str, list[tuple[str, str]], str]
) -> None:
    version, path, stop = case

    result = recommend(kb, dict(path), version)

    assert result.status == "incomplete"
    assert result.service is None
    assert result.next_question == stop
    assert [(step.question, step.answer) for step in result.path] == path
    assert result.unused_answers == ()


def test_empty_answers_stop_at_the_default_versions_root(kb: KnowledgeBase) -> None:
    result = recommend(kb, {})

    assert kb.default_version == V2026
    assert result.knowledge_version == V2026
    assert result.status == "incomplete"
    assert result.next_question == "specialty_workload"
    assert result.path == ()


def test_answers_beyond_a_gap_are_not_used_to_skip_it(kb: KnowledgeBase) -> None:
    answers = {"migrate_or_build": "build_new", "hpc": "no", "event_driven": "yes"}

    result = recommend(kb, answers, V2025)

    assert result.status == "incomplete"
    assert result.service is None
    assert result.next_question == "full_control"
    assert [(step.question, step.answer) for step in result.path] == [("migrate_or_build", "build_new")]
    assert {(u.question, u.answer) for u in result.unused_answers} == {("hpc", "no"), ("event_driven", "yes")}


@pytest.mark.parametrize("row", TABLE[V2025], ids=lambda row: row.id)
def test_2025_answers_under_2026_stop_at_specialty_workload(kb: KnowledgeBase, row: ExpectedPath) -> None:
    result = recommend(kb, row.answers, V2026)

    assert result.status == "incomplete"
    assert result.service is None
    assert result.next_question == "specialty_workload"
    assert result.path == ()
    assert {(u.question, u.answer) for u in result.unused_answers} == set(row.path)


@pytest.mark.parametrize("row", TABLE[V2025], ids=lambda row: row.id)
def test_2025_answers_with_no_specialty_follow_the_2026_wiring(kb: KnowledgeBase, row: ExpectedPath) -> None:
    # contract §1: in 2026, managed_orchestration = yes goes straight to openshift.
    answers = {"specialty_workload": "none", **row.answers}
    expected_path = [("specialty_workload", "none")] + [
        s for s in row.path if s[0] != "service_fabric_or_legacy_dotnet"
    ]

    result = recommend(kb, answers, V2026)

    assert [(step.question, step.answer) for step in result.path] == expected_path
    if row.outcome == "service-fabric":
        # the 2025 record never answered openshift: it newly needs an answer
        assert result.status == "incomplete"
        assert result.service is None
        assert result.next_question == "openshift"
    else:
        assert result.status == "complete"
        assert result.service == row.outcome
    assert {u.question for u in result.unused_answers} == {q for q, _ in row.path if q not in dict(expected_path)}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_prints_incomplete_recommendation_and_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = _write(tmp_path / "partial.yaml", "answers:\n  specialty_workload: none\n")

    code = main(["recommend", str(answers), "--format", "json"])

    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = json.loads(captured.out)
    assert data["status"] == "incomplete"
    assert data["service"] is None
    assert data["next_question"] == "migrate_or_build"
    assert data["knowledge_version"] == V2026
    assert data["path"][0]["question"] == "specialty_workload"


def test_cli_text_format_names_the_next_question(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = _write(tmp_path / "partial.yaml", "answers:\n  specialty_workload: none\n")

    code = main(["recommend", str(answers)])

    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "migrate_or_build" in captured.out
    assert V2026 in captured.out


def test_answers_file_knowledge_version_is_used_without_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = _write(tmp_path / "old.yaml", "knowledge_version: compute-tree-2025\nanswers: {}\n")

    code = main(["recommend", str(answers), "--format", "json"])

    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["knowledge_version"] == V2025
    assert data["next_question"] == "migrate_or_build"


def test_knowledge_version_flag_wins_over_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = _write(
        tmp_path / "old.yaml",
        "knowledge_version: compute-tree-2025\nanswers:\n  migrate_or_build: build_new\n  full_control: yes\n",
    )

    code = main(["recommend", str(answers), "--knowledge-version", V2026, "--format", "json"])

    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["knowledge_version"] == V2026
    assert data["status"] == "incomplete"
    assert data["next_question"] == "specialty_workload"
