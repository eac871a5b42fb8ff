"""The workload list held in memory per database (advisor.store.workload_list): after any write, by this
instance or another one, the list reads as a fresh read of every row would, and only the changed rows are read."""

from __future__ import annotations

import pandas as pd
import pytest

from advisor import KnowledgeBase, services
from advisor.services import ServiceContext
from advisor.store import workload_list
from tests.services.builders import ANN, INCOMPLETE_ANSWERS, at_minute, new_workload, open_ctx, save


def _rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    """What the Workloads page shows of each row, in order."""
    versions = [None if pd.isna(v) else int(v) for v in frame["version"]]
    shown = (frame["name"], frame["owner"], frame["status"], versions, frame["service"].fillna("-"), frame["archived"])
    return list(zip(*shown, strict=True))


@pytest.fixture
def read_ids(monkeypatch: pytest.MonkeyPatch) -> list[list[int] | None]:
    """The ids each read of full rows asked for (None: every workload)."""
    asked: list[list[int] | None] = []
    read = workload_list._read

    def recording(conn: object, ids: list[int] | None) -> pd.DataFrame:
        asked.append(None if ids is None else list(ids))
        return read(conn, ids)  # type: ignore[arg-type]

    monkeypatch.setattr(workload_list, "_read", recording)
    return asked


def test_each_kind_of_change_shows_in_the_list_reading_only_that_row(
    ctx: ServiceContext, kb: KnowledgeBase, read_ids: list[list[int] | None]
) -> None:
    made = {name: new_workload(ctx, name, owner="Ann") for name in ("Billing", "Claims", "Intranet", "Payroll")}
    made |= {f"Spare {n}": new_workload(ctx, f"Spare {n}") for n in range(8)}
    payroll, billing, claims = made["Payroll"], made["Billing"], made["Claims"]
    services.workload_frame(ctx)
    assert read_ids == [None]  # the first read reads every row

    services.rename_workload(ctx, ANN, payroll.id, "Apps payroll")
    services.workload_frame(ctx)
    services.update_workload(ctx, ANN, billing.id, owner="Bea")
    services.workload_frame(ctx)
    save(ctx, claims, 1, answers=INCOMPLETE_ANSWERS)
    services.workload_frame(ctx)
    save(ctx, claims, 2)
    services.workload_frame(ctx)
    services.archive_workload(ctx, ANN, made["Intranet"].id)
    frame = services.workload_frame(ctx, include_archived=True)

    assert read_ids == [None, [payroll.id], [billing.id], [claims.id], [claims.id], [made["Intranet"].id]]
    assert _rows(frame)[:4] == [
        ("Apps payroll", "Ann", "not_started", None, "-", False),
        ("Billing", "Bea", "not_started", None, "-", False),
        ("Claims", "Ann", "recommended", 2, "virtual-machines", False),
        ("Intranet", "Ann", "not_started", None, "-", True),
    ]
    assert list(services.workload_frame(ctx)["name"])[:3] == ["Apps payroll", "Billing", "Claims"]  # archived hidden


def test_a_change_made_with_the_clock_standing_still_still_shows(ctx: ServiceContext) -> None:
    still = at_minute(ctx, 0)  # every write carries the same moment: updated_at cannot tell them apart
    payroll = new_workload(still, "Payroll", owner="Ann")
    first = services.workloads_revision(still)
    services.workload_frame(still)

    services.rename_workload(still, ANN, payroll.id, "Payroll EU")
    renamed = services.workloads_revision(still)
    assert list(services.workload_frame(still)["name"]) == ["Payroll EU"]
    services.update_workload(still, ANN, payroll.id, owner="Bea")

    assert list(services.workload_frame(still)["owner"]) == ["Bea"]
    assert len({first, renamed, services.workloads_revision(still)}) == 3  # the page's cache key moved each time


def test_another_instance_s_writes_show_in_this_instance_s_list(store_url: str, kb: KnowledgeBase) -> None:
    with open_ctx(store_url, kb) as here, open_ctx(store_url, kb) as there:
        kept = new_workload(there, "Payroll")
        assert list(services.workload_frame(here)["name"]) == ["Payroll"]

        new_workload(there, "Billing")
        services.rename_workload(there, ANN, kept.id, "Accounts payroll")
        save(there, kept, 1)

        assert _rows(services.workload_frame(here)) == [
            ("Accounts payroll", "", "recommended", 1, "virtual-machines", False),
            ("Billing", "", "not_started", None, "-", False),
        ]


def test_many_rows_changed_at_once_are_read_whole_and_match_a_fresh_read(
    ctx: ServiceContext, kb: KnowledgeBase, store_url: str, read_ids: list[list[int] | None]
) -> None:
    for n in range(5):
        new_workload(ctx, f"Workload {n:02}")
    services.workload_frame(ctx)

    grown = [new_workload(ctx, f"Workload {n:02}") for n in range(5, 20)]
    for workload in grown[::3]:
        save(ctx, workload, 1)
    held = services.workload_frame(ctx, include_archived=True)

    assert read_ids == [None, None]  # 15 of 20 rows new: one full read
    with open_ctx(store_url, kb) as fresh:
        pd.testing.assert_frame_equal(held, services.workload_frame(fresh, include_archived=True))
    assert [row[2] for row in _rows(held)] == ["not_started"] * 5 + ["recommended", "not_started", "not_started"] * 5


def test_the_list_read_back_is_the_caller_s_to_change(ctx: ServiceContext) -> None:
    new_workload(ctx, "Payroll")
    mine = services.workload_frame(ctx)
    mine.loc[0, "name"] = "Scribbled"

    assert list(services.workload_frame(ctx)["name"]) == ["Payroll"]


def test_the_board_reads_the_same_list_and_follows_another_instance_s_saves(store_url: str, kb: KnowledgeBase) -> None:
    def board(ctx: ServiceContext) -> list[tuple[object, ...]]:
        with ctx.database.read() as unit:
            frame = unit.board.frame()
        return list(zip(frame["name"], frame["version"], frame["status"], frame["service"].fillna("-"), strict=True))

    with open_ctx(store_url, kb) as here, open_ctx(store_url, kb) as there:
        payroll, billing = new_workload(there, "Payroll"), new_workload(there, "Billing")
        for n in range(10):
            new_workload(there, f"Spare {n}")
        save(there, payroll, 1, answers=INCOMPLETE_ANSWERS)
        assert board(here) == [("Payroll", 1, "in_progress", "-")]

        save(there, payroll, 2)
        save(there, billing, 1, status="accepted")
        assert board(here) == [("Billing", 1, "accepted", "virtual-machines"), ("Payroll", 2, "recommended",
                                                                                  "virtual-machines")]  # fmt: skip
        services.archive_workload(there, ANN, billing.id)
        assert board(here) == [("Payroll", 2, "recommended", "virtual-machines")]
