"""A Retail Prices API stand-in for the tests: a real HTTP server on 127.0.0.1 in a thread, serving pages
written by hand in the shape of Microsoft's documented sample response.

The shape is the one "Azure Retail Prices overview" documents under "API response examples"
(https://learn.microsoft.com/rest/api/cost-management/retail-prices/azure-retail-prices): an object with
``BillingCurrency``, ``CustomerEntityId`` ("Default"), ``CustomerEntityType`` ("Retail"), ``Items``,
``NextPageLink`` and ``Count``; each item with ``currencyCode``, ``tierMinimumUnits``, ``retailPrice``,
``unitPrice``, ``armRegionName``, ``location``, ``effectiveStartDate``, ``meterId``, ``meterName``, ``productId``,
``skuId``, ``productName``, ``skuName``, ``serviceName``, ``serviceId``, ``serviceFamily``, ``unitOfMeasure``,
``type``, ``isPrimaryMeterRegion``, ``armSkuName`` and, for reservations, ``reservationTerm``. The first item
below is the documentation's own sample item moved to Standard_D2s_v5; the prices are made up.

A route is a page path plus its ``$skip`` (the API pages with ``$skip``); each route answers from a list of
responses in turn, repeating the last. No test reaches the real host.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

PATH = "/api/retail/prices"
# The $filter `prices fetch --region westeurope` sends, written by hand from knowledge/prices.yaml.
WESTEUROPE_FILTER = (
    "armRegionName eq 'westeurope' and (serviceName eq 'Virtual Machines' or serviceName eq 'Azure App Service' "
    "or serviceName eq 'Azure Container Apps' or serviceName eq 'Container Instances' "
    "or serviceName eq 'Azure Kubernetes Service' or serviceName eq 'Functions' "
    "or serviceName eq 'Azure VMware Solution')"
)

VM_CONSUMPTION = {
    "currencyCode": "USD",
    "tierMinimumUnits": 0.0,
    "retailPrice": 0.096,
    "unitPrice": 0.096,
    "armRegionName": "westeurope",
    "location": "EU West",
    "effectiveStartDate": "2021-11-01T00:00:00Z",
    "meterId": "0a1b2c3d-0000-4000-8000-000000000001",
    "meterName": "D2s v5",
    "productId": "DZH318Z0C2X1",
    "skuId": "DZH318Z0C2X1/0010",
    "productName": "Virtual Machines Dsv5 Series",
    "skuName": "D2s v5",
    "serviceName": "Virtual Machines",
    "serviceId": "DZH313Z7MMC8",
    "serviceFamily": "Compute",
    "unitOfMeasure": "1 Hour",
    "type": "Consumption",
    "isPrimaryMeterRegion": True,
    "armSkuName": "Standard_D2s_v5",
}
VM_RESERVATION = {
    **VM_CONSUMPTION,
    "retailPrice": 504.0,
    "unitPrice": 504.0,
    "meterId": "0a1b2c3d-0000-4000-8000-000000000002",
    "skuId": "DZH318Z0C2X1/0022",
    "type": "Reservation",
    "unitOfMeasure": "1 Hour",
    "reservationTerm": "1 Year",
}
APP_SERVICE = {
    "currencyCode": "USD",
    "tierMinimumUnits": 0.0,
    "retailPrice": 0.169,
    "unitPrice": 0.169,
    "armRegionName": "westeurope",
    "location": "EU West",
    "effectiveStartDate": "2022-03-01T00:00:00Z",
    "meterId": "0a1b2c3d-0000-4000-8000-000000000003",
    "meterName": "P1 v3 App",
    "productId": "DZH317F1HKN0",
    "skuId": "DZH317F1HKN0/00F2",
    "productName": "Azure App Service Premium v3 Plan - Linux",
    "skuName": "P1 v3",
    "serviceName": "Azure App Service",
    "serviceId": "DZH31A7P4B2G",
    "serviceFamily": "Compute",
    "unitOfMeasure": "1 Hour",
    "type": "Consumption",
    "isPrimaryMeterRegion": True,
    "armSkuName": "",
}


def page(items: list[dict[str, Any]], next_link: str | None, currency: str = "USD") -> dict[str, Any]:
    """A page as the API answers: its billing currency, the items, the link to the next page, the count."""
    return {
        "BillingCurrency": currency,
        "CustomerEntityId": "Default",
        "CustomerEntityType": "Retail",
        "Items": items,
        "NextPageLink": next_link,
        "Count": len(items),
    }


def next_link(base: str, skip: int, query_filter: str = WESTEUROPE_FILTER, currency: str = "USD") -> str:
    """A NextPageLink as the API writes them: its own host with :443 or the port, the query again, ``$skip``."""
    return f"{base}{PATH}?currencyCode='{currency}'&$filter={quote(query_filter)}&$skip={skip}"


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def ok(document: Any) -> Response:
    return Response(200, json.dumps(document, indent=1).encode("utf-8"), {"Content-Type": "application/json"})


class PriceServer:
    """The routes and what was asked of them; ``base`` is ``http://127.0.0.1:PORT``."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str | None], list[Response]] = {}
        self.requests: list[str] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                answer = server.answer(self.path)
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            def log_message(self, *_args: Any) -> None:  # quiet
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.http.server_address[1]}"
        self.endpoint = f"{self.base}{PATH}"

    def route(self, skip: int | None, *responses: Response, path: str = PATH) -> None:
        self.routes[(path, None if skip is None else str(skip))] = list(responses)

    def answer(self, raw_path: str) -> Response:
        parts = urlsplit(raw_path)
        skip = parse_qs(parts.query).get("$skip", [None])[0]
        with self._lock:
            self.requests.append(raw_path)
            queue = self.routes.get((parts.path, skip))
            if not queue:
                return Response(404, b'{"Error": {"Code": "NotFound"}}')
            return queue.pop(0) if len(queue) > 1 else queue[0]

    def queries(self) -> list[dict[str, list[str]]]:
        return [parse_qs(urlsplit(path).query) for path in self.requests]

    def start(self) -> None:
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.http.shutdown()
        self.http.server_close()


@contextmanager
def running() -> Iterator[PriceServer]:
    server = PriceServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def two_pages(server: PriceServer) -> tuple[dict[str, Any], dict[str, Any]]:
    """Serve the two linked pages (two VM prices, then one App Service price); return them as served."""
    first = page([VM_CONSUMPTION, VM_RESERVATION], next_link(server.base, 2))
    second = page([APP_SERVICE], None)
    server.route(None, ok(first))
    server.route(2, ok(second))
    return first, second


def closed_port_url() -> str:
    """An endpoint nothing listens on: the connection is refused, as with no network."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{PATH}"
