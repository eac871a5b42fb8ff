"""The result page of an overridden record follows the chosen service: header, conditions, facts and comparison;
the tree's outcome stays visible as "the tree recommended …"; every text is in words, never ids.

The walk leads to Azure App Service (tests/scenarios/app-service-conditions-2026.yaml); the team overrides it to
Azure Virtual Machines. The expected conditions are read from knowledge/catalog/services.yaml (virtual-machines:
the two that always hold, then hybrid_connectivity: required and multi_region: required); see
tests/export/test_override_consequences.py for the same case in the exports.
"""

from __future__ import annotations

import datetime

import pytest

from advisor import services
from advisor.models.record import GivenAnswer, Override
from tests.export.test_override_consequences import REASON, TO_APP_SERVICE, VM_CONDITIONS
from tests.export.test_words_for_people import bare_ids, known_ids
from tests.services.builders import ANN, new_workload, person
from tests.ui.uihelp import goto, one, open_workload, page_text, run, save_version, shown, shown_values, sign_in, values


def _overridden(ctx):
    workload = new_workload(ctx, "Claims portal")
    services.save_answers(
        ctx, ANN, workload.id, base_version=0, answers={q: GivenAnswer(answer=a) for q, a in TO_APP_SERVICE.items()},
        override=Override(service="virtual-machines", reason=REASON),
    )  # fmt: skip
    return workload


def test_the_result_page_follows_the_chosen_service(new_app, ctx, kb):
    workload = _overridden(ctx)
    at = open_workload(run(new_app()), workload.id)

    assert "Chosen: Azure Virtual Machines" in values(at.subheader)
    markdown = shown_values(at.markdown)
    assert "The tree recommended **Azure App Service**; the team chose Azure Virtual Machines instead." in markdown
    assert "**Conditions for Azure Virtual Machines**" in markdown
    [conditions] = [m for m in markdown if m.startswith("- Run at least two instances")]
    assert conditions.split("\n") == [f"- {condition}" for condition in VM_CONDITIONS]
    # App Service's own conditions (knowledge/catalog/services.yaml, app-service) are not this record's consequences
    text = shown(page_text(at))
    assert "Joining a virtual network calls for a plan on a dedicated-compute tier" not in text
    assert "Reach on-premises hosts through App Service Hybrid Connections" not in text
    assert "Facts of Azure Virtual Machines, the chosen service." in values(at.caption)


def test_every_candidate_has_a_reason_and_the_trees_outcome_comes_first(new_app, ctx, kb):
    workload = _overridden(ctx)
    at = open_workload(run(new_app()), workload.id)

    [table] = [d.value for d in at.dataframe if "Reasons" in d.value.columns]
    assert list(table["Service"])[:2] == [
        "Azure App Service (the tree's outcome)", "Azure Virtual Machines (chosen by override)",
    ]  # fmt: skip
    assert all(reason.strip() for reason in table["Reasons"]), "no candidate without a reason"
    vmware = table[table["Service"] == "Azure VMware Solution"]["Reasons"].item()
    assert "the decision tree turned away from it at “Are you migrating an existing workload, or building a new " \
           "one?” answered “Build a new workload”" in vmware  # fmt: skip


def test_the_result_page_names_no_id(new_app, ctx, kb):
    workload = _overridden(ctx)
    at = open_workload(run(new_app()), workload.id)

    ids = known_ids(kb)
    assert bare_ids(page_text(at), ids) == []
    for frame in (d.value for d in at.dataframe):
        cells = [str(v) for column in frame.columns if column not in ("Source",) for v in frame[column]]
        assert bare_ids("\n".join(cells), ids) == []


def _page_ids(at, ids: set[str]) -> list[str]:
    found = bare_ids(page_text(at), ids)
    for frame in (d.value for d in at.dataframe):
        cells = [str(v) for column in frame.columns if column != "Source" for v in frame[column]]
        found += bare_ids("\n".join(cells), ids)
    return sorted(set(found))


@pytest.mark.parametrize("page", ["Workloads", "Records", "Board", "Review sessions", "Re-evaluate"])
def test_the_other_pages_name_no_id(new_app, ctx, kb, page):
    overridden = _overridden(ctx)
    half = new_workload(ctx, "Half done")
    save_version(ctx, half, {"specialty_workload": "none"}, 1)
    session = services.create_session(
        ctx, person("Ann Arbiter"), "Board", datetime.date(2026, 3, 2), [("Ann Arbiter", "decision_maker")]
    )
    services.set_agenda(ctx, ANN, session.id, [overridden.id, half.id])
    at = goto(sign_in(run(new_app()), "Ann Arbiter"), page)
    if page == "Review sessions":
        one(at.selectbox, "Open a session").set_value(session.id)
        run(at)
        assert "Chosen: Azure Virtual Machines" in values(at.subheader), "the session item shows the record"
    assert _page_ids(at, known_ids(kb)) == []
