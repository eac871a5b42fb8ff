"""Service comparison: two to four services side by side, with their catalog facts as the record's
knowledge version states them (value, date and source of each), this record's fit and reasons, and the
lifecycle entries touching each service (judged at an as-of date and horizon), beside the facts they qualify.
Where Microsoft's sources disagree about a fact or an outcome, the cell or column carries the disagreement.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import get_args

from advisor.decide.reason_words import Words, candidate_reasons
from advisor.errors import InputError, Problem
from advisor.knowledge.assembly import KnowledgeBase
from advisor.lifecycle.entries import LifecycleNote, LifecycleView
from advisor.lifecycle.judgement import Judgement
from advisor.models.disagreements import Disagreement
from advisor.models.record import DecisionRecord
from advisor.models.service_catalog import Fact, FactName, TreeService

MIN_SERVICES, MAX_SERVICES = 2, 4
FACT_LABELS: dict[str, str] = {
    "state": "State",
    "minimum_nodes": "Minimum nodes",
    "vnet_integration": "Virtual network integration",
    "hybrid_connectivity": "Hybrid connectivity",
    "scale_limit": "Scale limit",
    "gpu": "GPU",
    "team_skills": "Team skills",
    "operational_overhead": "Operational overhead",
    "architecture_styles": "Architecture styles",
    "update_model": "Update model",
    "multi_region": "Multiple regions",
}


@dataclass(frozen=True)
class FactCell:
    value: str
    date: datetime.date
    source: str
    note: str | None
    lifecycle: tuple[LifecycleNote, ...] = ()  # entries that qualify this fact (e.g. a retired quota part)
    disagreement: Disagreement | None = None  # where sources disagree about the fact, every claim with its sources


@dataclass(frozen=True)
class ServiceColumn:
    """One compared service: what it is, and how it fits this record."""

    service: str
    name: str
    kind: str  # "tree" or "specialty": the outcome's kind in the record's knowledge version
    hosting_model: str | None
    learn_url: str
    fit: str | None  # None: not a candidate of this record (a specialty route)
    reasons: tuple[str, ...]
    recommended: bool  # the tree's outcome of the record
    chosen: bool  # the record's chosen service (its override, else the outcome)
    lifecycle: tuple[LifecycleNote, ...] = ()  # every entry touching the service, by date
    disagreement: Disagreement | None = None  # where sources disagree about the outcome itself


@dataclass(frozen=True)
class FactRow:
    fact: str
    label: str
    cells: tuple[FactCell | None, ...]  # one per column; None where the catalog states no such fact


@dataclass(frozen=True)
class Comparison:
    knowledge_version: str
    columns: tuple[ServiceColumn, ...]
    rows: tuple[FactRow, ...]  # every fact at least one compared service states, in catalog order
    judgement: Judgement | None = None


def compare_services(
    kb: KnowledgeBase, record: DecisionRecord, services: Sequence[str], judgement: Judgement | None = None
) -> Comparison:
    """Compare 2 to 4 catalog entries of the record's knowledge version; InputError otherwise. Lifecycle entries
    are judged at ``judgement`` (default: today, the knowledge's horizon)."""
    version = kb.version(record.knowledge_version)
    wanted = list(services)
    if not MIN_SERVICES <= len(wanted) <= MAX_SERVICES:
        message = f"pick {MIN_SERVICES} to {MAX_SERVICES} services to compare ({len(wanted)} given)"
        raise InputError(Problem(message, ident="services"))
    unknown = [s for s in wanted if s not in version.services]
    if unknown:
        known = ", ".join(version.services)
        message = f"not a catalog entry of {version.id} (known: {known})"
        raise InputError([Problem(message, ident=str(s)) for s in unknown])
    repeated = sorted({s for s in wanted if wanted.count(s) > 1})
    if repeated:
        raise InputError(Problem("listed more than once", ident=repeated[0]))
    fits = {c.service: c for c in record.candidates}
    life = kb.lifecycle.view(judgement)
    columns = []
    for service in wanted:
        entry = version.services[service].entry
        candidate = fits.get(service)
        columns.append(
            ServiceColumn(
                service=service,
                name=entry.name,
                kind=version.outcomes[service].kind,  # as this version uses it (service-fabric: 2026 specialty)
                hosting_model=entry.hosting_model if isinstance(entry, TreeService) else None,
                learn_url=version.services[service].learn_url,
                fit=candidate.fit if candidate else None,
                reasons=(
                    tuple(candidate_reasons(candidate, record, Words.from_kb(kb)))
                    if candidate
                    else ("not a candidate of this record",)
                ),
                recommended=service == record.service,
                chosen=service == record.chosen_service,
                lifecycle=life.notes(service),
                disagreement=kb.disagreements.about_outcome(service, version.id),
            )
        )
    rows = []
    for fact in get_args(FactName):
        cells = tuple(
            _cell(version.services[s].facts.get(fact), _qualifying(life, s, fact),
                  kb.disagreements.about_fact(s, fact, version.id))
            for s in wanted
        )  # fmt: skip
        if any(cells):
            rows.append(FactRow(fact, FACT_LABELS.get(fact, fact), cells))
    return Comparison(version.id, tuple(columns), tuple(rows), life.judgement)


def _cell(
    fact: Fact | None, lifecycle: tuple[LifecycleNote, ...] = (), disagreement: Disagreement | None = None
) -> FactCell | None:
    return None if fact is None else FactCell(fact.value, fact.date, fact.source, fact.note, lifecycle, disagreement)


def _qualifying(view: LifecycleView, service: str, fact: str) -> tuple[LifecycleNote, ...]:
    """The service's notes whose entry names ``fact`` among the catalog facts it qualifies."""
    facts = {entry.id: entry.facts for entry in view.lifecycle.entries_touching(service)}
    return tuple(note for note in view.notes(service) if fact in facts.get(note.entry, ()))
