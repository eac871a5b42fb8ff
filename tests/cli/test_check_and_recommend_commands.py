"""The command line (contract §5): questions, check and recommend, in text and JSON, with their exit codes."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from advisor.cli.main import main
from tests.contract_ids import CONTRACT_QUESTIONS, CONTRACT_ROOTS, RECOMMENDATION_KEYS

Runner = Callable[..., subprocess.CompletedProcess[str]]


def _json_output(capsys: pytest.CaptureFixture[str], argv: list[str]) -> object:
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


@pytest.mark.parametrize("version_id", sorted(CONTRACT_QUESTIONS))
def test_questions_lists_every_decision_point_with_its_answers(
    capsys: pytest.CaptureFixture[str], version_id: str
) -> None:
    listing = _json_output(capsys, ["questions", "--knowledge-version", version_id, "--format", "json"])

    assert isinstance(listing, list)
    assert all({"id", "text", "kind", "answers"} <= set(entry) for entry in listing)
    tree = [entry for entry in listing if entry["kind"] == "tree"]
    assert listing[: len(tree)] == tree, "decision points come before requirement questions"
    assert {entry["kind"] for entry in listing} <= {"tree", "requirement"}
    assert tree[0]["id"] == CONTRACT_ROOTS[version_id]
    assert {entry["id"]: {a["id"] for a in entry["answers"]} for entry in tree} == {
        question: set(answers) for question, answers in CONTRACT_QUESTIONS[version_id].items()
    }
    assert all(answer["label"] for entry in listing for answer in entry["answers"])


def test_questions_defaults_to_2026(capsys: pytest.CaptureFixture[str]) -> None:
    listing = _json_output(capsys, ["questions", "--format", "json"])

    assert isinstance(listing, list)
    assert listing[0]["id"] == "specialty_workload"


def test_questions_text_names_each_question(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["questions", "--knowledge-version", "compute-tree-2025"])

    out = capsys.readouterr().out
    assert code == 0
    for question in CONTRACT_QUESTIONS["compute-tree-2025"]:
        assert question in out


def test_check_json_counts_the_contract_paths(capsys: pytest.CaptureFixture[str]) -> None:
    summary = _json_output(capsys, ["check", "--format", "json"])

    assert isinstance(summary, dict)
    assert summary["ok"] is True
    assert summary["default_version"] == "compute-tree-2026"
    assert {v["id"]: v["paths"] for v in summary["versions"]} == {
        "compute-tree-2025": 30,
        "compute-tree-2026": 36,
    }


def test_recommend_reads_json_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps({"knowledge_version": "compute-tree-2026", "answers": {"specialty_workload": "quantum"}}),
        encoding="utf-8",
    )

    result = _json_output(capsys, ["recommend", str(answers), "--format", "json"])

    assert isinstance(result, dict)
    assert set(result) >= RECOMMENDATION_KEYS
    assert (result["status"], result["service"]) == ("complete", "azure-quantum")


def test_recommend_text_names_the_service_and_the_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  migrate_or_build: build_new\n  full_control: yes\n", encoding="utf-8")

    code = main(["recommend", str(answers), "--knowledge-version", "compute-tree-2025"])

    out = capsys.readouterr().out
    assert code == 0
    assert "virtual-machines" in out
    assert "compute-tree-2025" in out


def test_recommend_as_a_module_exits_0_with_json(tmp_path: Path, run_advisor: Runner) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "# a containerizable lift and shift that needs a managed OpenShift\n"
        "knowledge_version: compute-tree-2026\n"
        "answers:\n"
        "  specialty_workload: none\n"
        "  migrate_or_build: migrate\n"
        "  migration_approach: lift_and_shift\n"
        "  containerizable: yes\n"
        "  event_driven: no\n"
        "  managed_web_hosting: no\n"
        "  full_orchestration: yes\n"
        "  managed_orchestration: yes\n"
        "  openshift: yes\n",
        encoding="utf-8",
    )

    done = run_advisor("recommend", answers, "--format", "json")

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    result = json.loads(done.stdout)
    assert (result["status"], result["service"]) == ("complete", "red-hat-openshift")
    assert len(result["path"]) == 9


def test_incomplete_recommend_as_a_module_exits_0(tmp_path: Path, run_advisor: Runner) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  specialty_workload: none\n", encoding="utf-8")

    done = run_advisor("recommend", answers, "--format", "json")

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["next_question"] == "migrate_or_build"


def test_unknown_command_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as info:
        main(["advise"])

    assert info.value.code == 2
