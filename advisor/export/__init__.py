"""Exports of decision records (JSON, CSV, Excel, MADR Markdown) and the import of JSON exports.

Each format is one pure function from an :class:`~advisor.export.export_set.ExportSet` to bytes:
:func:`to_json` (the exact format, the one that imports back), :func:`to_csv` (one row per workload,
formula-neutralized), :func:`to_xlsx` (four sheets, every string a text cell) and :func:`to_madr_zip`
(MADR 4.0 decision records with an index). :func:`advisor.services.exchange.select_records` builds the set
from the database (all, by status, picked by name, by review session); :func:`read_export` checks a JSON
export, which :func:`advisor.services.exchange.import_records` brings in, all or nothing. No Streamlit.
"""

from advisor.export.csv_file import to_csv
from advisor.export.export_set import ExportSet, Glossary, LinkedTriage, TriagedVm, WorkloadExport
from advisor.export.importer import ImportedWorkload, ImportReport, read_export
from advisor.export.json_file import EXPORT_SCHEMA_VERSION, to_json
from advisor.export.madr import madr_files, to_madr_zip
from advisor.export.xlsx_file import to_xlsx

FORMATS = {"json": to_json, "csv": to_csv, "xlsx": to_xlsx, "madr": to_madr_zip}
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "madr": "application/zip",
}
EXTENSIONS = {"json": "json", "csv": "csv", "xlsx": "xlsx", "madr": "zip"}

__all__ = [
    "EXPORT_SCHEMA_VERSION",
    "EXTENSIONS",
    "FORMATS",
    "MEDIA_TYPES",
    "ExportSet",
    "Glossary",
    "ImportReport",
    "ImportedWorkload",
    "LinkedTriage",
    "TriagedVm",
    "WorkloadExport",
    "madr_files",
    "read_export",
    "to_csv",
    "to_json",
    "to_madr_zip",
    "to_xlsx",
]
