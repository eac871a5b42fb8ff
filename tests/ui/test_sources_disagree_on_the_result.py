"""Where Microsoft's sources disagree, the result page shows it (issue 19): the AKS minimum nodes of the two 2026 page
revisions beside the fact and in the comparison, Tanzu in the own-orchestration box on that outcome, and the
bare-metal route's second option (Nutanix Cloud Clusters on Azure) as a link.

Expected values are written by hand from shared/reference/lifecycle.md ("Corrections") and decision-tree.md §3.2.
"""

from __future__ import annotations

import pytest

from tests.services.builders import new_workload
from tests.ui.uihelp import one, open_workload, run, save_version, sign_in, values

TO_AKS_2026 = {
    "specialty_workload": "none", "migrate_or_build": "build_new", "full_control": "no", "hpc": "no",
    "event_driven": "no", "managed_web_hosting": "no", "full_orchestration": "yes", "managed_orchestration": "yes",
    "openshift": "no", "full_kubernetes": "yes",
}  # fmt: skip
TO_OWN_ORCHESTRATION_2026 = {**TO_AKS_2026, "managed_orchestration": "no"}
TO_BARE_METAL_2026 = {"specialty_workload": "bare_metal"}


@pytest.fixture
def open_record(new_app, ctx):
    def opened(name: str, answers: dict[str, str]):
        workload = new_workload(ctx, name)
        save_version(ctx, workload, answers, 1)
        return open_workload(sign_in(run(new_app()), "Dana"), workload.id)

    return opened


def test_the_aks_facts_show_that_the_2026_revisions_disagree_on_minimum_nodes(open_record):
    at = open_record("Orders", TO_AKS_2026)
    assert "Recommended: Azure Kubernetes Service (AKS)" in values(at.subheader)
    [facts] = [d.value for d in at.dataframe if "Sources disagree" in d.value.columns]
    by_fact = dict(zip(facts["Fact"], facts["Sources disagree"], strict=True))
    # 2026-02-04: 3; 2026-02-18: 6 (3 system + 3 per user pool).
    assert by_fact["minimum nodes"] == "Sources disagree: 3 (2026-02-04) · 6 (2026-02-18)"
    assert by_fact["state"] == "", "only the disputed fact says so"
    minimum = facts[facts["Fact"] == "minimum nodes"].iloc[0]
    assert minimum["Value"].startswith("6 ")
    assert "page revision of 2026-02-18" in minimum["Value"]
    [block] = [w for w in values(at.warning) if w.startswith("**Sources disagree: The minimum number of AKS nodes")]
    assert "- **3**: " in block
    assert "revision of 2026-02-04" in block
    assert "- **6** (the tool goes by this): " in block
    assert "revision of 2026-02-18" in block


def test_the_comparison_marks_the_disputed_fact(open_record):
    at = open_record("Orders", TO_AKS_2026)
    one(at.multiselect, "Services to compare (two to four)").set_value(["aks", "container-apps"])
    run(at)
    [facts] = [d.value for d in at.dataframe if "Minimum nodes" in d.value.index]
    aks = facts.loc["Minimum nodes", "Azure Kubernetes Service (AKS) (recommended)"]
    assert aks.endswith("⚖ Sources disagree: 3 (2026-02-04) · 6 (2026-02-18)")
    assert "Sources disagree" not in facts.loc["Minimum nodes", "Azure Container Apps"]
    assert any(w.startswith("**Sources disagree: Azure Kubernetes Service (AKS) (recommended), minimum nodes: ")
               for w in values(at.warning))  # fmt: skip


def test_the_own_orchestration_outcome_shows_the_tanzu_disagreement(open_record):
    """lifecycle.md: the newest diagram's box lists Kubernetes and OpenShift on VMs only; the 2026 page text (and
    older diagrams) still name Tanzu."""
    at = open_record("Legacy cluster", TO_OWN_ORCHESTRATION_2026)
    [recommended] = values(at.subheader)
    assert recommended.startswith("Recommended: Self-managed orchestration on Azure VMs")
    [block] = [w for w in values(at.warning) if w.startswith("**Sources disagree: Whether VMware Tanzu")]
    assert "- **Tanzu, Kubernetes and OpenShift on VMs** (the tool goes by this): " in block
    assert "- **Kubernetes and OpenShift on VMs only**: " in block


def test_the_bare_metal_route_links_nutanix_cloud_clusters_beside_dedicated_host(open_record):
    """lifecycle.md: the page's bare-metal row offers Azure Dedicated Hosts and Nutanix Cloud Clusters on Azure."""
    at = open_record("Licensed appliance", TO_BARE_METAL_2026)
    assert "Recommended: Azure Dedicated Host or Nutanix Cloud Clusters on Azure" in values(at.subheader)
    links = {button.proto.label: button.proto.url for button in at.get("link_button")}
    assert links["Microsoft Learn"] == "https://learn.microsoft.com/azure/virtual-machines/dedicated-hosts"
    assert links["Nutanix Cloud Clusters on Azure"] == (
        "https://learn.microsoft.com/azure/baremetal-infrastructure/workloads/nc2-on-azure/about-nc2-on-azure"
    )
