"""The knowledge corrections of shared/reference/lifecycle.md ("Corrections"), each at the page revision it comes
from. Every expected value here is written by hand from that table and from the two 2026 revisions and the 2025
revision of MicrosoftDocs/architecture-center docs/guide/technology-choices/compute-decision-tree.md.
"""

from __future__ import annotations

import datetime

import pytest

from advisor import KnowledgeBase

V2025, V2026 = "compute-tree-2025", "compute-tree-2026"
LEARN = "https://learn.microsoft.com"


def _fact(kb: KnowledgeBase, version: str, service: str, fact: str):
    return kb.version(version).services[service].facts[fact]


@pytest.mark.parametrize(("version", "date"), [(V2025, datetime.date(2025, 2, 4)), (V2026, datetime.date(2026, 2, 18))])
def test_functions_vnet_integration_is_the_pages_footnote(kb: KnowledgeBase, version: str, date: datetime.date) -> None:
    """Footnote 1 of the networking table (App Service and Functions): an App Service Environment or a dedicated
    compute pricing tier; the plan list is footnote 3, hybrid connectivity."""
    fact = _fact(kb, version, "functions", "vnet_integration")
    assert "App Service Environment or a dedicated compute pricing tier" in fact.value
    assert fact.date == date
    assert "Premium" not in fact.value
    hybrid = _fact(kb, version, "functions", "hybrid_connectivity").value
    assert "Premium" in hybrid
    assert ("Flex Consumption" in hybrid) == (version == V2026), "Flex Consumption joined the footnote in 2026"


def test_aks_minimum_nodes_name_their_page_revision(kb: KnowledgeBase) -> None:
    """2025-02-04 and 2026-02-04: 3; 2026-02-18: 6 (3 system + 3 per user pool)."""
    later = _fact(kb, V2026, "aks", "minimum_nodes")
    assert later.value.startswith("6 ")
    assert "2026-02-18" in later.value
    assert later.date == datetime.date(2026, 2, 18)
    assert "2026-02-04" in (later.note or "")
    earlier = _fact(kb, V2025, "aks", "minimum_nodes")
    assert (earlier.value, earlier.date) == ("3", datetime.date(2025, 2, 4))
    disputed = kb.disagreements.about_fact("aks", "minimum_nodes", V2026)
    assert disputed is not None
    assert [(c.value, [s.dated for s in c.sources]) for c in disputed.claims] == [
        ("3", [datetime.date(2026, 2, 4)]),
        ("6", [datetime.date(2026, 2, 18)]),
    ]


def test_batch_low_priority_cores_are_said_to_be_retired_beside_the_fact(kb: KnowledgeBase) -> None:
    """The page still gives 900 dedicated + 100 low-priority cores; Batch low-priority VMs retired on 2025-09-30."""
    for version in (V2025, V2026):
        fact = _fact(kb, version, "batch", "scale_limit")
        assert "100 low-priority cores" in fact.value
        assert "retired" in (fact.note or "")
    [entry] = [e for e in kb.lifecycle.entries if e.id == "batch-low-priority-vms-retired"]
    assert (entry.date, entry.event, list(entry.facts)) == (datetime.date(2025, 9, 30), "retired", ["scale_limit"])
    assert any("low-priority VMs are retired" in c.text for c in kb.version(V2026).services["batch"].conditions)


def test_the_bare_metal_route_offers_nutanix_cloud_clusters_beside_dedicated_host(kb: KnowledgeBase) -> None:
    view = kb.version(V2026).services["dedicated-host"]
    assert view.learn_url == f"{LEARN}/azure/virtual-machines/dedicated-hosts"
    assert [(link.name, link.url) for link in view.see_also] == [
        ("Nutanix Cloud Clusters on Azure",
         f"{LEARN}/azure/baremetal-infrastructure/workloads/nc2-on-azure/about-nc2-on-azure"),
    ]  # fmt: skip
    assert "Nutanix Cloud Clusters on Azure" in kb.version(V2026).outcomes["dedicated-host"].label


@pytest.mark.parametrize(
    ("service", "first", "more"),
    [
        ("virtual-desktop", "/azure/architecture/guide/virtual-desktop/start-here", []),
        ("sap-on-azure", "/azure/sap/workloads/get-started", []),
        (
            "mainframe-migration",
            "/azure/architecture/example-scenario/mainframe/mainframe-rehost-architecture-azure",
            ["/azure/architecture/example-scenario/mainframe/general-mainframe-refactor"],
        ),
        ("service-fabric", "/azure/service-fabric/service-fabric-application-scenarios", []),
    ],
)
def test_specialty_routes_link_what_the_2026_page_links(kb: KnowledgeBase, service: str, first: str, more) -> None:
    view = kb.version(V2026).services[service]
    assert view.learn_url == LEARN + first
    assert [link.url for link in view.see_also] == [LEARN + path for path in more]
    assert kb.version(V2026).outcomes[service].source == LEARN + first


def test_the_marketplace_route_links_the_product_search(kb: KnowledgeBase) -> None:
    view = kb.version(V2026).services["marketplace-offer"]
    assert view.learn_url == "https://marketplace.microsoft.com/search/products?product=azure"


def test_service_fabric_keeps_its_overview_link_as_a_2025_tree_outcome(kb: KnowledgeBase) -> None:
    assert (
        kb.version(V2025).services["service-fabric"].learn_url
        == f"{LEARN}/azure/service-fabric/service-fabric-overview"
    )


def test_the_2026_container_branch_follows_the_decoded_diagram(kb: KnowledgeBase) -> None:
    """The flowchart itself: "Need a managed service?" Yes -> the OpenShift question; no Service Fabric step. The
    specialty question at the root stays our modeling choice."""
    version = kb.version(V2026)
    [yes] = [a for a in version.questions["managed_orchestration"].answers if a.id == "yes"]
    assert (yes.leads_to, yes.inferred) == ("openshift", False)
    assert version.questions["specialty_workload"].inferred
    assert "service_fabric_or_legacy_dotnet" not in version.questions
    assert version.path_count() == 36, "contract §1: the 2026 tree keeps 36 paths"
    [yes_2025] = [a for a in kb.version(V2025).questions["managed_orchestration"].answers if a.id == "yes"]
    assert yes_2025.leads_to == "service_fabric_or_legacy_dotnet"


def test_the_classic_resource_providers_retirement_is_a_key_date(kb: KnowledgeBase) -> None:
    """2024-08-31: the classic resource providers retired as a whole; validate/prepare/commit cannot run since."""
    [providers] = [k for k in kb.key_dates if k.entry == "classic-resource-providers-retired"]
    assert (providers.date, providers.headline) == (datetime.date(2024, 8, 31), True)
    assert "validate, prepare and commit" in providers.event
    assert providers.verdict_note is not None
    assert "“tool ready”" in providers.verdict_note
    assert "2024-08-31" in providers.verdict_note
    assert "before the classic resource providers were retired" in kb.triage.verdict_help["tool_ready"]


def test_the_c5_message_no_longer_asserts_one_claim(kb: KnowledgeBase) -> None:
    [c5] = [rule for rule in kb.triage.rules if rule.id == "C5"]
    assert "disagree" in c5.message
    assert c5.workaround.startswith("Uninstall the extension before the migration")
    assert kb.triage.disputes["C5"].id == "xml-extensions-at-migration"
