"""Pages that act once and tell the truth, through AppTest: a refused form shows each message beside its field
and keeps what was typed; a suggestion is asked, not applied; an address naming an unknown workload says so."""

from __future__ import annotations

from typing import Any

from advisor import services
from advisor.models.actor import Actor
from advisor.models.record import GivenAnswer
from tests.services.builders import left_by_an_older_installation, make_record, new_workload, person
from tests.ui.uihelp import create_workload, goto, one, open_workload, run, shown, sign_in

SUGGESTED = "From inventory: the VM exists, so the workload is being migrated."


def _in_order(node: Any) -> list[tuple[str, str]]:
    """Every element under ``node`` in page order, as (type, label or text)."""
    found: list[tuple[str, str]] = []
    for child in getattr(node, "children", {}).values():
        kind = getattr(child, "type", "")
        if kind in ("text_input", "text_area", "selectbox", "radio"):
            found.append((kind, str(child.label)))
        elif kind in ("error", "warning", "info", "success"):
            found.append((kind, shown(str(child.value))))
        found += _in_order(child)
    return found


def test_a_refused_new_workload_shows_the_message_under_the_name_and_keeps_what_was_typed(new_app, ctx) -> None:
    at = sign_in(run(new_app()), "Dana")
    create_workload(at, "   ", owner="Ops team", context="Pays staff.")

    order = _in_order(at.main)
    name = order.index(("text_input", "Name"))
    assert order[name + 1] == ("error", "a workload needs a name")
    assert one(at.text_input, "Owner").value == "Ops team"
    assert one(at.text_area, "Context").value == "Pays staff."
    assert services.list_workloads(ctx, include_archived=True) == []


def test_a_sign_off_without_a_reason_shows_it_under_the_reason_and_the_form_stays(new_app, ctx) -> None:
    workload = new_workload(ctx, "Payroll")
    record = make_record(ctx.kb, workload, 1)
    services.save_answers(ctx, sign_in_actor(), workload.id, base_version=0, answers=record.answers)
    session = services.create_session(ctx, sign_in_actor(), "Board", record.created_at.date(),
                                      [("Dana", "decision_maker")])  # fmt: skip
    services.set_agenda(ctx, sign_in_actor(), session.id, [workload.id])
    at = goto(sign_in(run(new_app()), "Dana"), "Review sessions")
    one(at.radio, "Outcome").set_value("reject")
    one(at.button, "Sign off").click()
    run(at)

    order = _in_order(at.main)
    reason = order.index(("text_area", "Reason (required to reject or override)"))
    assert order[reason + 1] == ("error", "a rejection needs a reason: say why the board decided so")
    assert one(at.radio, "Outcome").value == "reject", "the form is still there, with the outcome chosen"
    assert services.latest_record(ctx, workload.id).version == 1


def sign_in_actor() -> Actor:
    return person("Dana")


def test_an_inventory_suggestion_is_asked_preselected_and_counts_once_confirmed(new_app, ctx) -> None:
    workload = new_workload(ctx, "corp-app/app01")
    suggestions = {"migrate_or_build": GivenAnswer(answer="migrate", note=SUGGESTED, source="inventory")}
    services.save_answers(ctx, sign_in_actor(), workload.id, base_version=0, answers=suggestions,
                          knowledge_version="compute-tree-2025")  # fmt: skip
    at = open_workload(sign_in(run(new_app()), "Dana"), workload.id)

    version = ctx.kb.version("compute-tree-2025")
    assert f"### 1. {version.questions['migrate_or_build'].text}" in [h.value for h in at.markdown]
    assert one(at.radio, "Your answer").value == "migrate", "the suggestion is preselected"
    assert any(i.startswith("Suggested by the inventory: “Migrate an existing workload”.") for i in
               [shown(str(e.value)) for e in at.info])  # fmt: skip
    one(at.button, "Save answer").click()
    run(at)

    confirmed = services.latest_record(ctx, workload.id)
    assert confirmed.version == 2
    assert confirmed.answers["migrate_or_build"] == GivenAnswer(answer="migrate", note=SUGGESTED)


def test_a_suggestion_the_knowledge_no_longer_offers_is_said_and_not_preselected(new_app, ctx) -> None:
    workload = new_workload(ctx, "corp-app/app02")
    record = make_record(ctx.kb, workload, 1, answers={"specialty_workload": "none"})
    stale = GivenAnswer(answer="teleport", note="From inventory: an older rule.", source="inventory")
    left_by_an_older_installation(ctx, record=record.model_copy(
        update={"answers": {**record.answers, "migrate_or_build": stale}}))  # fmt: skip
    at = open_workload(sign_in(run(new_app()), "Dana"), workload.id)

    assert any("The inventory suggested “teleport”, which knowledge version compute-tree-2026 does not offer" in w
               for w in [shown(str(e.value)) for e in at.warning])  # fmt: skip
    assert one(at.radio, "Your answer").value is None


def test_an_address_with_an_unknown_workload_says_so_on_any_page(new_app, ctx) -> None:
    at = sign_in(run(new_app()), "Dana")
    at.query_params["workload"] = "9999"
    goto(at, "Records")

    assert "There is no workload 9999. Choose one on the Workloads page." in [shown(str(e.value)) for e in at.error]
    assert "workload" not in at.query_params
