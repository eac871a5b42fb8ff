"""Record versions in the store: append-only history, conflicts between writers, exact round trips."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import IntegrityError

from advisor import KnowledgeBase
from advisor.decide.record_builder import build_record
from advisor.errors import ConflictError, InputError
from advisor.models.record import GivenAnswer, Override
from advisor.store import Store
from tests.store.builders import INCOMPLETE_ANSWERS, make_record


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


def test_record_round_trips_through_the_store_unchanged(store: Store, kb: KnowledgeBase) -> None:
    payroll = store.create_workload("Payroll")
    record = build_record(
        kb,
        workload=payroll,
        answers={
            "specialty_workload": GivenAnswer(answer="none", note="no HPC, no SAP <b>at all</b>"),
            "migrate_or_build": GivenAnswer(answer="migrate"),
            "migration_approach": GivenAnswer(answer="lift_and_shift", note="deadline: **June**"),
            "containerizable": GivenAnswer(answer="no"),
            "cots": GivenAnswer(answer="yes"),
            "vmware": GivenAnswer(answer="no"),
            "gpu": GivenAnswer(answer="not_required", note="a requirement question"),
        },
        knowledge_version="compute-tree-2026",
        author="Ann Lee",
        version=1,
        status="accepted",
        override=Override(service="app-service", reason="the vendor supports it on App Service"),
        change="first decision",
        session_id=7,
        now=datetime.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=datetime.UTC),
    )

    store.append_record(record)

    assert store.latest_record(payroll.id) == record
    assert store.record_version(payroll.id, 1) == record
    assert store.record_history(payroll.id) == [record]
    assert store.latest_record(payroll.id).model_dump_json() == record.model_dump_json()  # type: ignore[union-attr]


def test_no_record_before_the_first_save(store: Store) -> None:
    payroll = store.create_workload("Payroll")

    assert store.latest_record(payroll.id) is None
    assert store.record_history(payroll.id) == []


def test_each_save_appends_a_version_and_history_lists_them_all(store: Store, kb: KnowledgeBase) -> None:
    payroll = store.create_workload("Payroll")
    saved = [
        make_record(kb, payroll, 1, answers=INCOMPLETE_ANSWERS, change="started", minute=1),
        make_record(kb, payroll, 2, change="finished the walk", minute=2),
        make_record(kb, payroll, 3, status="accepted", author="Bob", change="accepted", minute=3),
    ]

    for record in saved:
        store.append_record(record)

    assert store.record_history(payroll.id) == saved
    assert [(r.version, r.walk_status, r.status, r.author) for r in store.record_history(payroll.id)] == [
        (1, "incomplete", "proposed", "Ann"),
        (2, "complete", "proposed", "Ann"),
        (3, "complete", "accepted", "Bob"),
    ]
    assert store.latest_record(payroll.id) == saved[2]
    assert store.record_version(payroll.id, 2) == saved[1]


def test_old_versions_stay_unchanged_byte_for_byte(store: Store, kb: KnowledgeBase, raw: Engine) -> None:
    payroll = store.create_workload("Payroll")
    first = make_record(kb, payroll, 1, answers=INCOMPLETE_ANSWERS)
    store.append_record(first)
    before = _stored_payloads(raw, payroll.id)

    store.append_record(make_record(kb, payroll, 2, minute=5))
    store.rename_workload(payroll.id, "Payroll (EU)")
    store.append_record(make_record(kb, payroll, 3, status="rejected", minute=6))

    after = _stored_payloads(raw, payroll.id)
    assert sorted(after) == [1, 2, 3]
    assert after[1] == before[1] == first.model_dump_json()
    assert store.record_version(payroll.id, 1).workload_name == "Payroll", "the old version keeps the old name"


def test_second_writer_of_the_same_version_is_refused_and_the_first_stays(
    store_url: str, kb: KnowledgeBase, raw: Engine
) -> None:
    with Store(store_url) as ann_store, Store(store_url) as bob_store:
        payroll = ann_store.create_workload("Payroll")
        ann_store.append_record(make_record(kb, payroll, 1, answers=INCOMPLETE_ANSWERS))
        ann_read = ann_store.latest_record(payroll.id)
        bob_read = bob_store.latest_record(payroll.id)
        assert ann_read is not None
        assert bob_read is not None
        assert ann_read.version == bob_read.version == 1

        ann_save = make_record(kb, payroll, 2, author="Ann", change="Ann's", minute=5)
        ann_store.append_record(ann_save)
        with pytest.raises(ConflictError) as caught:
            bob_store.append_record(make_record(kb, payroll, 2, status="rejected", author="Bob", minute=6))

        assert caught.value.problems[0].message == (
            "workload 'Payroll': version 2 was saved by Ann at 2026-03-01 09:05:00 UTC meanwhile; "
            "this save was refused and nothing was overwritten."
        )
        assert bob_store.record_history(payroll.id)[1:] == [ann_save]
        assert _stored_payloads(raw, payroll.id)[2] == ann_save.model_dump_json()


def test_writer_two_versions_behind_is_told_the_latest(store: Store, kb: KnowledgeBase) -> None:
    payroll = store.create_workload("Payroll")
    for version in (1, 2, 3):
        store.append_record(make_record(kb, payroll, version, author=f"Writer {version}", minute=version))

    with pytest.raises(ConflictError, match=r"version 3 was saved by Writer 3 .* this save of version 2 was refused"):
        store.append_record(make_record(kb, payroll, 2))


@pytest.mark.parametrize(("saved", "attempt", "next_version"), [(0, 2, 1), (1, 3, 2)])
def test_version_that_skips_ahead_is_refused(
    store: Store, kb: KnowledgeBase, saved: int, attempt: int, next_version: int
) -> None:
    payroll = store.create_workload("Payroll")
    for version in range(1, saved + 1):
        store.append_record(make_record(kb, payroll, version))

    with pytest.raises(ConflictError, match=f"the next version is {next_version}\\); nothing was saved"):
        store.append_record(make_record(kb, payroll, attempt))

    assert [r.version for r in store.record_history(payroll.id)] == list(range(1, saved + 1))


def test_racing_writers_of_one_version_exactly_one_wins(store_url: str, kb: KnowledgeBase) -> None:
    with Store(store_url) as setup:
        payroll = setup.create_workload("Payroll")
        setup.append_record(make_record(kb, payroll, 1))
    writers = 6
    records = [make_record(kb, payroll, 2, author=f"Writer {n}") for n in range(writers)]
    barrier = threading.Barrier(writers)
    outcomes: list[str] = []

    def save(n: int) -> None:
        with Store(store_url) as own:
            own.check()
            barrier.wait()
            try:
                own.append_record(records[n])
                outcomes.append(f"saved {n}")
            except ConflictError:
                outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes)[:-1] == ["conflict"] * (writers - 1)
    winner = int(sorted(outcomes)[-1].removeprefix("saved "))
    with Store(store_url) as check:
        assert check.record_history(payroll.id)[1:] == [records[winner]]


def test_database_itself_refuses_a_second_row_for_the_same_version(
    store: Store, kb: KnowledgeBase, raw: Engine
) -> None:
    payroll = store.create_workload("Payroll")
    store.append_record(make_record(kb, payroll, 1))

    with pytest.raises(IntegrityError), raw.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO record_versions (workload_id, version, status, walk_status, knowledge_version, author,"
                " created_at, payload) VALUES (:w, 1, 'proposed', 'complete', 'v', 'x', :t, '{}')"
            ),
            {"w": payroll.id, "t": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)},
        )

    assert len(_stored_payloads(raw, payroll.id)) == 1


def test_unknown_version_is_an_input_error(store: Store, kb: KnowledgeBase) -> None:
    payroll = store.create_workload("Payroll")
    store.append_record(make_record(kb, payroll, 1))

    with pytest.raises(InputError, match="workload 'Payroll' has no version 5"):
        store.record_version(payroll.id, 5)


def test_latest_records_give_each_live_workload_its_newest_version(store: Store, kb: KnowledgeBase) -> None:
    billing, payroll, intranet, old = (store.create_workload(n) for n in ("Billing", "Payroll", "Intranet", "Old"))
    store.create_workload("Not started")
    store.append_record(make_record(kb, billing, 1, answers=INCOMPLETE_ANSWERS))
    store.append_record(make_record(kb, payroll, 1))
    store.append_record(make_record(kb, payroll, 2, status="accepted"))
    store.append_record(make_record(kb, intranet, 1))
    store.append_record(make_record(kb, old, 1, status="accepted"))
    store.archive_workload(old.id)

    def latest(status: str | None = None) -> list[tuple[str, int]]:
        return [(r.workload_name, r.version) for r in store.latest_records(status)]

    assert latest() == [("Billing", 1), ("Intranet", 1), ("Payroll", 2)]
    assert latest("accepted") == [("Payroll", 2)]
    assert latest("recommended") == [("Intranet", 1)]
    assert latest("in_progress") == [("Billing", 1)]
    assert latest("proposed") == [("Billing", 1), ("Intranet", 1)]
    assert latest("rejected") == []
    with pytest.raises(InputError, match="unknown status 'done'"):
        store.latest_records("done")
