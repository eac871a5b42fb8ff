"""The walk and the answers check: unused-answer reasons, rationale per step, and every bad answer at once."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest

from advisor import AnswersError, InputError, KnowledgeBase, recommend, validate_answers
from advisor.decide.engine import walk

V2025, V2026 = "compute-tree-2025", "compute-tree-2026"


class RecordingAnswers(Mapping[str, str]):
    """A plain mapping that remembers which questions were looked up."""

    def __init__(self, answers: dict[str, str]) -> None:
        self._answers = answers
        self.read: list[str] = []

    def __getitem__(self, key: str) -> str:
        self.read.append(key)
        return self._answers[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._answers)

    def __len__(self) -> int:
        return len(self._answers)


def test_unused_reason_tells_off_path_from_not_in_version(kb: KnowledgeBase) -> None:
    answers = {
        "specialty_workload": "sap",
        "migrate_or_build": "migrate",
        "hpc": "yes",
        "service_fabric_or_legacy_dotnet": "yes",
    }

    result = recommend(kb, answers, V2026)

    assert result.service == "sap-on-azure"
    reasons = {unused.question: unused.reason for unused in result.unused_answers}
    assert set(reasons) == {"migrate_or_build", "hpc", "service_fabric_or_legacy_dotnet"}
    off_path, not_in_version = reasons["migrate_or_build"], reasons["service_fabric_or_legacy_dotnet"]
    assert reasons["hpc"] == off_path
    assert off_path != not_in_version
    assert V2026 in not_in_version
    assert V2026 not in off_path
    assert "not part of" not in off_path


def test_unused_reason_names_2025_for_the_specialty_question(kb: KnowledgeBase) -> None:
    answers = {"migrate_or_build": "build_new", "full_control": "yes", "specialty_workload": "none"}

    result = recommend(kb, answers, V2025)

    assert result.service == "virtual-machines"
    (unused,) = result.unused_answers
    assert (unused.question, unused.answer) == ("specialty_workload", "none")
    assert V2025 in unused.reason


def test_unused_answers_are_reported_with_their_answer(kb: KnowledgeBase) -> None:
    result = recommend(kb, {"migrate_or_build": "build_new", "full_control": "no", "cots": "yes"}, V2025)

    assert result.status == "incomplete"
    assert result.next_question == "hpc"
    assert [(u.question, u.answer) for u in result.unused_answers] == [("cots", "yes")]


def test_walk_reads_only_answers_on_its_path(kb: KnowledgeBase) -> None:
    answers = RecordingAnswers(
        {"migrate_or_build": "build_new", "full_control": "yes", "cots": "no", "vmware": "yes", "hpc": "no"}
    )

    result = walk(kb.version(V2025), answers)

    assert result.outcome == "virtual-machines"
    assert set(answers.read) <= {"migrate_or_build", "full_control"}


@pytest.mark.parametrize("version_id", [V2025, V2026])
def test_each_step_carries_the_rationale_of_its_answer(kb: KnowledgeBase, version_id: str) -> None:
    version = kb.version(version_id)
    answers = {
        "specialty_workload": "none",
        "migrate_or_build": "build_new",
        "full_control": "no",
        "hpc": "no",
        "event_driven": "no",
        "managed_web_hosting": "no",
        "full_orchestration": "yes",
        "managed_orchestration": "yes",
        "service_fabric_or_legacy_dotnet": "no",
        "openshift": "yes",
    }
    answers = {q: a for q, a in answers.items() if q in version.questions}

    result = recommend(kb, answers, version_id)

    assert result.service == "red-hat-openshift"
    for step in result.path:
        (answer,) = [a for a in version.questions[step.question].answers if a.id == step.answer]
        assert step.rationale == answer.rationale


def test_versions_give_managed_orchestration_yes_their_own_rationale(kb: KnowledgeBase) -> None:
    def rationale(version_id: str) -> str:
        question = kb.version(version_id).questions["managed_orchestration"]
        return next(a.rationale for a in question.answers if a.id == "yes")

    assert rationale(V2025) != rationale(V2026)
    assert "service fabric" in rationale(V2025).lower()


def test_validation_lists_every_bad_answer_at_once(kb: KnowledgeBase) -> None:
    answers = {
        "specialty_workload": "none",
        "favourite_colour": "blue",
        "migrate_or_build": "maybe",
        "containerizable": True,
        "hpc": 3,
    }

    with pytest.raises(AnswersError) as info:
        recommend(kb, answers, V2026)

    idents = sorted(problem.ident or "" for problem in info.value.problems)
    assert idents == ["containerizable", "favourite_colour", "hpc", "migrate_or_build"]
    assert len(str(info.value).splitlines()) == 4


@pytest.mark.parametrize(
    ("answers", "ident"),
    [
        ({"containerizable": True}, "containerizable"),
        ({"containerizable": False}, "containerizable"),
        ({"hpc": 3}, "hpc"),
        ({"hpc": 1.5}, "hpc"),
        ({"hpc": None}, "hpc"),
        ({"hpc": ["yes"]}, "hpc"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
        ({"migrate_or_build": "maybe"}, "migrate_or_build"),
        ({"specialty_workload": "yes"}, "specialty_workload"),
    ],
    ids=[
        "true",
        "false",
        "int",
        "float",
        "null",
        "list",
        "unknown-question",
        "unknown-answer",
        "wrong-answer",
    ],
)
def test_bad_answer_is_refused_naming_its_question(kb: KnowledgeBase, answers: dict[str, object], ident: str) -> None:
    with pytest.raises(AnswersError) as info:
        recommend(kb, answers, V2026)

    assert [problem.ident for problem in info.value.problems] == [ident]


def test_non_string_question_id_is_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(AnswersError) as info:
        recommend(kb, {7: "yes"}, V2026)

    assert [problem.ident for problem in info.value.problems] == ["7"]


def test_question_of_other_version_is_kept_not_an_error(kb: KnowledgeBase) -> None:
    checked = validate_answers(kb, kb.version(V2026), {"service_fabric_or_legacy_dotnet": "no"})

    assert checked == {"service_fabric_or_legacy_dotnet": "no"}


def test_unknown_answer_to_question_of_other_version_is_refused(kb: KnowledgeBase) -> None:
    # contract §2: only question ids of a shipped version are kept; "maybe" is no answer id of any version.
    with pytest.raises(AnswersError) as info:
        recommend(kb, {"service_fabric_or_legacy_dotnet": "maybe"}, V2026)

    assert [problem.ident for problem in info.value.problems] == ["service_fabric_or_legacy_dotnet"]


def test_unknown_version_is_an_input_error_naming_it(kb: KnowledgeBase) -> None:
    with pytest.raises(InputError) as info:
        recommend(kb, {}, "compute-tree-1999")

    assert info.value.problems[0].ident == "compute-tree-1999"
    assert "compute-tree-1999" in str(info.value)
