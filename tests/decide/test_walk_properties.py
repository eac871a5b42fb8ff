"""Property test: any set of valid answers gives a complete outcome or a next question, and never raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor import KnowledgeBase, recommend
from tests.contract_ids import CONTRACT_QUESTIONS, CONTRACT_ROOTS


def _answer_sets(version_id: str) -> st.SearchStrategy[dict[str, str]]:
    """For each question of the version: no answer, or one of its contract answer ids."""
    per_question = {
        question: st.none() | st.sampled_from(answers) for question, answers in CONTRACT_QUESTIONS[version_id].items()
    }
    return st.fixed_dictionaries(per_question).map(
        lambda drawn: {question: answer for question, answer in drawn.items() if answer is not None}
    )


@pytest.mark.parametrize("version_id", sorted(CONTRACT_QUESTIONS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_valid_answers_always_give_an_outcome_or_a_next_question(
    kb: KnowledgeBase, version_id: str, data: st.DataObject
) -> None:
    answers = data.draw(_answer_sets(version_id), label="answers")
    version = kb.version(version_id)

    result = recommend(kb, answers, version_id)

    assert result.knowledge_version == version_id
    if result.status == "complete":
        assert result.service in version.outcomes
        assert result.next_question is None
    else:
        assert result.status == "incomplete"
        assert result.service is None
        assert result.next_question in version.questions
        assert result.next_question not in answers
    if result.path:
        assert result.path[0].question == CONTRACT_ROOTS[version_id]
    else:
        assert result.next_question == CONTRACT_ROOTS[version_id]
    assert all(answers[step.question] == step.answer for step in result.path)
    used = {step.question for step in result.path}
    assert len(used) == len(result.path), "the walk visited a question twice"
    assert {u.question for u in result.unused_answers} == set(answers) - used
