"""A real reader for the CSV export: LibreOffice opens it with ``,`` and with ``;`` as the list separator.

A spreadsheet set to ``;`` (usual in European locales) starts a new cell at every ``;``, so a name like
``Payroll;=cmd|' /C calc'!A0`` would hide a formula after the separator. LibreOffice imports the CSV
headless with formulas evaluated, into flat ODS (``.fods``, XML), where every formula cell carries a
``table:formula`` attribute: the export must give none, under either separator. A control file (the same
payloads written unquoted and unneutralized) must give formulas, so the check can fail.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
from pathlib import Path

import pytest

from advisor import KnowledgeBase
from advisor.export import ExportSet, to_csv
from tests.export.records import PAYLOADS, SEPARATOR_PAYLOADS, payload_set, separator_payload_set
from tests.export.tools import soffice

TIMEOUT = 180
# separator, double quote, UTF-8, from line 1, no column formats, default language, quoted fields not as
# text, detect special numbers, (export-only tokens 9, 10), keep spaces, (12), evaluate formulas: true.
SEPARATORS = {"comma": 44, "semicolon": 59}


def open_in_libreoffice(data: bytes, folder: Path, separator: int) -> str:
    """The flat ODS (XML text) LibreOffice makes of the CSV ``data`` read with ``separator``."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "export.csv"
    source.write_bytes(data)
    out = folder / "out"
    profile = (folder / "lo-profile").as_uri()
    infilter = f"CSV:{separator},34,76,1,,0,false,true,false,false,false,false,true"
    subprocess.run(
        [soffice(), f"-env:UserInstallation={profile}", "--headless", f"--infilter={infilter}", "--convert-to",
         "fods", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=TIMEOUT,
    )  # fmt: skip
    return (out / "export.fods").read_text(encoding="utf-8")


def formula_cells(fods: str) -> list[str]:
    return re.findall(r'table:formula="([^"]*)"', fods)


def _unprotected(rows: list[list[str]]) -> bytes:
    """The control: the same cells with no quoting and no neutralization (what a naive export writes)."""
    return "\r\n".join(",".join(row) for row in rows).encode("utf-8")


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_libreoffice_finds_no_formula_in_the_csv_export(kb: KnowledgeBase, tmp_path: Path, separator: int) -> None:
    separated, started = separator_payload_set(kb), payload_set(kb)
    both = ExportSet(separated.workloads + started.workloads, separated.glossary)

    fods = open_in_libreoffice(to_csv(both), tmp_path, separator)

    assert "Payroll" in fods, "the sheet holds the rows"
    assert "HYPERLINK" in fods, "the sheet holds the rows"
    assert formula_cells(fods) == []


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_the_same_payloads_unprotected_do_become_formulas(tmp_path: Path, separator: int) -> None:
    rows = [[payload, "1"] for payload in (*PAYLOADS[:1], *SEPARATOR_PAYLOADS[:2])]
    fods = open_in_libreoffice(_unprotected(rows), tmp_path, separator)

    assert formula_cells(fods), "LibreOffice evaluated no formula: the check above could not fail"


def test_every_separator_payload_is_read_back_neutralized(kb: KnowledgeBase) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(separator_payload_set(kb)).decode("utf-8-sig"), newline="")))

    assert [row["workload"] for row in rows] == [
        "Payroll;'=cmd|' /C calc'!A0", "Eve;'@SUM(1)", "Notes\n'=1+1", "a,'=2+3", "tab\t'+4+5", "a;' -6+7",
        "x\r\n'@SUM(1,2)", "x\";'=8+9;\"", "a\",\"=10+11",
    ]  # fmt: skip
    assert sorted(row["decision_makers"] for row in rows) == sorted(row["workload"] for row in rows)
    assert sorted(row["override_reason"] for row in rows) == sorted(row["workload"] for row in rows)
