"""Each submission happens once: every action a form sends carries a token, and a repeat of the token gives
the first result and stores nothing more; another person's replay is refused; a refused call uses no token."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from advisor import KnowledgeBase, services
from advisor.errors import AccessError, InputError
from advisor.export import to_json
from advisor.models.actor import Actor
from advisor.models.answer_profile import AnswerProfile
from advisor.services import ServiceContext
from tests.services.builders import (
    ANN,
    ATTENDEES,
    BOARD_DATE,
    COMPLETE_ANSWERS,
    given,
    new_workload,
    open_ctx,
    open_session,
    person,
    reviewed_workload,
)

DATA = Path(__file__).parents[1] / "data"
GOLDEN = DATA / "golden_inventory.csv"
TOKEN = "form-token-0001"
BOB = person("Bob")


@dataclass
class Action:
    """One action a form sends: how to call it with a token, and what of it is stored (to count)."""

    call: Callable[[ServiceContext, dict[str, Any], str], object]
    stored: Callable[[ServiceContext, dict[str, Any]], object]


def _history(ctx: ServiceContext, world: dict[str, Any]) -> int:
    return len(services.record_history(ctx, world["payroll"].id))


def _sessions(ctx: ServiceContext, _world: dict[str, Any]) -> int:
    return len(services.list_sessions(ctx))


def _imports(ctx: ServiceContext, _world: dict[str, Any]) -> object:
    estate = services.find_estate(ctx, "Contoso")
    return 0 if estate is None else estate.import_count


ACTIONS: dict[str, Action] = {
    "create a workload": Action(
        lambda ctx, w, t: services.create_workload(ctx, ANN, "Billing", owner="Finance", token=t),
        lambda ctx, w: [s.workload.name for s in services.list_workloads(ctx)],
    ),
    "rename a workload": Action(
        lambda ctx, w, t: services.rename_workload(ctx, ANN, w["payroll"].id, "Payroll 2", token=t),
        lambda ctx, w: services.get_workload(ctx, w["payroll"].id).name,
    ),
    "change a workload": Action(
        lambda ctx, w, t: services.update_workload(ctx, ANN, w["payroll"].id, owner="HR", token=t),
        lambda ctx, w: services.get_workload(ctx, w["payroll"].id).updated_at,
    ),
    "save an answer": Action(
        lambda ctx, w, t: services.save_answers(
            ctx, ANN, w["payroll"].id, base_version=1, answers=given(COMPLETE_ANSWERS | {"cots": "no"}), token=t
        ),
        _history,
    ),
    "apply a profile": Action(
        lambda ctx, w, t: services.apply_profile_to_workload(
            ctx,
            ANN,
            w["payroll"].id,
            profile_name="Containers",
            base_version=1,
            answers=w["record"].answers,
            knowledge_version="compute-tree-2026",
            version_fixed=True,
            replace_own=True,
            token=t,
        ),
        _history,
    ),
    "adopt a what-if": Action(
        lambda ctx, w, t: services.adopt_what_if(ctx, ANN, w["record"], {"containerizable": "yes"}, "Docker", token=t),
        _history,
    ),
    "supersede": Action(
        lambda ctx, w, t: services.supersede(ctx, ANN, [w["payroll"].id], "compute-tree-2025", token=t), _history
    ),
    "create a review session": Action(
        lambda ctx, w, t: services.create_session(ctx, ANN, "Board April", BOARD_DATE, ATTENDEES, token=t),
        _sessions,
    ),
    "set an agenda": Action(
        lambda ctx, w, t: services.set_agenda(ctx, ANN, w["session"].id, [w["payroll"].id], token=t),
        lambda ctx, w: [i.workload_id for i in services.get_session(ctx, w["session"].id).items],
    ),
    "save notes": Action(
        lambda ctx, w, t: services.save_notes(ctx, ANN, w["board"].id, w["payroll"].id, "We agreed.", token=t),
        lambda ctx, w: services.get_session(ctx, w["board"].id).items[0].notes,
    ),
    "take an item again": Action(
        lambda ctx, w, t: services.refresh_item(ctx, ANN, w["board"].id, w["payroll"].id, token=t),
        lambda ctx, w: services.get_session(ctx, w["board"].id).items[0].base_version,
    ),
    "sign off": Action(
        lambda ctx, w, t: services.decide_item(
            ctx, ANN, w["board"].id, w["payroll"].id, "accept", "", None, "Ann Arbiter", token=t
        ),
        _history,
    ),
    "close a review session": Action(
        lambda ctx, w, t: services.close_session(ctx, ANN, w["session"].id, token=t),
        lambda ctx, w: services.get_session(ctx, w["session"].id).closed_at,
    ),
    "import an estate": Action(
        lambda ctx, w, t: services.import_estate(ctx, ANN, "Contoso", [GOLDEN], names=[GOLDEN.name], token=t),
        _imports,
    ),
    "create a profile": Action(
        lambda ctx, w, t: services.create_profile(
            ctx, ANN, "Lift", AnswerProfile.model_validate({"answers": {"containerizable": "no"}}), token=t
        ),
        lambda ctx, w: sorted(services.list_profiles(ctx)),
    ),
    "import records": Action(
        lambda ctx, w, t: services.import_records(ctx, ANN, w["export"], "payroll.json", token=t),
        _history,
    ),
    "start workloads from VMs": Action(
        lambda ctx, w, t: services.start_workloads(ctx, ANN, w["import"].id, [w["vm"]], token=t),
        lambda ctx, w: len(services.list_workloads(ctx)),
    ),
}


@pytest.fixture
def world(ctx: ServiceContext) -> dict[str, Any]:
    """A workload with one version, an empty open session, a session with it on the agenda, an import of the
    golden estate under another name, and an answer profile."""
    payroll, record = reviewed_workload(ctx)
    session = open_session(ctx)
    board = open_session(ctx, "Board with agenda")
    services.set_agenda(ctx, ANN, board.id, [payroll.id])
    outcome = services.import_estate(ctx, ANN, "Fabrikam", [GOLDEN], names=[GOLDEN.name])
    vms = services.import_vms(ctx, outcome.summary.id)
    vm = (str(vms["cloud_service"].iloc[0]), str(vms["vm_name"].iloc[0]))
    profile = AnswerProfile.model_validate({"answers": {"containerizable": "yes"}})
    services.create_profile(ctx, ANN, "Containers", profile)
    exported = to_json(services.select_records(ctx, names=["Payroll"]))
    return {"payroll": payroll, "record": record, "session": session, "board": board, "import": outcome.summary,
            "vm": vm, "export": exported}  # fmt: skip


@pytest.mark.parametrize("name", ACTIONS)
def test_a_repeated_token_gives_the_first_result_and_stores_nothing_more(
    ctx: ServiceContext, world: dict[str, Any], name: str
) -> None:
    action = ACTIONS[name]
    first = action.call(ctx, world, TOKEN)
    stored = action.stored(ctx, world)

    again = action.call(ctx, world, TOKEN)

    assert again == first
    assert action.stored(ctx, world) == stored


def test_a_repeated_save_gives_the_version_saved_not_a_conflict(ctx: ServiceContext) -> None:
    payroll, _ = reviewed_workload(ctx)
    answers = given(COMPLETE_ANSWERS | {"cots": "no"})
    first = services.save_answers(ctx, ANN, payroll.id, base_version=1, answers=answers, token=TOKEN)

    again = services.save_answers(ctx, ANN, payroll.id, base_version=1, answers=answers, token=TOKEN)

    assert (first.version, again.version) == (2, 2)
    assert [r.version for r in services.record_history(ctx, payroll.id)] == [1, 2]


def test_a_second_sign_off_click_shows_the_first_sign_off_not_already_decided(ctx: ServiceContext) -> None:
    payroll, _ = reviewed_workload(ctx)
    session = open_session(ctx)
    services.set_agenda(ctx, ANN, session.id, [payroll.id])

    first = services.decide_item(ctx, ANN, session.id, payroll.id, "accept", "", None, "Ann Arbiter", token=TOKEN)
    again = services.decide_item(ctx, ANN, session.id, payroll.id, "accept", "", None, "Ann Arbiter", token=TOKEN)

    assert again == first
    assert (again.version, again.status) == (2, "accepted")


def test_a_repeat_after_a_later_change_redoes_nothing(ctx: ServiceContext) -> None:
    payroll = new_workload(ctx, "Payroll")
    services.rename_workload(ctx, ANN, payroll.id, "Payroll 2", token=TOKEN)
    services.rename_workload(ctx, ANN, payroll.id, "Payroll 3")

    services.rename_workload(ctx, ANN, payroll.id, "Payroll 2", token=TOKEN)

    assert services.get_workload(ctx, payroll.id).name == "Payroll 3"


def test_a_token_replayed_by_another_person_is_refused_and_changes_nothing(ctx: ServiceContext) -> None:
    services.create_workload(ctx, ANN, "Billing", token=TOKEN)

    with pytest.raises(AccessError) as caught:
        services.create_workload(ctx, BOB, "Billing by Bob", token=TOKEN)

    assert caught.value.problems[0].message == (
        "this form was already sent by someone else; reload the page to send your own. Nothing was saved"
    )
    assert [s.workload.name for s in services.list_workloads(ctx)] == ["Billing"]


def test_a_token_sent_to_another_action_is_refused(ctx: ServiceContext) -> None:
    services.create_workload(ctx, ANN, "Billing", token=TOKEN)

    with pytest.raises(InputError, match=r"already used for another action \(create_workload\); nothing was saved"):
        services.create_session(ctx, ANN, "Board", BOARD_DATE, ATTENDEES, token=TOKEN)

    assert services.list_sessions(ctx) == []


def test_a_refused_call_uses_no_token(ctx: ServiceContext) -> None:
    services.create_workload(ctx, ANN, "Billing")
    with pytest.raises(InputError, match="already exists"):
        services.create_workload(ctx, ANN, "billing", token=TOKEN)
    created = services.create_workload(ctx, ANN, "Payroll", token=TOKEN)

    assert created.name == "Payroll"
    assert sorted(s.workload.name for s in services.list_workloads(ctx)) == ["Billing", "Payroll"]


def test_a_call_refused_to_a_nameless_person_uses_no_token(ctx: ServiceContext) -> None:
    with pytest.raises(AccessError, match="enter your name first"):
        services.create_session(ctx, Actor.nobody(), "Board", BOARD_DATE, ATTENDEES, token=TOKEN)

    session = services.create_session(ctx, ANN, "Board", BOARD_DATE, ATTENDEES, token=TOKEN)

    assert [s.id for s in services.list_sessions(ctx)] == [session.id]


def test_a_refused_sign_off_uses_no_token(ctx: ServiceContext) -> None:
    payroll, _ = reviewed_workload(ctx)
    session = open_session(ctx)
    services.set_agenda(ctx, ANN, session.id, [payroll.id])
    with pytest.raises(InputError, match="needs a reason"):
        services.decide_item(ctx, ANN, session.id, payroll.id, "reject", "", None, "Ann Arbiter", token=TOKEN)

    decided = services.decide_item(ctx, ANN, session.id, payroll.id, "reject", "Too costly", None, "Ann Arbiter",
                                   token=TOKEN)  # fmt: skip

    assert decided.status == "rejected"


@pytest.mark.parametrize("token", ["", "short", "x" * 101, "tab\there-token"])
def test_a_token_that_is_not_one_is_refused(ctx: ServiceContext, token: str) -> None:
    with pytest.raises(InputError, match="a submission token is 8 to 100 printable characters; nothing was saved"):
        services.create_workload(ctx, ANN, "Billing", token=token)

    assert services.list_workloads(ctx) == []


def test_without_a_token_each_call_acts(ctx: ServiceContext) -> None:
    first = services.create_session(ctx, ANN, "Board", datetime.date(2026, 3, 2), ATTENDEES)
    second = services.create_session(ctx, ANN, "Board", datetime.date(2026, 3, 2), ATTENDEES)

    assert first.id != second.id


def test_two_identical_requests_racing_store_one_and_both_get_it(store_url: str, kb: KnowledgeBase) -> None:
    """Two connections send the same form at once (on PostgreSQL both find the token free; the loser's insert
    of the token fails on its key, and its second run finds the winner's)."""
    barrier = threading.Barrier(2)
    results: list[object] = []

    def send() -> None:
        with open_ctx(store_url, kb) as own:
            own.database.check()
            barrier.wait()
            results.append(services.create_session(own, ANN, "Board", BOARD_DATE, ATTENDEES, token=TOKEN))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    with open_ctx(store_url, kb) as ctx:
        assert len(services.list_sessions(ctx)) == 1
    assert len(results) == 2
    assert results[0] == results[1]
