"""Every root-to-outcome path of the hand-written table is walked, in code and through the CLI."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from advisor import KnowledgeBase, load_knowledge, recommend
from advisor.cli.main import main
from tests.contract_ids import (
    CONTRACT_QUESTIONS,
    CONTRACT_ROOTS,
    RECOMMENDATION_KEYS,
    SPECIALTY_OUTCOMES,
    TREE_OUTCOMES,
)
from tests.paths_table import ALL_ROWS, TABLE, ExpectedPath

VERSIONS = ("compute-tree-2025", "compute-tree-2026")
OTHER_VERSION = {"compute-tree-2025": "compute-tree-2026", "compute-tree-2026": "compute-tree-2025"}
# A question that only the other version has (contract §1-2): answering it is never an error.
FOREIGN_QUESTION = {
    "compute-tree-2025": "specialty_workload",
    "compute-tree-2026": "service_fabric_or_legacy_dotnet",
}
CONTRACT_OUTCOMES = {
    "compute-tree-2025": TREE_OUTCOMES | {"service-fabric"},
    "compute-tree-2026": TREE_OUTCOMES | set(SPECIALTY_OUTCOMES.values()),
}


def _row_id(row: ExpectedPath) -> str:
    return row.id


def _all_paths(kb: KnowledgeBase, version_id: str) -> set[tuple[tuple[tuple[str, str], ...], str]]:
    """Enumerate (path, outcome) from the version's transition table with a depth-first search of our own."""
    transitions = kb.version(version_id).transitions
    found: set[tuple[tuple[tuple[str, str], ...], str]] = set()

    def visit(node: str, path: tuple[tuple[str, str], ...]) -> None:
        if node not in transitions:
            found.add((path, node))
            return
        assert len(path) < 50, f"runaway path {path}"
        for answer, (target, _) in transitions[node].items():
            visit(target, (*path, (node, answer)))

    visit(CONTRACT_ROOTS[version_id], ())
    return found


def test_table_has_30_paths_for_2025_and_36_for_2026() -> None:
    assert set(TABLE) == set(VERSIONS)
    assert len(TABLE["compute-tree-2025"]) == 30
    assert len(TABLE["compute-tree-2026"]) == 36


def test_table_2026_has_27_tree_paths_and_9_specialty_routes() -> None:
    rows = TABLE["compute-tree-2026"]
    through_tree = [row for row in rows if row.path[0] == ("specialty_workload", "none")]
    specialty = [row for row in rows if row.path[0] != ("specialty_workload", "none")]
    assert len(through_tree) == 27
    assert len(specialty) == 9
    assert {row.path for row in specialty} == {(("specialty_workload", a),) for a in SPECIALTY_OUTCOMES}


def test_table_uses_only_contract_ids_and_distinct_paths() -> None:
    for version, rows in TABLE.items():
        assert len({row.path for row in rows}) == len(rows), f"{version}: a path is listed twice"
        for row in rows:
            assert row.path[0][0] == CONTRACT_ROOTS[version], row.id
            assert row.outcome in CONTRACT_OUTCOMES[version], row.id
            for question, answer in row.path:
                assert isinstance(question, str), row.id
                assert isinstance(answer, str), row.id
                assert answer in CONTRACT_QUESTIONS[version][question], row.id


@pytest.mark.parametrize("row", ALL_ROWS, ids=_row_id)
def test_walk_reproduces_table_path(kb: KnowledgeBase, row: ExpectedPath) -> None:
    result = recommend(kb, row.answers, row.version)

    assert result.status == "complete"
    assert result.service == row.outcome
    assert result.next_question is None
    assert result.knowledge_version == row.version
    assert [step.question for step in result.path] == [question for question, _ in row.path]
    assert [step.answer for step in result.path] == [answer for _, answer in row.path]
    assert all(step.rationale.strip() for step in result.path)
    assert result.unused_answers == ()


@pytest.mark.parametrize("version_id", VERSIONS)
def test_knowledge_has_exactly_the_table_paths(kb: KnowledgeBase, version_id: str) -> None:
    expected = {(row.path, row.outcome) for row in TABLE[version_id]}
    assert _all_paths(kb, version_id) == expected


@pytest.mark.parametrize(("version_id", "count"), [("compute-tree-2025", 30), ("compute-tree-2026", 36)])
def test_version_counts_its_contract_number_of_paths(kb: KnowledgeBase, version_id: str, count: int) -> None:
    assert kb.version(version_id).path_count() == count


@pytest.mark.parametrize("row", ALL_ROWS, ids=_row_id)
def test_off_path_answers_leave_outcome_and_path_unchanged(kb: KnowledgeBase, row: ExpectedPath) -> None:
    rng = random.Random(f"off-path {row.id}")
    questions = CONTRACT_QUESTIONS[row.version]
    off_path = sorted(set(questions) - {question for question, _ in row.path})
    chosen = rng.sample(off_path, k=min(len(off_path), rng.randint(2, 5)))
    extra = {question: rng.choice(questions[question]) for question in chosen}
    foreign = FOREIGN_QUESTION[row.version]
    extra[foreign] = rng.choice(CONTRACT_QUESTIONS[OTHER_VERSION[row.version]][foreign])
    items = [*row.path, *extra.items()]
    rng.shuffle(items)

    result = recommend(kb, dict(items), row.version)

    assert result.status == "complete"
    assert result.service == row.outcome
    assert [(step.question, step.answer) for step in result.path] == list(row.path)
    assert {(unused.question, unused.answer) for unused in result.unused_answers} == set(extra.items())
    assert len(result.unused_answers) == len(extra)


@pytest.mark.parametrize(
    "row",
    [TABLE["compute-tree-2025"][6], TABLE["compute-tree-2026"][0], TABLE["compute-tree-2026"][-1]],
    ids=_row_id,
)
def test_same_answers_give_equal_recommendations(kb: KnowledgeBase, row: ExpectedPath) -> None:
    answers = {**row.answers, FOREIGN_QUESTION[row.version]: "yes" if row.version.endswith("2026") else "sap"}
    first = recommend(kb, answers, row.version).to_dict()
    second = recommend(kb, answers, row.version).to_dict()
    reordered = recommend(kb, dict(reversed(list(answers.items()))), row.version).to_dict()
    reloaded = recommend(load_knowledge(), dict(answers), row.version).to_dict()

    assert first == second
    assert first == reordered
    assert first == reloaded
    assert json.loads(json.dumps(first)) == first


@pytest.mark.parametrize("row", ALL_ROWS, ids=_row_id)
def test_cli_recommend_reproduces_table_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], row: ExpectedPath
) -> None:
    answers_file = tmp_path / "answers.yaml"
    # Bare yes/no on purpose: they must stay the answer ids "yes" and "no".
    lines = ["answers:", *(f"  {question}: {answer}" for question, answer in row.path)]
    answers_file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    code = main(["recommend", str(answers_file), "--knowledge-version", row.version, "--format", "json"])

    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    data = json.loads(captured.out)
    assert set(data) >= RECOMMENDATION_KEYS
    assert data["status"] == "complete"
    assert data["service"] == row.outcome
    assert data["next_question"] is None
    assert data["knowledge_version"] == row.version
    assert [(step["question"], step["answer"]) for step in data["path"]] == list(row.path)
    assert all(isinstance(step["rationale"], str) and step["rationale"] for step in data["path"])
    assert data["unused_answers"] == []
    assert 0 <= data["confidence"] <= 1
