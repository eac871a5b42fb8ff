"""Workloads page: empty state, create (with inventory VM links), refusals, search, archive, restore, rename."""

from __future__ import annotations

import pytest

from advisor import services
from advisor.models.record import VmLink
from tests.services.builders import ANN, new_workload
from tests.ui.uihelp import (
    click,
    create_workload,
    goto,
    labels,
    one,
    page_text,
    run,
    shown_values,
    sign_in,
    values,
)

EMPTY = "No workloads yet: create the first one above."


def _table(at):
    """The workload list as a pandas DataFrame (the first dataframe of the page)."""
    assert at.dataframe, "the workload list is not shown"
    return at.dataframe[0].value


def _select_row(at, row: int):
    """Select a row of the workload list, as a click on it does (programmatic selection by key)."""
    at.session_state["workload_table"] = {"selection": {"rows": [row], "columns": []}}
    return run(at)


def test_empty_state_invites_to_create_the_first_workload(new_app):
    at = run(new_app())
    assert values(at.title) == ["Workloads"]
    assert EMPTY in values(at.info)
    assert not at.dataframe
    assert "➕ New workload" in labels(at.expander)
    assert "Create workload" in labels(at.button)


def test_created_workload_keeps_its_vm_links_and_is_listed_as_not_started(new_app, ctx):
    at = sign_in(run(new_app()), "Dana")
    create_workload(
        at,
        "Payroll web",
        owner="Ops team",
        context="Pays people every month.",
        links="cs-pay/vm-web1\n\n  cs-pay / vm-web2  \n",
    )
    assert values(at.title) == ["Payroll web"], "creating a workload opens its questionnaire"
    [summary] = services.list_workloads(ctx)
    workload = summary.workload
    assert (workload.name, workload.owner, workload.context) == ("Payroll web", "Ops team", "Pays people every month.")
    assert workload.vm_links == (
        VmLink(cloud_service="cs-pay", vm_name="vm-web1"),
        VmLink(cloud_service="cs-pay", vm_name="vm-web2"),
    )

    goto(at, "Workloads")
    table = _table(at)
    assert list(table["Workload"]) == ["Payroll web"]
    assert list(table["Owner"]) == ["Ops team"]
    assert list(table["Status"]) == ["not started"]
    assert list(table["Versions"]) == [0]
    _select_row(at, 0)
    assert "#### Payroll web" in shown_values(at.markdown)
    assert "Inventory VMs: cs-pay/vm-web1, cs-pay/vm-web2" in shown_values(at.caption)


@pytest.mark.parametrize(
    ("links", "line", "shown"),
    [("cs-a/vm-1\nvm-without-service", 2, "vm-without-service"), ("cs-a/\ncs-b/vm-2", 1, "cs-a/")],
)
def test_malformed_vm_link_line_is_refused_naming_the_line(new_app, ctx, links, line, shown):
    at = sign_in(run(new_app()), "Dana")
    create_workload(at, "Payroll web", links=links)
    assert values(at.title) == ["Workloads"], "a refused form stays on the Workloads page"
    [error] = shown_values(at.error)
    assert f"line {line}" in error
    assert shown in error
    assert services.list_workloads(ctx, include_archived=True) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("", "a workload needs a name"),
        ("   ", "a workload needs a name"),
        ("x" * 121, "at most 120 characters"),
    ],
    ids=["empty", "blank", "121-chars"],
)
def test_bad_name_is_refused_and_nothing_is_created(new_app, ctx, name, expected):
    at = sign_in(run(new_app()), "Dana")
    create_workload(at, name, owner="Ops")
    assert values(at.title) == ["Workloads"]
    assert any(expected in error for error in shown_values(at.error)), shown_values(at.error)
    assert services.list_workloads(ctx, include_archived=True) == []
    assert EMPTY in values(at.info)


def test_duplicate_name_is_refused_case_insensitively(new_app, ctx):
    new_workload(ctx, "Payroll Web", owner="Ann")
    at = sign_in(run(new_app()), "Dana")
    create_workload(at, "  payroll WEB ", owner="Dana")
    assert values(at.title) == ["Workloads"]
    assert any("already exists" in error and "Payroll Web" in error for error in shown_values(at.error)), shown_values(
        at.error
    )
    assert [s.workload.name for s in services.list_workloads(ctx, include_archived=True)] == ["Payroll Web"]
    assert list(_table(at)["Workload"]) == ["Payroll Web"]


def test_search_filters_by_name_owner_and_context(new_app, ctx):
    new_workload(ctx, "Payroll web", owner="Ann", context="salaries")
    new_workload(ctx, "Stock API", owner="Bob", context="warehouse levels")
    new_workload(ctx, "Mail relay", owner="Cy", context="SMTP for payroll notices")
    at = run(new_app())
    assert list(_table(at)["Workload"]) == ["Mail relay", "Payroll web", "Stock API"]
    for needle, expected in [
        ("PAYROLL", ["Mail relay", "Payroll web"]),  # name, and context of Mail relay
        ("bob", ["Stock API"]),  # owner
        ("warehouse", ["Stock API"]),  # context
        ("relay", ["Mail relay"]),
    ]:
        one(at.text_input, "Search").set_value(needle)
        run(at)
        assert list(_table(at)["Workload"]) == expected, needle
    one(at.text_input, "Search").set_value("no such thing")
    run(at)
    assert "No workloads match." in values(at.info)
    assert not at.dataframe


def test_archive_hides_the_workload_and_undo_brings_it_back(new_app, ctx):
    workload = new_workload(ctx, "Alpha", owner="Ann")
    at = _select_row(run(new_app()), 0)
    assert "#### Alpha" in shown_values(at.markdown)
    click(at, "Archive")
    assert "Archived Alpha." in shown_values(at.success)
    assert services.get_workload(ctx, workload.id).archived
    assert not at.dataframe, "an archived workload is hidden from the list"
    click(at, "Undo archive")
    assert not services.get_workload(ctx, workload.id).archived, "Undo archive did not restore the workload"
    assert "Archive undone." in shown_values(at.success)
    assert list(_table(at)["Workload"]) == ["Alpha"]
    assert list(_table(at)["Status"]) == ["not started"]


def test_archiving_the_last_row_of_the_list_keeps_the_page_working(new_app, ctx):
    new_workload(ctx, "Alpha")
    beta = new_workload(ctx, "Beta")
    at = _select_row(run(new_app()), 1)
    assert "#### Beta" in shown_values(at.markdown)
    click(at, "Archive")  # the list shrinks to one row while row 1 is still selected
    assert "Archived Beta." in shown_values(at.success)
    assert services.get_workload(ctx, beta.id).archived
    assert list(_table(at)["Workload"]) == ["Alpha"]


def test_show_archived_lists_it_marked_and_restore_brings_it_back(new_app, ctx):
    alpha = new_workload(ctx, "Alpha")
    new_workload(ctx, "Beta")
    services.archive_workload(ctx, ANN, alpha.id)
    at = run(new_app())
    assert list(_table(at)["Workload"]) == ["Beta"]
    one(at.toggle, "Show archived").set_value(True)
    run(at)
    table = _table(at)
    assert list(table["Workload"]) == ["Alpha", "Beta"]
    assert list(table["Status"]) == ["not started (archived)", "not started"]
    _select_row(at, 0)
    assert "#### Alpha" in shown_values(at.markdown)
    assert "Archive" not in labels(at.button)
    click(at, "Restore")
    assert "Restored Alpha." in shown_values(at.success)
    assert not services.get_workload(ctx, alpha.id).archived
    one(at.toggle, "Show archived").set_value(False)
    run(at)
    assert list(_table(at)["Workload"]) == ["Alpha", "Beta"]
    assert "(archived)" not in " ".join(_table(at)["Status"])


def test_rename_works_and_a_taken_name_is_refused(new_app, ctx):
    alpha = new_workload(ctx, "Alpha")
    beta = new_workload(ctx, "Beta")
    at = _select_row(run(new_app()), 0)
    assert "#### Alpha" in shown_values(at.markdown)

    one(at.text_input, "New name").set_value("bETA")
    click(at, "Save name")
    assert any("already exists" in error for error in shown_values(at.error)), page_text(at)
    assert services.get_workload(ctx, alpha.id).name == "Alpha"
    assert services.get_workload(ctx, beta.id).name == "Beta"

    one(at.text_input, "New name").set_value("  Gamma ")
    click(at, "Save name")
    assert "Renamed to Gamma." in shown_values(at.success)
    assert services.get_workload(ctx, alpha.id).name == "Gamma"
    assert sorted(_table(at)["Workload"]) == ["Beta", "Gamma"]


def test_list_shows_a_workload_another_session_saved_since_the_last_render(new_app, ctx):
    # The page caches the list keyed on the database's revision: a write anywhere must show at the next run.
    new_workload(ctx, "First")
    at = run(new_app())
    assert list(_table(at)["Workload"]) == ["First"]
    new_workload(ctx, "Second")
    run(at)
    assert list(_table(at)["Workload"]) == ["First", "Second"]
    services.rename_workload(ctx, ANN, services.find_workload(ctx, "First").id, "Alpha")
    run(at)
    assert list(_table(at)["Workload"]) == ["Alpha", "Second"]
