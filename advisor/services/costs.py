"""What each candidate would cost: estimates computed on read, frozen into every version as it is saved, and the
Functions cost input saved with the record.

A record shows the estimate computed now from the price sheet in use for its workload's region (the region of its
linked VMs' ``location``; without one, the newest sheet, the knowledge's default currency first) and its linked
VMs' newest inventory facts. A decided version (accepted or rejected: signed off) shows the estimate frozen into it
when it was saved instead, with the sheet it came from: a newer sheet never changes a signed record, and a
deleted sheet is named as such. Every saved version stores the estimate of its moment (:func:`freeze_costs`,
called by :func:`~advisor.services.appending.append_versions`), so re-evaluation can show how costs moved.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from advisor.costs.estimate import Estimator
from advisor.costs.price_book import PriceBook
from advisor.costs.sizing import VmFacts
from advisor.costs.view import CostView
from advisor.errors import InputError, Problem
from advisor.inventory.utilization import CPU_COLUMN, MEMORY_COLUMN
from advisor.knowledge.assembly import KnowledgeBase
from advisor.lifecycle.revisit import DECIDED
from advisor.models.cost_estimates import (
    MAX_DURATION_MS,
    MAX_EXECUTIONS,
    MAX_MEMORY_MB,
    FunctionsUsage,
    RecordCosts,
    SheetRef,
)
from advisor.models.record import DecisionRecord, Workload
from advisor.prices import NamedPage, assemble, read_page
from advisor.review.reevaluation import Reevaluation
from advisor.services.context import ServiceContext
from advisor.services.finding import workload_named
from advisor.store import PriceSheetSummary, UnitOfWork

FETCH_HINT = "load Azure's retail prices on the Settings page or with `python -m advisor prices fetch --region REGION`"


_BOOKS: dict[tuple[str, int], PriceBook] = {}  # sheets never change: a book is built once per sheet and process
_ESTIMATORS: dict[int, Estimator] = {}


def estimator(kb: KnowledgeBase) -> Estimator:
    found = _ESTIMATORS.get(id(kb))
    if found is None or found.kb is not kb:
        if len(_ESTIMATORS) > 8:
            _ESTIMATORS.clear()
        found = _ESTIMATORS[id(kb)] = Estimator(kb)
    return found


class Pricing:
    """The sheets in use and the linked VMs' facts, read in one unit of work, for the estimates of many records."""

    def __init__(self, unit: UnitOfWork, kb: KnowledgeBase, database: str) -> None:
        self.unit, self.kb, self.database = unit, kb, database
        self.sheets = unit.prices.sheets()  # newest first
        self.estimator = estimator(kb)
        self._facts: dict[tuple[str, str], dict[str, Any]] = {}
        self._workloads: dict[int, Workload | None] = {}

    def load_vms(self, workloads: Iterable[Workload]) -> None:
        """Read the linked VMs' facts of ``workloads`` at once (rather than one query per workload)."""
        workloads = list(workloads)
        self._workloads.update((w.id, w) for w in workloads)
        keys = [(link.cloud_service, link.vm_name) for w in workloads for link in w.vm_links]
        missing = [key for key in keys if key not in self._facts]
        if missing:
            self._facts.update(self.unit.inventories.linked_vm_facts(missing))

    def workload(self, workload_id: int) -> Workload | None:
        if workload_id not in self._workloads:
            self._workloads[workload_id] = self.unit.workloads.get(workload_id)
        return self._workloads[workload_id]

    def vms(self, workload: Workload | None) -> list[VmFacts]:
        if workload is None:
            return []
        self.load_vms([workload])
        found = []
        for link in workload.vm_links:
            facts = self._facts.get((link.cloud_service, link.vm_name), {})
            os_type = (facts.get("os_type") or "").casefold()
            found.append(VmFacts(
                name=link.vm_name, size=facts.get("size") or None,
                windows=True if os_type == "windows" else False if os_type == "linux" else None,
                location=facts.get("location") or None, cpu_percent=_percent(facts.get(CPU_COLUMN)),
                memory_percent=_percent(facts.get(MEMORY_COLUMN)),
            ))  # fmt: skip
        return found

    def book(self, vms: Sequence[VmFacts]) -> tuple[PriceBook | None, str]:
        """The book of the sheet in use for these VMs' region, or None and why."""
        if not self.sheets:
            return None, f"no price sheet is loaded: {FETCH_HINT}"
        regions = [_region(vm.location) for vm in vms if vm.location]
        wanted = max(set(regions), key=regions.count) if regions else None
        default = self.kb.prices.default_currency if self.kb.prices else ""
        candidates = [s for s in self.sheets if wanted is None or s.region == wanted]
        if not candidates:
            loaded = ", ".join(sorted({s.region for s in self.sheets}))
            why = f"no price sheet of {wanted} (the linked VMs' region) is loaded (loaded: {loaded}): {FETCH_HINT}"
            return None, why
        sheet = next((s for s in candidates if s.currency == default), candidates[0])
        return self._book(sheet), ""

    def _book(self, sheet: PriceSheetSummary) -> PriceBook:
        key = (self.database, sheet.id)
        book = _BOOKS.get(key)
        if book is None:
            if len(_BOOKS) > 16:
                _BOOKS.clear()
            ref = SheetRef(sheet_id=sheet.id, fetched_at=sheet.fetched_at, region=sheet.region, currency=sheet.currency)
            book = _BOOKS[key] = PriceBook.build(ref, self.unit.prices.items(sheet.id), self.estimator.rules)
        return book

    def estimate(self, record: DecisionRecord, cost_inputs: FunctionsUsage | None = None) -> RecordCosts:
        """The record's estimates now."""
        vms = self.vms(self.workload(record.workload_id))
        book, why = self.book(vms)
        return self.estimator.estimate(record, vms, book, why, cost_inputs)

    def view(self, record: DecisionRecord) -> CostView:
        """What a person sees: kept from the sign-off when the version is decided and froze one, else now."""
        if record.status in DECIDED and record.costs is not None:
            sheet = record.costs.sheet
            deleted = sheet is not None and not any(
                s.id == sheet.sheet_id and s.fetched_at == sheet.fetched_at for s in self.sheets
            )
            return CostView(record.costs, frozen=True, sheet_deleted=deleted)
        return CostView(self.estimate(record))


def _region(location: str) -> str:
    """A Resource Manager region name from a classic location (``West Europe`` -> ``westeurope``)."""
    return "".join(location.split()).casefold()


def _percent(value: Any) -> float | None:
    """A stored utilization cell as a number (the reader refused anything else; older imports may hold text)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and 0 <= number <= 100 else None


def cost_views(ctx: ServiceContext, records: Sequence[DecisionRecord]) -> dict[tuple[int, int], CostView]:
    """Each record's estimates as shown, by (workload id, version)."""
    with ctx.database.read() as unit:
        pricing = Pricing(unit, ctx.kb, ctx.database.display_url)
        pricing.load_vms(w for w in (pricing.workload(r.workload_id) for r in records) if w is not None)
        return {(r.workload_id, r.version): pricing.view(r) for r in records}


def cost_view(ctx: ServiceContext, record: DecisionRecord) -> CostView:
    """One record's estimates as shown."""
    return cost_views(ctx, [record])[(record.workload_id, record.version)]


def current_costs(
    ctx: ServiceContext, record: DecisionRecord, cost_inputs: FunctionsUsage | None = None
) -> RecordCosts:
    """The record's estimates computed now, whatever its status (what-if, re-evaluation)."""
    with ctx.database.read() as unit:
        return Pricing(unit, ctx.kb, ctx.database.display_url).estimate(record, cost_inputs)


def freeze_costs(
    unit: UnitOfWork, kb: KnowledgeBase, records: Sequence[DecisionRecord], database: str
) -> list[DecisionRecord]:
    """``records`` with their estimates of this moment (when a price sheet could be used), and the Functions cost
    input of the version before each (unless the record gives its own): what a saved version keeps (unchanged
    without cost knowledge)."""
    if kb.costs is None:
        return list(records)
    pricing = Pricing(unit, kb, database)
    carried: dict[int, FunctionsUsage | None] = {}
    frozen = []
    for record in records:
        if record.workload_id not in carried:
            head = unit.records.latest(record.workload_id)
            carried[record.workload_id] = head.cost_inputs if head is not None else None
        inputs = record.cost_inputs if record.cost_inputs is not None else carried[record.workload_id]
        carried[record.workload_id] = inputs
        with_inputs = record.model_copy(update={"cost_inputs": inputs})
        costs = pricing.estimate(with_inputs)
        # Without a sheet there is nothing to keep: such a version shows what the sheet in use says when read.
        frozen.append(with_inputs.model_copy(update={"costs": costs if costs.sheet is not None else None}))
    return frozen


def reevaluation_costs(ctx: ServiceContext, results: Sequence[Reevaluation]) -> dict[tuple[int, int], str]:
    """For each re-evaluated record (workload id, version): its chosen service's monthly estimate as the record
    shows it, then under the target version's outcome computed now, in words (``167.90 → 569.40 USD a month``)."""
    found: dict[tuple[int, int], str] = {}
    with ctx.database.read() as unit:
        pricing = Pricing(unit, ctx.kb, ctx.database.display_url)
        for result in results:
            record = unit.records.version(result.workload_id, result.version)
            if record is None or result.error is not None or result.target_version not in ctx.kb.versions:
                continue
            before = pricing.view(record)
            after_record = record.model_copy(
                update={"knowledge_version": result.target_version, "service": result.after_service}
            )
            after = CostView(pricing.estimate(after_record))
            found[(result.workload_id, result.version)] = _change_words(
                before, record.chosen_service, after, after_record.chosen_service
            )
    return found


def _change_words(before: CostView, old: str | None, after: CostView, new: str | None) -> str:
    first = before.of(old) if old else None
    second = after.of(new) if new else None
    a = first.monthly if first else None
    b = second.monthly if second else None
    if a is None and b is None:
        return "no estimate"
    currency = after.currency or before.currency
    shown = [f"{x:,.2f}" if x is not None else "no estimate" for x in (a, b)]
    change = f" ({b - a:+,.2f})" if a is not None and b is not None else ""
    return f"{shown[0]} → {shown[1]} {currency} a month{change}"


def workload_costs(
    ctx: ServiceContext,
    name: str,
    *,
    usage: FunctionsUsage | None = None,
    pages: Sequence[tuple[str, bytes]] | None = None,
) -> tuple[DecisionRecord, CostView]:
    """The named workload's latest record and its estimates as shown; with ``usage`` (a Functions cost input not
    saved) or ``pages`` (saved Retail Prices API pages, read and checked but not stored), computed now from them.
    InputError for an unknown workload, one without a record, or a bad page."""
    with ctx.database.read() as unit:
        workload = workload_named(unit, name)
        record = unit.records.latest(workload.id)
        if record is None:
            raise InputError(Problem(f"workload {workload.name!r} has no record yet", ident="workload"))
        pricing = Pricing(unit, ctx.kb, ctx.database.display_url)
        if pages is None:
            return record, (pricing.view(record) if usage is None else CostView(pricing.estimate(record, usage)))
        named = [NamedPage(page_name, read_page(data, page_name)) for page_name, data in pages]
        region, currency, items = assemble(named, region=None, currency=None)
        ref = SheetRef(sheet_id=0, fetched_at=ctx.now(), region=region, currency=currency)
        book = PriceBook.build(ref, items, pricing.estimator.rules)
        costs = pricing.estimator.estimate(record, pricing.vms(workload), book, "", usage)
        return record, CostView(costs)


def functions_usage(executions: Any, duration_ms: Any, memory_mb: Any) -> FunctionsUsage:
    """The Functions cost input from what was typed; InputError naming the field at the first fault."""
    fields = (
        ("executions", "executions a month", executions, MAX_EXECUTIONS, True),
        ("duration_ms", "average duration (ms)", duration_ms, MAX_DURATION_MS, False),
        ("memory_mb", "memory (MB)", memory_mb, MAX_MEMORY_MB, True),
    )
    values: dict[str, float | int] = {}
    for ident, label, raw, ceiling, whole in fields:
        text = str(raw).strip().replace(",", "").replace("_", "") if raw is not None else ""
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            message = f"Functions cost input: {label} must be a number, not {str(raw)[:40]!r}"
            raise InputError(Problem(message, ident=ident))
        if number < 0:
            raise InputError(Problem(f"Functions cost input: {label} must be 0 or more, not {text}", ident=ident))
        if number > ceiling or (ident == "memory_mb" and number < 1):
            message = f"Functions cost input: {label} must be from {1 if ident == 'memory_mb' else 0} to {ceiling:,.0f}"
            raise InputError(Problem(f"{message}, not {text}", ident=ident))
        if whole and not number.is_integer():
            raise InputError(Problem(f"Functions cost input: {label} must be a whole number, not {text}", ident=ident))
        values[ident] = int(number) if whole else number
    return FunctionsUsage.model_validate(values)


def cost_difference(
    before: RecordCosts | None, after: RecordCosts | None
) -> list[tuple[str, float | None, float | None]]:
    """(service, monthly before, monthly after) for every candidate whose monthly figure differs."""
    old = {c.service: c.monthly for c in before.candidates} if before else {}
    new = {c.service: c.monthly for c in after.candidates} if after else {}
    changed = []
    for service in dict.fromkeys([*old, *new]):
        a, b = old.get(service), new.get(service)
        if (a is None) != (b is None) or (a is not None and b is not None and abs(a - b) > 0.005):
            changed.append((service, a, b))
    return changed


__all__ = [
    "CostView",
    "Pricing",
    "cost_difference",
    "cost_view",
    "cost_views",
    "current_costs",
    "freeze_costs",
    "functions_usage",
    "reevaluation_costs",
    "workload_costs",
]
