"""Store.board_frame: every live workload's latest record in one query, on SQLite and PostgreSQL, with the
confidence and the tree's outcome read from the payload by the database."""

from __future__ import annotations

import pandas as pd
import pytest

from advisor import KnowledgeBase
from advisor.models.record import Override, VmLink
from advisor.store import Store
from tests.store.builders import COMPLETE_ANSWERS, INCOMPLETE_ANSWERS, make_record


def test_board_frame_has_each_latest_record_by_name(store: Store, kb: KnowledgeBase) -> None:
    link = VmLink(cloud_service="corp-ops", vm_name="ops01")
    payroll = store.create_workload("payroll", vm_links=[link])
    store.append_record(make_record(kb, payroll, 1, answers=INCOMPLETE_ANSWERS))
    store.append_record(make_record(kb, payroll, 2))
    billing = store.create_workload("Billing")
    override = Override(service="app-service", reason="Team skills.")
    store.append_record(make_record(kb, billing, 1, status="accepted", override=override))
    stock = store.create_workload("Stock")
    store.append_record(make_record(kb, stock, 1, answers=INCOMPLETE_ANSWERS))
    store.create_workload("Not started")  # no record: not on the board
    gone = store.create_workload("Gone")
    store.append_record(make_record(kb, gone, 1))
    store.archive_workload(gone.id)

    frame = store.board_frame()

    assert list(frame["name"]) == ["Billing", "payroll", "Stock"]
    rows = {row["name"]: row for row in frame.to_dict("records")}
    assert (rows["payroll"]["version"], rows["payroll"]["service"], rows["payroll"]["tree_service"]) == (
        2, "virtual-machines", "virtual-machines",
    )  # fmt: skip
    assert rows["payroll"]["status"] == "recommended"
    assert not rows["payroll"]["overridden"]
    assert rows["payroll"]["vm_links"] == '[{"cloud_service": "corp-ops", "vm_name": "ops01"}]'
    assert (rows["Billing"]["service"], rows["Billing"]["tree_service"], rows["Billing"]["overridden"]) == (
        "app-service", "virtual-machines", True,
    )  # fmt: skip
    assert rows["Billing"]["status"] == "accepted"
    assert pd.isna(rows["Stock"]["service"])
    assert pd.isna(rows["Stock"]["tree_service"])
    assert rows["Stock"]["status"] == "in_progress"
    assert not rows["Stock"]["overridden"]
    assert set(frame["knowledge_version"]) == {"compute-tree-2026"}


def test_board_frame_confidence_matches_the_record(store: Store, kb: KnowledgeBase) -> None:
    version = kb.version("compute-tree-2026")
    first = next(iter(version.requirements.values()))
    workload = store.create_workload("Payroll")
    answers = COMPLETE_ANSWERS | {first.id: first.answers[0].id}
    saved = store.append_record(make_record(kb, workload, 1, answers=answers))
    assert saved.confidence > 0

    [confidence] = store.board_frame()["confidence"]

    assert confidence == pytest.approx(saved.confidence)


def test_board_frame_of_an_empty_store_is_empty(store: Store) -> None:
    frame = store.board_frame()
    assert frame.empty
    assert {"workload_id", "name", "service", "confidence", "status", "overridden"} <= set(frame.columns)
