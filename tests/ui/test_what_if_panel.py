"""What-if sandbox and service comparison on the questionnaire's result: the hypothetical outcome next to the
current one, nothing saved until adopted with a reason, a reached question offered in the sandbox, answers
the knowledge version lacks reported and reset, and two to four services compared."""

from __future__ import annotations

import pytest

from advisor import services
from tests.services.builders import COMPLETE_ANSWERS, new_workload
from tests.ui.uihelp import click, labels, one, open_workload, run, save_version, shown_values, sign_in, values

VMWARE = "Does the workload run on VMware today?"
CONTAINERIZABLE = "Can the application be containerized?"
ADOPT = "Adopt as a new version"
REASON = "Reason for adopting (required)"
PREFIX = "whatif::questionnaire::{}::{}"


@pytest.fixture
def payroll(ctx, kb):
    """A 2026 walk to Azure Virtual Machines (a vendor product, not on VMware), version 1."""
    workload = new_workload(ctx, "Payroll")
    save_version(ctx, workload, COMPLETE_ANSWERS, 1)
    return workload


@pytest.fixture
def at(new_app, payroll):
    return open_workload(sign_in(run(new_app()), "Dana"), payroll.id)


def _frame(at, *columns):
    """The one dataframe on the page with exactly these columns."""
    [frame] = [d.value for d in at.dataframe if list(d.value.columns) == list(columns)]
    return frame


def test_sandbox_shows_the_current_and_hypothetical_outcome_and_saves_nothing(at, ctx, payroll):
    assert "What if…" in labels(at.expander)
    assert "Change an answer above to see the hypothetical outcome next to the current one." in values(at.info)
    assert one(at.selectbox, VMWARE).value == "no", "each question starts at the record's answer"
    one(at.selectbox, VMWARE).set_value("yes")
    run(at)
    assert "**Current:** Azure Virtual Machines" in values(at.markdown)
    assert "**What if:** Azure VMware Solution" in values(at.markdown)
    answers = _frame(at, "Question", "Current", "What if")
    assert list(answers.itertuples(index=False, name=None)) == [
        (VMWARE, "No, not on VMware", "Yes, it runs on VMware vSphere")
    ]
    path = _frame(at, "Question", "Change", "Current", "What if")
    assert list(path.itertuples(index=False, name=None)) == [
        (VMWARE, "changed", "No, not on VMware", "Yes, it runs on VMware vSphere")
    ]
    fits = _frame(at, "Service", "Current fit", "What-if fit", "Why (what if)")
    assert "Azure VMware Solution" in list(fits["Service"])
    assert "**Conditions added**" in values(at.markdown)
    assert "**Conditions removed**" in values(at.markdown)
    # Nothing saved: the record, and the questionnaire's own result, are unchanged.
    assert [r.version for r in services.record_history(ctx, payroll.id)] == [1]
    assert "Recommended: Azure Virtual Machines" in values(at.subheader)


def test_a_question_the_hypothetical_path_reaches_is_offered_in_the_sandbox(at, ctx, payroll, kb):
    event_driven = kb.version("compute-tree-2026").questions["event_driven"].text
    assert event_driven not in labels(at.selectbox)
    one(at.selectbox, CONTAINERIZABLE).set_value("yes")
    run(at)
    assert any(m.startswith("**What if:** stops at “") and event_driven in m for m in values(at.markdown))
    one(at.selectbox, event_driven).set_value("yes")
    run(at)
    assert "**What if:** Azure Functions" in values(at.markdown), "the reached question answered, the walk ends"
    path = [d.value for d in at.dataframe if list(d.value.columns) == ["Question", "Change", "Current", "What if"]]
    assert [(q, c) for q, c, *_ in path[0].itertuples(index=False, name=None)] == [
        (CONTAINERIZABLE, "changed"), (event_driven, "added"),
        (kb.version("compute-tree-2026").questions["cots"].text, "removed"), (VMWARE, "removed"),
    ]  # fmt: skip
    assert [r.version for r in services.record_history(ctx, payroll.id)] == [1]


def test_adopt_needs_a_reason(at, ctx, payroll):
    one(at.selectbox, VMWARE).set_value("yes")
    run(at)
    one(at.text_area, REASON).set_value("  ")
    click(at, ADOPT)
    assert "adopting a what-if needs a reason: say why the answers changed" in shown_values(at.error)
    assert [r.version for r in services.record_history(ctx, payroll.id)] == [1]
    assert one(at.selectbox, VMWARE).value == "yes", "the sandbox keeps its changes"


def test_adopt_with_a_reason_saves_the_next_version_and_the_questionnaire_shows_it(at, ctx, payroll):
    one(at.selectbox, VMWARE).set_value("yes")
    run(at)
    one(at.text_area, REASON).set_value("The inventory shows vSphere hosts after all.")
    click(at, ADOPT)
    saved = services.latest_record(ctx, payroll.id)
    assert (saved.version, saved.service, saved.status, saved.author) == (2, "vmware-solution", "proposed", "Dana")
    assert saved.change == "what-if adopted: vmware no → yes; reason: The inventory shows vSphere hosts after all."
    assert any(s.startswith("Adopted as version 2: what-if adopted") for s in shown_values(at.success))
    assert "Recommended: Azure VMware Solution" in values(at.subheader)
    assert one(at.selectbox, VMWARE).value == "yes", "the sandbox starts again from the new version"
    assert "Change an answer above to see the hypothetical outcome next to the current one." in values(at.info)
    assert any("Version 2, saved by Dana" in c for c in shown_values(at.caption))


def test_an_answer_the_knowledge_version_lacks_is_reported_and_reset(at, ctx, payroll):
    """A sandbox answer to a question of another version (service_fabric_or_legacy_dotnet is 2025-only), as a
    sandbox kept across a record's move to another version would hold: a clear message, and it is dropped."""
    key = PREFIX.format(payroll.id, "service_fabric_or_legacy_dotnet")
    at.session_state[key] = "yes"
    run(at)
    [error] = [e for e in shown_values(at.error) if "sandbox" in e]
    assert "The sandbox had answers knowledge version compute-tree-2026 lacks; they were reset" in error
    assert "service_fabric_or_legacy_dotnet: unknown question id in knowledge version compute-tree-2026" in error
    assert key not in at.session_state
    run(at)
    assert not [e for e in shown_values(at.error) if "sandbox" in e], "reported once, then gone"
    assert [r.version for r in services.record_history(ctx, payroll.id)] == [1]


def test_compare_two_to_four_services_with_facts_dates_and_sources(at):
    assert "Compare services" in labels(at.expander)
    picker = one(at.multiselect, "Services to compare (two to four)")
    assert len(picker.value) == 2
    assert picker.value[0] == "virtual-machines", "the recommended service is preselected"
    picker.set_value(["virtual-machines", "app-service", "aks"])
    run(at)
    [fit] = [d.value for d in at.dataframe if "Kind" in d.value.index]
    assert list(fit.columns) == ["Azure Virtual Machines (recommended)", "Azure App Service",
                                 "Azure Kubernetes Service (AKS)"]  # fmt: skip
    assert list(fit.index) == ["Kind", "Hosting model", "Fit for this workload", "Reasons", "Monthly estimate",
                               "Yearly estimate", "How the estimate is counted"]  # fmt: skip
    assert fit.loc["Kind", "Azure App Service"] == "tree"
    # No price sheet is loaded: every estimate says so (tests/ui/test_costs_on_the_result.py has one loaded).
    assert fit.loc["Monthly estimate", "Azure App Service"] == "no estimate"
    assert fit.loc["How the estimate is counted", "Azure App Service"].startswith(
        "no estimate: no price sheet is loaded"
    )
    facts = [d.value for d in at.dataframe if "State" in d.value.index]
    assert facts, "the catalog facts table"
    cell = facts[0].loc["State", "Azure App Service"]
    assert "(as of 20" in cell
    assert "https://" in cell
    one(at.multiselect, "Services to compare (two to four)").set_value(["aks"])
    run(at)
    assert "Pick two to four services." in values(at.caption)
