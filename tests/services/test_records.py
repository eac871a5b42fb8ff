"""Record versions through the services: append-only history, conflicts between writers, exact round trips."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import IntegrityError

from advisor import KnowledgeBase, services
from advisor.errors import AnswersError, ConflictError, InputError
from advisor.models.record import Override
from advisor.services import ServiceContext
from tests.services.builders import (
    ANN,
    COMPLETE_ANSWERS,
    INCOMPLETE_ANSWERS,
    given,
    make_record,
    new_workload,
    open_ctx,
    person,
    save,
)


@pytest.fixture
def raw(store_url: str) -> Iterator[Engine]:
    """Plain SQL access to the same database, to see what the store really wrote."""
    engine = create_engine(store_url)
    yield engine
    engine.dispose()


def _stored_payloads(raw: Engine, workload_id: int) -> dict[int, str]:
    with raw.connect() as conn:
        rows = conn.execute(
            text("SELECT version, payload FROM record_versions WHERE workload_id = :w ORDER BY version"),
            {"w": workload_id},
        )
        return {row.version: row.payload for row in rows}


def test_no_record_before_the_first_save(ctx: ServiceContext) -> None:
    payroll = new_workload(ctx, "Payroll")

    assert services.latest_record(ctx, payroll.id) is None
    assert services.record_history(ctx, payroll.id) == []


def test_each_save_appends_a_version_and_history_lists_them_all(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    payroll = new_workload(ctx, "Payroll")
    saved = [
        make_record(kb, payroll, 1, answers=INCOMPLETE_ANSWERS, change="started", minute=1),
        make_record(kb, payroll, 2, change="finished the walk", minute=2),
        make_record(kb, payroll, 3, status="accepted", author="Bob", change="accepted", minute=3),
    ]

    save(ctx, payroll, 1, answers=INCOMPLETE_ANSWERS, change="started", minute=1)
    save(ctx, payroll, 2, change="finished the walk", minute=2)
    save(ctx, payroll, 3, status="accepted", author="Bob", change="accepted", minute=3)

    assert services.record_history(ctx, payroll.id) == saved
    assert [(r.version, r.walk_status, r.status, r.author) for r in services.record_history(ctx, payroll.id)] == [
        (1, "incomplete", "proposed", "Ann"),
        (2, "complete", "proposed", "Ann"),
        (3, "complete", "accepted", "Bob"),
    ]
    assert services.latest_record(ctx, payroll.id) == saved[2]
    assert services.record_version(ctx, payroll.id, 2) == saved[1]


def test_old_versions_stay_unchanged_byte_for_byte(ctx: ServiceContext, kb: KnowledgeBase, raw: Engine) -> None:
    payroll = new_workload(ctx, "Payroll")
    first = save(ctx, payroll, 1, answers=INCOMPLETE_ANSWERS)
    before = _stored_payloads(raw, payroll.id)

    save(ctx, payroll, 2, minute=5)
    services.rename_workload(ctx, ANN, payroll.id, "Payroll (EU)")
    save(ctx, payroll, 3, status="rejected", minute=6)

    after = _stored_payloads(raw, payroll.id)
    assert sorted(after) == [1, 2, 3]
    assert after[1] == before[1] == first.model_dump_json()
    assert services.record_version(ctx, payroll.id, 1).workload_name == "Payroll", "the old version keeps the old name"


def test_second_writer_of_the_same_version_is_refused_and_the_first_stays(
    store_url: str, kb: KnowledgeBase, raw: Engine
) -> None:
    with open_ctx(store_url, kb) as ann_app, open_ctx(store_url, kb) as bob_app:
        payroll = new_workload(ann_app, "Payroll")
        save(ann_app, payroll, 1, answers=INCOMPLETE_ANSWERS)
        ann_read = services.latest_record(ann_app, payroll.id)
        bob_read = services.latest_record(bob_app, payroll.id)
        assert ann_read is not None
        assert bob_read is not None
        assert ann_read.version == bob_read.version == 1

        ann_save = save(ann_app, payroll, 2, author="Ann", change="Ann's", minute=5)
        with pytest.raises(ConflictError) as caught:
            save(bob_app, payroll, 2, status="rejected", author="Bob", minute=6)

        assert caught.value.problems[0].message == (
            "workload 'Payroll': version 2 was saved by Ann at 2026-03-01 09:05:00 UTC meanwhile; "
            "this save was refused and nothing was overwritten."
        )
        assert services.record_history(bob_app, payroll.id)[1:] == [ann_save]
        assert _stored_payloads(raw, payroll.id)[2] == ann_save.model_dump_json()


def test_writer_two_versions_behind_is_told_the_latest(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    payroll = new_workload(ctx, "Payroll")
    for version in (1, 2, 3):
        save(ctx, payroll, version, author=f"Writer {version}", minute=version)

    with pytest.raises(ConflictError, match=r"version 3 was saved by Writer 3 .* this save of version 2 was refused"):
        save(ctx, payroll, 2)


@pytest.mark.parametrize(("saved", "attempt", "next_version"), [(0, 2, 1), (1, 3, 2)])
def test_version_that_skips_ahead_is_refused(
    ctx: ServiceContext, kb: KnowledgeBase, saved: int, attempt: int, next_version: int
) -> None:
    payroll = new_workload(ctx, "Payroll")
    for version in range(1, saved + 1):
        save(ctx, payroll, version)

    with pytest.raises(ConflictError, match=f"the next version is {next_version}\\); nothing was saved"):
        save(ctx, payroll, attempt)

    assert [r.version for r in services.record_history(ctx, payroll.id)] == list(range(1, saved + 1))


def test_racing_writers_of_one_version_exactly_one_wins(store_url: str, kb: KnowledgeBase) -> None:
    with open_ctx(store_url, kb) as setup:
        payroll = new_workload(setup, "Payroll")
        save(setup, payroll, 1)
    writers = 6
    records = [make_record(kb, payroll, 2, author=f"Writer {n}") for n in range(writers)]
    barrier = threading.Barrier(writers)
    outcomes: list[str] = []

    def write(n: int) -> None:
        with open_ctx(store_url, kb) as own:
            own.database.check()
            barrier.wait()
            try:
                save(own, payroll, 2, author=f"Writer {n}")
                outcomes.append(f"saved {n}")
            except ConflictError:
                outcomes.append("conflict")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes)[:-1] == ["conflict"] * (writers - 1)
    winner = int(sorted(outcomes)[-1].removeprefix("saved "))
    with open_ctx(store_url, kb) as check:
        assert services.record_history(check, payroll.id)[1:] == [records[winner]]


def test_database_itself_refuses_a_second_row_for_the_same_version(
    ctx: ServiceContext, kb: KnowledgeBase, raw: Engine
) -> None:
    payroll = new_workload(ctx, "Payroll")
    save(ctx, payroll, 1)

    with pytest.raises(IntegrityError), raw.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO record_versions (workload_id, version, status, walk_status, knowledge_version, author,"
                " created_at, payload) VALUES (:w, 1, 'proposed', 'complete', 'v', 'x', :t, '{}')"
            ),
            {"w": payroll.id, "t": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)},
        )

    assert len(_stored_payloads(raw, payroll.id)) == 1


def test_unknown_version_is_an_input_error(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    payroll = new_workload(ctx, "Payroll")
    save(ctx, payroll, 1)

    with pytest.raises(InputError, match="workload 'Payroll' has no version 5"):
        services.record_version(ctx, payroll.id, 5)


def test_latest_records_give_each_live_workload_its_newest_version(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    billing, payroll, intranet, old = (new_workload(ctx, n) for n in ("Billing", "Payroll", "Intranet", "Old"))
    new_workload(ctx, "Not started")
    save(ctx, billing, 1, answers=INCOMPLETE_ANSWERS)
    save(ctx, payroll, 1)
    save(ctx, payroll, 2, status="accepted")
    save(ctx, intranet, 1)
    save(ctx, old, 1, status="accepted")
    services.archive_workload(ctx, ANN, old.id)

    def latest(status: str | None = None) -> list[tuple[str, int]]:
        return [(r.workload_name, r.version) for r in services.latest_records(ctx, status)]

    assert latest() == [("Billing", 1), ("Intranet", 1), ("Payroll", 2)]
    assert latest("accepted") == [("Payroll", 2)]
    assert latest("recommended") == [("Intranet", 1)]
    assert latest("in_progress") == [("Billing", 1)]
    assert latest("proposed") == [("Billing", 1), ("Intranet", 1)]
    assert latest("rejected") == []
    with pytest.raises(InputError, match="unknown status 'done'"):
        services.latest_records(ctx, "done")


def test_recording_by_name_creates_the_workload_and_its_first_version_together(ctx: ServiceContext) -> None:
    record = services.record_answers(ctx, ANN, "  Payroll ", COMPLETE_ANSWERS)

    [summary] = services.list_workloads(ctx)
    assert (summary.workload.name, summary.version, record.version, record.author) == ("Payroll", 1, 1, "Ann")
    again = services.record_answers(ctx, person("Bob"), "PAYROLL", COMPLETE_ANSWERS)
    assert (again.version, again.author, again.workload_id) == (2, "Bob", summary.workload.id)


def test_a_version_that_cannot_be_saved_leaves_no_new_workload_behind(ctx: ServiceContext) -> None:
    with pytest.raises(AnswersError, match="cots: unknown answer id 'maybe'"):
        services.record_answers(ctx, ANN, "Payroll", {"specialty_workload": "none", "cots": "maybe"})

    assert services.list_workloads(ctx, include_archived=True) == [], "the workload was rolled back with it"


def test_a_save_keeps_the_override_of_its_base_version_unless_told(ctx: ServiceContext) -> None:
    payroll = new_workload(ctx, "Payroll")
    team = Override(service="app-service", reason="The team runs App Service.")
    save(ctx, payroll, 1, override=team)

    kept = services.save_answers(ctx, ANN, payroll.id, base_version=1, answers=given(COMPLETE_ANSWERS))
    dropped = services.save_answers(
        ctx, ANN, payroll.id, base_version=2, answers=given(COMPLETE_ANSWERS), override=None
    )

    assert kept.override is not None
    assert dropped.override is None
    assert (kept.override.service, kept.override.reason) == (team.service, team.reason)


def test_an_override_waits_while_changed_answers_leave_the_walk_unfinished(ctx: ServiceContext) -> None:
    payroll = new_workload(ctx, "Payroll")
    team = Override(service="app-service", reason="The team runs App Service.")
    save(ctx, payroll, 1, override=team)
    unfinished = {**COMPLETE_ANSWERS, "migrate_or_build": "build_new"}  # full_control is not answered yet
    del unfinished["migration_approach"]

    waiting = services.save_answers(ctx, ANN, payroll.id, base_version=1, answers=given(unfinished))
    back = services.save_answers(ctx, ANN, payroll.id, base_version=2, answers=given(COMPLETE_ANSWERS))

    assert (waiting.service, waiting.override and waiting.override.service) == (None, "app-service")
    assert back.override is not None
    assert back.override.conditions == (  # knowledge/catalog/services.yaml, app-service: the one with no `when`
        "The instance ceilings shown for App Service are default figures from the comparison page; confirm the "
        "current limits of the tier you buy.",
    )


def test_an_override_set_on_an_unfinished_walk_or_to_the_trees_own_service_is_refused(ctx: ServiceContext) -> None:
    payroll = new_workload(ctx, "Payroll")
    save(ctx, payroll, 1)
    unfinished = {"specialty_workload": "none"}

    with pytest.raises(InputError, match="a record without a recommended service cannot be overridden"):
        services.save_answers(
            ctx, ANN, payroll.id, base_version=1, answers=given(unfinished),
            override=Override(service="app-service", reason="Cheaper."),
        )  # fmt: skip
    with pytest.raises(InputError, match="Azure Virtual Machines is the recommendation: accept it"):
        services.save_answers(
            ctx, ANN, payroll.id, base_version=1, answers=given(COMPLETE_ANSWERS),
            override=Override(service="virtual-machines", reason="Same."),
        )  # fmt: skip
    assert services.latest_record(ctx, payroll.id).version == 1
