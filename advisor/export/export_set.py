"""What an export is made of: the chosen workloads, every version of their records, the triage of their
linked VMs, and the labels to show ids with.

These are plain frozen dataclasses, built by :mod:`advisor.export.selection` from the store (or by hand in
tests and benchmarks); every format function reads one :class:`ExportSet` and returns bytes. Nothing
here touches the database or Streamlit.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from advisor.costs.view import CostView
from advisor.decide.reason_words import Words
from advisor.errors import UsageError
from advisor.knowledge.assembly import KnowledgeBase
from advisor.knowledge.disagreements import Disputes
from advisor.knowledge.key_dates import KeyDateView
from advisor.lifecycle.entries import LifecycleView
from advisor.lifecycle.judgement import Judgement
from advisor.lifecycle.revisit import RevisitBy, revisit_by
from advisor.models.disagreements import Disagreement
from advisor.models.record import DecisionRecord, Workload
from advisor.models.triage_rules import VERDICT_ORDER, Advisory, TriageRule


@dataclass(frozen=True)
class TriagedVm:
    """One linked classic VM as an inventory import triaged it (contract §7)."""

    cloud_service: str
    vm_name: str
    vnet: str | None
    verdict: str
    rules: tuple[str, ...] = ()
    unknown_fields: tuple[str, ...] = ()
    arm_size: str | None = None


@dataclass(frozen=True)
class LinkedTriage:
    """The newest inventory import that holds any of a workload's linked VMs, and those VMs in it."""

    import_id: int
    estate: str
    imported_at: datetime.datetime
    vms: tuple[TriagedVm, ...]

    @property
    def verdict(self) -> str:
        """The worst verdict among the VMs (not_supported > unknown > ready_with_conditions > tool_ready)."""
        return min((vm.verdict for vm in self.vms), key=_severity, default="")


def _severity(verdict: str) -> int:
    return VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else len(VERDICT_ORDER)


@dataclass(frozen=True)
class WorkloadExport:
    """A workload, every version of its record (oldest first, at least one), and its triage if any."""

    workload: Workload
    records: tuple[DecisionRecord, ...]
    triage: LinkedTriage | None = None
    # The latest version's estimates as the app shows them (computed at export time, or kept from the sign-off);
    # None when they could not be made (no cost knowledge).
    costs: CostView | None = None

    def __post_init__(self) -> None:
        if not self.records:
            raise UsageError(f"workload {self.workload.name!r} has no record to export")

    @property
    def latest(self) -> DecisionRecord:
        return self.records[-1]


@dataclass(frozen=True)
class RuleText:
    """What a triage rule says, for the Findings sheet and the decision record's context."""

    title: str
    behaviour: str
    message: str
    workaround: str


def _frozen(mapping: Mapping | None = None) -> MappingProxyType:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Glossary:
    """Names and texts for ids; an id without an entry is shown as itself (a record outlives its knowledge).

    Built from every shipped knowledge version; where versions word an id differently, the default
    version's wording wins.
    """

    services: Mapping[str, str] = field(default_factory=_frozen)
    questions: Mapping[str, str] = field(default_factory=_frozen)
    answers: Mapping[tuple[str, str], str] = field(default_factory=_frozen)
    rules: Mapping[str, RuleText] = field(default_factory=_frozen)
    # The key dates of the classic retirement, and where Microsoft's sources disagree (issue 19).
    key_dates: tuple[KeyDateView, ...] = ()
    disputes: Disputes = field(default_factory=Disputes)
    # Lifecycle entries judged at the export's as-of date: each record's revisit-by (issue 18).
    lifecycle: LifecycleView | None = None
    # The knowledge itself, to give a record saved before overrides carried their conditions its chosen
    # service's conditions (advisor.decide.reason_words.chosen_conditions); None in hand-built exports.
    knowledge: KnowledgeBase | None = field(default=None, compare=False, hash=False, repr=False)

    def revisit(self, record: DecisionRecord) -> RevisitBy | None:
        """The record's revisit-by (None: the glossary has no lifecycle knowledge)."""
        return revisit_by(record, self.lifecycle) if self.lifecycle is not None else None

    @functools.cached_property
    def words(self) -> Words:
        """The same names and texts for :mod:`advisor.decide.reason_words`."""
        return Words(self.services, self.questions, self.answers)

    def service(self, service_id: str | None) -> str:
        return "" if service_id is None else self.words.service(service_id)

    def question(self, question_id: str) -> str:
        return self.words.question(question_id)

    def answer(self, question_id: str, answer_id: str) -> str:
        return self.words.answer(question_id, answer_id)

    @classmethod
    def from_kb(cls, kb: KnowledgeBase, judgement: Judgement | None = None) -> Glossary:
        """Names and texts from every shipped version; lifecycle judged at ``judgement`` (default: today)."""
        words = Words.from_kb(kb)  # the default version's wording wins, as in every text for people
        described: list[TriageRule | Advisory] = [*kb.triage.rules, *kb.triage.advisories]
        rules = {rule.id: RuleText(rule.title, rule.behaviour, rule.message, rule.workaround) for rule in described}
        return cls(
            words.services, words.questions, words.answers, _frozen(rules), kb.key_dates, kb.disagreements,
            kb.lifecycle.view(judgement), kb,
        )  # fmt: skip

    def disputed(self, item: WorkloadExport, record: DecisionRecord | None = None) -> tuple[Disagreement, ...]:
        """What Microsoft's sources disagree about among the things a record of ``item`` uses (its latest by
        default): its services' facts and outcome, and the findings on its linked VMs."""
        rules = [rule for vm in item.triage.vms for rule in vm.rules] if item.triage else []
        return self.disputes.touching_record(record or item.latest, rules)


@dataclass(frozen=True)
class ExportSet:
    """The chosen workloads in export order (by name, ignoring case) and the glossary to label them."""

    workloads: tuple[WorkloadExport, ...]
    glossary: Glossary = field(default_factory=Glossary)

    @property
    def record_count(self) -> int:
        return sum(len(item.records) for item in self.workloads)
