"""Answer profiles at use: checked against the knowledge, and laid over a workload's answers.

A profile (:class:`~advisor.models.answer_profile.AnswerProfile`) is checked here, with messages that
name the question, before :mod:`advisor.services.profiles` saves, imports or applies it. Applying a profile marks each
answer it gives ``source="profile"``; answers a person gave are kept unless asked otherwise.
Never imports Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from advisor.decide.answers import validate_answers
from advisor.errors import AnswersError, Problem
from advisor.knowledge.assembly import KnowledgeBase, KnowledgeVersion
from advisor.knowledge.yaml_io import YamlDocument, YamlError, load_text
from advisor.models.answer_profile import AnswerProfile
from advisor.models.record import GivenAnswer


def question_text(kb: KnowledgeBase, version: KnowledgeVersion, question_id: str) -> str | None:
    """The text of a tree or requirement question: of ``version``, else of any version; None if unknown."""
    for candidate in (version, *kb.versions.values()):
        question = candidate.questions.get(question_id) or candidate.requirements.get(question_id)
        if question is not None:
            return question.text
    return None


def answer_problems(kb: KnowledgeBase, version: KnowledgeVersion, answers: Mapping[Any, Any]) -> list[str]:
    """Every answer that ``version`` does not accept, one message each, naming the question."""
    try:
        validate_answers(kb, version, answers)
    except AnswersError as exc:
        return [_named(kb, version, problem) for problem in exc.problems]
    return []


def _named(kb: KnowledgeBase, version: KnowledgeVersion, problem: Problem) -> str:
    ident = problem.ident or "?"
    text = question_text(kb, version, ident)
    return f"“{text}” ({ident}): {problem.message}" if text else f"{ident}: {problem.message}"


def profile_set_problems(kb: KnowledgeBase, text: str, source: str) -> list[Problem]:
    """The knowledge versions and answers of a ProfileSet YAML document checked, each fault with file and line.

    Only ids are checked here: a document that does not parse, or has the wrong shape, gives no
    problems, so the store's import reports it (with file and line) as it does for any caller.
    """
    try:
        doc = load_text((text or "").removeprefix("\ufeff"), source)
    except YamlError:
        return []
    return profile_doc_problems(kb, doc)


def profile_doc_problems(kb: KnowledgeBase, doc: YamlDocument) -> list[Problem]:
    """:func:`profile_set_problems` of a document already read (``doc.path`` names the file)."""
    return [problem for problems in problems_by_profile(kb, doc).values() for problem in problems]


def problems_by_profile(kb: KnowledgeBase, doc: YamlDocument) -> dict[str, list[Problem]]:
    """The problems of each profile of the document that has any, each naming the file and line."""
    source = doc.path
    profiles = doc.data.get("profiles") if isinstance(doc.data, dict) else None
    if not isinstance(profiles, dict):
        return {}
    found: dict[str, list[Problem]] = {}
    for name, body in profiles.items():
        if not isinstance(body, dict):
            continue
        problems = found.setdefault(str(name), [])
        version_id = body.get("knowledge_version")
        if version_id is not None:
            if not isinstance(version_id, str) or version_id.strip() not in kb.versions:
                known = ", ".join(sorted(kb.versions))
                line = doc.line_of(("profiles", name, "knowledge_version"))
                message = f"profile {name!r}: unknown knowledge version {version_id!r} (known: {known})"
                problems.append(Problem(message, file=source, line=line, ident="knowledge_version"))
                continue
            version_id = version_id.strip()
        answers = body.get("answers")
        if not isinstance(answers, dict):
            continue
        try:
            validate_answers(kb, kb.version(version_id), answers)
        except AnswersError as exc:
            for problem in exc.problems:
                at = ("profiles", name, "answers", *([] if problem.ident is None else [problem.ident]))
                line = doc.line_of(at)
                problems.append(Problem(f"profile {name!r}: {problem.message}", file=source, line=line,
                                        ident=problem.ident))  # fmt: skip
    return {name: problems for name, problems in found.items() if problems}


@dataclass(frozen=True)
class AppliedProfile:
    """The answers after a profile was laid over them, and which questions it set or left alone."""

    answers: dict[str, GivenAnswer]
    set: list[str]  # questions whose answer now comes from the profile
    kept: list[str]  # questions the profile answers differently, kept because a person answered them

    @property
    def changed(self) -> bool:
        return bool(self.set)


def apply_profile(
    answers: Mapping[str, GivenAnswer], profile: AnswerProfile, name: str, *, replace_own: bool = False
) -> AppliedProfile:
    """``answers`` with the profile's laid over them, each marked ``source="profile"``.

    An answer a person gave (``source="user"``) is kept unless ``replace_own``; one that already
    says what the profile says is left as it is. Inventory and earlier profile answers give way.
    """
    result = dict(answers)
    given: list[str] = []
    kept: list[str] = []
    note = f"From profile {name.strip()}"
    for question, answer in profile.answers.items():
        current = answers.get(question)
        if current is not None and current.source == "user":
            if current.answer == answer:
                continue
            if not replace_own:
                kept.append(question)
                continue
        elif current is not None and (current.answer, current.source, current.note) == (answer, "profile", note):
            continue  # this profile gave it already
        result[question] = GivenAnswer(answer=answer, source="profile", note=note)
        given.append(question)
    return AppliedProfile(result, given, kept)
