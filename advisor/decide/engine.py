"""The walk: answers in, a path with its rationale and an outcome (or the next question) out.

The walk starts at the version's root and follows one answer per question through the
version's transition table. It stops ``incomplete`` at the first question without an answer
(tree questions have no "don't know"), and ``complete`` at an outcome. Answers to questions
off the walked path are never read on the way; they come back as ``unused``. The same
answers and version always give the same walk: nothing here depends on order or time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from advisor.knowledge.assembly import KnowledgeVersion

Status = Literal["complete", "incomplete"]


class PathStep(NamedTuple):
    """One answered question on the walked path, and why its answer leads on."""

    question: str
    answer: str
    rationale: str


class UnusedAnswer(NamedTuple):
    """An answer the walk did not use, and why."""

    question: str
    answer: str
    reason: str


class Walk(NamedTuple):
    """Where the answers lead in one knowledge version."""

    status: Status
    outcome: str | None
    next_question: str | None
    path: tuple[PathStep, ...]


def walk(version: KnowledgeVersion, answers: Mapping[str, str]) -> Walk:
    """Walk ``version`` with already validated ``answers``; only on-path answers are read."""
    steps = version.steps  # question -> answer -> (next node, the prebuilt PathStep)
    node = version.root
    path: list[PathStep] = []
    while node in steps:
        answer = answers.get(node)
        if answer is None:
            return Walk("incomplete", None, node, tuple(path))
        node, step = steps[node][answer]
        path.append(step)
    return Walk("complete", node, None, tuple(path))


def unused_answers(
    version: KnowledgeVersion, answers: Mapping[str, str], path: tuple[PathStep, ...]
) -> tuple[UnusedAnswer, ...]:
    """The tree answers a walk did not use: off its path, or for a question of another version."""
    if len(answers) == len(path):
        return ()  # every answer was used on the path
    on_path = {step.question for step in path}
    unused = []
    for question, answer in sorted(answers.items()):
        if question in on_path or version.is_requirement(question):
            continue
        if question in version.transitions:
            reason = "the walk did not reach this question"
        else:
            reason = f"this question is not part of {version.id}"
        unused.append(UnusedAnswer(question, answer, reason))
    return tuple(unused)
