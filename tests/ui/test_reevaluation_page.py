"""Re-evaluate page: 2025 records re-run under 2026 without saving, the differences listed (outcome, fits,
conditions, the newly needed specialty_workload question), superseding selected records (created and skipped
with reasons), and the retirement flags."""

from __future__ import annotations

import datetime

import pytest

from advisor import services
from tests.services.builders import COMPLETE_ANSWERS, new_workload
from tests.ui.uihelp import click, goto, one, run, save_version, shown_values, sign_in, values

VM_2025 = {"migrate_or_build": "build_new", "full_control": "yes"}  # 2025: virtual-machines
AKS_2025 = {  # 2025: aks, with specialty_workload answered (kept unused in 2025): complete under 2026 too
    "specialty_workload": "none", "migrate_or_build": "build_new", "full_control": "no", "hpc": "no",
    "event_driven": "no", "managed_web_hosting": "no", "full_orchestration": "yes", "managed_orchestration": "yes",
    "service_fabric_or_legacy_dotnet": "no", "openshift": "no", "full_kubernetes": "yes",
}  # fmt: skip
RUN = "Re-evaluate every record"
UNDER = "Under compute-tree-2026"


@pytest.fixture
def records(ctx, kb):
    """Two 2025 records that 2026 changes, and a 2026 record it does not."""
    made = {}
    for name, answers, version in (
        ("Legacy CRM", VM_2025, "compute-tree-2025"),
        ("Cluster", AKS_2025, "compute-tree-2025"),
        ("Payroll", COMPLETE_ANSWERS, "compute-tree-2026"),
    ):
        workload = new_workload(ctx, name)
        save_version(ctx, workload, answers, 1, knowledge_version=version)
        made[name] = workload
    return made


# As of 2020-01-01 with no horizon, no lifecycle entry touching a candidate service is past yet (the first, A8-A11
# sizes, is 2021-03-01): the lifecycle section is empty. The lifecycle flags have their own test below.
BEFORE_ANY = (datetime.date(2020, 1, 1), 0)


def _page(new_app, judgement=BEFORE_ANY):
    at = sign_in(run(new_app()), "Dana")
    at.session_state["lifecycle_as_of"], at.session_state["lifecycle_horizon_months"] = judgement
    return goto(at, "Re-evaluate")


def _changed(at):
    [frame] = [d.value for d in at.dataframe if UNDER in d.value.columns]
    return frame


def test_nothing_runs_until_asked(new_app, records, ctx):
    at = _page(new_app)
    assert values(at.title) == ["Re-evaluate"]
    assert one(at.selectbox, "Target knowledge version").value == "compute-tree-2026"
    assert "Press “Re-evaluate every record” to see what compute-tree-2026 would change. Nothing is saved." in values(
        at.info
    )
    assert not at.dataframe


def test_2025_records_under_2026_list_their_differences_and_the_new_question(new_app, records, ctx):
    at = _page(new_app)
    click(at, RUN)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Records re-run": "3", "Would change": "2", "Still incomplete": "0", "Unchanged": "1", "Need a new answer": "1"
    }  # fmt: skip
    table = _changed(at)
    rows = {row["Workload"]: row for row in table.to_dict("records")}
    assert set(rows) == {"Legacy CRM", "Cluster"}, "the 2026 record is unchanged under 2026"
    crm = rows["Legacy CRM"]
    assert (crm["Outcome now"], crm[UNDER]) == (
        "Azure Virtual Machines",
        "incomplete (stops at “Is this one of the specialty workloads that Microsoft routes outside its general "
        "compute tree?”)",
    )
    assert crm["New questions"] == (
        "Is this one of the specialty workloads that Microsoft routes outside its general compute tree?"
    ), "by its text (knowledge/versions/compute-tree-2026.yaml)"
    assert crm["From"] == "compute-tree-2025"
    assert "App Service" in crm["Fit changes"]
    cluster = rows["Cluster"]
    assert (cluster["Outcome now"], cluster[UNDER]) == ("Azure Kubernetes Service (AKS)",) * 2
    assert cluster["New questions"] == ""
    assert "three nodes" in cluster["Conditions removed"]
    assert "six nodes" in cluster["Conditions added"]
    assert cluster["Unused answers"] == (  # knowledge/versions/compute-tree-2025.yaml, by its text
        "Is your team familiar with Azure Service Fabric, or does the workload depend on older versions of the .NET "
        "Framework?"
    )
    assert any("Azure Service Fabric" in c for c in values(at.caption)), "candidates only one version has, once"
    assert "No lifecycle entry, past or within the horizon, touches a record's chosen service." in values(at.caption)
    assert all(len(services.record_history(ctx, w.id)) == 1 for w in records.values()), "nothing saved"


def test_supersede_counts_only_the_selected_records_it_will_supersede(new_app, records, ctx):
    at = _page(new_app)
    click(at, RUN)
    assert one(at.button, "Supersede 0 records").disabled
    at.session_state["reevaluation_table::1"] = {"selection": {"rows": [0, 1], "columns": []}}  # the first run's list
    run(at)
    assert (
        "1 selected record stops at a question under compute-tree-2026 and cannot be superseded: answer it on the "
        "Questionnaire first."
    ) in values(at.caption)
    click(at, "Supersede 1 record")
    assert "Superseded 1 records; skipped 0." in values(at.success)
    created = next(d.value for d in at.dataframe if "New version" in d.value.columns)
    assert list(created.itertuples(index=False, name=None)) == [("Cluster", 1, 2, "compute-tree-2026", "aks")]
    assert one(at.button, "Supersede 0 records").disabled, "the new list has nothing ticked"
    new = services.latest_record(ctx, records["Cluster"].id)
    assert (new.version, new.knowledge_version, new.supersedes_version, new.status, new.author) == (
        2, "compute-tree-2026", 1, "proposed", "Dana",
    )  # fmt: skip
    assert len(services.record_history(ctx, records["Legacy CRM"].id)) == 1
    # The list is run again: the superseded record is under 2026 now and no longer changes.
    assert list(_changed(at)["Workload"]) == ["Legacy CRM"]


def test_supersede_every_changed_record_with_the_toggle(new_app, records, ctx):
    at = _page(new_app)
    click(at, RUN)
    one(at.toggle, "Supersede every changed record").set_value(True)
    run(at)
    click(at, "Supersede 1 record")
    assert "Superseded 1 records; skipped 0." in values(at.success)
    assert services.latest_record(ctx, records["Cluster"].id).version == 2


def test_supersede_needs_a_name(new_app, records, ctx):
    at = goto(run(new_app()), "Re-evaluate")
    click(at, RUN)
    one(at.toggle, "Supersede every changed record").set_value(True)
    run(at)
    click(at, "Supersede 1 record")
    assert "Enter your name in the sidebar first: every new version carries it." in shown_values(at.error)
    assert services.latest_record(ctx, records["Cluster"].id).version == 1


def test_another_target_needs_its_own_run(new_app, records):
    at = _page(new_app)
    click(at, RUN)
    one(at.selectbox, "Target knowledge version").set_value("compute-tree-2025")
    run(at)
    assert any(i.startswith("Press “Re-evaluate every record” to see what compute-tree-2025") for i in values(at.info))
    click(at, RUN)
    # The 2026 walk to Virtual Machines ends there in 2025 too; the 2025 records are under 2025 already.
    assert "No record would change under compute-tree-2025." in values(at.success)
    assert {m.label: m.value for m in at.metric}["Unchanged"] == "3"


def test_lifecycle_entries_of_the_chosen_services_are_listed_with_date_and_source(new_app, records):
    # As of 2026-01-01 with 12 months (to 2027-01-01): Legacy CRM chose Virtual Machines, whose entries past by then
    # are A8-A11 (2021-03-01), Av1 (2024-08-31), Basic Load Balancer and Basic public IP (2025-09-30), and whose
    # default outbound access (2026-03-31) lies inside the horizon (lifecycle.md).
    at = _page(new_app, (datetime.date(2026, 1, 1), 12))
    click(at, RUN)
    [table] = [d.value for d in at.dataframe if "When" in d.value.columns]
    crm = table[table["Workload"] == "Legacy CRM"]
    assert [str(d) for d in crm["Date"]] == ["2021-03-01", "2024-08-31", "2025-09-30", "2025-09-30", "2026-03-31"]
    assert list(crm["When"]) == ["already past"] * 4 + ["within the horizon"]
    assert crm.iloc[2]["What"] == (
        "Azure Virtual Machines: use the Standard Load Balancer; the Basic Load Balancer retired on 2025-09-30."
    )
    assert crm.iloc[2]["Source"].startswith("https://azure.microsoft.com/updates/azure-basic-load-balancer")


def test_records_incomplete_before_and_after_are_listed_apart_not_as_changes(new_app, records, ctx):
    unfinished = new_workload(ctx, "Unfinished")
    save_version(ctx, unfinished, {"migrate_or_build": "build_new"}, 1, knowledge_version="compute-tree-2025")
    at = _page(new_app)
    click(at, RUN)

    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Would change"], metrics["Still incomplete"]) == ("2", "1")
    assert set(_changed(at)["Workload"]) == {"Legacy CRM", "Cluster"}
    incomplete = next(d.value for d in at.dataframe if "Next question under compute-tree-2026" in d.value.columns)
    assert list(incomplete["Workload"]) == ["Unfinished"]


def test_a_selection_of_only_records_that_stop_at_a_question_supersedes_nothing(new_app, records, ctx):
    at = _page(new_app)
    click(at, RUN)
    crm = list(_changed(at)["Workload"]).index("Legacy CRM")
    at.session_state["reevaluation_table::1"] = {"selection": {"rows": [crm], "columns": []}}
    run(at)

    assert one(at.button, "Supersede 0 records").disabled
    assert len(services.record_history(ctx, records["Legacy CRM"].id)) == 1
