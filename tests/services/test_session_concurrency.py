"""Two reviewers in two sessions decide on the same record version: one wins, the other sees a clear conflict.

Runs on SQLite and on PostgreSQL (the ``store_url`` fixture): once one after the other, and once as a
true race between two connections released together.
"""

from __future__ import annotations

import threading

import pytest

from advisor import KnowledgeBase, services
from advisor.errors import ConflictError
from advisor.services import ServiceContext
from tests.services.builders import ANN, open_ctx, open_session, person, reviewed_workload


def two_boards(ctx: ServiceContext, kb: KnowledgeBase) -> tuple[int, int, int]:
    """Sessions A and B, each with the same workload on its agenda at version 1."""
    workload, _ = reviewed_workload(ctx)
    first = open_session(ctx, "Board A", [("Ann", "decision_maker")])
    second = open_session(ctx, "Board B", [("Bob", "decision_maker")])
    services.set_agenda(ctx, ANN, first.id, [workload.id])
    services.set_agenda(ctx, ANN, second.id, [workload.id])
    return workload.id, first.id, second.id


def test_second_sign_off_on_the_same_version_is_a_clear_conflict(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    workload, first, second = two_boards(ctx, kb)
    won = services.decide_item(ctx, ANN, first, workload, "accept", "", None, "Ann")
    services.save_notes(ctx, ANN, second, workload, "Bob's notes survive the conflict.")

    with pytest.raises(ConflictError) as refused:
        services.decide_item(ctx, ANN, second, workload, "reject", "Too costly.", None, "Bob")

    message = str(refused.value)
    assert "workload 'Payroll': this item was taken at version 1, but version 2 was saved in review session " in message
    assert "'Board A' by Ann at " in message
    assert "this sign-off was refused and nothing was overwritten. Refresh the item to decide on version 2." in message
    assert services.record_history(ctx, workload)[1:] == [won]
    loser = services.get_session(ctx, second).items[0]
    assert (loser.decided, loser.stale, loser.notes) == (False, True, "Bob's notes survive the conflict.")


def test_after_a_conflict_the_item_is_refreshed_and_decided_on_the_newer_version(
    ctx: ServiceContext, kb: KnowledgeBase
) -> None:
    workload, first, second = two_boards(ctx, kb)
    services.decide_item(ctx, ANN, first, workload, "accept", "", None, "Ann")
    with pytest.raises(ConflictError):
        services.decide_item(ctx, ANN, second, workload, "reject", "Too costly.", None, "Bob")

    assert services.refresh_item(ctx, ANN, second, workload).base_version == 2
    record = services.decide_item(ctx, ANN, second, workload, "reject", "Too costly.", None, "Bob")

    assert (record.version, record.status, record.session_id) == (3, "rejected", second)
    assert [r.session_id for r in services.record_history(ctx, workload)] == [None, first, second]


def test_a_save_outside_the_session_also_wins_over_a_stale_item(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    workload, first, _ = two_boards(ctx, kb)
    latest = services.latest_record(ctx, workload)
    assert latest is not None
    services.save_answers(ctx, person("Questionnaire user"), workload, base_version=1, answers=latest.answers)

    with pytest.raises(ConflictError, match="version 2 was saved by Questionnaire user at"):
        services.decide_item(ctx, ANN, first, workload, "accept", "", None, "Ann")


def test_racing_sign_offs_in_two_sessions_exactly_one_wins(store_url: str, kb: KnowledgeBase) -> None:
    with open_ctx(store_url, kb) as setup:
        workload, first, second = two_boards(setup, kb)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def sign(session: int, signer: str) -> None:
        with open_ctx(store_url, kb) as own:
            own.database.check()
            barrier.wait()
            try:
                services.decide_item(own, person(signer), session, workload, "accept", "", None, signer)
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
    with open_ctx(store_url, kb) as check:
        history = services.record_history(check, workload)
        assert [r.version for r in history] == [1, 2]
        assert history[1].author == winner
        decided = {s.title: s.items[0].decided for s in services.list_sessions(check)}
        assert decided == {"Board A": winner == "Ann", "Board B": winner == "Bob"}
