"""Cost estimates for 10,000 records with a loaded price sheet, and the ratio to the recommendations alone.

Issue 21 target: within 1.5x of the recommendations alone. Each of 10,000 records is built from a random
complete 2026 answer set (``build_record``: the walk, every candidate's fit, the conditions), then priced (every
candidate of the record against one sheet), both timed per record in the one loop so that the machine's load
falls on both alike, for 1 to 4 linked classic VMs per record (half of
them with utilization columns). The sheet holds every meter the knowledge asks for (every current VM size, Linux
and Windows, with reservations; the App Service tiers; the consumption meters) among 30,000 other prices, as a
region's real sheet does; building its price book (once per sheet and process, as the app does) is timed apart.
"""

from __future__ import annotations

import datetime
import random
import time

from advisor import load_knowledge
from advisor.costs.estimate import Estimator
from advisor.costs.price_book import PriceBook
from advisor.costs.sizing import VmFacts
from advisor.decide.record_builder import build_record
from advisor.models.cost_estimates import SheetRef
from advisor.models.record import GivenAnswer, Workload
from advisor.prices.api_page import PriceItem
from bench.fit_bench import complete_answer_sets

RECORDS = 10_000
OTHER_PRICES = 30_000
SEED = 21
NOW = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)


def _item(service: str, product: str, sku: str, meter: str, price: float, unit: str, **more: object) -> PriceItem:
    return PriceItem.model_validate({
        "currencyCode": "USD", "retailPrice": price, "unitPrice": price, "armRegionName": "westeurope",
        "effectiveStartDate": "2025-01-01T00:00:00Z", "meterId": f"{service}/{product}/{sku}/{meter}/{price}",
        "meterName": meter, "productName": product, "skuName": sku, "serviceName": service, "unitOfMeasure": unit,
        "type": more.pop("type", "Consumption"), **more,
    })  # fmt: skip


def sheet_items(kb: object, rng: random.Random) -> list[PriceItem]:
    rules = kb.costs  # type: ignore[attr-defined]
    items = []
    for row in kb.lifecycle.sizes.offered():  # type: ignore[attr-defined]
        hourly = 0.05 * row.vcpus + 0.004 * row.memory_gib
        for windows in (False, True):
            product = "Virtual Machines Series" + (" Windows" if windows else "")
            price = hourly * (1.9 if windows else 1.0)
            items.append(_item("Virtual Machines", product, row.name, row.name, price, "1 Hour", armSkuName=row.name))
            for term in rules.reservations.terms:
                reserved = price * 730 * term.months * 0.6
                items.append(_item("Virtual Machines", product, row.name, row.name, reserved, "1 Hour",
                                   type="Reservation", reservationTerm=term.term, armSkuName=row.name))  # fmt: skip
    for entry in rules.candidates:
        for tier in entry.tiers:
            items.append(_item(entry.service_name or "", tier.product_name, tier.sku_name, tier.meter_name,
                               0.08 * tier.vcpus, "1 Hour"))  # fmt: skip
        for meter in entry.meters:
            items.append(_item(meter.service_name, meter.service_name, "Standard", meter.meter_name, 0.00002,
                               meter.unit_of_measure))  # fmt: skip
    for n in range(OTHER_PRICES):
        items.append(_item("Virtual Machines", "Virtual Machines Other Series", f"X{n}", f"X{n}",
                           rng.random(), "1 Hour", armSkuName=f"Standard_X{n}"))  # fmt: skip
    return items


def main() -> None:
    kb = load_knowledge()
    rng = random.Random(SEED)
    version = kb.version("compute-tree-2026")
    sets = complete_answer_sets(version, RECORDS, rng)
    legacy = [
        r.name for r in kb.lifecycle.sizes.rows.values() if kb.lifecycle.sizes.families[r.family].role == "legacy"
    ]
    vms = []
    for n in range(RECORDS):
        count = rng.randint(1, 4)
        used = rng.random() < 0.5
        vms.append(tuple(
            VmFacts(f"vm{n}-{i}", rng.choice(legacy), rng.random() < 0.3, "westeurope",
                    rng.uniform(5, 90) if used else None, rng.uniform(5, 90) if used else None)
            for i in range(count)
        ))  # fmt: skip
    workload = Workload(id=1, name="bench", created_at=NOW, updated_at=NOW)
    items = sheet_items(kb, rng)
    print(f"== cost estimates for {RECORDS:,} records, a sheet of {len(items):,} prices ==")
    start = time.perf_counter()
    PriceBook.build(SheetRef(sheet_id=1, fetched_at=NOW, region="westeurope", currency="USD"), items, kb.costs)  # type: ignore[arg-type]
    print(
        f"price book of the sheet built in {(time.perf_counter() - start) * 1000:.0f} ms (once per sheet and process)"
    )

    book = PriceBook.build(SheetRef(sheet_id=1, fetched_at=NOW, region="westeurope", currency="USD"), items,
                           kb.costs)  # type: ignore[arg-type]  # fmt: skip
    estimator = Estimator(kb)
    # One loop, each record built then priced, both timed per record: the machine's load falls on both alike.
    building = pricing = 0.0
    priced = 0
    clock = time.perf_counter
    for answers, linked in zip(sets, vms, strict=True):
        given = {q: GivenAnswer(answer=a) for q, a in answers.items()}
        start = clock()
        record = build_record(kb, workload=workload, answers=given, knowledge_version=version.id, author="bench",
                              version=1, now=NOW)  # fmt: skip
        built = clock()
        costs = estimator.estimate(record, linked, book)
        pricing += clock() - built
        building += built - start
        priced += sum(1 for c in costs.candidates if c.monthly is not None)
    ratio = (building + pricing) / building
    print(f"recommendations alone: {building:.2f} s ({RECORDS / building:,.0f} records/s)")
    print(f"estimates: {pricing:.2f} s ({RECORDS / pricing:,.0f} records/s), {priced:,} candidate estimates; "
          f"with the recommendations {building + pricing:.2f} s")  # fmt: skip
    print(f"ratio {ratio:.2f}x; target within 1.5x: {'ok' if ratio <= 1.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
