"""Loading, checking and looking up ``knowledge/disagreements.yaml``: where Microsoft's sources disagree.

:func:`check_disagreements` reports every fault with its file, line and id: a disagreement with fewer than two
claims or a claim without a source (schema), a default that is not one of the claims, a claim id used twice, two
disagreements about the same thing, and a subject that names nothing the knowledge holds (an unknown lifecycle
entry, triage rule, service, fact or knowledge version). A disagreement about a lifecycle entry's date must give
dates as values and have a default whose date is the entry's, since that is the date every judgement uses.

:class:`Disputes` answers "do sources disagree about this?" for each place that shows a date, a finding, a fact
or an outcome, and :func:`describe` / :func:`to_dict` give the words for people and the JSON for machines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.errors import InputError, Problem
from advisor.models.disagreements import (
    DATE_VALUE_PATTERN,
    CatalogFactSubject,
    Claim,
    ClaimSource,
    Disagreement,
    DisagreementKnowledge,
    LifecycleEntrySubject,
    OutcomeSubject,
    TriageRuleSubject,
)

if TYPE_CHECKING:  # the YAML reader and the record models are imported where used: triage shows disputes only
    from advisor.knowledge.assembly import KnowledgeVersion
    from advisor.knowledge.loading import Loaded
    from advisor.models.lifecycle import LifecycleEntry
    from advisor.models.record import DecisionRecord, ReliedClaim

DISAGREEMENTS_FILE = Path("disagreements.yaml")


@dataclass(frozen=True)
class Disputes:
    """Every checked disagreement, found by what it is about."""

    items: tuple[Disagreement, ...] = ()
    _by_subject: Mapping[tuple[str, ...], Disagreement] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, items: Iterable[Disagreement]) -> Disputes:
        found = tuple(items)
        return cls(found, {key: item for item in found for key in _keys(item)})

    def about_entry(self, entry: str) -> Disagreement | None:
        """The disagreement about a lifecycle entry's date, if sources disagree about it."""
        return self._by_subject.get(("lifecycle_entry", entry))

    def about_rule(self, rule: str) -> Disagreement | None:
        """The disagreement about what a triage rule or advisory describes."""
        return self._by_subject.get(("triage_rule", rule))

    def about_fact(self, service: str, fact: str, version: str) -> Disagreement | None:
        """The disagreement about a service's catalog fact as ``version`` states it."""
        return self._by_subject.get(("catalog_fact", service, fact, version)) or self._by_subject.get(
            ("catalog_fact", service, fact, "*")
        )

    def about_outcome(self, outcome: str, version: str) -> Disagreement | None:
        """The disagreement about a tree outcome of ``version``."""
        return self._by_subject.get(("outcome", outcome, version)) or self._by_subject.get(("outcome", outcome, "*"))

    def about_rules(self, rules: Iterable[str]) -> tuple[Disagreement, ...]:
        """The disagreements about any of ``rules``, once each, in file order."""
        wanted = {id(d) for rule in rules if (d := self.about_rule(rule)) is not None}
        return tuple(d for d in self.items if id(d) in wanted)

    def touching_record(self, record: DecisionRecord, rules: Iterable[str] = ()) -> tuple[Disagreement, ...]:
        """What sources disagree about among the things ``record`` uses: the facts and outcome of its recommended
        and chosen services (in its knowledge version), and the triage ``rules`` that fired on its linked VMs."""
        services = {s for s in (record.service, record.chosen_service) if s}
        wanted = {id(item) for item in self.about_rules(rules)}
        for item in self.items:
            subject = item.about
            if isinstance(subject, CatalogFactSubject):
                used = subject.service in services
            elif isinstance(subject, OutcomeSubject):
                used = subject.outcome in services
            else:
                continue
            if used and _applies(subject.versions, record.knowledge_version):
                wanted.add(id(item))
        return tuple(item for item in self.items if id(item) in wanted)


def check_disagreements(
    folder: Path,
    versions: Mapping[str, KnowledgeVersion] | None,
    rule_ids: Iterable[str] | None,
    entries: Mapping[str, LifecycleEntry] | None,
) -> tuple[Disputes | None, list[Problem]]:
    """The disagreements of ``folder`` and every problem in them. A reference whose target could not be loaded
    (``versions``, ``rule_ids`` or ``entries`` None) is not checked, rather than reported as unknown."""
    from advisor.knowledge.loading import load_model

    path = folder / DISAGREEMENTS_FILE
    loaded = load_model(path, DisagreementKnowledge, str(Path(folder.name) / DISAGREEMENTS_FILE))
    if loaded.model is None:
        return None, loaded.problems
    problems: list[Problem] = []
    checker = _Checker(loaded, problems, versions, None if rule_ids is None else set(rule_ids), entries)
    seen_ids: set[str] = set()
    subjects: dict[tuple[str, ...], str] = {}
    for index, item in enumerate(loaded.model.disagreements):
        at = ("disagreements", index)
        if item.id in seen_ids:
            checker.fault("disagreement defined twice", at, item.id)
        seen_ids.add(item.id)
        checker.claims(item, at)
        checker.subject(item, at)
        for key in _keys(item):
            if key in subjects:
                checker.fault(f"sources already disagree about this in {subjects[key]}: give the claims there",
                              (*at, "about"), item.id)  # fmt: skip
            subjects.setdefault(key, item.id)
    return (None if problems else Disputes.of(loaded.model.disagreements)), problems


class _Checker:
    def __init__(
        self,
        loaded: Loaded[DisagreementKnowledge],
        problems: list[Problem],
        versions: Mapping[str, KnowledgeVersion] | None,
        rule_ids: set[str] | None,
        entries: Mapping[str, LifecycleEntry] | None,
    ) -> None:
        self.loaded, self.problems = loaded, problems
        self.versions, self.rule_ids, self.entries = versions, rule_ids, entries

    def fault(self, message: str, where: tuple[str | int, ...], ident: str) -> None:
        line = self.loaded.line_of(where)
        self.problems.append(Problem(message, file=self.loaded.path, line=line, ident=ident, check="disagreements"))

    def claims(self, item: Disagreement, at: tuple[str | int, ...]) -> None:
        ids = [claim.id for claim in item.claims]
        for position, claim in enumerate(item.claims):
            if ids.count(claim.id) > 1 and ids.index(claim.id) != position:
                where = (*at, "claims", position, "id")
                self.fault("claim id used twice in this disagreement", where, f"{item.id}/{claim.id}")
        if item.default is not None and item.default.claim not in ids:
            known = ", ".join(ids)
            self.fault(f"the default claim {item.default.claim!r} is not one of the claims ({known})",
                       (*at, "default", "claim"), item.id)  # fmt: skip

    def subject(self, item: Disagreement, at: tuple[str | int, ...]) -> None:
        subject = item.about
        where = (*at, "about")
        if isinstance(subject, LifecycleEntrySubject):
            self._entry(item, subject, at)
        elif isinstance(subject, TriageRuleSubject):
            if self.rule_ids is not None and subject.rule not in self.rule_ids:
                self.fault(f"names unknown triage rule or advisory {subject.rule!r}", (*where, "rule"), item.id)
        elif self.versions is not None:
            for name in subject.versions or ():
                if name not in self.versions:
                    self.fault(f"names unknown knowledge version {name!r}", (*where, "versions"), item.id)
            chosen = [self.versions[v] for v in subject.versions or self.versions if v in self.versions]
            if isinstance(subject, CatalogFactSubject):
                for version in chosen:
                    view = version.services.get(subject.service)
                    if view is None or subject.fact not in view.facts:
                        self.fault(f"{version.id} states no fact {subject.fact} of service {subject.service!r}",
                                   (*where, "fact"), item.id)  # fmt: skip
            else:
                for version in chosen:
                    if subject.outcome not in version.outcomes:
                        self.fault(f"{version.id} has no outcome {subject.outcome!r}", (*where, "outcome"), item.id)

    def _entry(self, item: Disagreement, subject: LifecycleEntrySubject, at: tuple[str | int, ...]) -> None:
        for position, claim in enumerate(item.claims):
            if not re.match(DATE_VALUE_PATTERN, claim.value):
                self.fault("a claim about a lifecycle date gives the date as its value (YYYY-MM-DD)",
                           (*at, "claims", position, "value"), f"{item.id}/{claim.id}")  # fmt: skip
        if self.entries is None:
            return
        entry = self.entries.get(subject.entry)
        if entry is None:
            self.fault(f"names unknown lifecycle entry {subject.entry!r}", (*at, "about", "entry"), item.id)
            return
        if item.default is None:
            self.fault(f"needs a default: judgements use the date of lifecycle entry {entry.id} "
                       f"({entry.date.isoformat()})", at, item.id)  # fmt: skip
            return
        chosen = next((c for c in item.claims if c.id == item.default.claim), None)
        if chosen is not None and chosen.value != entry.date.isoformat():
            self.fault(f"the default claim says {chosen.value}, but lifecycle entry {entry.id} (the date judgements "
                       f"use) says {entry.date.isoformat()}", (*at, "default", "claim"), item.id)  # fmt: skip


def _keys(item: Disagreement) -> list[tuple[str, ...]]:
    subject = item.about
    if isinstance(subject, LifecycleEntrySubject):
        return [("lifecycle_entry", subject.entry)]
    if isinstance(subject, TriageRuleSubject):
        return [("triage_rule", subject.rule)]
    if isinstance(subject, CatalogFactSubject):
        return [("catalog_fact", subject.service, subject.fact, v) for v in subject.versions or ("*",)]
    return [("outcome", subject.outcome, v) for v in subject.versions or ("*",)]


def _applies(versions: list[str] | None, version: str) -> bool:
    return versions is None or version in versions


# --- words and JSON --------------------------------------------------------------------------------------------


def relied_claims(disputes: Disputes, choices: Mapping[str, str]) -> tuple[ReliedClaim, ...]:
    """The claims a board relied on, ``choices`` mapping a disagreement id to one of its claim ids, in file order;
    an InputError naming the disagreement or claim that the knowledge does not have."""
    from advisor.models.record import ReliedClaim

    known = {item.id: item for item in disputes.items}
    problems: list[Problem] = []
    for disagreement, claim in choices.items():
        item = known.get(disagreement)
        if item is None:
            listed = ", ".join(repr(key) for key in known) or "none"
            message = f"no disagreement {disagreement!r} in the knowledge (known: {listed})"
            problems.append(Problem(message, ident="relied_on"))
        elif claim not in {c.id for c in item.claims}:
            listed = ", ".join(f"{c.id!r} ({c.value})" for c in item.claims)
            message = f"{item.topic}: no claim {claim!r} (the claims are {listed})"
            problems.append(Problem(message, ident=f"relied_on.{disagreement}"))
    if problems:
        raise InputError(problems)
    return tuple(
        ReliedClaim(disagreement=item.id, claim=c.id, topic=item.topic, value=c.value)
        for item in disputes.items
        if item.id in choices
        for c in item.claims
        if c.id == choices[item.id]
    )


def default_claim(item: Disagreement) -> Claim | None:
    if item.default is None:
        return None
    return next((claim for claim in item.claims if claim.id == item.default.claim), None)


def source_url(source: ClaimSource) -> str:
    """A link to the source: its URL, or the repository file on GitHub at the commit read (else its main branch)."""
    if source.ref.startswith("https://"):
        return source.ref
    repository, path = source.ref.split(":", 1)
    return f"https://github.com/{repository}/blob/{source.commit or 'main'}/{path}"


def source_text(claim: Claim) -> str:
    """The sources of a claim for people: each by its title and the date it carries."""
    return "; ".join(f"{source.title}, dated {source.dated.isoformat()}" for source in claim.sources)


def describe(item: Disagreement) -> str:
    """The disagreement in one paragraph: the claims with their sources, then the default and why."""
    claims = " · ".join(f"{claim.value} ({source_text(claim)})" for claim in item.claims)
    chosen = default_claim(item)
    tail = f" The tool goes by “{chosen.value}”: {item.default.why}" if chosen and item.default else ""
    return f"Sources disagree on {_lower_first(item.topic)}: {claims}.{tail}"


def to_dict(item: Disagreement) -> dict[str, Any]:
    """The disagreement as JSON: what it is about, every claim with its sources, and the default."""
    chosen = default_claim(item)
    return {
        "id": item.id,
        "topic": item.topic,
        "about": item.about.model_dump(mode="json", exclude_none=True),
        "claims": [
            {
                "id": claim.id, "value": claim.value, "says": claim.says,
                "sources": [
                    {**source.model_dump(mode="json", exclude_none=True), "url": source_url(source)}
                    for source in claim.sources
                ],
            }
            for claim in item.claims
        ],
        "default": {"claim": chosen.id, "value": chosen.value, "why": item.default.why}
        if chosen and item.default else None,
        "text": describe(item),
    }  # fmt: skip


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
