"""The service catalog and requirement questions as one knowledge version sees them, and their checks.

A catalog entry may hold facts, rules and conditions for several versions; :func:`resolve_catalog`
keeps, for one version, the single value of each fact and the rules and conditions that apply,
and reports every fault with its file, line and ids: a tree outcome without an entry, a missing
or doubled fact, a rule naming an unknown question or answer, a version that does not exist, or
a tree-step rule that would rule out the very outcome its answer leads to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

from advisor.errors import Problem
from advisor.knowledge.loading import Loaded
from advisor.knowledge.yaml_io import DocPath
from advisor.models.service_catalog import (
    REQUIRED_FACTS,
    UNKNOWN_ANSWER,
    Catalog,
    ConditionRule,
    Fact,
    FitRule,
    GuidanceLink,
    RequirementQuestion,
    RequirementSet,
    SpecialtyService,
    TreeService,
)
from advisor.models.tree import Outcome

RuleT = TypeVar("RuleT", FitRule, ConditionRule)


@dataclass(frozen=True)
class ServiceView:
    """A catalog entry as one knowledge version sees it."""

    entry: TreeService | SpecialtyService
    facts: Mapping[str, Fact]
    fit_rules: tuple[FitRule, ...]
    conditions: tuple[ConditionRule, ...]
    # The requirements this service's fit depends on: the ones its rules mention.
    relevant_requirements: tuple[str, ...]
    # Where this version is a specialty route: the pages the decision page links for it, the first one first.
    specialty_links: tuple[GuidanceLink, ...] = ()

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def learn_url(self) -> str:
        """The first page to read about the service in this version: the specialty page where it is a route."""
        return self.specialty_links[0].url if self.specialty_links else self.entry.learn_url

    @property
    def see_also(self) -> tuple[GuidanceLink, ...]:
        """The further pages the decision page links for a specialty route (none for a tree outcome)."""
        return self.specialty_links[1:]


def resolve_requirements(
    loaded: list[Loaded[RequirementSet]],
) -> tuple[dict[str, RequirementQuestion], list[Problem]]:
    """Requirement questions by id, in file order; duplicate ids are problems."""
    questions: dict[str, RequirementQuestion] = {}
    problems = []
    for source in loaded:
        if source.model is None:
            continue
        for index, question in enumerate(source.model.requirements):
            line = source.line_of(("requirements", index))
            if question.id in questions:
                problems.append(
                    _problem("duplicate-ids", "requirement id defined twice", source.path, line, question.id)
                )
            answer_ids = [answer.id for answer in question.answers]
            if UNKNOWN_ANSWER in answer_ids or len(set(answer_ids)) != len(answer_ids):
                problems.append(
                    _problem(
                        "duplicate-ids",
                        "answer ids must be unique and not `unknown` (it is implicit)",
                        source.path,
                        line,
                        question.id,
                    )
                )
            questions.setdefault(question.id, question)
    return questions, problems


def resolve_catalog(
    version_id: str,
    known_versions: set[str],
    outcomes: Mapping[str, Outcome],
    transitions: Mapping[str, Mapping[str, tuple[str, str]]],
    requirements: Mapping[str, RequirementQuestion],
    loaded: list[Loaded[Catalog]],
    manifest_at: tuple[str, int | None],
) -> tuple[dict[str, ServiceView], list[Problem]]:
    """The catalog entries of ``version_id``'s outcomes, resolved, and every problem found."""
    entries: dict[str, tuple[TreeService | SpecialtyService, Loaded[Catalog], int]] = {}
    problems: list[Problem] = []
    for source in loaded:
        if source.model is None:
            continue
        for index, entry in enumerate(source.model.services):
            if entry.id in entries:
                line = source.line_of(("services", index))
                problems.append(_problem("duplicate-ids", "catalog entry defined twice", source.path, line, entry.id))
                continue
            entries[entry.id] = (entry, source, index)
    # A missing entry has no line of its own: point at the manifest's `catalog:` list.
    catalog_file, catalog_line = manifest_at
    answer_ids = _answer_ids(transitions, requirements)
    views: dict[str, ServiceView] = {}
    for outcome in outcomes.values():
        if outcome.id not in entries:
            problems.append(
                _problem(
                    "catalog-entry-missing",
                    f"no catalog entry for this outcome of {version_id} in the files listed here",
                    catalog_file,
                    catalog_line,
                    outcome.id,
                )
            )
            continue
        entry, source, index = entries[outcome.id]
        at = ("services", index)
        if outcome.kind == "specialty" or isinstance(entry, SpecialtyService):
            if outcome.kind == "tree":
                problems.append(
                    _problem(
                        "catalog-entry-missing",
                        f"a tree outcome of {version_id} needs a kind: tree entry",
                        source.path,
                        source.line_of(at),
                        outcome.id,
                    )
                )
            elif not entry.scope:
                problems.append(
                    _problem(
                        "catalog-entry-missing",
                        "a specialty route needs a one-line scope",
                        source.path,
                        source.line_of(at),
                        outcome.id,
                    )
                )
            views[outcome.id] = ServiceView(entry, MappingProxyType({}), (), (), (), _specialty_links(entry))
            continue
        view, view_problems = _resolve_tree_service(
            version_id, known_versions, entry, source, at, answer_ids, transitions
        )
        problems.extend(view_problems)
        views[outcome.id] = view
    return views, problems


def _specialty_links(entry: TreeService | SpecialtyService) -> tuple[GuidanceLink, ...]:
    """The pages a specialty route links, the entry's main one first (a tree entry's specialty page if it has one)."""
    if isinstance(entry, SpecialtyService):
        return (GuidanceLink(name=entry.learn_title or entry.name, url=entry.learn_url), *entry.see_also)
    return (GuidanceLink(name=entry.name, url=entry.specialty_url or entry.learn_url),)


def _resolve_tree_service(
    version_id: str,
    known_versions: set[str],
    entry: TreeService,
    source: Loaded[Catalog],
    at: tuple[str, int],
    answer_ids: Mapping[str, frozenset[str]],
    transitions: Mapping[str, Mapping[str, tuple[str, str]]],
) -> tuple[ServiceView, list[Problem]]:
    checker = _EntryChecker(version_id, known_versions, entry, source, at)
    facts = checker.facts()
    fit_rules = tuple(checker.usable("fit_rules", entry.fit_rules, facts, answer_ids))
    conditions = tuple(checker.usable("conditions", entry.conditions, facts, answer_ids))
    checker.no_contradiction(fit_rules, transitions)
    relevant = tuple(dict.fromkeys(q for rule in fit_rules for q in rule.when if q not in transitions))
    return ServiceView(entry, MappingProxyType(facts), fit_rules, conditions, relevant), checker.problems


class _EntryChecker:
    """Resolves one tree entry for one version, collecting located problems on the way."""

    def __init__(
        self, version_id: str, known_versions: set[str], entry: TreeService, source: Loaded[Catalog], at: DocPath
    ) -> None:
        self.version_id, self.known_versions = version_id, known_versions
        self.entry, self.source, self.at = entry, source, at
        self.problems: list[Problem] = []

    def fault(self, check: str, message: str, where: DocPath, ident: str) -> None:
        line = self.source.line_of((*self.at, *where))
        self.problems.append(_problem(check, message, self.source.path, line, ident))

    def applies(self, versions: list[str] | None, where: DocPath, ident: str) -> bool:
        for unknown in sorted(set(versions or ()) - self.known_versions):
            self.fault("unknown-version", f"names unknown knowledge version {unknown}", where, ident)
        return _applies(versions, self.version_id)

    def facts(self) -> dict[str, Fact]:
        facts: dict[str, Fact] = {}
        for name, values in self.entry.facts.items():
            ident = f"{self.entry.id}/{name}"
            applying = [
                fact
                for position, fact in enumerate(values)
                if self.applies(fact.versions, ("facts", name, position), ident)
            ]
            if len(applying) > 1:
                self.fault(
                    "fact-ambiguous", f"{len(applying)} values apply to {self.version_id}", ("facts", name), ident
                )
            if applying:
                facts[name] = applying[0]
        for required in REQUIRED_FACTS:
            if required not in facts:
                self.fault(
                    "fact-missing",
                    f"no value of fact {required} applies to {self.version_id}",
                    ("facts",),
                    f"{self.entry.id}/{required}",
                )
        return facts

    def usable(
        self,
        kind: str,
        rules: list[RuleT],
        facts: Mapping[str, Fact],
        answer_ids: Mapping[str, frozenset[str]],
    ) -> list[RuleT]:
        kept = []
        for position, rule in enumerate(rules):
            ident = f"{self.entry.id}/{kind}[{position}]"
            if not self.applies(rule.versions, (kind, position), ident):
                continue
            if rule.fact is not None and rule.fact not in facts:
                self.fault(
                    "rule-reference",
                    f"rests on fact {rule.fact}, which the entry does not state",
                    (kind, position),
                    ident,
                )
            for question, answers in rule.when.items():
                where = (kind, position, "when", question)
                if question not in answer_ids:
                    self.fault(
                        "rule-reference", f"`when` names unknown question {question} in {self.version_id}", where, ident
                    )
                    continue
                for answer in sorted(set(answers) - answer_ids[question]):
                    self.fault("rule-reference", f"`when` names unknown answer {question} = {answer}", where, ident)
            kept.append(rule)
        return kept

    def no_contradiction(
        self, fit_rules: tuple[FitRule, ...], transitions: Mapping[str, Mapping[str, tuple[str, str]]]
    ) -> None:
        """A tree step may not rule out the outcome that the same answer leads to."""
        for position, rule in enumerate(self.entry.fit_rules):
            if rule not in fit_rules or rule.fit != "no_fit":
                continue
            for question, answers in rule.when.items():
                leads = {transitions.get(question, {}).get(answer, ("",))[0] for answer in answers}
                if self.entry.id in leads:
                    self.fault(
                        "rule-contradicts-tree",
                        f"rules out {self.entry.id} on {question}, an answer that leads to it",
                        ("fit_rules", position),
                        f"{self.entry.id}/fit_rules[{position}]",
                    )


def _answer_ids(
    transitions: Mapping[str, Mapping[str, tuple[str, str]]], requirements: Mapping[str, RequirementQuestion]
) -> dict[str, frozenset[str]]:
    ids = {question: frozenset(answers) for question, answers in transitions.items()}
    for question in requirements.values():
        ids[question.id] = frozenset([*(a.id for a in question.answers), UNKNOWN_ANSWER])
    return ids


def _applies(versions: list[str] | None, version_id: str) -> bool:
    return versions is None or version_id in versions


def _problem(check: str, message: str, file: str, line: int | None, ident: str) -> Problem:
    return Problem(message, file=file, line=line, ident=ident, check=check)
