"""Excel export: four sheets with frozen headers, autofilters and readable widths; every string a text cell.

openpyxl stores a string starting with "=" as a formula unless told otherwise: each payload below must
come back byte-exact, as text, and the sheet XML must hold no formula and no error cell.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from advisor import KnowledgeBase
from advisor.export import ExportSet, to_xlsx
from advisor.export.xlsx_file import ooxml_text
from tests.export.records import PAYLOADS, golden_set, payload_set

HEADERS = {  # written out by hand (README, "Excel sheets")
    "Summary": [
        "workload", "version", "status", "service", "service_name", "recommended_service", "override",
        "override_reason", "confidence", "knowledge_version", "triage_verdict", "path", "decision_makers",
        "first_saved", "last_saved", "revisit_by", "recommended_service_name", "path_text", "signature",
        "monthly_cost", "yearly_cost", "cost_currency", "price_sheet_date", "price_sheet_region", "cost_basis",
    ],
    "Path": [
        "workload", "version", "step", "kind", "question", "question_text", "answer", "answer_label", "rationale",
        "note", "source",
    ],
    "Candidates": [
        "workload", "version", "service", "service_name", "fit", "tree_outcome", "chosen", "reasons", "monthly_cost",
        "yearly_cost", "cost_currency", "price_sheet_date", "price_sheet_region", "cost_basis",
    ],
    "Conditions": ["workload", "version", "service", "service_name", "overridden", "condition"],
    "Findings": [
        "workload", "estate", "import_id", "imported_at", "cloud_service", "vm_name", "vnet", "verdict", "rule",
        "behaviour", "title", "message", "workaround", "unknown_fields",
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def golden(kb: KnowledgeBase) -> ExportSet:
    return golden_set(kb)


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_four_sheets_each_with_its_header_frozen_and_filtered(golden: ExportSet) -> None:
    book = _book(to_xlsx(golden))

    assert book.sheetnames == ["Summary", "Path", "Candidates", "Conditions", "Findings"]
    for sheet in book.worksheets:
        header = [cell.value for cell in sheet[1]]
        assert header == HEADERS[sheet.title]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{sheet.max_row}"
        assert all(cell.font.b for cell in sheet[1])
        widths = [sheet.column_dimensions[sheet.cell(1, n).column_letter].width for n in range(1, len(header) + 1)]
        assert all(8 <= width <= 60 for width in widths), widths


def test_rows_per_sheet(golden: ExportSet) -> None:
    book = _book(to_xlsx(golden))
    summary, path, candidates, _conditions, findings = book.worksheets

    assert summary.max_row - 1 == 3
    assert path.max_row - 1 == 10 + 7 + 15, "every answered step of each latest version: tree, then requirements"
    assert candidates.max_row - 1 == 11 + 10 + 10, "2025 has Service Fabric as an eleventh candidate"
    assert [[c.value for c in row] for row in findings.iter_rows(min_row=2, max_col=9)] == [
        ["Nightly ledger batch", "Contoso classic", 7, datetime.datetime(2026, 2, 27, 16, 5), "ledger-cs", "ledger-vm1",
         "ledger-vnet", "not_supported", "C3"],
        ["Nightly ledger batch", "Contoso classic", 7, datetime.datetime(2026, 2, 27, 16, 5), "ledger-cs", "ledger-vm1",
         "ledger-vnet", "not_supported", "F3"],
        ["Nightly ledger batch", "Contoso classic", 7, datetime.datetime(2026, 2, 27, 16, 5), "ledger-cs", "ledger-vm2",
         "ledger-vnet", "unknown", None],
    ]  # fmt: skip


def test_path_rows_keep_each_rationale_and_note(golden: ExportSet) -> None:
    path = _book(to_xlsx(golden))["Path"]
    rows = [[cell.value for cell in row] for row in path.iter_rows(min_row=2)]
    payroll = [row for row in rows if row[0] == "Payroll API"]

    event = next(row for row in payroll if row[4] == "event_driven")
    assert event[2:4] == [5, "tree"]
    assert event[8].startswith("Brief, trigger-driven executions fit the functions-as-a-service model")
    assert event[9] == "Triggered by the HR system's events."
    gpu = next(row for row in payroll if row[4] == "gpu")
    assert gpu[3:10] == ["requirement", "gpu", "Does the workload need graphics processors (GPUs)?", "required",
                         "GPU required", None, "The fraud model scores on GPUs."]  # fmt: skip


def test_times_are_utc_date_cells_and_confidence_a_percentage(golden: ExportSet) -> None:
    summary = _book(to_xlsx(golden))["Summary"]
    payroll = summary[4]

    assert payroll[13].value == datetime.datetime(2026, 3, 1, 9, 0)
    assert payroll[14].value == datetime.datetime(2026, 3, 3, 11, 15)
    assert payroll[13].is_date
    assert payroll[8].value == pytest.approx(0.833, abs=0.001)
    assert payroll[8].number_format == "0%"


def test_the_summary_says_how_a_signed_off_version_was_signed(golden: ExportSet) -> None:
    summary = _book(to_xlsx(golden))["Summary"]

    assert [row[18].value for row in summary.iter_rows(min_row=2)] == [
        None, None, "Chloé Martin, unverified (local mode)",  # only Payroll's version 3 was signed off (local mode)
    ]  # fmt: skip


def test_every_payload_comes_back_byte_exact_as_a_text_cell(kb: KnowledgeBase) -> None:
    book = _book(to_xlsx(payload_set(kb)))
    summary, path = book["Summary"], book["Path"]

    names = [cell.value for cell in summary["A"][1:]]
    assert names[: len(PAYLOADS)] == list(PAYLOADS)
    assert all(cell.data_type == "s" for cell in summary["A"])
    notes = [row[9] for row in path.iter_rows(min_row=2) if row[2].value == 1]
    assert [cell.value for cell in notes[: len(PAYLOADS)]] == list(PAYLOADS)
    assert all(cell.data_type == "s" for cell in notes)


def test_every_string_of_every_sheet_is_a_text_cell(kb: KnowledgeBase) -> None:
    for export in (golden_set(kb), payload_set(kb)):
        for sheet in _book(to_xlsx(export)).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)


def test_the_sheet_xml_holds_no_formula_and_no_error_cell(kb: KnowledgeBase) -> None:
    with zipfile.ZipFile(io.BytesIO(to_xlsx(payload_set(kb)))) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")]
        xml = "".join(archive.read(name).decode("utf-8") for name in sheets)

    assert len(sheets) == 5
    assert "<f>" not in xml
    assert "<f " not in xml
    assert not re.search(r'\bt="(e|str)"', xml)
    assert "<is><t>=1+1</t></is>" in xml


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("=1+1", "=1+1"),
        ("\t=1+1", "\t=1+1"),
        ("\r=1+1", "_x000D_=1+1"),
        ("a\nb", "a\nb"),
        ("_x0041_", "_x005F_x0041_"),
        ("_x12_", "_x005F_x12_"),
        ("_X0041_ and _x_ and _x00411_", "_X0041_ and _x_ and _x00411_"),
        ("bell\x07", "bell_x0007_"),
        ("plain", "plain"),
    ],
)
def test_text_is_stored_the_way_ooxml_escapes_it(text: str, stored: str) -> None:
    assert ooxml_text(text) == stored


def test_the_findings_sheet_keeps_its_header_without_an_inventory(kb: KnowledgeBase) -> None:
    findings = _book(to_xlsx(payload_set(kb)))["Findings"]

    assert findings.max_row == 1
    assert [cell.value for cell in findings[1]] == HEADERS["Findings"]
    assert findings.auto_filter.ref == "A1:N1"


def test_no_records_still_gives_four_sheets_with_headers() -> None:
    book = _book(to_xlsx(ExportSet(())))

    assert [[cell.value for cell in sheet[1]] for sheet in book.worksheets] == list(HEADERS.values())
