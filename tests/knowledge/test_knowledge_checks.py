"""Knowledge checks: the shipped knowledge is sound, and each fault planted in a broken folder is named."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from advisor import KnowledgeBase, KnowledgeError, KnowledgeVersion, Problem, check_knowledge, load_knowledge
from advisor.cli.main import main
from advisor.knowledge.graph import VersionDraft, check_rationales
from tests.contract_ids import CONTRACT_QUESTIONS, CONTRACT_ROOTS, SPECIALTY_OUTCOMES, TREE_OUTCOMES

BROKEN = Path(__file__).resolve().parent.parent / "fixtures" / "broken_knowledge"
TREE_FILE = "tree/broken.yaml"
MANIFEST_FILE = "versions/broken-tree.yaml"
VERSIONS = ("compute-tree-2025", "compute-tree-2026")


@dataclass(frozen=True)
class Fault:
    """A fault planted in tests/fixtures/broken_knowledge: its check, file, and id -> line (any one fits)."""

    check: str
    file: str
    at: dict[str, int]

    def matches(self, problem: Problem) -> bool:
        return (
            problem.check == self.check
            and problem.file is not None
            and Path(problem.file).as_posix().endswith(self.file)
            and problem.ident in self.at
            and problem.line == self.at[problem.ident]
        )

    def line_pattern(self) -> re.Pattern[str]:
        """``file:line: id: [check]``, as errors.py documents a problem's one line."""
        where = "|".join(f"{re.escape(self.file)}:{line}: {re.escape(ident)}" for ident, line in self.at.items())
        return re.compile(rf"(?:{where}): \[{re.escape(self.check)}\] ")


# Lines counted by hand in the fixture files (each fault is marked there with a FAULT comment).
PLANTED: list[Fault] = [
    Fault("dangling-reference", TREE_FILE, {"start/right": 15}),
    Fault("shared-rationale", TREE_FILE, {"hub/pooled": 47, "hub/serverless": 43}),
    Fault("missing-rationale", TREE_FILE, {"hub/silent": 52}),
    Fault("cycle", TREE_FILE, {"loop_a": 58, "loop_b": 73}),
    Fault("no-outcome", TREE_FILE, {"limbo": 89}),
    Fault("dead-end", TREE_FILE, {"stuck": 101}),
    Fault("unreachable", TREE_FILE, {"orphan": 124}),
    Fault("duplicate-ids", MANIFEST_FILE, {"twin": 15}),
    Fault("outcome-not-in-contract", MANIFEST_FILE, {"mainframe-rehost": 32}),
]
PLANTED_CHECKS = frozenset(fault.check for fault in PLANTED)


@pytest.fixture(scope="module")
def broken_problems() -> list[Problem]:
    return check_knowledge(BROKEN)


@pytest.mark.parametrize("fault", PLANTED, ids=lambda fault: fault.check)
def test_check_knowledge_reports_planted_fault(broken_problems: list[Problem], fault: Fault) -> None:
    found = [problem for problem in broken_problems if fault.matches(problem)]
    assert len(found) == 1, "\n".join(map(str, broken_problems))


def test_check_knowledge_reports_no_structural_fault_beyond_the_planted_ones(
    broken_problems: list[Problem],
) -> None:
    structural = [problem for problem in broken_problems if problem.check in PLANTED_CHECKS]
    unexpected = [problem for problem in structural if not any(fault.matches(problem) for fault in PLANTED)]
    assert unexpected == []
    assert len(structural) == len(PLANTED)


def test_shared_rationale_names_both_answers(broken_problems: list[Problem]) -> None:
    (shared,) = [problem for problem in broken_problems if problem.check == "shared-rationale"]
    assert {"hub/serverless", "hub/pooled"} <= set(re.findall(r"hub/\w+", f"{shared.ident} {shared.message}"))


def test_cycle_names_both_questions_of_the_loop(broken_problems: list[Problem]) -> None:
    (cycle,) = [problem for problem in broken_problems if problem.check == "cycle"]
    assert "loop_a" in str(cycle)
    assert "loop_b" in str(cycle)


def test_load_knowledge_refuses_broken_folder_listing_every_fault() -> None:
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(BROKEN)
    assert all(any(fault.matches(problem) for problem in info.value.problems) for fault in PLANTED)


def test_cli_check_lists_every_planted_fault_once_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--knowledge", str(BROKEN)])

    captured = capsys.readouterr()
    assert code == 1
    lines = captured.err.splitlines()
    missing = [fault.check for fault in PLANTED if sum(bool(fault.line_pattern().search(ln)) for ln in lines) != 1]
    assert missing == [], captured.err
    problem_lines = [line for line in lines if "[" in line]
    assert all(line.startswith("error: ") for line in problem_lines)


def test_cli_check_on_broken_folder_exits_1_without_traceback(
    run_advisor: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    done = run_advisor("check", "--knowledge", BROKEN)

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert all(any(fault.line_pattern().search(line) for line in done.stderr.splitlines()) for fault in PLANTED)


def test_cli_check_passes_on_shipped_knowledge(
    run_advisor: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    done = run_advisor("check")

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "compute-tree-2025" in done.stdout
    assert "compute-tree-2026" in done.stdout


def test_check_knowledge_finds_nothing_in_shipped_knowledge() -> None:
    assert check_knowledge() == []


def _draft_of(version: KnowledgeVersion) -> VersionDraft:
    where = (f"versions/{version.id}.yaml", None)
    return VersionDraft(
        version.id,
        where[0],
        version.root,
        None,
        questions=[(question, where) for question in version.questions.values()],
        outcomes=[(outcome, where) for outcome in version.outcomes.values()],
    )


@pytest.mark.parametrize("version_id", VERSIONS)
def test_shipped_rationales_pass_the_rationale_check(kb: KnowledgeBase, version_id: str) -> None:
    version = kb.version(version_id)
    assert check_rationales(_draft_of(version), version.graph) == []


def _normalized(text: str, names: list[str]) -> str:
    """Lowercase, drop every service name and id, keep letters only: what is left of a template."""
    lowered = text.lower()
    for name in names:
        lowered = lowered.replace(name, " ")
    return re.sub(r"[^a-z]+", "", lowered)


def test_shipped_rationales_are_distinct_without_service_names(kb: KnowledgeBase) -> None:
    names: set[str] = set()
    for version in kb.versions.values():
        for outcome in version.outcomes.values():
            label = outcome.label.lower()
            names |= {outcome.id, outcome.id.replace("-", " "), label, label.removeprefix("azure ")}
    longest_first = sorted(names, key=len, reverse=True)
    rationales: dict[tuple[str, str, str], str] = {}  # one entry per answer, even when versions share it
    for version in kb.versions.values():
        for question in version.questions.values():
            for answer in question.answers:
                rationales[(question.id, answer.id, answer.rationale)] = _normalized(answer.rationale, longest_first)

    assert all(text.strip() for (_, _, text) in rationales)
    assert all(rationales.values())
    by_text: dict[str, list[str]] = {}
    for (question_id, answer_id, _), normalized in rationales.items():
        by_text.setdefault(normalized, []).append(f"{question_id}/{answer_id}")
    assert [idents for idents in by_text.values() if len(idents) > 1] == []


@pytest.mark.parametrize("version_id", VERSIONS)
def test_every_question_has_help_and_https_source(kb: KnowledgeBase, version_id: str) -> None:
    for question in kb.version(version_id).questions.values():
        assert question.help.strip(), question.id
        assert question.text.strip(), question.id
        assert question.source.startswith("https://"), question.id


@pytest.mark.parametrize("version_id", VERSIONS)
def test_every_outcome_has_help_and_https_source(kb: KnowledgeBase, version_id: str) -> None:
    for outcome in kb.version(version_id).outcomes.values():
        assert outcome.help.strip(), outcome.id
        assert outcome.label.strip(), outcome.id
        assert outcome.source.startswith("https://"), outcome.id


def _inferred(version: KnowledgeVersion) -> tuple[set[str], set[str], set[str]]:
    questions = {q.id for q in version.questions.values() if q.inferred}
    answers = {f"{q.id}/{a.id}" for q in version.questions.values() for a in q.answers if a.inferred}
    outcomes = {o.id for o in version.outcomes.values() if o.inferred}
    return questions, answers, outcomes


def test_2026_marks_exactly_the_contract_modeling_choices_as_inferred(kb: KnowledgeBase) -> None:
    questions, answers, outcomes = _inferred(kb.version("compute-tree-2026"))

    assert questions == {"specialty_workload"}
    # Issue 19 (lifecycle.md, Corrections: "tree 2026, container branch"): the wiring after managed_orchestration =
    # yes was read from the flowchart itself, so it is no longer our inference.
    assert answers == set()
    # Service Fabric as the specialty outcome of stateful_microservices is the second choice of contract §1.
    assert outcomes <= {"service-fabric"}


def test_2025_marks_nothing_as_inferred(kb: KnowledgeBase) -> None:
    assert _inferred(kb.version("compute-tree-2025")) == (set(), set(), set())


@pytest.mark.parametrize("version_id", VERSIONS)
def test_every_inferred_element_explains_why(kb: KnowledgeBase, version_id: str) -> None:
    version = kb.version(version_id)
    elements = [
        *version.questions.values(),
        *(answer for question in version.questions.values() for answer in question.answers),
        *version.outcomes.values(),
    ]
    for element in elements:
        if element.inferred:
            assert element.inference_note is not None, element
            assert element.inference_note.strip(), element


@pytest.mark.parametrize("version_id", VERSIONS)
def test_version_offers_exactly_the_contract_questions_and_answers(kb: KnowledgeBase, version_id: str) -> None:
    version = kb.version(version_id)

    assert version.root == CONTRACT_ROOTS[version_id]
    offered = {q.id: sorted(a.id for a in q.answers) for q in version.questions.values()}
    assert offered == {q: sorted(answers) for q, answers in CONTRACT_QUESTIONS[version_id].items()}


def test_2025_outcomes_are_the_tree_outcomes_plus_service_fabric(kb: KnowledgeBase) -> None:
    outcomes = kb.version("compute-tree-2025").outcomes

    assert set(outcomes) == TREE_OUTCOMES | {"service-fabric"}
    assert {outcome.kind for outcome in outcomes.values()} == {"tree"}


def test_2026_outcomes_are_the_tree_outcomes_and_the_specialty_routes(kb: KnowledgeBase) -> None:
    outcomes = kb.version("compute-tree-2026").outcomes

    assert {o.id for o in outcomes.values() if o.kind == "tree"} == TREE_OUTCOMES
    assert {o.id for o in outcomes.values() if o.kind == "specialty"} == set(SPECIALTY_OUTCOMES.values())
    assert len(outcomes) == len(TREE_OUTCOMES) + len(SPECIALTY_OUTCOMES)
