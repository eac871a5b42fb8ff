"""Bad input to the services (issue 12): an unknown workload, a name that differs from a taken one only in case,
a stale version number, an acting person without an id. Each is refused with one line through the error tree
(an AdvisorError, never a bare exception), and nothing is written: every table holds the same rows after."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from advisor import KnowledgeBase, services
from advisor.errors import AccessError, AdvisorError, ConflictError, InputError, NameTakenError
from advisor.models.actor import Actor
from advisor.models.answer_profile import AnswerProfile
from advisor.models.record import GivenAnswer
from advisor.services import ServiceContext
from advisor.store.tables import metadata
from tests.services.builders import ANN, COMPLETE_ANSWERS, given, new_workload, open_session, save

UNKNOWN = 4242
NO_ID = Actor.model_construct(id="", name="Ann", source="app")  # what a sign-in without a subject could give
BLANK_ID = Actor(id="   ", name="Ann", source="app")


def _everything(store_url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = create_engine(store_url)
    try:
        with engine.connect() as conn:
            return {
                table: sorted((tuple(row) for row in conn.execute(text(f'SELECT * FROM "{table}"'))), key=repr)
                for table in sorted(metadata.tables)
            }
    finally:
        engine.dispose()


@pytest.fixture
def seeded(ctx: ServiceContext) -> dict[str, Any]:
    """Payroll (two versions), Billing (one), a profile, and a session with Payroll on its agenda at version 1."""
    payroll = new_workload(ctx, "Payroll")
    save(ctx, payroll, 1)
    billing = new_workload(ctx, "Billing")
    save(ctx, billing, 1)
    services.save_profile(ctx, ANN, "Lift", AnswerProfile(answers={"cots": "yes"}))
    session = open_session(ctx, "Board", [("Ann", "decision_maker")])
    services.set_agenda(ctx, ANN, session.id, [payroll.id])
    save(ctx, payroll, 2, author="Bob", minute=5)  # after the agenda was set: the item is stale now
    return {"payroll": payroll, "billing": billing, "session": session}


def _refused(store_url: str, expected: type[AdvisorError], call: Callable[[], object]) -> AdvisorError:
    before = _everything(store_url)
    with pytest.raises(expected) as caught:
        call()
    assert "\n" not in str(caught.value), "one line"
    assert _everything(store_url) == before, "nothing written"
    return caught.value


UNKNOWN_WORKLOAD_CALLS: dict[str, Callable[[ServiceContext, dict[str, Any]], object]] = {
    "rename": lambda ctx, s: services.rename_workload(ctx, ANN, UNKNOWN, "New"),
    "update": lambda ctx, s: services.update_workload(ctx, ANN, UNKNOWN, owner="Bob"),
    "archive": lambda ctx, s: services.archive_workload(ctx, ANN, UNKNOWN),
    "restore": lambda ctx, s: services.restore_workload(ctx, ANN, UNKNOWN),
    "save answers": lambda ctx, s: services.save_answers(
        ctx, ANN, UNKNOWN, base_version=0, answers=given(COMPLETE_ANSWERS)
    ),
    "apply a profile": lambda ctx, s: services.apply_profile_to_workload(
        ctx, ANN, UNKNOWN, profile_name="Lift", base_version=0, answers={}, knowledge_version="compute-tree-2026",
        version_fixed=False,
    ),
    "set an agenda": lambda ctx, s: services.set_agenda(ctx, ANN, s["session"].id, [s["payroll"].id, UNKNOWN]),
    "save notes": lambda ctx, s: services.save_notes(ctx, ANN, s["session"].id, UNKNOWN, "notes"),
    "decide": lambda ctx, s: services.decide_item(ctx, ANN, s["session"].id, UNKNOWN, "accept", "", None, "Ann"),
    "supersede": lambda ctx, s: services.supersede(ctx, ANN, [s["billing"].id, UNKNOWN], "compute-tree-2025"),
    "read": lambda ctx, s: services.get_workload(ctx, UNKNOWN),
    "read its history": lambda ctx, s: services.record_history(ctx, UNKNOWN),
}  # fmt: skip


@pytest.mark.parametrize("call", list(UNKNOWN_WORKLOAD_CALLS.values()), ids=list(UNKNOWN_WORKLOAD_CALLS))
def test_an_unknown_workload_is_one_line_and_nothing_is_written(
    ctx: ServiceContext, store_url: str, seeded: dict[str, Any], call: Callable[..., object]
) -> None:
    error = _refused(store_url, InputError, lambda: call(ctx, seeded))

    assert str(error) == f"<input>: workload: no workload with id {UNKNOWN}"


DUPLICATE_CALLS: dict[str, tuple[Callable[[ServiceContext, dict[str, Any]], object], str]] = {
    "create a workload": (
        lambda ctx, s: services.create_workload(ctx, ANN, "  PAYROLL "), "a workload named 'Payroll'"
    ),
    "rename a workload": (
        lambda ctx, s: services.rename_workload(ctx, ANN, s["billing"].id, "payroll"), "a workload named 'Payroll'"
    ),
    "create a profile": (lambda ctx, s: services.create_profile(ctx, ANN, "LIFT", AnswerProfile()),
                         "a profile named 'Lift'"),
    "rename a profile": (lambda ctx, s: _second_profile_renamed_to(ctx, "lift "), "a profile named 'Lift'"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(DUPLICATE_CALLS), ids=list(DUPLICATE_CALLS))
def test_a_name_that_differs_only_in_case_is_one_line_and_nothing_is_written(
    ctx: ServiceContext, store_url: str, seeded: dict[str, Any], case: str
) -> None:
    call, message = DUPLICATE_CALLS[case]
    if case == "rename a profile":
        services.save_profile(ctx, ANN, "Basic", AnswerProfile())  # the profile being renamed

    error = _refused(store_url, NameTakenError, lambda: call(ctx, seeded))

    assert f"{message} already exists" in str(error)


def _second_profile_renamed_to(ctx: ServiceContext, name: str) -> object:
    return services.save_profile(ctx, ANN, name, AnswerProfile(), original="Basic")


def test_a_profile_rename_onto_a_taken_name_keeps_both_profiles(ctx: ServiceContext, seeded: dict[str, Any]) -> None:
    services.save_profile(ctx, ANN, "Basic", AnswerProfile())

    with pytest.raises(NameTakenError):
        _second_profile_renamed_to(ctx, "LIFT")

    assert sorted(services.list_profiles(ctx)) == ["Basic", "Lift"]


STALE_CALLS: dict[str, tuple[Callable[[ServiceContext, dict[str, Any]], object], str]] = {
    "save on version 1": (
        lambda ctx, s: services.save_answers(
            ctx, ANN, s["payroll"].id, base_version=1, answers=given(COMPLETE_ANSWERS)
        ),
        "workload 'Payroll': version 2 was saved by Bob at 2026-03-01 09:05:00 UTC meanwhile; this save was refused",
    ),
    "save skipping a version": (
        lambda ctx, s: services.save_answers(
            ctx, ANN, s["payroll"].id, base_version=5, answers=given(COMPLETE_ANSWERS)
        ),
        "workload 'Payroll': version 6 cannot follow version 2 (the next version is 3); nothing was saved",
    ),
    "adopt a what-if of version 1": (
        lambda ctx, s: services.adopt_what_if(
            ctx, ANN, services.record_version(ctx, s["payroll"].id, 1), {"containerizable": "yes"}, "Docker."
        ),
        "workload 'Payroll': version 2 was saved by Bob",
    ),
    "sign off the item taken at version 1": (
        lambda ctx, s: services.decide_item(ctx, ANN, s["session"].id, s["payroll"].id, "accept", "", None, "Ann"),
        "workload 'Payroll': this item was taken at version 1, but version 2 was saved by Bob",
    ),
    "supersede version 1": (
        lambda ctx, s: services.supersede(
            ctx, ANN, [_reevaluation_of_version_1(ctx, s)], "compute-tree-2025"
        ),
        "workload 'Payroll': version 2 was saved by Bob",
    ),
}  # fmt: skip


def _reevaluation_of_version_1(ctx: ServiceContext, seeded: dict[str, Any]) -> services.Reevaluation:
    from advisor.review.reevaluation import reevaluate

    [result] = reevaluate(ctx.kb, [services.record_version(ctx, seeded["payroll"].id, 1)], "compute-tree-2025")
    return result


@pytest.mark.parametrize("case", list(STALE_CALLS), ids=list(STALE_CALLS))
def test_a_stale_version_number_is_one_line_and_nothing_is_written(
    ctx: ServiceContext, store_url: str, seeded: dict[str, Any], case: str
) -> None:
    call, message = STALE_CALLS[case]

    error = _refused(store_url, ConflictError, lambda: call(ctx, seeded))

    assert message in str(error)
    assert str(error).startswith(f"{ctx.database.display_url}: version: ")


WRITES: dict[str, Callable[[ServiceContext, Actor, dict[str, Any]], object]] = {
    "create a workload": lambda ctx, a, s: services.create_workload(ctx, a, "New"),
    "rename a workload": lambda ctx, a, s: services.rename_workload(ctx, a, s["billing"].id, "New"),
    "archive a workload": lambda ctx, a, s: services.archive_workload(ctx, a, s["billing"].id),
    "save answers": lambda ctx, a, s: services.save_answers(
        ctx, a, s["billing"].id, base_version=1, answers=given(COMPLETE_ANSWERS)
    ),
    "record from the command line": lambda ctx, a, s: services.record_answers(ctx, a, "New", COMPLETE_ANSWERS),
    "save a profile": lambda ctx, a, s: services.save_profile(ctx, a, "New", AnswerProfile()),
    "delete a profile": lambda ctx, a, s: services.delete_profile(ctx, a, "Lift"),
    "import profiles": lambda ctx, a, s: services.import_profiles_yaml(ctx, a, "profiles: {New: {}}\n", "p.yaml"),
    "create a session": lambda ctx, a, s: services.create_session(
        ctx, a, "New", datetime.date(2026, 3, 2), [("Ann", "decision_maker")]
    ),
    "set an agenda": lambda ctx, a, s: services.set_agenda(ctx, a, s["session"].id, []),
    "save notes": lambda ctx, a, s: services.save_notes(ctx, a, s["session"].id, s["payroll"].id, "x"),
    "decide": lambda ctx, a, s: services.decide_item(
        ctx, a, s["session"].id, s["payroll"].id, "defer", "", None, "Ann"
    ),
    "close a session": lambda ctx, a, s: services.close_session(ctx, a, s["session"].id),
    "run a re-evaluation": lambda ctx, a, s: services.run_reevaluation(ctx, a, "compute-tree-2025"),
    "supersede": lambda ctx, a, s: services.supersede(ctx, a, [s["billing"].id], "compute-tree-2025"),
    "adopt a what-if": lambda ctx, a, s: services.adopt_what_if(
        ctx, a, services.record_version(ctx, s["billing"].id, 1), {"containerizable": "yes"}, "Docker."
    ),
    "import records": lambda ctx, a, s: services.import_records(ctx, a, b"{}", "x.json"),
}  # fmt: skip


@pytest.mark.parametrize("actor", [NO_ID, BLANK_ID], ids=["no id", "a blank id"])
@pytest.mark.parametrize("write", list(WRITES.values()), ids=list(WRITES))
def test_an_actor_without_an_id_is_one_line_and_nothing_is_written(
    ctx: ServiceContext, store_url: str, seeded: dict[str, Any], write: Callable[..., object], actor: Actor
) -> None:
    error = _refused(store_url, AccessError, lambda: write(ctx, actor, seeded))

    assert str(error) == "<input>: actor: the acting person 'Ann' has no id; nothing was saved"


@pytest.mark.parametrize("write", [w for n, w in WRITES.items() if n not in ("import records", "decide")],
                         ids=[n for n in WRITES if n not in ("import records", "decide")])  # fmt: skip
def test_the_same_writes_go_through_with_a_whole_actor(
    ctx: ServiceContext, seeded: dict[str, Any], write: Callable[..., object]
) -> None:
    """The refusals above are the actor's doing: each write works once the actor is whole. (Importing ``{}``
    and deciding the stale item are refused for their own reasons, tested elsewhere.)"""
    write(ctx, ANN, seeded)


def test_an_actor_is_built_or_refused_in_one_line(kb: KnowledgeBase, ctx: ServiceContext) -> None:
    assert Actor.local("  Dana Rivera ") == Actor(id="local:dana rivera", name="Dana Rivera", source="app")
    assert Actor.command_line("dana", "Dana R.") == Actor(id="os:dana", name="Dana R.", source="cli", os_user="dana")
    assert Actor.command_line("dana") == Actor(id="os:dana", name="dana", source="cli", os_user="dana")
    with pytest.raises(InputError, match=r"^<input>: author: a display name is needed to save a version$"):
        Actor.local("   ")
    with pytest.raises(InputError, match=r"^--author: name: String should have at most 120 characters$"):
        Actor.command_line("dana", "x" * 121)
    with pytest.raises(AccessError, match="no acting person was given"):
        services.require(ctx, "Ann", "save_records", "save record version")  # type: ignore[arg-type]
    assert GivenAnswer(answer="yes").source == "user"
