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

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, NamedTuple

from advisor.models.record import Answered, Because
from advisor.models.service_catalog import UNKNOWN_ANSWER, ConditionRule, FitRule

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
    # Questions of `when` that are tree steps (the others are requirements), for the reason's wording.
    tree_steps: frozenset[str]

    def matches(self, answers: Mapping[str, str]) -> bool:
        return all(answers.get(question) in accepted for question, accepted in self.when)

    def describe(self, answers: Mapping[str, str]) -> str:
        """The rule's text, led by the answers that made it match."""
        named = ", ".join(
            f"{'tree step' if question in self.tree_steps else 'requirement'} {question} = {answers[question]}"
            for question, _ in self.when
        )
        return f"{named}: {self.text}" if named else self.text

    def because(self, answers: Mapping[str, str]) -> Because:
        """The same reason as structured data: the answers that made the rule match, and the rule's text."""
        return Because(
            kind="rule" if self.when else "always",
            service=self.service,
            answers=tuple(
                Answered(question=q, answer=answers[q], kind="tree" if q in self.tree_steps else "requirement")
                for q, _ in self.when
            ),
            text=self.text,
        )


# A reason in both forms: its text (the contract's JSON) and its structured data (what people read is made from).
Reason = tuple[str, Because]
# What a (question, answer) pair can trigger: a rule, and its reason when that pair alone decides it.
Trigger = tuple[CompiledRule, Reason | None]


@dataclass(frozen=True)
class RuleIndex:
    """A version's rules, looked up by the (question, answer) pairs that can make them match."""

    by_answer: Mapping[tuple[str, str], tuple[Trigger, ...]]
    always: Mapping[str, tuple[Reason, ...]]  # service -> conditions with an empty `when`
    # service -> the requirements its fit reads, each with its two `unknown` reasons worded once
    relevant: Mapping[str, tuple[tuple[str, Reason, Reason], ...]]


def build_rule_index(
    fit_rules: Mapping[str, tuple[FitRule, ...]],
    conditions: Mapping[str, tuple[ConditionRule, ...]],
    relevant: Mapping[str, tuple[str, ...]],
    tree_questions: Collection[str],
) -> RuleIndex:
    by_answer: dict[tuple[str, str], list[Trigger]] = {}
    always: dict[str, list[Reason]] = {}
    order = 0
    for service in dict.fromkeys([*fit_rules, *conditions]):
        rules: list[FitRule | ConditionRule] = [*fit_rules.get(service, ()), *conditions.get(service, ())]
        for rule in rules:
            when = tuple((question, frozenset(answers)) for question, answers in rule.when.items())
            fit = rule.fit if isinstance(rule, FitRule) else None
            text = rule.reason if isinstance(rule, FitRule) else rule.text
            steps = frozenset(question for question in rule.when if question in tree_questions)
            compiled = CompiledRule(service, order, when, fit, text, steps)
            order += 1
            if not when:
                always.setdefault(service, []).append((text, compiled.because({})))
                continue
            first_question, first_answers = when[0]
            for answer in first_answers:
                # A one-condition rule matches whenever its pair is answered: word its reason now.
                single = {first_question: answer}
                reason = (compiled.describe(single), compiled.because(single)) if len(when) == 1 else None
                by_answer.setdefault((first_question, answer), []).append((compiled, reason))
    return RuleIndex(
        MappingProxyType({key: tuple(value) for key, value in by_answer.items()}),
        MappingProxyType({key: tuple(value) for key, value in always.items()}),
        MappingProxyType(
            {
                service: tuple(
                    (
                        r,
                        (f"requirement {r} is not answered yet", _missing("not_answered", service, r, None)),
                        (
                            f"requirement {r} is answered “don't know”",
                            _missing("dont_know", service, r, UNKNOWN_ANSWER),
                        ),
                    )
                    for r in requirements
                )
                for service, requirements in relevant.items()
            }
        ),
    )


def _missing(kind: Literal["not_answered", "dont_know"], service: str, question: str, answer: str | None) -> Because:
    return Because(kind=kind, service=service, answers=(Answered(question=question, answer=answer),))


class Candidate(NamedTuple):
    """One service considered, with its fit and the reasons for any fit other than ``fit`` (text and structured)."""

    service: str
    fit: str
    reasons: tuple[str, ...] = ()
    because: tuple[Because, ...] = ()


class Assessment(NamedTuple):
    candidates: tuple[Candidate, ...]
    conditions: tuple[str, ...]
    conflicts: tuple[str, ...]
    best_alternative: str | None
    confidence: float
    condition_because: tuple[Because, ...] = ()
    conflict_because: tuple[Because, ...] = ()


def assess(
    index: RuleIndex,
    candidates: tuple[str, ...],
    chosen: str | None,
    answers: Mapping[str, str],
    requirements: Mapping[str, object],
    passed_over: Collection[str] = (),
) -> Assessment:
    """Fit every candidate, collect the chosen service's conditions, and flag a conflict. A service in
    ``passed_over`` (its whole service stops inside the lifecycle horizon) is never the best alternative."""
    matched: dict[str, list[tuple[int, str | None, Reason]]] = {}
    for pair in answers.items():
        for rule, reason in index.by_answer.get(pair, ()):
            if reason is None:
                if not rule.matches(answers):
                    continue
                reason = (rule.describe(answers), rule.because(answers))
            matched.setdefault(rule.service, []).append((rule.order, rule.fit, reason))
    for hits in matched.values():
        hits.sort(key=lambda hit: hit[0])  # catalog order, whatever the order of the answers
    results = [
        _candidate(service, matched.get(service), index.relevant.get(service, ()), answers) for service in candidates
    ]
    applying: list[Reason] = []
    if chosen is not None:
        applying = [
            *index.always.get(chosen, ()),
            *(reason for _, fit, reason in matched.get(chosen, ()) if fit is None),
        ]
    conflicts: tuple[str, ...] = ()
    conflict_because: tuple[Because, ...] = ()
    best: str | None = None
    chosen_result = results[candidates.index(chosen)] if chosen in candidates else None
    if chosen_result is not None and chosen_result.fit == "no_fit":
        conflicts, conflict_because = chosen_result.reasons, chosen_result.because
        others = [c for c in results if c.service != chosen and c.fit != "no_fit" and c.service not in passed_over]
        if others:
            # Best fit first; then the fewest reasons; then catalog order (sorted() is stable).
            best = sorted(others, key=lambda c: (FIT_RANK[c.fit], len(c.reasons)))[0].service
    answered = sum(1 for question in requirements if answers.get(question, UNKNOWN_ANSWER) != UNKNOWN_ANSWER)
    confidence = round(answered / len(requirements), 3) if requirements else 0.0
    return Assessment(
        tuple(results),
        tuple(text for text, _ in applying),
        conflicts,
        best,
        confidence,
        tuple(because for _, because in applying),
        conflict_because,
    )


def _candidate(
    service: str,
    hits: list[tuple[int, str | None, Reason]] | None,
    relevant: tuple[tuple[str, Reason, Reason], ...],
    answers: Mapping[str, str],
) -> Candidate:
    if hits:
        no_fit = [reason for _, fit, reason in hits if fit == "no_fit"]
        if no_fit:
            return _with_reasons(service, "no_fit", no_fit)
        effort = [reason for _, fit, reason in hits if fit == "fit_with_effort"]
        if effort:
            return _with_reasons(service, "fit_with_effort", effort)
    missing: list[Reason] = []
    for requirement, not_answered, dont_know in relevant:
        answer = answers.get(requirement)
        if answer is None:
            missing.append(not_answered)
        elif answer == UNKNOWN_ANSWER:
            missing.append(dont_know)
    if missing:
        return _with_reasons(service, "unknown", missing)
    return Candidate(service, "fit")


def _with_reasons(service: str, fit: str, reasons: list[Reason]) -> Candidate:
    return Candidate(service, fit, tuple(text for text, _ in reasons), tuple(because for _, because in reasons))
