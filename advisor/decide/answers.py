"""Answers as users give them: read from YAML or JSON files, checked against the knowledge.

The rules of contract §2 and §5 live here:

* answers are ``{question_id: answer_id}`` with string ids; a boolean or a number is an error
  that names the question (``yes`` written bare in YAML stays the string ``"yes"``);
* a question id of another shipped version is kept (and later reported unused), any other
  unknown question id is an error; an answer id the question does not offer is an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.errors import AnswersError, InputError, Problem
from advisor.knowledge.assembly import KnowledgeBase, KnowledgeVersion
from advisor.knowledge.yaml_io import YamlDocument, YamlError, load_file
from advisor.limits import ANSWERS


@dataclass(frozen=True)
class AnswersFile:
    """An answers file's content: the answers and the knowledge version it asks for, if any."""

    answers: dict[str, str]
    knowledge_version: str | None
    path: str
    doc: YamlDocument | None = None


def read_answers_file(path: Path | str) -> AnswersFile:
    """Read ``{"answers": {...}, "knowledge_version": ...}``; shape errors name file and line."""
    name = str(path)
    try:
        doc = load_file(path, ANSWERS)
    except YamlError as exc:
        raise InputError(exc.problem) from None
    data = doc.data
    if not isinstance(data, dict):
        raise AnswersError(Problem(f"top level must be a mapping, found {_type(data)}", file=name, line=1))
    unknown = sorted(set(data) - {"answers", "knowledge_version"}, key=str)
    if unknown:
        key = unknown[0]
        raise AnswersError(
            Problem(
                "unknown top-level key (allowed: answers, knowledge_version)",
                file=name,
                line=doc.line_of((key,)),
                ident=str(key),
            )
        )
    answers = data.get("answers", {})
    if answers is None:
        answers = {}
    if not isinstance(answers, dict):
        raise AnswersError(
            Problem(
                f"answers must be a mapping of question id to answer id, found {_type(answers)}",
                file=name,
                line=doc.line_of(("answers",)),
                ident="answers",
            )
        )
    version = data.get("knowledge_version")
    if version is not None and not isinstance(version, str):
        raise AnswersError(
            Problem(
                f"must be a string, found {_type(version)}",
                file=name,
                line=doc.line_of(("knowledge_version",)),
                ident="knowledge_version",
            )
        )
    return AnswersFile(dict(answers), version, name, doc)


def validate_answers(
    kb: KnowledgeBase,
    version: KnowledgeVersion,
    answers: Mapping[Any, Any],
    source: str | None = None,
    doc: YamlDocument | None = None,
) -> dict[str, str]:
    """Check every answer against ``version``; return them as a plain ``dict[str, str]``.

    Raises :class:`AnswersError` listing every bad answer at once, each with file, line and id.
    """
    problems = []
    for question_id, answer_id in answers.items():
        message = _answer_fault(kb, version, question_id, answer_id)
        if message is not None:
            line = doc.line_of(("answers", question_id)) if doc else None
            problems.append(Problem(message, file=source, line=line, ident=str(question_id)))
    if problems:
        raise AnswersError(problems)
    return dict(answers)


def _answer_fault(kb: KnowledgeBase, version: KnowledgeVersion, question_id: object, answer_id: object) -> str | None:
    if not isinstance(question_id, str):
        return f"question id must be a string, found {_type(question_id)}"
    if not isinstance(answer_id, str):
        return f"answer must be an answer id string, found {_type(answer_id)} {answer_id!r}"
    accepted = version.accepted.get(question_id)
    if accepted is not None:
        if answer_id in accepted:
            return None
        return f"unknown answer id {answer_id!r} (expected one of: {', '.join(version.answer_ids(question_id) or ())})"
    elsewhere = kb.answers_any_version.get(question_id)
    if elsewhere is None:
        return f"unknown question id in knowledge version {version.id}"
    if answer_id not in elsewhere:
        return f"unknown answer id {answer_id!r} for a question of another knowledge version"
    return None  # kept, and reported as unused: the question belongs to another version


def _type(value: object) -> str:
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing",
        str: "a string",
    }
    return names.get(type(value), type(value).__name__)
