"""Board page: the portfolio table, its filters (service, status, triage verdict, confidence, knowledge version,
stale), the four charts, and the click-through to a workload's questionnaire."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from advisor import services
from advisor.models.record import Override, VmLink
from tests.services.builders import COMPLETE_ANSWERS, new_workload, person
from tests.ui.uihelp import goto, one, run, save_version, shown_values, sign_in, values

DATA = Path(__file__).resolve().parents[1] / "data"
VM_2025 = {"migrate_or_build": "build_new", "full_control": "yes"}  # 2025: virtual-machines


def _requirements(kb) -> dict[str, str]:
    """Two requirement answers of 2026 (the first answer of the first two questions): confidence above 0."""
    version = kb.version("compute-tree-2026")
    return {q.id: q.answers[0].id for q in list(version.requirements.values())[:2]}


@pytest.fixture
def portfolio(ctx, kb):
    """Four workloads: a 2026 recommendation with two requirements answered, a 2025 one (stale), an
    incomplete walk, and an accepted override to App Service."""
    payroll = new_workload(ctx, "Payroll <b>web</b>", vm_links=[VmLink(cloud_service="corp-ops", vm_name="ops01")])
    save_version(ctx, payroll, COMPLETE_ANSWERS | _requirements(kb), 1)
    legacy = new_workload(ctx, "Legacy CRM", vm_links=[VmLink(cloud_service="corp-app", vm_name="app01")])
    save_version(ctx, legacy, VM_2025, 1, knowledge_version="compute-tree-2025")
    stock = new_workload(ctx, "Stock API")
    save_version(ctx, stock, {"specialty_workload": "none"}, 1)
    intranet = new_workload(ctx, "Intranet")
    save_version(ctx, intranet, COMPLETE_ANSWERS, 1, status="accepted",
                 override=Override(service="app-service", reason="Team knows App Service."))  # fmt: skip
    return {"payroll": payroll, "legacy": legacy, "stock": stock, "intranet": intranet}


# No lifecycle date of Virtual Machines or App Service lies in (2026-04-01, 2027-04-01]: at this sidebar setting
# only the other staleness reasons show. The lifecycle reason has its own test below.
QUIET = (datetime.date(2026, 4, 1), 12)


def _board(new_app, judgement=QUIET):
    at = sign_in(run(new_app()), "Dana")
    at.session_state["lifecycle_as_of"], at.session_state["lifecycle_horizon_months"] = judgement
    return goto(at, "Board")


def _table(at):
    [frame] = [d.value for d in at.dataframe if "Stale" in d.value.columns]
    return frame


def _charts(at) -> int:
    return len(at.get("vega_lite_chart"))


def test_empty_board_says_there_is_nothing_yet(new_app):
    at = _board(new_app)
    assert values(at.title) == ["Board"]
    assert "No records yet: answer a workload's first question to create one." in values(at.info)
    assert not at.dataframe


def test_portfolio_lists_every_latest_record_with_service_status_confidence_and_staleness(new_app, portfolio, kb):
    at = _board(new_app)
    table = _table(at)
    rows = {row.Workload: row for row in table.itertuples()}
    assert list(table["Workload"]) == ["Intranet", "Legacy CRM", "Payroll <b>web</b>", "Stock API"]  # by name
    assert rows["Payroll <b>web</b>"].Service == "Azure Virtual Machines"
    assert rows["Intranet"].Service == "Azure App Service (override)"
    assert rows["Stock API"].Service == "(incomplete)"
    assert [rows[n].Status for n in ("Intranet", "Legacy CRM", "Payroll <b>web</b>", "Stock API")] == [
        "accepted", "recommended", "recommended", "in progress",
    ]  # fmt: skip
    assert rows["Payroll <b>web</b>"].Confidence > 0
    assert rows["Stock API"].Confidence == 0
    assert rows["Legacy CRM"].Knowledge == "compute-tree-2025"
    assert rows["Legacy CRM"].Stale == "older knowledge version"
    assert rows["Payroll <b>web</b>"].Stale == ""
    assert set(table["Triage"]) == {""}, "no inventory import: no triage verdicts"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Records shown": "4 of 4", "Decided": "1", "Overridden": "1", "Stale": "1"}
    assert _charts(at) == 3, "by service, status by service and confidence; no triage chart without an import"
    assert "No inventory import yet: import one on the Inventory page." in values(at.caption)
    assert [m.label for m in at.multiselect] == ["Service", "Status", "Knowledge version"], "no triage filter"


def test_filters_narrow_the_table_and_the_figures(new_app, portfolio):
    at = _board(new_app)
    one(at.multiselect, "Service").set_value(["Azure Virtual Machines"])
    run(at)
    assert sorted(_table(at)["Workload"]) == ["Legacy CRM", "Payroll <b>web</b>"]
    one(at.multiselect, "Knowledge version").set_value(["compute-tree-2026"])
    run(at)
    assert list(_table(at)["Workload"]) == ["Payroll <b>web</b>"]
    assert {m.label: m.value for m in at.metric}["Records shown"] == "1 of 4"

    one(at.multiselect, "Service").set_value([])
    one(at.multiselect, "Knowledge version").set_value([])
    one(at.multiselect, "Status").set_value(["in progress", "accepted"])
    run(at)
    assert sorted(_table(at)["Workload"]) == ["Intranet", "Stock API"]

    one(at.multiselect, "Status").set_value([])
    one(at.slider, "Confidence (%)").set_value((5, 100))
    run(at)
    assert list(_table(at)["Workload"]) == ["Payroll <b>web</b>"], "only it answered requirements"

    one(at.slider, "Confidence (%)").set_value((0, 100))
    one(at.toggle, "Stale only").set_value(True)
    run(at)
    assert list(_table(at)["Workload"]) == ["Legacy CRM"]

    one(at.multiselect, "Service").set_value(["Azure App Service"])
    run(at)
    assert "No record matches these filters." in values(at.info)
    assert "No record shown has an outcome yet." in values(at.caption)


def test_triage_filter_and_unit_chart_come_from_the_latest_import(new_app, portfolio, ctx, kb):
    golden, vnets = DATA / "golden_inventory.csv", DATA / "golden_vnets.csv"
    services.import_estate(ctx, person("Ann"), "Contoso", [golden], vnets, names=[golden.name], vnet_name=vnets.name)
    at = _board(new_app)
    table = _table(at)
    triage = dict(zip(table["Workload"], table["Triage"], strict=True))
    assert triage == {
        "Payroll <b>web</b>": "not_supported",  # corp-ops/ops01
        "Legacy CRM": "tool_ready",  # corp-app/app01
        "Stock API": "no linked VMs",
        "Intranet": "no linked VMs",
    }
    assert _charts(at) == 4
    assert any(c.startswith("VMs of every estate's latest import; the ") for c in shown_values(at.caption))
    one(at.multiselect, "Triage verdict").set_value(["not_supported"])
    run(at)
    assert list(_table(at)["Workload"]) == ["Payroll <b>web</b>"]


def test_selecting_a_row_opens_the_workloads_questionnaire(new_app, portfolio):
    at = _board(new_app)
    position = list(_table(at)["Workload"]).index("Stock API")
    at.session_state["board_table"] = {"selection": {"rows": [position], "columns": []}}
    run(at)
    assert values(at.title) == ["Stock API"]
    assert at.query_params["workload"] == str(portfolio["stock"].id)


def test_a_record_a_re_evaluation_found_changed_is_stale_until_superseded(new_app, portfolio, ctx, kb):
    aks_2025 = {
        "specialty_workload": "none", "migrate_or_build": "build_new", "full_control": "no", "hpc": "no",
        "event_driven": "no", "managed_web_hosting": "no", "full_orchestration": "yes", "managed_orchestration": "yes",
        "service_fabric_or_legacy_dotnet": "no", "openshift": "no", "full_kubernetes": "yes",
    }  # fmt: skip
    cluster = new_workload(ctx, "Cluster")
    save_version(ctx, cluster, aks_2025, 1, knowledge_version="compute-tree-2025")
    at = sign_in(run(new_app()), "Dana")
    at.session_state["lifecycle_as_of"], at.session_state["lifecycle_horizon_months"] = QUIET
    at = goto(at, "Re-evaluate")
    one(at.button, "Re-evaluate every record").click()
    run(at)
    goto(at, "Board")
    stale = dict(zip(_table(at)["Workload"], _table(at)["Stale"], strict=True))
    assert stale["Cluster"] == "older knowledge version, re-evaluation pending"
    assert stale["Legacy CRM"] == "older knowledge version, re-evaluation pending"
    assert stale["Payroll <b>web</b>"] == ""
    save_version(ctx, cluster, aks_2025, 2)  # a newer version (2026): no longer the one found changed
    run(at)
    stale = dict(zip(_table(at)["Workload"], _table(at)["Stale"], strict=True))
    assert stale["Cluster"] == ""


def test_the_stored_re_evaluation_run_is_what_every_user_sees(new_app, portfolio, ctx):
    """Dana's run is stored: Erin, in a session of her own that never ran one, sees the same stale records."""
    at = goto(sign_in(run(new_app()), "Dana"), "Re-evaluate")
    one(at.button, "Re-evaluate every record").click()
    run(at)
    run_by = services.latest_reevaluation(ctx)
    assert run_by is not None
    assert (run_by.author, run_by.actor_id, run_by.target_version) == ("Dana", "local:dana", "compute-tree-2026")

    other = sign_in(run(new_app()), "Erin")  # another browser session, another person
    other.session_state["lifecycle_as_of"], other.session_state["lifecycle_horizon_months"] = QUIET
    other = goto(other, "Board")
    stale = dict(zip(_table(other)["Workload"], _table(other)["Stale"], strict=True))
    assert stale["Legacy CRM"] == "older knowledge version, re-evaluation pending"
    assert stale["Payroll <b>web</b>"] == ""


def test_html_in_a_workload_name_is_table_text(new_app, portfolio):
    at = _board(new_app)
    assert "Payroll <b>web</b>" in list(_table(at)["Workload"])
    assert not any("<b>" in m.value for m in at.markdown)


def test_the_sidebar_lifecycle_setting_makes_records_with_a_date_ahead_stale(new_app, portfolio):
    # As of 2026-12-01 with 24 months (to 2028-12-01) the D-series sizes retire 2028-05-01 (lifecycle.md): both
    # Virtual Machines records are stale for it; App Service (Intranet's override) has no entry.
    at = _board(new_app, (datetime.date(2026, 12, 1), 24))
    stale = dict(zip(_table(at)["Workload"], _table(at)["Stale"], strict=True))
    assert stale["Payroll <b>web</b>"] == "lifecycle date ahead"
    assert stale["Legacy CRM"] == "older knowledge version, lifecycle date ahead"
    assert stale["Intranet"] == ""


def test_the_triage_chart_covers_every_estate_or_the_one_chosen(new_app, portfolio, ctx, kb):
    golden, vnets = DATA / "golden_inventory.csv", DATA / "golden_vnets.csv"
    for estate in ("Fabrikam", "Contoso"):  # Contoso imported last, Fabrikam first by name
        services.import_estate(ctx, person("Ann"), estate, [golden], vnets, names=[golden.name], vnet_name=vnets.name)
    at = _board(new_app)
    chooser = one(at.selectbox, "Estate")
    assert chooser.value is None
    assert chooser.options == ["Every estate", "Contoso", "Fabrikam"]
    assert any(c.startswith("VMs of every estate's latest import") for c in shown_values(at.caption))

    chooser.set_value("Fabrikam")
    run(at)
    assert any(c.startswith("VMs of the latest import of estate Fabrikam; the ") for c in shown_values(at.caption))
    assert _charts(at) == 4
