"""Bad input gets one stderr line per problem naming file, line and id, exit 2 (1 for check), no traceback."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

Runner = Callable[..., subprocess.CompletedProcess[str]]

KNOWLEDGE = Path(__file__).resolve().parent.parent.parent / "knowledge"


def _error_lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in done.stderr
    assert "Traceback" not in done.stdout
    return [line for line in done.stderr.splitlines() if line.strip()]


def _single_error_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = _error_lines(done)
    assert len(lines) == 1, done.stderr
    return lines[0]


@dataclass(frozen=True)
class BadAnswers:
    """An answers file that must be refused, and where its one problem is."""

    name: str
    text: str
    line: int | None
    ident: str | None
    also: tuple[str, ...] = ()  # further words the message must contain
    suffix: str = ".yaml"


BAD_ANSWERS: list[BadAnswers] = [
    BadAnswers(
        "unknown-question-id",
        "answers:\n  specialty_workload: none\n  favourite_colour: blue\n",
        3,
        "favourite_colour",
    ),
    BadAnswers(
        "unknown-answer-id",
        "knowledge_version: compute-tree-2026\nanswers:\n  specialty_workload: none\n  migrate_or_build: maybe\n",
        4,
        "migrate_or_build",
        ("maybe",),
    ),
    BadAnswers(
        "boolean-answer",
        "answers:\n  specialty_workload: none\n  migrate_or_build: migrate\n"
        "  migration_approach: lift_and_shift\n  containerizable: true\n",
        5,
        "containerizable",
    ),
    BadAnswers("number-answer", "answers:\n  hpc: 3\n", 2, "hpc"),
    BadAnswers("null-answer", "answers:\n  specialty_workload: none\n  migrate_or_build:\n", 3, "migrate_or_build"),
    BadAnswers("top-level-list", "- specialty_workload\n- none\n", 1, None),
    BadAnswers(
        "answers-not-a-mapping",
        "knowledge_version: compute-tree-2026\nanswers:\n  - specialty_workload\n  - none\n",
        2,
        "answers",
    ),
    BadAnswers("unknown-top-level-key", "answer:\n  hpc: yes\n", 1, "answer"),
    BadAnswers("version-not-a-string", "answers: {}\nknowledge_version: 2026\n", 2, "knowledge_version"),
    BadAnswers("empty-file", "", 1, None, ("empty",)),
    BadAnswers("malformed-yaml", "answers:\n  hpc: no\n    cots: yes\n", 3, None, ("malformed",)),
    BadAnswers("duplicate-question", "answers:\n  hpc: no\n  cots: yes\n  hpc: yes\n", 4, "hpc"),
    BadAnswers(
        "json-boolean-answer",
        '{\n  "answers": {\n    "specialty_workload": "none",\n    "containerizable": false\n  }\n}\n',
        4,
        "containerizable",
        suffix=".json",
    ),
    BadAnswers("number-question-id", "answers:\n  specialty_workload: none\n  42: yes\n", 3, "42"),
    BadAnswers(
        "unknown-version-in-file",
        "answers:\n  specialty_workload: none\nknowledge_version: compute-tree-1999\n",
        3,
        None,
        ("compute-tree-1999",),
    ),
]


@pytest.mark.parametrize("case", BAD_ANSWERS, ids=lambda case: case.name)
def test_bad_answers_file_gets_one_located_error_and_exit_2(
    tmp_path: Path, run_advisor: Runner, case: BadAnswers
) -> None:
    answers = tmp_path / f"{case.name}{case.suffix}"
    answers.write_text(case.text, encoding="utf-8")

    done = run_advisor("recommend", answers)

    assert done.returncode == 2
    line = _single_error_line(done)
    where = f"{re.escape(str(answers))}:{case.line}: "
    if case.ident is not None:
        where += f"{re.escape(case.ident)}: "
    assert re.search(where, line), line
    for word in case.also:
        assert word in line


def test_answers_file_lists_every_bad_answer_at_once(tmp_path: Path, run_advisor: Runner) -> None:
    answers = tmp_path / "many.yaml"
    answers.write_text(
        "answers:\n  favourite_colour: blue\n  migrate_or_build: maybe\n  containerizable: true\n  hpc: 3\n",
        encoding="utf-8",
    )

    done = run_advisor("recommend", answers)

    assert done.returncode == 2
    lines = _error_lines(done)
    expected = {2: "favourite_colour", 3: "migrate_or_build", 4: "containerizable", 5: "hpc"}
    for number, ident in expected.items():
        assert any(f"{answers}:{number}: {ident}: " in line for line in lines), done.stderr


def test_json_format_reports_errors_as_data(tmp_path: Path, run_advisor: Runner) -> None:
    answers = tmp_path / "unknown.yaml"
    answers.write_text("answers:\n  specialty_workload: none\n  favourite_colour: blue\n", encoding="utf-8")

    done = run_advisor("recommend", answers, "--format", "json")

    assert done.returncode == 2
    (error,) = json.loads(done.stdout)["errors"]
    assert (error["file"], error["line"], error["id"]) == (str(answers), 3, "favourite_colour")


def test_missing_answers_file_is_named_with_exit_2(tmp_path: Path, run_advisor: Runner) -> None:
    missing = tmp_path / "nowhere.yaml"

    done = run_advisor("recommend", missing)

    assert done.returncode == 2
    line = _single_error_line(done)
    assert str(missing) in line
    assert "does not exist" in line


def test_folder_given_as_answers_file_exits_2(tmp_path: Path, run_advisor: Runner) -> None:
    done = run_advisor("recommend", tmp_path)

    assert done.returncode == 2
    assert str(tmp_path) in _single_error_line(done)


@pytest.mark.parametrize("command", ["recommend", "questions"])
def test_unknown_knowledge_version_flag_exits_2_naming_it(tmp_path: Path, run_advisor: Runner, command: str) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  specialty_workload: none\n", encoding="utf-8")
    args = [command, answers] if command == "recommend" else [command]

    done = run_advisor(*args, "--knowledge-version", "compute-tree-1999")

    assert done.returncode == 2
    assert "compute-tree-1999" in _single_error_line(done)


def test_missing_knowledge_folder_exits_2(tmp_path: Path, run_advisor: Runner) -> None:
    folder = tmp_path / "no-knowledge"

    done = run_advisor("check", "--knowledge", folder)

    assert done.returncode == 2
    assert str(folder) in _single_error_line(done)


def test_usage_error_exits_2(run_advisor: Runner) -> None:
    done = run_advisor("recommend")

    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def _knowledge_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, copy)
    return copy


def _edit_lines(path: Path, edit: Callable[[list[str]], None]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    edit(lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _line_number(path: Path, text: str) -> int:
    """1-based number of the line that is exactly ``text``."""
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_check_reports_malformed_knowledge_yaml_with_its_line(tmp_path: Path, run_advisor: Runner) -> None:
    folder = _knowledge_copy(tmp_path)
    general = folder / "tree" / "general.yaml"
    number = _line_number(general, "  - id: migrate_or_build")

    def corrupt(lines: list[str]) -> None:
        lines[number - 1] = "  - id: migrate_or_build: broken"

    _edit_lines(general, corrupt)

    done = run_advisor("check", "--knowledge", folder)

    assert done.returncode == 1
    lines = _error_lines(done)
    assert any(f"knowledge/tree/general.yaml:{number}: " in line and "malformed" in line for line in lines)


def test_check_reports_unknown_key_with_file_line_and_question(tmp_path: Path, run_advisor: Runner) -> None:
    folder = _knowledge_copy(tmp_path)
    general = folder / "tree" / "general.yaml"
    question_line = _line_number(general, "  - id: migrate_or_build")

    def add_colour(lines: list[str]) -> None:
        assert lines[question_line] == "    kind: tree"
        lines.insert(question_line + 1, "    colour: blue")

    _edit_lines(general, add_colour)
    colour_line = question_line + 2

    done = run_advisor("check", "--knowledge", folder)

    assert done.returncode == 1
    lines = _error_lines(done)
    wanted = f"knowledge/tree/general.yaml:{colour_line}: migrate_or_build: "
    assert any(wanted in line and "colour" in line for line in lines), done.stderr


def test_check_reports_missing_text_with_file_line_and_question(tmp_path: Path, run_advisor: Runner) -> None:
    folder = _knowledge_copy(tmp_path)
    general = folder / "tree" / "general.yaml"
    question_line = _line_number(general, "  - id: cots")

    def drop_text(lines: list[str]) -> None:
        assert lines[question_line + 1].startswith("    text: ")
        del lines[question_line + 1]

    _edit_lines(general, drop_text)

    done = run_advisor("check", "--knowledge", folder)

    assert done.returncode == 1
    lines = _error_lines(done)
    wanted = f"knowledge/tree/general.yaml:{question_line}: cots: "
    assert any(wanted in line and "text" in line for line in lines), done.stderr


def test_check_reports_bad_manifest_field_with_line_and_version(tmp_path: Path, run_advisor: Runner) -> None:
    folder = _knowledge_copy(tmp_path)
    manifest = folder / "versions" / "compute-tree-2025.yaml"
    number = _line_number(manifest, "date: 2025-02-04")

    def bad_date(lines: list[str]) -> None:
        lines[number - 1] = "date: someday"

    _edit_lines(manifest, bad_date)

    done = run_advisor("check", "--knowledge", folder)

    assert done.returncode == 1
    lines = _error_lines(done)
    wanted = f"knowledge/versions/compute-tree-2025.yaml:{number}: compute-tree-2025: "
    assert any(wanted in line and "date" in line for line in lines), done.stderr
