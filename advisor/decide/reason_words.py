"""Words for people from the structured reasons and conditions of a record (:class:`~advisor.models.record.Because`).

Every page, export and CLI text shows reasons and conditions through :func:`because_text`: question texts,
answer labels and service names from the knowledge, never ids. An id the current knowledge no longer has is
shown as the id followed by "(no longer in the knowledge)", never a crash. Versions stored before reasons were
structured hold text only ("requirement vnet_integration = required: …"); :func:`legacy_because` reads that
text back into structured data, so they are shown with today's wording while their stored text is kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from advisor.decide.fit import assess
from advisor.decide.wording import UNKNOWN_LABEL
from advisor.knowledge.assembly import KnowledgeBase
from advisor.models.record import Answered, Because, CandidateEntry, DecisionRecord
from advisor.models.service_catalog import UNKNOWN_ANSWER

GONE = "(no longer in the knowledge)"


def _frozen(mapping: Mapping | None = None) -> MappingProxyType:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Words:
    """Question texts, answer labels and service names of every shipped knowledge version (the default
    version's wording wins where versions differ)."""

    services: Mapping[str, str] = field(default_factory=_frozen)
    questions: Mapping[str, str] = field(default_factory=_frozen)
    answers: Mapping[tuple[str, str], str] = field(default_factory=_frozen)

    def service(self, service_id: str) -> str:
        return self.services.get(service_id) or f"{service_id} {GONE}"

    def question(self, question_id: str) -> str:
        return self.questions.get(question_id) or f"{question_id} {GONE}"

    def answer(self, question_id: str, answer_id: str) -> str:
        if answer_id == UNKNOWN_ANSWER:
            return UNKNOWN_LABEL
        return self.answers.get((question_id, answer_id)) or f"{answer_id} {GONE}"

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> Words:
        cached = _CACHE.get(id(kb))
        if cached is None or cached[0] is not kb:  # a knowledge base is not hashable: cache by identity
            cached = _CACHE[id(kb)] = (kb, _words_of(kb))
            while len(_CACHE) > 8:
                del _CACHE[next(iter(_CACHE))]
        return cached[1]


_CACHE: dict[int, tuple[KnowledgeBase, Words]] = {}


def _words_of(kb: KnowledgeBase) -> Words:
    services: dict[str, str] = {}
    questions: dict[str, str] = {}
    answers: dict[tuple[str, str], str] = {}
    ordered = sorted(kb.versions.values(), key=lambda version: version.id == kb.default_version)
    for version in ordered:  # the default version last, so its wording wins
        services.update({service_id: view.name for service_id, view in version.services.items()})
        for question in version.questions.values():
            questions[question.id] = question.text
            answers.update({(question.id, answer.id): answer.label for answer in question.answers})
        for requirement in version.requirements.values():
            questions[requirement.id] = requirement.text
            answers.update({(requirement.id, answer.id): answer.label for answer in requirement.answers})
            answers[(requirement.id, UNKNOWN_ANSWER)] = UNKNOWN_LABEL
    return Words(_frozen(services), _frozen(questions), _frozen(answers))


def answered_text(answered: Answered, words: Words) -> str:
    """“Question?” answered “Label”."""
    question = words.question(answered.question)
    if answered.answer is None:
        return f"“{question}”"
    return f"“{question}” answered “{words.answer(answered.question, answered.answer)}”"


def because_text(because: Because, words: Words) -> str:
    """One reason or condition in words."""
    kind = because.kind
    first = because.answers[0] if because.answers else None
    if kind == "rule":
        named = "; ".join(answered_text(answered, words) for answered in because.answers)
        return f"{named}: {because.text}" if named else because.text
    if kind == "always":
        return because.text
    if kind == "not_answered" and first is not None:
        return f"“{words.question(first.question)}” is not answered yet"
    if kind == "dont_know" and first is not None:
        return f"“{words.question(first.question)}” is answered “{UNKNOWN_LABEL}”"
    if kind == "tree_outcome":
        return "the decision tree leads here from these answers"
    if kind == "turned_away":
        if first is None:
            return "the decision tree does not lead to it"
        return f"the decision tree turned away from it at {answered_text(first, words)}"
    if kind == "not_reached" and first is not None:
        return f"not decided yet: the questionnaire stops at {answered_text(first, words)}"
    return because.text


# The text reasons of versions stored before reasons were structured (advisor.decide.fit's old wording).
_PAIR = r"(?:tree step|requirement) [\w.-]+ = [\w.-]+"
_RULE = re.compile(rf"^(?P<named>{_PAIR}(?:, {_PAIR})*): (?P<text>.*)$", re.DOTALL)
_ONE_PAIR = re.compile(r"(?P<kind>tree step|requirement) (?P<question>[\w.-]+) = (?P<answer>[\w.-]+)")
_NOT_ANSWERED = re.compile(r"^requirement (?P<question>[\w.-]+) is not answered yet$")
_DONT_KNOW = re.compile(r"^requirement (?P<question>[\w.-]+) is answered “don't know”$")


def legacy_because(text: str, service: str | None, *, condition: bool = False) -> Because | None:
    """The structured form of a reason or condition stored as text only; None when the text is not one the
    app wrote (it is then shown as stored). A condition that names no answer is a condition that always holds."""
    found = _NOT_ANSWERED.match(text)
    if found:
        return Because(kind="not_answered", service=service, answers=(Answered(question=found["question"]),))
    found = _DONT_KNOW.match(text)
    if found:
        answered = Answered(question=found["question"], answer=UNKNOWN_ANSWER)
        return Because(kind="dont_know", service=service, answers=(answered,))
    found = _RULE.match(text)
    if found:
        answers = tuple(
            Answered(
                question=pair["question"],
                answer=pair["answer"],
                kind="tree" if pair["kind"] == "tree step" else "requirement",
            )
            for pair in _ONE_PAIR.finditer(found["named"])
        )
        return Because(kind="rule", service=service, answers=answers, text=found["text"])
    return Because(kind="always", service=service, text=text) if condition else None


def reason_texts(
    texts: tuple[str, ...], structured: tuple[Because, ...], service: str | None, words: Words
) -> list[str]:
    """Reasons in words: from their structured form, else from the stored text read back (or as stored)."""
    if structured:
        return [because_text(because, words) for because in structured]
    shown = []
    for text in texts:
        because = legacy_because(text, service)
        shown.append(because_text(because, words) if because is not None else text)
    return shown


def condition_texts(texts: tuple[str, ...], structured: tuple[Because, ...], words: Words) -> list[str]:
    return (
        [because_text(b, words) for b in structured]
        if structured
        else [because_text(b, words) for text in texts if (b := legacy_because(text, None, condition=True)) is not None]
    )


def candidate_reasons(candidate: CandidateEntry, record: DecisionRecord, words: Words) -> list[str]:
    """Every reason for a candidate's fit, never empty: how the walk relates to it first (the tree's outcome, or
    where the tree turned away from it), then its fit reasons."""
    tree = candidate.tree or _legacy_tree(candidate, record)
    shown = [because_text(tree, words)] if tree is not None else []
    shown += reason_texts(candidate.reasons, candidate.because, candidate.service, words)
    if not shown:
        shown.append("it fits every answered requirement")
    return shown


def _legacy_tree(candidate: CandidateEntry, record: DecisionRecord) -> Because | None:
    """For a version stored before candidates had a tree reason: at least say which one is the tree's outcome."""
    if candidate.service == record.service:
        return Because(kind="tree_outcome", service=candidate.service)
    return None


def chosen_conditions(record: DecisionRecord, words: Words, kb: KnowledgeBase | None = None) -> list[str]:
    """The conditions of the chosen service, in words: the override's when there is one, else the tree outcome's.

    An override saved before overrides carried their conditions gets them from the record's answers under its
    knowledge version, when that version is still shipped (else none can be shown)."""
    override = record.override
    if override is None:
        return condition_texts(record.conditions, record.condition_because, words)
    if override.condition_because or override.conditions:
        return condition_texts(override.conditions, override.condition_because, words)
    version = kb.versions.get(record.knowledge_version) if kb is not None else None
    if version is None:
        return []
    evidence = {step.question: step.answer for step in record.path}
    evidence.update({q: given.answer for q, given in record.answers.items() if q in version.requirements})
    fit = assess(version.rules, version.tree_outcomes, override.service, evidence, version.requirements)
    return [because_text(because, words) for because in fit.condition_because]


def presentation_order(record: DecisionRecord) -> list[CandidateEntry]:
    """Candidates as people read them: the tree's outcome first, then the chosen service, then the others from the
    best fit to the worst (catalog order among equals). Presentation only: ``best_alternative`` keeps its meaning."""
    rank = {"fit": 0, "fit_with_effort": 1, "unknown": 2, "no_fit": 3}

    def key(candidate: CandidateEntry) -> tuple[int, int]:
        if candidate.service == record.service:
            return (0, 0)
        if candidate.service == record.chosen_service:
            return (1, 0)
        return (2, rank.get(candidate.fit, 9))

    return sorted(record.candidates, key=key)


def answer_change(verb: str, question: str, answer: str, words: Words) -> str:
    """A version's ``change`` when one answer was given or changed: “Question?” answered “Label”."""
    return f"{verb} “{words.question(question)}”: {words.answer(question, answer)}"


_ANSWER_CHANGE = re.compile(r"^(?P<verb>answered|changed) (?P<question>[\w.-]+) = (?P<answer>[\w.-]+)$")
_NOTE_CHANGE = re.compile(r"^note on (?P<question>[\w.-]+)$")
_OVERRIDE_CHANGE = re.compile(r"^(?P<lead>.*override to )(?P<service>[a-z0-9][a-z0-9-]*)$")


def change_text(change: str, words: Words) -> str:
    """A version's ``change`` as people read it: the few texts older versions stored with ids ("answered
    full_control = yes", "note on gpu", "override to app-service") in today's words; any other text as stored."""
    found = _ANSWER_CHANGE.match(change)
    if found:
        return answer_change(found["verb"], found["question"], found["answer"], words)
    found = _NOTE_CHANGE.match(change)
    if found:
        return f"note on “{words.question(found['question'])}”"
    found = _OVERRIDE_CHANGE.match(change)
    if found and found["service"] in words.services:
        return f"{found['lead']}{words.service(found['service'])}"
    return change


def reworded(text: str, words: Words) -> str:
    """One reason or condition held as text only (what a what-if or a re-evaluation compares), in words."""
    because = legacy_because(text, None, condition=True)
    return because_text(because, words) if because is not None else text
