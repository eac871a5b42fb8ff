"""A price sheet for the cost tests, written by hand in the Retail Prices API's item shape (prices made up, round
so that every estimate can be worked out on paper).

westeurope, USD. Virtual Machines (1 Hour): Standard_D2ds_v5 0.10 (Windows 0.19), Standard_D4ds_v5 0.20,
Standard_E2ds_v5 0.13, Standard_E4ds_v5 0.26, plus a Spot price of Standard_D2ds_v5 at 0.01 that must never be
used; reservations of Standard_D2ds_v5 and Standard_E2ds_v5 (Linux): 1 Year 600 and 780, 3 Years 1080 and 1404.
App Service Premium v3 (Linux, 1 Hour): P0v3 0.08, P1v3 0.16, P1mv3 0.20, P2v3 0.32. Container Apps: vCPU
0.000024 per 1 Second, memory 0.000003 per 1 GiB Second. Container Instances: vCPU 0.04 per 1 Hour, memory
0.005 per 1 GB Hour. Functions: execution time 0.000016 per 1 GB Second (after a zero-priced first tier),
executions 0.000002 per 10.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from advisor import services
from advisor.costs.price_book import PriceBook
from advisor.models.cost_estimates import SheetRef
from advisor.models.cost_rules import CostKnowledge
from advisor.models.record import VmLink, Workload
from advisor.prices.api_page import PriceItem
from advisor.services import ServiceContext
from tests.prices.api_server import page
from tests.services.builders import ANN, new_workload

FETCHED = datetime.datetime(2026, 3, 1, 6, 0, tzinfo=datetime.UTC)
REF = SheetRef(sheet_id=1, fetched_at=FETCHED, region="westeurope", currency="USD")


def item(
    service: str, product: str, sku: str, meter: str, price: float, unit: str = "1 Hour", **more: Any
) -> PriceItem:
    return PriceItem.model_validate({
        "currencyCode": "USD", "retailPrice": price, "unitPrice": price, "armRegionName": "westeurope",
        "effectiveStartDate": "2025-01-01T00:00:00Z", "meterId": f"m-{product}-{sku}-{meter}-{price}",
        "meterName": meter, "productName": product, "skuName": sku, "serviceName": service, "unitOfMeasure": unit,
        "type": more.pop("type", "Consumption"), **more,
    })  # fmt: skip


def vm(size: str, price: float, windows: bool = False, **more: Any) -> PriceItem:
    family = "Ddsv5" if "_D" in size else "Edsv5"
    product = f"Virtual Machines {family} Series" + (" Windows" if windows else "")
    short = size.removeprefix("Standard_").replace("_", " ")
    return item("Virtual Machines", product, more.pop("sku", short), short, price, armSkuName=size, **more)


def plan(tier: str, sku: str, price: float) -> PriceItem:
    return item("Azure App Service", "Azure App Service Premium v3 Plan - Linux", sku, f"{sku} App", price)


CA, ACI, FN = "Azure Container Apps", "Container Instances", "Functions"
ITEMS: tuple[PriceItem, ...] = (
    vm("Standard_D2ds_v5", 0.10),
    vm("Standard_D2ds_v5", 0.19, windows=True),
    vm("Standard_D2ds_v5", 0.01, sku="D2ds v5 Spot"),
    vm("Standard_D4ds_v5", 0.20),
    vm("Standard_E2ds_v5", 0.13),
    vm("Standard_E4ds_v5", 0.26),
    vm("Standard_D2ds_v5", 600.0, type="Reservation", reservationTerm="1 Year"),
    vm("Standard_D2ds_v5", 1080.0, type="Reservation", reservationTerm="3 Years"),
    vm("Standard_E2ds_v5", 780.0, type="Reservation", reservationTerm="1 Year"),
    vm("Standard_E2ds_v5", 1404.0, type="Reservation", reservationTerm="3 Years"),
    plan("P0v3", "P0 v3", 0.08),
    plan("P1v3", "P1 v3", 0.16),
    plan("P1mv3", "P1mv3", 0.20),
    plan("P2v3", "P2 v3", 0.32),
    item(CA, CA, "Standard", "Standard vCPU Active Usage", 0.000024, "1 Second"),
    item(CA, CA, "Standard", "Standard Memory Active Usage", 0.000003, "1 GiB Second"),
    item(ACI, ACI, "Standard", "Standard vCPU Duration", 0.04),
    item(ACI, ACI, "Standard", "Standard Memory Duration", 0.005, "1 GB Hour"),
    item(FN, FN, "Standard", "Standard Execution Time", 0.0, "1 GB Second"),
    item(FN, FN, "Standard", "Standard Execution Time", 0.000016, "1 GB Second", tierMinimumUnits=400000),
    item(FN, FN, "Standard", "Standard Total Executions", 0.000002, "10"),
)


def book(rules: CostKnowledge, items: tuple[PriceItem, ...] = ITEMS, ref: SheetRef = REF) -> PriceBook:
    return PriceBook.build(ref, items, rules)


# Stored through the services (the cost service tests and the UI tests): the sheet, an inventory, linked workloads.
INVENTORY = (
    "cloud_service,vm_name,location,size,os_type,cpu_p95_percent,memory_p95_percent\n"
    "ledger-cs,ledger-vm1,West Europe,Standard_D2_v2,Linux,,\n"
    "ledger-cs,ledger-vm2,West Europe,Standard_D11_v2,Linux,,\n"
    "big-cs,big-vm,westeurope,Standard_D4_v2,Linux,20,40\n"
)


def store_sheet(ctx: ServiceContext, items: tuple[PriceItem, ...] = ITEMS, fetched: datetime.datetime = FETCHED) -> int:
    data = json.dumps(page([item.model_dump(by_alias=True, mode="json") for item in items], None)).encode()
    return services.import_price_pages(ctx, ANN, [("page.json", data)], saved_at=fetched).id


def linked(ctx: ServiceContext, tmp_path: Path, *keys: tuple[str, str], name: str = "Ledger") -> Workload:
    path = tmp_path / "inventory.csv"
    path.write_text(INVENTORY, encoding="utf-8")
    services.import_estate(ctx, ANN, "Contoso", [path])
    links = [VmLink(cloud_service=service, vm_name=vm) for service, vm in keys]
    return new_workload(ctx, name, vm_links=links)
