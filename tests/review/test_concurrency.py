"""Two reviewers in two sessions decide on the same record version: one wins, the other sees a clear conflict.

Runs on SQLite and on PostgreSQL (the ``store_url`` fixture): once one after the other, and once as a
true race between two connections released together.
"""

from __future__ import annotations

import threading

import pytest

from advisor import KnowledgeBase
from advisor.errors import ConflictError
from advisor.store import Store
from tests.review.conftest import open_session, reviewed_workload


def two_boards(store: Store, kb: KnowledgeBase) -> tuple[int, int, int]:
    """Sessions A and B, each with the same workload on its agenda at version 1."""
    workload, _ = reviewed_workload(store, kb)
    first = open_session(store, "Board A", [("Ann", "decision_maker")])
    second = open_session(store, "Board B", [("Bob", "decision_maker")])
    store.set_agenda(first.id, [workload.id])
    store.set_agenda(second.id, [workload.id])
    return workload.id, first.id, second.id


def test_second_sign_off_on_the_same_version_is_a_clear_conflict(store: Store, kb: KnowledgeBase) -> None:
    workload, first, second = two_boards(store, kb)
    won = store.record_outcome(first, workload, "accept", "", None, "Ann", kb)
    store.save_notes(second, workload, "Bob's notes survive the conflict.")

    with pytest.raises(ConflictError) as refused:
        store.record_outcome(second, workload, "reject", "Too costly.", None, "Bob", kb)

    message = str(refused.value)
    assert "workload 'Payroll': this item was taken at version 1, but version 2 was saved in review session " in message
    assert "'Board A' by Ann at " in message
    assert "this sign-off was refused and nothing was overwritten. Refresh the item to decide on version 2." in message
    assert store.record_history(workload)[1:] == [won]
    loser = store.get_session(second).items[0]
    assert (loser.decided, loser.stale, loser.notes) == (False, True, "Bob's notes survive the conflict.")


def test_after_a_conflict_the_item_is_refreshed_and_decided_on_the_newer_version(
    store: Store, kb: KnowledgeBase
) -> None:
    workload, first, second = two_boards(store, kb)
    store.record_outcome(first, workload, "accept", "", None, "Ann", kb)
    with pytest.raises(ConflictError):
        store.record_outcome(second, workload, "reject", "Too costly.", None, "Bob", kb)

    assert store.refresh_item(second, workload).base_version == 2
    record = store.record_outcome(second, workload, "reject", "Too costly.", None, "Bob", kb)

    assert (record.version, record.status, record.session_id) == (3, "rejected", second)
    assert [r.session_id for r in store.record_history(workload)] == [None, first, second]


def test_a_save_outside_the_session_also_wins_over_a_stale_item(store: Store, kb: KnowledgeBase) -> None:
    workload, first, _ = two_boards(store, kb)
    newer = store.latest_record(workload).model_copy(update={"version": 2, "author": "Questionnaire user"})
    store.append_record(newer)

    with pytest.raises(ConflictError, match="version 2 was saved by Questionnaire user at"):
        store.record_outcome(first, workload, "accept", "", None, "Ann", kb)


def test_racing_sign_offs_in_two_sessions_exactly_one_wins(store_url: str, kb: KnowledgeBase) -> None:
    with Store(store_url) as setup:
        workload, first, second = two_boards(setup, kb)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def sign(session: int, signer: str) -> None:
        with Store(store_url) as own:
            own.check()
            barrier.wait()
            try:
                own.record_outcome(session, workload, "accept", "", None, signer, kb)
                outcomes[signer] = "won"
            except ConflictError as exc:
                outcomes[signer] = str(exc)

    threads = [threading.Thread(target=sign, args=args) for args in ((first, "Ann"), (second, "Bob"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["Ann", "Bob"]
    winner = next(name for name, result in outcomes.items() if result == "won")
    loser = next(name for name in outcomes if name != winner)
    assert "this item was taken at version 1, but version 2 was saved in review session" in outcomes[loser]
    assert f"by {winner} at" in outcomes[loser]
    with Store(store_url) as check:
        history = check.record_history(workload)
        assert [r.version for r in history] == [1, 2]
        assert history[1].author == winner
        decided = {s.title: s.items[0].decided for s in check.list_sessions()}
        assert decided == {"Board A": winner == "Ann", "Board B": winner == "Bob"}
