"""Inventory page: key dates, the golden estate's verdicts, units and VMs, filters, workloads started from
the VMs the tool cannot move, the re-import diff, and refused uploads.

The counts are the hand-written ones of tests/data/golden_verdicts.yaml (3 tool ready, 21 ready with
conditions, 13 unknown, 7 not supported; 9 migration units), not numbers produced by the code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor import services
from advisor.errors import InputError
from advisor.models.record import GivenAnswer, VmLink
from tests.services.builders import person
from tests.ui.uihelp import click, goto, labels, one, page_text, run, shown, shown_values, sign_in, values

DATA = Path(__file__).resolve().parents[1] / "data"
GOLDEN = DATA / "golden_inventory.csv"
VNETS = DATA / "golden_vnets.csv"
ESTATE = "Contoso"
GOLDEN_COUNTS = {"tool ready": "3", "ready with conditions": "21", "unknown": "13", "not supported": "7"}
NOT_SUPPORTED = {  # golden_verdicts.yaml, verdict: not_supported
    ("corp-ops", "ops01"),
    ("corp-ops", "ops02"),
    ("corp-ops", "ops03"),
    ("data-hdi", "etl01"),
    ("data-hdi", "etl02"),
    ("lab-dev", "dev03"),
    ("batch-old", "job01"),
}
START = "Start the questionnaire for them"


def _import(ctx, kb, files=(GOLDEN,), vnets=VNETS, author="Ann"):
    return services.import_estate(ctx, person(author), ESTATE, list(files), vnets, names=[f.name for f in files],
                         vnet_name=vnets.name if vnets else None)  # fmt: skip


@pytest.fixture
def at(new_app):
    """Dana signed in, on the Inventory page."""
    return goto(sign_in(run(new_app()), "Dana"), "Inventory")


def _frame(at, column: str):
    """The one dataframe on the page that has ``column``."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_empty_state_states_the_key_dates_and_what_tool_ready_means(at, ctx):
    assert values(at.title) == ["Inventory"]
    [dates] = [i for i in values(at.info) if "2023-09-01" in i]
    assert "2020-02-28" not in dates, "the banner keeps to the retirements"
    # lifecycle.md, Corrections: the classic VM retirement is 2023-09-01 with 2023-03-01 and 2023-09-06 beside it;
    # the classic resource providers (2024-08-31) retired as a whole, so "tool ready" is historical.
    assert "Classic VMs retired on 2023-09-01 (sources disagree: other pages say 2023-03-01 or 2023-09-06)" in dates
    assert "Classic resource providers retired on 2024-08-31" in dates
    assert "Classic storage accounts retired on 2024-08-31" in dates
    assert (
        "A “tool ready” verdict describes what the platform migration tool supported before the classic resource "
        "providers were retired on 2024-08-31: since then its validate, prepare and commit steps cannot run on a live "
        "estate, so the verdict is historical."
    ) in dates
    assert "No inventory yet: import a file above. The canonical CSV template shows the columns." in values(at.info)
    assert "Key dates, and what each verdict means" in labels(at.expander)
    text = page_text(at)
    assert "**tool ready**: The platform migration tool supported this VM's configuration as the inventory" in text
    assert "**2023-09-01**: Classic VMs retired" in text
    assert "**2024-08-31**: The classic resource providers retired as a whole" in text
    assert "**2024-08-31**: Classic storage accounts retired" in text


def test_the_three_classic_vm_retirement_dates_show_with_their_sources(at, ctx):
    """lifecycle.md, Corrections (key dates): 2023-03-01 (deprecation page at an older commit, plan page, FAQ),
    2023-09-06 (overview and errors banners), 2023-09-01 (later deprecation page); the tool goes by 2023-09-01."""
    [claims] = [w for w in values(at.warning) if "Sources disagree: The day classic VMs were retired" in w]
    march, september_6, september_1 = (line for line in claims.splitlines() if line.startswith("- **"))
    assert march.startswith("- **2023-03-01**: ")
    assert (
        "[the classic VM deprecation page (earlier revision)](https://github.com/MicrosoftDocs/azure-docs/blob/"
        in march
    )
    assert "[the banner of the migration planning page](" in march
    assert "[the classic-to-Resource-Manager migration FAQ](" in march
    assert september_6.startswith("- **2023-09-06**: ")
    assert "[the banner of the migration overview](" in september_6
    assert "[the banner of the migration errors page](" in september_6
    assert september_1.startswith("- **2023-09-01** (the tool goes by this): ")
    assert "[the classic VM deprecation page (later revision)](" in september_1
    assert "The tool goes by “2023-09-01”: " in claims
    assert "⬆️ Import an inventory" in labels(at.expander)
    assert not at.metric
    assert not at.dataframe


def test_the_golden_estate_shows_its_hand_written_counts_units_and_vms(at, kb, ctx):
    _import(ctx, kb)
    run(at)
    assert one(at.selectbox, "Estate").value is not None
    assert _metrics(at) == GOLDEN_COUNTS
    units = _frame(at, "Unit")
    assert len(units) == 9
    assert set(units.columns) == {"Unit", "Kind", "Moves whole", "Verdict", "VMs", "Held back by"}
    assert units["VMs"].sum() == 44
    vms = _frame(at, "vm_name")
    assert len(vms) == 44
    assert (vms["verdict"].value_counts().to_dict()) == {k: int(v) for k, v in GOLDEN_COUNTS.items()}
    assert "44 VMs" in values(at.caption)
    assert any("Imported" in c and "by Ann" in shown(c) and "golden_inventory.csv" in shown(c)
               for c in values(at.caption)), values(at.caption)  # fmt: skip
    assert "**7 VMs the tool cannot move**: each needs another home." in values(at.markdown)
    assert not any(label.startswith("Since the previous import") for label in labels(at.expander)), "one import only"


def test_the_verdict_filter_narrows_the_vm_table(at, kb, ctx):
    _import(ctx, kb)
    run(at)
    one(at.multiselect, "Verdict").set_value(["not_supported"])
    run(at)
    vms = _frame(at, "vm_name")
    assert set(zip(vms["cloud_service"], vms["vm_name"], strict=True)) == NOT_SUPPORTED
    assert set(vms["verdict"]) == {"not supported"}
    assert "7 VMs" in values(at.caption)

    one(at.multiselect, "Verdict").set_value(["tool_ready", "not_supported"])
    run(at)
    assert len(_frame(at, "vm_name")) == 3 + 7
    assert _metrics(at) == GOLDEN_COUNTS, "the filter narrows the table, not the summary"


def test_starting_the_questionnaire_creates_a_linked_workload_per_blocked_vm(at, kb, ctx):
    _import(ctx, kb)
    run(at)
    click(at, START)

    assert any(s.startswith("Created 7 workloads.") for s in values(at.success)), values(at.success)
    summaries = services.list_workloads(ctx)
    assert len(summaries) == 7
    assert {(s.workload.vm_links[0].cloud_service, s.workload.vm_links[0].vm_name) for s in summaries} == NOT_SUPPORTED
    for summary in summaries:
        workload = summary.workload
        service, name = workload.name.split("/")
        assert workload.vm_links == (VmLink(cloud_service=service, vm_name=name),)
        assert workload.owner == "Dana"
        record = services.record_version(ctx, workload.id, 1)
        assert record is not None
        assert record.author == "Dana"
        given = record.answers["migrate_or_build"]
        assert (given.answer, given.source) == ("migrate", "inventory")
        assert given.note.startswith("From inventory: ")
        assert all(isinstance(a, GivenAnswer) and a.source == "inventory" for a in record.answers.values())

    click(at, START)  # a second click repeats the first submission: the same success, nothing created twice
    assert any(s.startswith("Created 7 workloads.") for s in values(at.success)), values(at.success)
    assert len(services.list_workloads(ctx)) == 7


def test_a_second_import_without_one_vm_shows_it_removed(at, kb, ctx, tmp_path):
    _import(ctx, kb)
    lines = GOLDEN.read_text(encoding="utf-8").splitlines(keepends=True)
    [removed] = [line for line in lines if ",app05," in line]
    smaller = tmp_path / "golden_inventory.csv"
    smaller.write_text("".join(line for line in lines if line != removed), encoding="utf-8")
    _import(ctx, kb, files=(smaller,), author="Bob")
    run(at)

    diffs = [label for label in labels(at.expander) if label.startswith("Since the previous import")]
    assert diffs == ["Since the previous import: 0 added, 1 removed, 0 with a changed verdict"]
    # The diff's "Removed" table (one row), then the units and the VM table of the latest import.
    removed_tables = [d.value for d in at.dataframe if "verdict" in d.value.columns and len(d.value) == 1]
    assert len(removed_tables) == 1, [d.value for d in at.dataframe]
    assert removed_tables[0].iloc[0]["vm_name"] == "app05"
    assert _metrics(at) == GOLDEN_COUNTS | {"ready with conditions": "20"}
    assert "43 VMs" in values(at.caption)


def test_an_upload_through_the_form_is_imported(at, ctx):
    one(at.text_input, "Estate").set_value(ESTATE)
    at.file_uploader(key="inventory_files").upload("estate.csv", GOLDEN.read_bytes(), "text/csv")
    at.file_uploader(key="vnet_file").upload("vnets.csv", VNETS.read_bytes(), "text/csv")
    click(at, "Import and triage")

    assert f"Imported 44 VMs into estate {ESTATE} (44 rows read, 0 skipped): shown below." in shown_values(at.success)
    [estate] = services.list_estates(ctx)
    assert estate.name == ESTATE
    [latest] = services.list_imports(ctx, estate.id)
    assert (latest.author, latest.files) == ("Dana", ("estate.csv",))
    run(at)
    assert _metrics(at) == GOLDEN_COUNTS


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
WRONG = [
    ("picture.png", PNG, None, "picture.png"),
    ("facts.csv", VNETS.read_bytes(), None, "facts.csv: this is a VNet facts file"),
    ("estate.csv", GOLDEN.read_bytes(), ("more.csv", GOLDEN.read_bytes()), "more.csv: not a VNet facts CSV"),
]


@pytest.mark.parametrize(("name", "content", "vnets", "expected"), WRONG, ids=["png", "vnets-as-inventory",
                                                                                 "inventory-as-vnets"])  # fmt: skip
def test_a_wrong_file_is_refused_naming_it_and_nothing_is_stored(at, ctx, name, content, vnets, expected):
    one(at.text_input, "Estate").set_value(ESTATE)
    at.file_uploader(key="inventory_files").upload(name, content, "application/octet-stream")
    if vnets:
        at.file_uploader(key="vnet_file").upload(vnets[0], vnets[1], "text/csv")
    click(at, "Import and triage")

    errors = shown_values(at.error)
    assert len(errors) == 1, errors
    assert errors[0].startswith("The import was refused; nothing was stored:")
    assert expected in errors[0], errors[0]
    assert services.list_estates(ctx) == []
    assert not at.metric


def test_an_upload_needs_a_name_an_estate_and_a_file(new_app, ctx):
    at = goto(run(new_app()), "Inventory")
    one(at.text_input, "Estate").set_value(ESTATE)
    at.file_uploader(key="inventory_files").upload("estate.csv", GOLDEN.read_bytes(), "text/csv")
    click(at, "Import and triage")
    assert any("Enter your name in the sidebar first" in e for e in shown_values(at.error)), shown_values(at.error)
    assert services.list_estates(ctx) == []

    sign_in(at, "Dana")
    one(at.text_input, "Estate").set_value("   ")
    click(at, "Import and triage")
    assert "Name the estate the files belong to." in shown_values(at.error)
    one(at.text_input, "Estate").set_value(ESTATE)
    at.file_uploader(key="inventory_files").clear()
    click(at, "Import and triage")
    assert "Choose at least one inventory file." in shown_values(at.error)
    assert services.list_estates(ctx) == []


def test_a_file_over_the_size_limit_is_refused_naming_the_limit_and_nothing_is_stored(kb, ctx):
    # The page passes server.maxUploadSize (in MB) as max_bytes; the limit itself lives in import_estate.
    with pytest.raises(InputError) as raised:
        services.import_estate(ctx, person("Ann"), ESTATE, [GOLDEN], VNETS, names=["estate.csv"], max_bytes=10)
    [problem] = raised.value.problems
    assert problem.file == "estate.csv"
    assert re.fullmatch(r"the file is [0-9.e-]+ MB, over the [0-9.e-]+ MB limit", problem.message), problem.message
    assert services.list_estates(ctx) == []


def test_the_c5_finding_shows_every_claim_of_the_pages_that_disagree(at, kb, ctx):
    """lifecycle.md, Corrections (triage C5): the overview says dropped automatically, the errors page (2023-03-08)
    that the extension must be uninstalled before migration, the plan page that BGInfo v1 is skipped: show both."""
    _import(ctx, kb)
    run(at)
    [c5] = [w for w in values(at.warning) if w.startswith("**Sources disagree on finding C5 ")]
    claims = [line for line in c5.splitlines() if line.startswith("- **")]
    assert [line.split("**")[1] for line in claims] == [
        "dropped automatically",
        "must be uninstalled before migration",
        "BGInfo 1.x skipped",
    ]
    assert "[the migration overview (unsupported configurations)](" in claims[0]
    assert "[the migration errors page (its list of errors)](" in claims[1]
    assert "dated 2023-03-08" in claims[1]
    assert "[the migration planning page (VM extensions)](" in claims[2]
