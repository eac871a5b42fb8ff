"""CSV export: one row per workload, stable columns, UTF-8 with a BOM, and formula neutralization (OWASP).

The CSV is read back by real readers too: pandas.read_csv and Python's csv module.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest

from advisor import KnowledgeBase
from advisor.export import ExportSet, to_csv
from advisor.export.csv_file import neutralize
from tests.export.records import MORE_PAYLOADS, PAYLOADS, golden_set, payload_set

# The documented columns (README, "CSV columns"), written out by hand: renaming one breaks outside scripts.
COLUMNS = [
    "workload", "version", "status", "service", "service_name", "recommended_service", "override",
    "override_reason", "confidence", "knowledge_version", "triage_verdict", "path", "decision_makers",
    "first_saved", "last_saved", "revisit_by", "recommended_service_name", "path_text", "signature",
    "monthly_cost", "yearly_cost", "cost_currency", "price_sheet_date", "price_sheet_region", "cost_basis",
]  # fmt: skip


@pytest.fixture(scope="module")
def golden(kb: KnowledgeBase) -> ExportSet:
    return golden_set(kb)


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("+cmd|'/C calc'!A0", "'+cmd|'/C calc'!A0"),
        ("-legacy", "'-legacy"),
        ("\t=1+1", "'\t'=1+1"),  # the tab is a formula start, and a separator a cell starts after
        ("\r=1+1", "'\r'=1+1"),  # the same for the carriage return, a line break
        ("Payroll;=cmd|' /C calc'!A0", "Payroll;'=cmd|' /C calc'!A0"),
        ("Eve;@SUM(1)", "Eve;'@SUM(1)"),
        ("a,=1", "a,'=1"),
        ("a\t+1", "a\t'+1"),
        ("line\n=1+1", "line\n'=1+1"),
        ("a;  -1", "a;'  -1"),
        ("Payroll = 1+1", "Payroll = 1+1"),
        ("a;b,c", "a;b,c"),
        ("a-b", "a-b"),
        ("'quoted", "'quoted"),
        ("", ""),
    ],
)
def test_a_cell_that_starts_like_a_formula_gets_a_leading_quote(text: str, expected: str) -> None:
    assert neutralize(text) == expected


def test_file_is_utf8_with_a_bom_and_crlf_line_ends(golden: ExportSet) -> None:
    data = to_csv(golden)

    assert data.startswith(b'\xef\xbb\xbf"workload","version",'), "every field quoted"
    assert data.count(b"\r\n") == 4
    assert "Chloé Martin".encode() in data


def test_one_row_per_workload_with_the_documented_columns(golden: ExportSet) -> None:
    data = to_csv(golden)
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    rows = _rows(data)

    assert header == COLUMNS
    hostile = "'" + '=HYPERLINK("http://x","y")'
    assert [row["workload"] for row in rows] == [hostile, "Nightly ledger batch", "Payroll API"]
    payroll = rows[2]
    assert payroll == {
        "workload": "Payroll API",
        "version": "3",
        "status": "accepted",
        "service": "container-apps",
        "service_name": "Azure Container Apps",
        "recommended_service": "functions",
        "override": "yes",
        "override_reason": "Serverless GPUs on Container Apps, as the conflict advises.",
        "confidence": "0.83",
        "knowledge_version": "compute-tree-2026",
        "triage_verdict": "",
        "path": "specialty_workload=none > migrate_or_build=build_new > full_control=no > hpc=no > event_driven=yes",
        "decision_makers": "Ann Lee; Ben Okafor; Chloé Martin",
        "first_saved": "2026-03-01T09:00:00Z",
        "last_saved": "2026-03-03T11:15:00Z",
        "revisit_by": "",  # Container Apps: no lifecycle.yaml entry touches it; kept from the sign-off
        "recommended_service_name": "Azure Functions",
        "path_text": (  # the question texts and answer labels of knowledge/versions/compute-tree-2026.yaml and tree/
            "Is this one of the specialty workloads that Microsoft routes outside its general compute tree? None of "
            "these — general-purpose workload > Are you migrating an existing workload, or building a new one? Build "
            "a new workload > Do you need full control over the operating system and the virtual machine? No, a "
            "managed platform is fine > Is this a high-performance computing (HPC) or large-scale parallel batch "
            "workload? No > Is it an event-driven workload made of short-lived processes? Yes, brief runs triggered "
            "by events"
        ),
        "signature": "Chloé Martin, unverified (local mode)",  # version 3 was signed off in local mode
        # Frozen into version 3 from tests/costs/sheet.py; it links no VM, so Container Apps has nothing to size.
        "monthly_cost": "",
        "yearly_cost": "",
        "cost_currency": "USD",
        "price_sheet_date": "2026-03-01",
        "price_sheet_region": "westeurope",
        "cost_basis": "no estimate: no classic VM is linked to this workload, so there is nothing to size it from: "
        "link its VMs",
    }
    assert rows[1]["signature"] == "", "never signed off"
    # Virtual machines, judged at 2026-03-06: default outbound access retires 2026-03-31 (lifecycle.yaml).
    assert rows[1]["revisit_by"] == "2026-03-31"
    assert rows[1]["triage_verdict"] == "not_supported", "the worst verdict among the linked VMs"
    assert rows[1]["override"] == "no"
    assert rows[0]["decision_makers"] == "'@SUM(A1)"
    # The ledger's two VMs (records.LEDGER_VMS) on Azure Virtual Machines, from tests/costs/sheet.py's prices:
    # Standard_D2ds_v5 at 0.10 + Standard_E2ds_v5 at 0.13 USD an hour, 730 hours: 73.00 + 94.90 = 167.90 a month.
    assert (rows[1]["monthly_cost"], rows[1]["yearly_cost"], rows[1]["cost_currency"]) == ("167.90", "2014.80", "USD")
    assert rows[1]["cost_basis"].startswith("1 × Standard_D2ds_v5 (Linux) at 0.1 USD an hour × 730 hours; ")
    assert "1-year reservation: 115.00 USD a month" in rows[1]["cost_basis"]  # (600 + 780) / 12
    assert rows[0]["monthly_cost"] == rows[0]["cost_basis"] == "", "the hostile workload has no estimates"


def test_every_payload_is_neutralized_wherever_it_lands(kb: KnowledgeBase) -> None:
    rows = _rows(to_csv(payload_set(kb)))

    expected = ["'" + payload for payload in PAYLOADS] + ["'\t'=1+1", "'\r'=1+1", "_x0041_", "_x12_", "#N/A"]
    assert [row["workload"] for row in rows] == expected
    # build_record strips the author's spaces, so the tab and CR payloads start with "=" there
    assert [row["decision_makers"] for row in rows] == [*(["'" + p for p in PAYLOADS]), "'=1+1", "'=1+1", *expected[7:]]
    for row in rows:
        for column, value in row.items():
            for cell in re.split(r"[,;\t\r\n]", value):  # where a spreadsheet may start a cell
                assert not cell.lstrip(" ").startswith(("=", "+", "-", "@")), (column, value)


def test_pandas_reads_back_the_values(kb: KnowledgeBase) -> None:
    frame = pd.read_csv(io.BytesIO(to_csv(golden_set(kb))), encoding="utf-8-sig", dtype=str, keep_default_na=False)

    assert list(frame.columns) == COLUMNS
    assert list(frame["workload"]) == ['\'=HYPERLINK("http://x","y")', "Nightly ledger batch", "Payroll API"]
    assert list(frame["version"]) == ["1", "1", "3"]
    assert list(frame["service_name"]) == ["Azure App Service", "Azure Virtual Machines", "Azure Container Apps"]
    assert frame.loc[2, "override_reason"] == "Serverless GPUs on Container Apps, as the conflict advises."
    numbers = pd.read_csv(io.BytesIO(to_csv(golden_set(kb))), encoding="utf-8-sig")
    assert list(numbers["confidence"]) == [0.5, 0.0, 0.83]


def test_pandas_and_the_csv_module_read_the_payloads_back_as_neutralized_text(kb: KnowledgeBase) -> None:
    data = to_csv(payload_set(kb))
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    with_csv = [row["workload"] for row in _rows(data)]

    expected = ["'" + p for p in PAYLOADS] + ["'\t'=1+1", "'\r'=1+1"] + list(MORE_PAYLOADS[2:])
    assert list(frame["workload"]) == expected
    assert with_csv == expected


def test_no_records_gives_the_header_alone(kb: KnowledgeBase) -> None:
    assert to_csv(ExportSet(())) == ("\ufeff" + ",".join(f'"{c}"' for c in COLUMNS) + "\r\n").encode("utf-8")
