"""How the command line ends when something goes wrong: capped errors, a closed pipe, the last resort."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from advisor.cli import main as cli
from tests.conftest import REPO_ROOT


def test_errors_are_capped_at_100_then_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n" + "".join(f"  q{i}: yes\n" for i in range(250)), encoding="utf-8")

    code = cli.main(["recommend", str(answers)])
    lines = capsys.readouterr().err.splitlines()

    assert code == 2
    assert len(lines) == 102
    assert all(line.startswith(f"error: {answers}:") for line in lines[:100])
    assert lines[100:] == ["… and 150 more problems not shown.", "250 problems found."]


def test_json_errors_are_capped_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n" + "".join(f"  q{i}: yes\n" for i in range(250)), encoding="utf-8")

    assert cli.main(["recommend", str(answers), "--format", "json"]) == 2
    printed = json.loads(capsys.readouterr().out)
    assert (len(printed["errors"]), printed["errors_not_shown"]) == (100, 150)


def test_a_closed_pipe_ends_quietly_with_141() -> None:
    child = subprocess.Popen([sys.executable, "-m", "advisor", "questions", "--format", "json"], cwd=REPO_ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert child.stdout is not None
    assert child.stderr is not None
    child.stdout.close()
    stderr = child.stderr.read()

    assert child.wait(timeout=60) == 141
    assert stderr == b""


def test_an_unforeseen_failure_is_one_line_saying_it_is_a_bug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No input reaches this (the hostile corpus proves it for its cases): a command that breaks stands in."""

    def broken(_args: object) -> int:
        raise RuntimeError("state nobody planned for\nsecond line")

    monkeypatch.setitem(cli._COMMANDS, "check", broken)

    assert cli.main(["check"]) == 70
    assert capsys.readouterr().err == (
        "error: internal error (RuntimeError: state nobody planned for); this is a bug, please report it\n"
    )
