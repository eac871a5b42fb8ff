"""A real reader for the Excel export: LibreOffice converts each sheet to CSV, headless.

A cell stored as a formula would come out of LibreOffice as its result (``=1+1`` as ``2``, the
HYPERLINK as ``y``, ``-legacy`` as an error), so seeing each payload verbatim proves it is text.
Each conversion gets its own LibreOffice profile (``-env:UserInstallation``) and a timeout.
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

from advisor import KnowledgeBase
from advisor.export import to_xlsx
from tests.export.records import MORE_PAYLOADS, PAYLOADS, golden_set, payload_set
from tests.export.tools import soffice

# comma, double quote, UTF-8, from line 1, no column formats, default language, no "quoted as text", detect
# special numbers, raw values not as shown, no formulas, keep spaces, then -1: every sheet to its own file.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
TIMEOUT = 180


def convert(data: bytes, folder: Path) -> dict[str, list[list[str]]]:
    """Sheet name -> its rows, as LibreOffice writes them to CSV."""
    program = soffice()
    source = folder / "export.xlsx"
    source.write_bytes(data)
    out = folder / "out"
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", CSV_FILTER, "--outdir", str(out),
         str(source)],
        check=True, capture_output=True, timeout=TIMEOUT,
    )  # fmt: skip
    sheets = {}
    for path in sorted(out.glob("export-*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem.removeprefix("export-")] = list(csv.reader(handle))
    return sheets


def test_libreoffice_reads_every_payload_back_as_text(kb: KnowledgeBase, tmp_path: Path) -> None:
    sheets = convert(to_xlsx(payload_set(kb)), tmp_path)

    assert sorted(sheets) == ["Candidates", "Conditions", "Findings", "Path", "Summary"]
    summary = sheets["Summary"]
    assert summary[0][:3] == ["workload", "version", "status"]
    # every payload byte-exact: a formula would show its result, an escape its escaped form
    assert [row[0] for row in summary[1:]] == [*PAYLOADS, *MORE_PAYLOADS]
    assert [row[1] for row in summary[1:]] == ["1"] * (len(PAYLOADS) + len(MORE_PAYLOADS))
    notes = [row[9] for row in sheets["Path"][1:] if row[2] == "1"]
    assert notes == [*PAYLOADS, *MORE_PAYLOADS]
    assert sheets["Findings"] == [sheets["Findings"][0]]


def test_libreoffice_reads_the_golden_workbook_values(kb: KnowledgeBase, tmp_path: Path) -> None:
    sheets = convert(to_xlsx(golden_set(kb)), tmp_path)

    summary = {row[0]: row for row in sheets["Summary"][1:]}
    assert list(summary) == ['=HYPERLINK("http://x","y")', "Nightly ledger batch", "Payroll API"]
    payroll = summary["Payroll API"]
    assert payroll[1:8] == ["3", "accepted", "container-apps", "Azure Container Apps", "functions", "yes",
                            "Serverless GPUs on Container Apps, as the conflict advises."]  # fmt: skip
    assert payroll[12] == "Ann Lee; Ben Okafor; Chloé Martin"
    assert summary["Nightly ledger batch"][10] == "not_supported"
    assert len(sheets["Path"]) == 1 + 32
    assert len(sheets["Candidates"]) == 1 + 31
    assert [row[8] for row in sheets["Findings"][1:]] == ["C3", "F3", ""]
    hostile_note = next(row[9] for row in sheets["Path"] if row[0].startswith("=HYPERLINK") and row[4] == "state")
    assert hostile_note == "=1+1\n\n## injected heading\n<b>bold</b>"
