"""Every candidate's monthly estimate for one record, by the method ``knowledge/costs.yaml`` gives it.

A candidate with a price has its lines (what is counted, price × hours × count), its assumptions in words and,
beside pay-as-you-go, the reservations the sheet prices for every size it uses. A candidate without one says
why: the method is ``none`` (its reason), a specialty route (the knowledge's reason), no linked VM to size from,
a VM that cannot be sized, a Functions cost input not given yet, or a meter the sheet has no price for (named,
with the region): never a silent 0.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from advisor.costs.price_book import MeterPrice, PriceBook
from advisor.costs.sizing import Sized, VmFacts, round_up, size_vms
from advisor.errors import UsageError
from advisor.knowledge.assembly import KnowledgeBase
from advisor.lifecycle.sizes import SizeRow
from advisor.models.cost_estimates import (
    CandidateCost,
    CostLine,
    CostOption,
    EstimateStatus,
    FunctionsUsage,
    RecordCosts,
)
from advisor.models.cost_rules import CandidatePricing, CostKnowledge, UsageMeter
from advisor.models.record import DecisionRecord

_SECONDS_PER_HOUR = 3600  # a unit conversion, not a pricing rule
_MEMO_SIZE = 100_000  # estimates kept per sheet for inputs seen before (bounded memory)
_NO_VMS = "no classic VM is linked to this workload, so there is nothing to size it from: link its VMs"
_QUANTITY_WORDS = {
    "vcpu_hours": "vCPU-hours", "gib_hours": "GiB-hours", "vcpu_seconds": "vCPU-seconds",
    "gib_seconds": "GiB-seconds", "gb_seconds": "GB-seconds", "executions": "executions",
}  # fmt: skip


class Estimator:
    """The knowledge an estimate reads, ready for many records (one per process, or per benchmark)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        if kb.costs is None:
            raise UsageError("the knowledge base has no costs.yaml: estimates need it")
        self.kb = kb
        self.rules: CostKnowledge = kb.costs
        self.table = kb.lifecycle.sizes
        self.pricing = {entry.service: entry for entry in self.rules.candidates}
        self._family_rows: dict[tuple[str, ...], list[SizeRow]] = {}
        self._needs: dict[tuple[object, ...], tuple[float, float, str] | str] = {}  # size_vms's cache
        self._fixed: dict[str, CandidateCost] = {}

    def estimate(
        self,
        record: DecisionRecord,
        vms: Sequence[VmFacts],
        book: PriceBook | None,
        no_sheet: str = "",
        cost_inputs: FunctionsUsage | None = None,
    ) -> RecordCosts:
        """The record's estimates from ``book`` (None: no sheet, ``no_sheet`` says why) and its linked ``vms``.

        ``cost_inputs`` replaces the record's own Functions cost input (what-if, the result page's form)."""
        sized = size_vms(vms, self.rules.sizing, self.table, self.kb.triage.like_for_like, self._needs)
        services = [candidate.service for candidate in record.candidates]
        chosen = record.chosen_service
        if chosen is not None and chosen not in services:
            services.append(chosen)
        if book is None:
            return RecordCosts(reason=no_sheet, sizing=sized.words, hours_per_month=self.rules.hours_per_month,
                               candidates=tuple(self._without_sheet(s, no_sheet) for s in services))  # fmt: skip
        usage = cost_inputs if cost_inputs is not None else record.cost_inputs
        job = _Job(self, book, sized, record.knowledge_version, usage)
        return RecordCosts(
            sheet=book.sheet, sizing=sized.words, hours_per_month=self.rules.hours_per_month,
            candidates=tuple(job.candidate(service) for service in services),
        )  # fmt: skip

    def _without_sheet(self, service: str, no_sheet: str) -> CandidateCost:
        entry = self.pricing.get(service)
        if entry is None or entry.method == "none":
            return _none(service, entry.reason if entry and entry.reason else self.rules.other_reason)
        assumptions = tuple(entry.assumptions)
        return CandidateCost(service=service, status="no_estimate", reason=no_sheet, assumptions=assumptions)

    def without_estimate(self, service: str) -> CandidateCost:
        """A candidate that is never estimated (method ``none``, or a specialty route), with its reason: made once."""
        found = self._fixed.get(service)
        if found is None:
            entry = self.pricing.get(service)
            reason = entry.reason if entry is not None and entry.reason else self.rules.other_reason
            found = self._fixed[service] = _none(service, reason)
        return found

    def family_rows(self, families: Sequence[str]) -> list[SizeRow]:
        key = tuple(families)
        rows = self._family_rows.get(key)
        if rows is None:
            rows = self._family_rows[key] = [row for row in self.table.offered() if row.family in key]
        return rows


def _none(service: str, reason: str) -> CandidateCost:
    return CandidateCost(service=service, status="no_estimate", reason=reason)


class _Job:
    """One record's estimates against one sheet."""

    def __init__(
        self, estimator: Estimator, book: PriceBook, sized: Sized, version: str, usage: FunctionsUsage | None
    ) -> None:
        self.e, self.book, self.sized, self.version, self.usage = estimator, book, sized, version, usage
        self.hours = estimator.rules.hours_per_month
        self.currency = book.sheet.currency
        self.region = book.sheet.region

    def candidate(self, service: str) -> CandidateCost:
        entry = self.e.pricing.get(service)
        if entry is None or entry.method == "none":
            return self.e.without_estimate(service)
        if entry.method == "executions":
            if self.usage is None:
                return self._memo(("needs_input", service), lambda: self._executions(entry))
            return self._memo(("executions", service, self.usage), lambda: self._executions(entry))
        if not self.sized.vms and not self.sized.unsized:
            return self._memo(("no_vms", service), lambda: self._missing(entry, "no_estimate", _NO_VMS))
        if self.sized.unsized:
            reason = "a linked VM cannot be sized (" + "; ".join(self.sized.unsized) + ")"
            return self._missing(entry, "no_estimate", reason)
        method = entry.method
        if method == "vm":
            return self._vms(entry)
        if method == "nodes":
            return self._nodes(entry)
        return self._plan(entry) if method == "plan" else self._usage(entry)

    def _missing(self, entry: CandidatePricing, status: EstimateStatus, reason: str) -> CandidateCost:
        return CandidateCost(service=entry.service, status=status, reason=reason, assumptions=tuple(entry.assumptions))

    def _no_price(self, entry: CandidatePricing, what: str) -> CandidateCost:
        reason = f"the price sheet of {self.region} ({self.currency}) has no price for {what}"
        return self._missing(entry, "missing_price", reason)

    def _done(self, entry: CandidatePricing, lines: list[CostLine], options: tuple[CostOption, ...] = (),
              extra: tuple[str, ...] = ()) -> CandidateCost:  # fmt: skip
        total = sum(line.monthly for line in lines)
        return CandidateCost(
            service=entry.service, status="estimate", monthly=total, lines=tuple(lines),
            assumptions=(*extra, *entry.assumptions), options=options,
        )  # fmt: skip

    # -- VM sizes (Virtual Machines, AKS and Batch nodes)

    def _cheapest(self, entry: CandidatePricing, vcpus: float, memory: float, windows: bool) -> SizeRow | str:
        """The cheapest size of the allowed families meeting the need, or what has no price (in words)."""
        for row in self._ladder(entry, windows):  # cheapest first: the first that fits is the one
            if row.vcpus >= vcpus and row.memory_gib >= memory:
                return row
        fitting = [row for row in self.e.family_rows(entry.families) if row.vcpus >= vcpus and row.memory_gib >= memory]
        if not fitting:
            names = "/".join(self.e.table.families[f].name for f in entry.families if f in self.e.table.families)
            return f"any size ({names}): none has {_n(vcpus)} vCPU and {_n(memory)} GiB"
        return f"{fitting[0].name} ({_os(windows)}) or any larger size that would do"

    def _ladder(self, entry: CandidatePricing, windows: bool) -> list[SizeRow]:
        """The priced sizes of the entry's families, cheapest first (then fewer vCPUs, less memory): made once per
        sheet, families and operating system, and kept in the book."""
        key = (tuple(entry.families), windows)
        ladder = self.book.ladders.get(key)
        if ladder is None:
            priced = [(price, row) for row in self.e.family_rows(entry.families)
                      if (price := self.book.vm_price(row.name, windows)) is not None]  # fmt: skip
            priced.sort(key=lambda pair: (pair[0], pair[1].vcpus, pair[1].memory_gib))
            ladder = self.book.ladders[key] = [row for _, row in priced]
        return ladder

    def _vm_lines(self, groups: dict[tuple[str, bool], int]) -> tuple[list[CostLine], tuple[CostOption, ...]]:
        lines = []
        for (size, windows), count in groups.items():
            price = self.book.vm_price(size, windows) or 0.0  # present: the size was chosen for its price
            text = f"{count} × {size} ({_os(windows)}) at {self._hourly(price)} × {_n(self.hours)} hours"
            lines.append(CostLine(text=text, monthly=count * price * self.hours))
        options = []
        for term in self.e.rules.reservations.terms:
            prices = [self.book.reservation(size, windows, term.term) for size, windows in groups]
            if all(price is not None for price in prices):
                monthly = sum(
                    count * (price or 0.0) / term.months for count, price in zip(groups.values(), prices, strict=True)
                )
                options.append(CostOption(label=term.label, monthly=monthly))
        return lines, tuple(options)

    def _vms(self, entry: CandidatePricing) -> CandidateCost:
        groups: dict[tuple[str, bool], int] = {}
        for vm in self.sized.vms:
            row = self._cheapest(entry, vm.vcpus, vm.memory_gib, vm.windows)
            if isinstance(row, str):
                return self._no_price(entry, row)
            groups[(row.name, vm.windows)] = groups.get((row.name, vm.windows), 0) + 1
        return self._memo(("vm", entry.service, *sorted(groups.items())),
                          lambda: self._done(entry, *self._vm_lines(groups)))  # fmt: skip

    def _nodes(self, entry: CandidatePricing) -> CandidateCost:
        vcpus, memory = self.sized.largest
        windows = self.sized.windows
        row = self._cheapest(entry, vcpus, memory, windows)
        if isinstance(row, str):
            return self._no_price(entry, row)
        minimum = self._minimum_nodes(entry)
        vms = len(self.sized.vms)
        count = max(vms, minimum)

        def make() -> CandidateCost:
            lines, options = self._vm_lines({(row.name, windows): count})
            why = f"{count} nodes: {vms} VMs, at least {minimum} (the minimum node count)"
            return self._done(entry, lines, options, (why,))

        return self._memo(("nodes", entry.service, row.name, windows, vms, minimum), make)

    def _minimum_nodes(self, entry: CandidatePricing) -> int:
        if entry.minimum_nodes_fact is None:
            return 0
        view = self.e.kb.versions.get(self.version) or self.e.kb.version()
        service = view.services.get(entry.service)
        fact = service.facts.get(entry.minimum_nodes_fact) if service else None
        return fact.count if fact is not None and fact.count is not None else 0

    # -- App Service plan tiers

    def _plan(self, entry: CandidatePricing) -> CandidateCost:
        vcpus, memory = self.sized.largest
        tier = next((t for t in entry.tiers if t.vcpus >= vcpus and t.memory_gib >= memory), None)
        if tier is None:
            return self._missing(entry, "no_estimate", f"no plan tier has {_n(vcpus)} vCPU and {_n(memory)} GiB")
        price = self.book.tier(tier, entry.service_name or "")
        if price is None:
            return self._no_price(entry, f"the {tier.name} plan ({tier.meter_name}, {tier.product_name})")
        count = len(self.sized.vms)

        def make() -> CandidateCost:
            text = f"{count} × {tier.name} instance at {self._per(price)} × {_n(self.hours)} hours"
            return self._done(entry, [CostLine(text=text, monthly=count * price.price * self.hours)])

        return self._memo(("plan", entry.service, tier.name, count), make)

    # -- metered usage (Container Apps, Container Instances)

    def _usage(self, entry: CandidatePricing) -> CandidateCost:
        vcpus, memory = self.sized.total
        vcpus = round_up(vcpus, entry.vcpu_step) if entry.vcpu_step else vcpus
        memory = round_up(memory, entry.memory_step_gib) if entry.memory_step_gib else memory
        seconds = self.hours * _SECONDS_PER_HOUR

        def make() -> CandidateCost:
            amounts = {
                "vcpu_hours": (vcpus * self.hours, f"{_n(vcpus)} vCPU × {_n(self.hours)} hours"),
                "gib_hours": (memory * self.hours, f"{_n(memory)} GiB × {_n(self.hours)} hours"),
                "vcpu_seconds": (vcpus * seconds, f"{_n(vcpus)} vCPU × {_n(seconds)} seconds"),
                "gib_seconds": (memory * seconds, f"{_n(memory)} GiB × {_n(seconds)} seconds"),
            }
            return self._metered(entry, [(meter, *amounts[meter.quantity]) for meter in entry.meters])

        return self._memo(("usage", entry.service, vcpus, memory), make)

    def _metered(self, entry: CandidatePricing, wanted: list[tuple[UsageMeter, float, str]],
                 extra: tuple[str, ...] = ()) -> CandidateCost:  # fmt: skip
        lines = []
        for meter, amount, how in wanted:
            price = self.book.meter(meter)
            if price is None:
                return self._no_price(entry, f"{meter.meter_name} ({meter.service_name})")
            if price.unit != meter.unit_of_measure:
                what = f"{meter.meter_name} per {meter.unit_of_measure} (the sheet prices it per {price.unit})"
                return self._no_price(entry, what)
            billed = max(0.0, amount - meter.free_per_month)
            free = f", less {_n(meter.free_per_month)} free" if meter.free_per_month else ""
            text = f"{how} = {_n(amount)} {_QUANTITY_WORDS[meter.quantity]}{free}, at {self._per(price)}"
            lines.append(CostLine(text=text, monthly=billed / meter.units * price.price))
        return self._done(entry, lines, (), extra)

    # -- Functions (Consumption plan)

    def _executions(self, entry: CandidatePricing) -> CandidateCost:
        usage = self.usage
        if usage is None:
            reason = (
                "give the executions a month, their duration and memory (the Functions cost input on the result page)"
            )
            return self._missing(entry, "needs_input", reason)
        step = entry.memory_step_mb or 1
        memory_mb = round_up(usage.memory_mb, step)
        duration_ms = max(usage.duration_ms, entry.minimum_duration_ms or 0.0)
        gb_seconds = usage.executions * duration_ms / 1000 * memory_mb / 1024
        given = (
            f"{_n(usage.executions)} executions a month of {_n(usage.duration_ms)} ms at {_n(usage.memory_mb)} MB "
            f"(as given), billed as {_n(duration_ms)} ms at {_n(memory_mb)} MB"
        )
        how = f"{_n(usage.executions)} × {_n(duration_ms / 1000)} s × {_n(memory_mb / 1024)} GB"
        amounts = {
            "gb_seconds": (gb_seconds, how),
            "executions": (float(usage.executions), f"{_n(usage.executions)} executions"),
        }
        wanted = [(m, *amounts[m.quantity]) for m in entry.meters if m.quantity in amounts]
        return self._metered(entry, wanted, (given,))

    def _memo(self, key: tuple[object, ...], make: Callable[[], CandidateCost]) -> CandidateCost:
        """The estimate made for the same inputs against this sheet before (estimates are immutable), else made
        now: many workloads share their sizes, and a portfolio is priced against one sheet."""
        memo = self.book.memo
        found = memo.get(key)
        if found is None:
            if len(memo) > _MEMO_SIZE:
                memo.clear()
            found = memo[key] = make()
        return found

    # -- words

    def _hourly(self, price: float) -> str:
        return f"{_price(price)} {self.currency} an hour"

    def _per(self, price: MeterPrice) -> str:
        """``0.2 USD an hour``, ``0.000024 USD per second``, ``0.000002 USD per 10`` (the sheet's unit in words)."""
        words = [w.lower() if w in ("Hour", "Hours", "Second", "Seconds") else w for w in price.unit.split()]
        unit = " ".join(words[1:] if words[:1] == ["1"] else words)
        per = "an hour" if unit == "hour" else f"per {unit}"
        return f"{_price(price.price)} {self.currency} {per}"


def _os(windows: bool) -> str:
    return "Windows" if windows else "Linux"


@functools.lru_cache(maxsize=65_536)  # the same figures recur across a portfolio
def _n(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


@functools.lru_cache(maxsize=65_536)
def _price(value: float) -> str:
    """A unit price with the digits it has (0.096, 0.000016), never in scientific notation."""
    return f"{value:.8f}".rstrip("0").rstrip(".") or "0"
