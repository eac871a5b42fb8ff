"""Candidate fit, conditions, conflicts and confidence (contract §4), from catalog rules only.

Every tree outcome of the walked version is a candidate. Its fit is, in this order:
``no_fit`` if a matching rule (tree step or requirement) rules it out; else ``fit_with_effort``
if a matching rule asks extra work; else ``unknown`` if a requirement its rules read is
unanswered or ``unknown``; else ``fit``. Each reason names the question and answer behind it.
No service name, threshold or rule lives here: all of it is catalog data.

Rules are indexed once per version by (question, answer), so a recommendation only looks at the
rules its answers can match.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from advisor.models.catalog import UNKNOWN_ANSWER, ConditionRule, FitRule

Fit = Literal["fit", "fit_with_effort", "unknown", "no_fit"]
# Best first: how alternatives are ranked when the tree's outcome does not fit.
FIT_RANK: Mapping[str, int] = MappingProxyType({"fit": 0, "fit_with_effort": 1, "unknown": 2, "no_fit": 3})


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A fit rule or condition, ready to match: its position keeps results in catalog order."""

    service: str
    order: int
    when: tuple[tuple[str, frozenset[str]], ...]
    fit: str | None  # None for a condition
    text: str

    def matches(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(question) in accepted for question, accepted in self.when)

    def describe(self, answers: Mapping[str, str], is_tree: Mapping[str, object]) -> str:
        named = ", ".join(
            f"{'tree step' if question in is_tree else 'requirement'} {question} = {answers[question]}"
            for question, _ in self.when
        )
        return f"{named}: {self.text}" if named else self.text


@dataclass(frozen=True)
class RuleIndex:
    """A version's rules, looked up by the (question, answer) pairs that can make them match."""

    by_answer: Mapping[tuple[str, str], tuple[CompiledRule, ...]]
    always: tuple[CompiledRule, ...]  # conditions with an empty `when`
    relevant: Mapping[str, tuple[str, ...]]  # service -> requirements its fit reads


def build_rule_index(
    fit_rules: Mapping[str, tuple[FitRule, ...]],
    conditions: Mapping[str, tuple[ConditionRule, ...]],
    relevant: Mapping[str, tuple[str, ...]],
) -> RuleIndex:
    by_answer: dict[tuple[str, str], list[CompiledRule]] = {}
    always: list[CompiledRule] = []
    order = 0
    for service in dict.fromkeys([*fit_rules, *conditions]):
        rules: list[FitRule | ConditionRule] = [*fit_rules.get(service, ()), *conditions.get(service, ())]
        for rule in rules:
            when = tuple((question, frozenset(answers)) for question, answers in rule.when.items())
            fit = rule.fit if isinstance(rule, FitRule) else None
            text = rule.reason if isinstance(rule, FitRule) else rule.text
            compiled = CompiledRule(service, order, when, fit, text)
            order += 1
            if not when:
                always.append(compiled)
                continue
            first_question, first_answers = when[0]  # the rest is checked by matches()
            for answer in first_answers:
                by_answer.setdefault((first_question, answer), []).append(compiled)
    return RuleIndex(
        MappingProxyType({key: tuple(value) for key, value in by_answer.items()}),
        tuple(always),
        MappingProxyType(dict(relevant)),
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """One service considered, with its fit and the reasons for any fit other than ``fit``."""

    service: str
    fit: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Assessment:
    candidates: tuple[Candidate, ...]
    conditions: tuple[str, ...]
    conflicts: tuple[str, ...]
    best_alternative: str | None
    confidence: float


def assess(
    index: RuleIndex,
    candidates: tuple[str, ...],
    chosen: str | None,
    answers: Mapping[str, str],
    requirements: Mapping[str, object],
    tree_questions: Mapping[str, object],
) -> Assessment:
    """Fit every candidate, collect the chosen service's conditions, and flag a conflict."""
    matched: dict[str, list[CompiledRule]] = {}
    for question, answer in answers.items():
        for rule in index.by_answer.get((question, answer), ()):
            if rule.matches(answers):
                matched.setdefault(rule.service, []).append(rule)
    results = [_candidate(service, matched.get(service, []), index, answers, tree_questions) for service in candidates]
    conditions: tuple[str, ...] = ()
    if chosen is not None:
        chosen_rules = [r for r in index.always if r.service == chosen]
        chosen_rules += [r for r in matched.get(chosen, ()) if r.fit is None]
        conditions = tuple(r.describe(answers, tree_questions) for r in sorted(chosen_rules, key=_order))
    conflicts: tuple[str, ...] = ()
    best: str | None = None
    chosen_result = next((c for c in results if c.service == chosen), None)
    if chosen_result is not None and chosen_result.fit == "no_fit":
        conflicts = chosen_result.reasons
        others = [c for c in results if c.service != chosen and c.fit != "no_fit"]
        if others:
            # Best fit first; then the fewest reasons; then catalog order (sorted() is stable).
            best = sorted(others, key=lambda c: (FIT_RANK[c.fit], len(c.reasons)))[0].service
    answered = sum(1 for question in requirements if answers.get(question, UNKNOWN_ANSWER) != UNKNOWN_ANSWER)
    confidence = round(answered / len(requirements), 3) if requirements else 0.0
    return Assessment(tuple(results), conditions, conflicts, best, confidence)


def _candidate(
    service: str,
    matched: list[CompiledRule],
    index: RuleIndex,
    answers: Mapping[str, str],
    tree_questions: Mapping[str, object],
) -> Candidate:
    fit_rules = sorted((rule for rule in matched if rule.fit is not None), key=_order)
    for level in ("no_fit", "fit_with_effort"):
        reasons = tuple(rule.describe(answers, tree_questions) for rule in fit_rules if rule.fit == level)
        if reasons:
            return Candidate(service, level, reasons)
    missing = []
    for requirement in index.relevant.get(service, ()):
        answer = answers.get(requirement)
        if answer is None:
            missing.append(f"requirement {requirement} is not answered yet")
        elif answer == UNKNOWN_ANSWER:
            missing.append(f"requirement {requirement} is answered “don't know”")
    if missing:
        return Candidate(service, "unknown", tuple(missing))
    return Candidate(service, "fit")


def _order(rule: CompiledRule) -> int:
    return rule.order
