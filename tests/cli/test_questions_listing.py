"""`questions --format json` lists the tree questions, then the twelve requirement questions, each offering unknown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from advisor.cli.main import main
from tests.contract_ids import CONTRACT_QUESTIONS

REQUIREMENTS_FILE = Path(__file__).resolve().parent.parent.parent / "knowledge" / "requirements.yaml"
REQUIREMENT_IDS = [q["id"] for q in yaml.safe_load(REQUIREMENTS_FILE.read_text(encoding="utf-8"))["requirements"]]


@pytest.mark.parametrize(
    ("flags", "version_id"),
    [
        pytest.param([], "compute-tree-2026", id="default"),
        pytest.param(["--knowledge-version", "compute-tree-2025"], "compute-tree-2025", id="2025"),
    ],
)
def test_questions_json_lists_tree_questions_then_requirements_offering_unknown(
    capsys: pytest.CaptureFixture[str], flags: list[str], version_id: str
) -> None:
    code = main(["questions", "--format", "json", *flags])

    listing = json.loads(capsys.readouterr().out)
    assert code == 0
    kinds = [entry["kind"] for entry in listing]
    tree_count = len(CONTRACT_QUESTIONS[version_id])
    assert kinds == ["tree"] * tree_count + ["requirement"] * 12
    tree, requirements = listing[:tree_count], listing[tree_count:]
    assert {entry["id"] for entry in tree} == set(CONTRACT_QUESTIONS[version_id])
    assert [entry["id"] for entry in requirements] == REQUIREMENT_IDS
    for entry in requirements:
        answer_ids = [answer["id"] for answer in entry["answers"]]
        assert "unknown" in answer_ids, entry["id"]
        assert len(answer_ids) == len(set(answer_ids)) >= 3, entry["id"]
        assert all(answer["label"] for answer in entry["answers"])
    for entry in tree:
        assert "unknown" not in {answer["id"] for answer in entry["answers"]}, "tree questions have no don't know"
