"""The board's portfolio (advisor.review.portfolio): staleness, linked VMs' worst verdict, filters, chart figures,
over a hand-built frame shaped as the board query (BoardQueries.frame) returns it."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest

from advisor import KnowledgeBase, load_knowledge
from advisor.lifecycle.judgement import Judgement
from advisor.review.portfolio import (
    CONFIDENCE_BUCKETS,
    INCOMPLETE,
    NO_VMS,
    NOT_IN_INVENTORY,
    BoardFilter,
    apply_filter,
    by_service,
    confidence_histogram,
    latest_verdicts,
    portfolio,
    retiring_services,
    status_by_service,
    unit_verdicts,
)
from tests.lifecycle.knowledge_copy import knowledge_copy

LINK = '[{{"cloud_service": "{}", "vm_name": "{}"}}]'


def _frame(rows: list[tuple], stored: dict[str, tuple[str, str]] | None = None) -> pd.DataFrame:
    """The board's frame; ``stored`` maps a workload name to the (revisit_by, lifecycle_revision) its version kept."""
    columns = ["workload_id", "name", "vm_links", "version", "status", "service", "knowledge_version", "confidence",
               "overridden"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    frame["record_status"] = [s if s in ("accepted", "rejected") else "proposed" for s in frame["status"]]
    kept = stored or {}
    frame["stored_revisit_by"] = [kept.get(name, (None, None))[0] for name in frame["name"]]
    frame["lifecycle_revision"] = [kept.get(name, (None, None))[1] for name in frame["name"]]
    return frame


FRAME = _frame(
    [
        (1, "Payroll", LINK.format("cs-a", "vm1"), 3, "recommended", "virtual-machines", "compute-tree-2026", 0.5,
         False),
        (2, "Legacy", "[]", 1, "accepted", "virtual-machines", "compute-tree-2025", 1.0, False),
        (3, "Stock", LINK.format("cs-b", "vm9"), 2, "in_progress", None, "compute-tree-2026", 0.0, False),
        (4, "Portal", '[{"cloud_service": "cs-a", "vm_name": "vm1"}, {"cloud_service": "cs-a", "vm_name": "vm2"}]', 1,
         "accepted", "app-service", "compute-tree-2026", 0.95, True),
    ],
    # Legacy's accepted version kept its date at sign-off; Portal's was saved before records kept one.
    stored={"Legacy": ("2027-01-01", "lifecycle-2025-01-01"), "Payroll": ("2026-03-31", "lifecycle-2026-12-01")},
)  # fmt: skip
VERDICTS = {("cs-a", "vm1"): "tool_ready", ("cs-a", "vm2"): "unknown"}
# No lifecycle date of Virtual Machines or App Service lies in (2026-04-01, 2027-04-01] (lifecycle.md), and none
# of their whole services stops: at this judgement no record of FRAME is stale for lifecycle reasons.
QUIET = Judgement(datetime.date(2026, 4, 1), 12)


def test_portfolio_names_services_and_states_why_a_record_is_stale(kb: KnowledgeBase) -> None:
    board = portfolio(FRAME, kb, VERDICTS, pending={1: 3, 4: 0}, judgement=QUIET)

    assert list(board["service_name"]) == ["Azure Virtual Machines", "Azure Virtual Machines", INCOMPLETE,
                                           "Azure App Service"]  # fmt: skip
    assert list(board["status_label"]) == ["recommended", "accepted", "in progress", "accepted"]
    # 1: pending at its current version; 2: decided under 2025; 4: pending was for another version.
    assert list(board["stale"]) == ["re-evaluation pending", "older knowledge version", "", ""]
    assert list(board["is_stale"]) == [True, True, False, False]
    assert list(board["triage"]) == ["tool_ready", NO_VMS, NOT_IN_INVENTORY, "unknown"], "the worst verdict"


def test_without_an_inventory_there_is_no_triage(kb: KnowledgeBase) -> None:
    assert set(portfolio(FRAME, kb, judgement=QUIET)["triage"]) == {""}


def test_filters_combine(kb: KnowledgeBase) -> None:
    board = portfolio(FRAME, kb, VERDICTS, judgement=QUIET)

    def names(**chosen: object) -> list[str]:
        return list(apply_filter(board, BoardFilter(**chosen))["name"])  # type: ignore[arg-type]

    assert names() == ["Payroll", "Legacy", "Stock", "Portal"]
    assert names(services=["Azure Virtual Machines"]) == ["Payroll", "Legacy"]
    assert names(services=["Azure Virtual Machines"], versions=["compute-tree-2026"]) == ["Payroll"]
    assert names(statuses=["accepted"]) == ["Legacy", "Portal"]
    assert names(triage=["unknown", NO_VMS]) == ["Legacy", "Portal"]
    assert names(confidence=(0.5, 0.95)) == ["Payroll", "Portal"], "both bounds included"
    assert names(stale_only=True) == ["Legacy"]
    assert names(services=[INCOMPLETE]) == ["Stock"]


def test_chart_figures(kb: KnowledgeBase) -> None:
    board = portfolio(FRAME, kb, VERDICTS, judgement=QUIET)

    assert by_service(board).to_dict() == {"Azure Virtual Machines": 2, "Azure App Service": 1}
    assert status_by_service(board).loc["Azure Virtual Machines"].to_dict() == {
        "accepted": 1, "in progress": 0, "recommended": 1,
    }  # fmt: skip
    histogram = confidence_histogram(board)
    assert list(histogram.index) == list(CONFIDENCE_BUCKETS)
    assert histogram.to_dict() == dict.fromkeys(CONFIDENCE_BUCKETS, 0) | {
        "0–10%": 1, "50–60%": 1, "90–100%": 2,
    }, "100% falls in the last bucket"  # fmt: skip
    assert status_by_service(board.iloc[0:0]).empty


def test_unit_verdicts_and_the_latest_import_winning() -> None:
    old = pd.DataFrame({"cloud_service": ["cs-a", "cs-b"], "vm_name": ["vm1", "vm1"],
                        "verdict": ["not_supported", "unknown"], "unit": ["vnet-1", "vnet-2"]})  # fmt: skip
    new = pd.DataFrame({"cloud_service": ["cs-a", "cs-a", "cs-c"], "vm_name": ["vm1", "vm2", "vm1"],
                        "verdict": ["tool_ready", "tool_ready", "not_supported"],
                        "unit": ["vnet-1", "vnet-1", "cloud_service:cs-c"]})  # fmt: skip

    assert latest_verdicts([old, new]) == {
        ("cs-a", "vm1"): "tool_ready", ("cs-b", "vm1"): "unknown", ("cs-a", "vm2"): "tool_ready",
        ("cs-c", "vm1"): "not_supported",
    }  # fmt: skip
    units = unit_verdicts(new)
    assert list(units.index) == ["vnet-1", "cloud_service:cs-c"], "largest unit first"
    assert list(units.columns) == ["tool_ready", "not_supported"], "verdicts by severity"
    assert units.loc["vnet-1"].to_dict() == {"tool_ready": 2, "not_supported": 0}
    assert list(unit_verdicts(new, limit=1).index) == ["vnet-1"]
    assert unit_verdicts(new.iloc[0:0]).empty


def test_a_lifecycle_date_ahead_inside_the_horizon_makes_a_record_stale(kb: KnowledgeBase) -> None:
    # As of 2026-12-01 with 24 months (to 2028-12-01), the D-series sizes retire 2028-05-01: Virtual Machines records
    # are stale from that date on; App Service has no entry.
    judged = Judgement(datetime.date(2026, 12, 1), 24)
    pairs = [("compute-tree-2026", "virtual-machines"), ("compute-tree-2026", "app-service")]
    assert retiring_services(kb, pairs, judged) == {("compute-tree-2026", "virtual-machines"): "2028-05-01"}
    board = portfolio(FRAME, kb, judgement=judged)
    assert list(board["stale"]) == ["lifecycle date ahead", "older knowledge version, lifecycle date ahead", "", ""]


@pytest.fixture(scope="module")
def retiring_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The shipped knowledge, copied, with Azure App Service retiring as a whole on 2029-03-31 (a fixture)."""
    entry = (
        "  - id: app-service-retired-fixture\n    subject: {kind: service, id: app-service}\n    event: retired\n"
        "    date: 2029-03-31\n    touches: [app-service]\n    source: https://example.com/retirement\n"
    )
    return load_knowledge(knowledge_copy(tmp_path_factory.mktemp("knowledge"), append={"lifecycle.yaml": entry}))


def test_a_chosen_service_that_stops_inside_the_horizon_is_stale(retiring_kb: KnowledgeBase) -> None:
    judged = Judgement(datetime.date(2027, 6, 1), 24)  # to 2029-06-01
    pairs = [("compute-tree-2026", "app-service"), ("compute-tree-2026", "aks")]
    assert retiring_services(retiring_kb, pairs, judged) == {
        ("compute-tree-2026", "app-service"): "2029-03-31",
        ("compute-tree-2026", "aks"): "2028-03-31",  # kubenet retires inside (2027-06-01, 2029-06-01] too
    }
    assert list(portfolio(FRAME, retiring_kb, judgement=QUIET)["stale"])[3] == "", "2029 is beyond 2027-04-01"
    board = portfolio(FRAME, retiring_kb, judgement=judged)
    assert list(board["stale"])[3] == "lifecycle date ahead"


def test_revisit_by_is_kept_from_a_decided_version_and_judged_for_the_others(kb: KnowledgeBase) -> None:
    board = portfolio(FRAME, kb, judgement=QUIET)

    # Payroll (recommended): Virtual Machines' first date after 2026-04-01 is the D-series' 2028-05-01 (the
    # 2026-03-31 outbound-access date is already past; the stored date of an undecided version is not used).
    # Legacy (accepted): the date its version kept. Stock: no service. Portal (accepted, saved before records kept
    # a date): App Service has no lifecycle entry.
    assert list(board["revisit_by"]) == ["2028-05-01", "2027-01-01", "", ""]


def test_the_revisit_filter_keeps_records_due_on_or_before_a_day(kb: KnowledgeBase) -> None:
    board = portfolio(FRAME, kb, judgement=QUIET)

    def names(day: datetime.date) -> list[str]:
        return list(apply_filter(board, BoardFilter(revisit_before=day))["name"])

    assert names(datetime.date(2027, 1, 1)) == ["Legacy"], "inclusive"
    assert names(datetime.date(2026, 12, 31)) == []
    assert names(datetime.date(2028, 5, 1)) == ["Payroll", "Legacy"]
