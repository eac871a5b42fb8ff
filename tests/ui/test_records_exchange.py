"""Records page: the export downloads over a chosen selection, and the JSON upload that imports.

AppTest cannot read a download's bytes (they are made when the browser asks); the content of each format
is tested on the pure functions in tests/export/. Here: the buttons, the selection they export, clicks that
leave the page working, and an upload that imports (or refuses, naming the fault).
"""

from __future__ import annotations

import json

import pytest

from advisor import services
from advisor.export import to_json
from tests.export.records import golden_set
from tests.services.builders import new_workload
from tests.ui.uihelp import click, goto, one, page_text, run, save_version, shown, values

BUTTONS = ["Download JSON", "Download CSV", "Download Excel", "Download Markdown (zip)"]


@pytest.fixture
def at(new_app):
    return run(new_app())


def _records_page(at):
    goto(at, "Records")
    assert "Export or import records" in [e.label for e in at.expander]
    return at


def _seed(kb, ctx) -> None:
    alpha = new_workload(ctx, "Alpha")
    save_version(ctx, alpha, {"specialty_workload": "none"}, 1, author="Ann")
    save_version(ctx, alpha, {"specialty_workload": "sap"}, 2, author="Ann", status="accepted")
    beta = new_workload(ctx, "Beta")
    save_version(ctx, beta, {"specialty_workload": "none"}, 1, author="Ben")


def _caption(at) -> str:
    return next(c for c in values(at.caption) if "workloads chosen" in c)


def test_four_downloads_disabled_while_there_is_nothing_to_export(at) -> None:
    _records_page(at)

    assert [b.label for b in at.download_button] == BUTTONS
    assert all(b.proto.disabled for b in at.download_button)
    assert _caption(at) == "0 workloads chosen, each with every version of its record."


def test_clicking_each_download_keeps_the_page_working(at, ctx, kb) -> None:
    _seed(kb, ctx)
    _records_page(at)

    assert _caption(at) == "2 workloads chosen, each with every version of its record."
    for label in BUTTONS:
        button = one(at.download_button, label)
        assert not button.proto.disabled
        button.click()
        run(at)
    assert list(at.dataframe[0].value["Workload"]) == ["Alpha", "Beta"]


def test_the_selection_by_status_and_by_hand(at, ctx, kb) -> None:
    _seed(kb, ctx)
    _records_page(at)

    one(at.radio, "Records to export").set_value("By status")
    run(at)
    one(at.selectbox, "Status to export").set_value("accepted")
    run(at)
    assert _caption(at) == "1 workloads chosen, each with every version of its record."
    one(at.radio, "Records to export").set_value("Hand-picked workloads")
    run(at)
    picker = one(at.multiselect, "Workloads to export")
    assert picker.options == ["Alpha", "Beta"]
    assert all(b.proto.disabled for b in at.download_button), "nothing picked yet"
    picker.set_value(["Beta"])
    run(at)
    assert _caption(at) == "1 workloads chosen, each with every version of its record."
    one(at.download_button, "Download Excel").click()
    run(at)


def test_uploading_a_json_export_imports_it(at, ctx, kb) -> None:
    _records_page(at)
    at.file_uploader(key="import_file").upload("golden.json", to_json(golden_set(kb)), "application/json")
    run(at)

    click(at, "Import")

    assert [shown(s) for s in values(at.success)] == ["golden.json: imported 5 record versions of 3 workloads (3 new)"]
    assert list(at.dataframe[0].value["Workload"]) == ['=HYPERLINK("http://x","y")', "Nightly ledger batch",
                                                      "Payroll API"]  # fmt: skip
    assert len(services.record_history(ctx, services.find_workload(ctx, "Payroll API").id)) == 3


def test_a_bad_upload_imports_nothing_and_names_the_fault(at, ctx, kb) -> None:
    document = json.loads(to_json(golden_set(kb)))
    document["workloads"][2]["records"][1]["knowledge_version"] = "compute-tree-2030"
    _records_page(at)
    at.file_uploader(key="import_file").upload("edited.json", json.dumps(document).encode(), "application/json")
    run(at)

    click(at, "Import")

    errors = [shown(e) for e in values(at.error)]
    assert len(errors) == 1
    assert errors[0].startswith("Nothing was imported:")
    assert (
        "edited.json: knowledge_version: workload 'Payroll API' (workloads[2]), record version 2 (records[1]): "
        "unknown knowledge version 'compute-tree-2030'" in errors[0]
    )
    assert services.list_workloads(ctx) == []
    assert "No records yet" in page_text(at)


def test_each_button_makes_its_file_from_the_chosen_records(ctx, kb) -> None:
    """What a click downloads: the deferred maker gives the pure function's bytes for the selection."""
    from advisor.export import FORMATS
    from advisor.ui.components.record_exchange import _maker

    _seed(kb, ctx)
    for fmt, export in FORMATS.items():
        if fmt in ("json", "csv"):
            assert _maker(ctx, fmt, "accepted", None)() == export(services.select_records(ctx, status="accepted"))
            assert _maker(ctx, fmt, None, ["beta"])() == export(services.select_records(ctx, names=["Beta"]))
        else:
            assert _maker(ctx, fmt, None, None)()[:2] == b"PK", "a zip container (xlsx and the Markdown zip)"
