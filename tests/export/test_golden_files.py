"""Golden export files: the four formats of a fixed set of records, byte for byte (Excel as its cells).

How they were made: once, by calling ``to_json``, ``to_csv``, ``to_xlsx`` (dumped with
``tests/export/xlsx_dump.dump_workbook``) and ``madr_files`` on ``tests/export/records.golden_set(kb)``
(fixed ids, fixed times through ``build_record(now=...)``) and writing the results under
``tests/data/export/``; every file was then read through by hand before it was committed. There is no
switch that rewrites them. A change to an export format, to the records' knowledge texts (rationale,
reasons, conditions, labels) or to the fixture shows up here as a diff: regenerate the file by hand,
read the diff line by line, and commit it only if every changed line is intended.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from advisor import KnowledgeBase
from advisor.export import ExportSet, madr_files, to_csv, to_json, to_madr_zip, to_xlsx
from tests.export.records import golden_set
from tests.export.xlsx_dump import dump_workbook

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "export"


@pytest.fixture(scope="module")
def golden(kb: KnowledgeBase) -> ExportSet:
    return golden_set(kb)


def test_json_export_matches_the_golden_file(golden: ExportSet) -> None:
    assert to_json(golden).decode("utf-8") == (GOLDEN / "records.json").read_text(encoding="utf-8")


def test_csv_export_matches_the_golden_file(golden: ExportSet) -> None:
    assert to_csv(golden) == (GOLDEN / "records.csv").read_bytes()


def test_excel_export_matches_the_golden_cells(golden: ExportSet) -> None:
    assert dump_workbook(to_xlsx(golden)) == (GOLDEN / "records.xlsx.json").read_text(encoding="utf-8")


def test_markdown_records_match_the_golden_files(golden: ExportSet) -> None:
    files = madr_files(golden)
    expected = sorted(path.name for path in (GOLDEN / "madr").glob("*.md"))

    assert sorted(files) == expected
    for name, text in files.items():
        assert text == (GOLDEN / "madr" / name).read_text(encoding="utf-8"), name


def test_the_zip_holds_the_golden_markdown_under_one_folder(golden: ExportSet) -> None:
    with zipfile.ZipFile(io.BytesIO(to_madr_zip(golden))) as archive:
        names = archive.namelist()
        texts = {name: archive.read(name).decode("utf-8") for name in names}

    assert names == [
        "decision-records/index.md",
        "decision-records/0003-hyperlink-http-x-y.md",
        "decision-records/0002-nightly-ledger-batch.md",
        "decision-records/0001-payroll-api.md",
    ]
    for name, text in texts.items():
        assert text == (GOLDEN / "madr" / name.split("/")[1]).read_text(encoding="utf-8")


def test_every_export_is_deterministic(golden: ExportSet) -> None:
    for export in (to_json, to_csv, to_madr_zip):
        assert export(golden) == export(golden), export.__name__
    assert dump_workbook(to_xlsx(golden)) == dump_workbook(to_xlsx(golden))
