"""A price sheet indexed for the estimates: VM sizes by name and operating system, reservation prices by term,
App Service plan tiers and consumption meters by name.

Built once per sheet (the estimates of thousands of records share one). A lookup that finds nothing returns
None; the estimate then names the meter and the region (never a silent 0).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from advisor.lifecycle.sizes import SizeRow
from advisor.models.cost_estimates import SheetRef
from advisor.models.cost_rules import CostKnowledge, PlanTier, UsageMeter
from advisor.prices.api_page import PriceItem


@dataclass(frozen=True)
class MeterPrice:
    price: float
    unit: str  # the sheet's unitOfMeasure


@dataclass
class PriceBook:
    """The prices of one sheet that the estimates read."""

    sheet: SheetRef
    vm: dict[tuple[str, bool], float] = field(default_factory=dict)  # (size casefolded, windows) -> hourly
    reserved: dict[tuple[str, bool, str], float] = field(default_factory=dict)  # (+ term) -> the term's price
    named: dict[tuple[str, str, str, str], MeterPrice] = field(default_factory=dict)  # service, product, sku, meter
    meters: dict[tuple[str, str], MeterPrice] = field(default_factory=dict)  # service, meter -> first paid tier
    # (size families, windows) -> the priced sizes cheapest first: made by the estimates on first use
    ladders: dict[tuple[tuple[str, ...], bool], list[SizeRow]] = field(default_factory=dict)
    # estimates already made against this sheet, by their inputs (advisor.costs.estimate keeps and reads them)
    memo: dict[tuple[object, ...], Any] = field(default_factory=dict)

    @classmethod
    def build(cls, sheet: SheetRef, items: Iterable[PriceItem], rules: CostKnowledge) -> PriceBook:
        book = cls(sheet)
        vm = rules.vm_meters
        excluded = tuple(word.casefold() for word in vm.exclude_sku_words)
        windows_word = vm.windows_product_word.casefold()
        paid_tier: dict[tuple[str, str], float] = {}
        for item in items:
            if item.service_name == vm.service_name and item.arm_sku_name:
                sku = item.sku_name.casefold()
                if any(word in sku for word in excluded) or item.unit_of_measure != vm.unit_of_measure:
                    continue
                key = (item.arm_sku_name.casefold(), windows_word in item.product_name.casefold())
                if item.type == rules.pay_as_you_go_type:
                    book.vm[key] = min(book.vm.get(key, item.retail_price), item.retail_price)
                elif item.type == rules.reservations.price_type and item.reservation_term:
                    book.reserved[(*key, item.reservation_term)] = item.retail_price
                continue
            if item.type != rules.pay_as_you_go_type:
                continue
            named = (item.service_name, item.product_name, item.sku_name, item.meter_name)
            book.named.setdefault(named, MeterPrice(item.retail_price, item.unit_of_measure))
            # A consumption meter may list its free grant as a zero-priced first tier: the grant is taken off
            # from knowledge/costs.yaml, so the price is the paid tier's (the lowest tier with a price).
            meter = (item.service_name, item.meter_name)
            if item.retail_price > 0 and item.tier_minimum_units < paid_tier.get(meter, float("inf")):
                paid_tier[meter] = item.tier_minimum_units
                book.meters[meter] = MeterPrice(item.retail_price, item.unit_of_measure)
        return book

    def vm_price(self, size: str, windows: bool) -> float | None:
        return self.vm.get((size.casefold(), windows))

    def reservation(self, size: str, windows: bool, term: str) -> float | None:
        return self.reserved.get((size.casefold(), windows, term))

    def tier(self, tier: PlanTier, service_name: str) -> MeterPrice | None:
        return self.named.get((service_name, tier.product_name, tier.sku_name, tier.meter_name))

    def meter(self, meter: UsageMeter) -> MeterPrice | None:
        return self.meters.get((meter.service_name, meter.meter_name))
