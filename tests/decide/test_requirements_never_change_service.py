"""Property tests: requirement answers refine the candidates but never change the service, status, path or next step."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import KnowledgeBase, Recommendation, recommend
from tests.contract_ids import CONTRACT_QUESTIONS, TREE_OUTCOMES

REQUIREMENTS_FILE = Path(__file__).resolve().parent.parent.parent / "knowledge" / "requirements.yaml"
UNKNOWN = "unknown"
# Read from the knowledge file itself, not through the advisor: question id -> its answer ids (without unknown).
REQUIREMENT_ANSWERS: dict[str, tuple[str, ...]] = {
    q["id"]: tuple(str(a["id"]) for a in q["answers"])
    for q in yaml.safe_load(REQUIREMENTS_FILE.read_text(encoding="utf-8"))["requirements"]
}
CANDIDATES: dict[str, frozenset[str]] = {
    "compute-tree-2025": TREE_OUTCOMES | {"service-fabric"},
    "compute-tree-2026": TREE_OUTCOMES,
}
FIT_RANK = {"fit": 0, "fit_with_effort": 1, "unknown": 2, "no_fit": 3}


def _drop_missing(drawn: dict[str, str | None]) -> dict[str, str]:
    return {question: answer for question, answer in drawn.items() if answer is not None}


def _tree_answer(question: str, answers: tuple[str, ...]) -> st.SearchStrategy[str | None]:
    """Mostly an answer, sometimes none; the specialty question mostly `none`, so most walks go deep."""
    if question == "specialty_workload":
        return st.sampled_from(("none",) * len(answers) + answers + (None,))
    return st.sampled_from(answers * 4 + (None,))


# Answers that lead into the container branch, where the deepest outcomes are: drawn half of the time.
CONTAINER_BRANCH = {
    "specialty_workload": "none",
    "migrate_or_build": "build_new",
    "full_control": "no",
    "hpc": "no",
    "event_driven": "no",
    "managed_web_hosting": "no",
}


def _tree_answers(version_id: str) -> st.SearchStrategy[dict[str, str]]:
    """For each tree question of the version: no answer, or one of its contract answer ids."""
    questions = CONTRACT_QUESTIONS[version_id]
    anywhere = {q: _tree_answer(q, answers) for q, answers in questions.items()}
    container = {q: st.just(CONTAINER_BRANCH[q]) if q in CONTAINER_BRANCH else anywhere[q] for q in questions}
    return st.one_of(st.fixed_dictionaries(anywhere), st.fixed_dictionaries(container)).map(_drop_missing)


def _requirement_answers() -> st.SearchStrategy[dict[str, str]]:
    """For each requirement: missing, `unknown`, or one of its answer ids."""
    return st.fixed_dictionaries(
        {q: st.none() | st.sampled_from((*answers, UNKNOWN)) for q, answers in REQUIREMENT_ANSWERS.items()}
    ).map(_drop_missing)


def _walk_view(result: Recommendation) -> tuple[object, ...]:
    path = tuple((step.question, step.answer, step.rationale) for step in result.path)
    return result.service, result.status, result.next_question, path


def test_the_knowledge_has_twelve_requirement_questions() -> None:
    assert len(REQUIREMENT_ANSWERS) == 12


@pytest.mark.parametrize("version_id", sorted(CONTRACT_QUESTIONS))
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_requirement_answers_never_change_service_status_path_or_next_question(
    kb: KnowledgeBase, version_id: str, data: st.DataObject
) -> None:
    tree = data.draw(_tree_answers(version_id), label="tree answers")
    requirements = data.draw(_requirement_answers(), label="requirement answers")

    with_requirements = recommend(kb, {**tree, **requirements}, version_id)
    tree_only = recommend(kb, tree, version_id)

    assert _walk_view(with_requirements) == _walk_view(tree_only)


@pytest.mark.parametrize("version_id", sorted(CONTRACT_QUESTIONS))
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_every_recommendation_scores_each_tree_outcome_once_and_explains_every_non_fit(
    kb: KnowledgeBase, version_id: str, data: st.DataObject
) -> None:
    answers = {**data.draw(_tree_answers(version_id)), **data.draw(_requirement_answers())}

    result = recommend(kb, answers, version_id)

    counts = Counter(candidate.service for candidate in result.candidates)
    assert set(counts) == CANDIDATES[version_id]
    assert all(count == 1 for count in counts.values())
    ids = (*CONTRACT_QUESTIONS[version_id], *REQUIREMENT_ANSWERS)
    for candidate in result.candidates:
        assert candidate.fit in FIT_RANK
        if candidate.fit != "fit":
            assert candidate.reasons, f"{candidate.service} is {candidate.fit} without a reason"
        for reason in candidate.reasons:
            assert any(question in reason for question in ids), f"{candidate.service}: {reason!r} names no question"


@pytest.mark.parametrize("version_id", sorted(CONTRACT_QUESTIONS))
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_confidence_is_the_share_of_the_twelve_requirements_answered(
    kb: KnowledgeBase, version_id: str, data: st.DataObject
) -> None:
    requirements = data.draw(_requirement_answers(), label="requirement answers")
    answers = {**data.draw(_tree_answers(version_id), label="tree answers"), **requirements}

    result = recommend(kb, answers, version_id)

    answered = sum(1 for answer in requirements.values() if answer != UNKNOWN)
    assert result.confidence == round(answered / 12, 3)


@pytest.mark.parametrize("version_id", sorted(CONTRACT_QUESTIONS))
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_a_conflict_arises_exactly_when_the_tree_outcome_does_not_fit_and_names_the_best_other(
    kb: KnowledgeBase, version_id: str, data: st.DataObject
) -> None:
    answers = {**data.draw(_tree_answers(version_id)), **data.draw(_requirement_answers())}

    result = recommend(kb, answers, version_id)

    by_service = {candidate.service: candidate for candidate in result.candidates}
    chosen = by_service.get(result.service) if result.service else None
    if chosen is None or chosen.fit != "no_fit":
        assert result.conflicts == ()
        assert result.best_alternative is None
        return
    assert list(result.conflicts) == list(chosen.reasons)
    others = [c for c in result.candidates if c.service != result.service and c.fit != "no_fit"]
    if not others:
        assert result.best_alternative is None
        return
    ranked = sorted(others, key=lambda c: (FIT_RANK[c.fit], len(c.reasons)))  # stable: catalog order breaks ties
    assert result.best_alternative == ranked[0].service
