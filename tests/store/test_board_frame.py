"""BoardQueries.frame: every live workload's latest record in one query, on SQLite and PostgreSQL, with the
confidence and the tree's outcome read from the payload by the database."""

from __future__ import annotations

import pandas as pd
import pytest

from advisor import KnowledgeBase, services
from advisor.models.record import Override, VmLink
from advisor.services import ServiceContext
from tests.services.builders import ANN, COMPLETE_ANSWERS, INCOMPLETE_ANSWERS, new_workload, save


def _frame(ctx: ServiceContext) -> pd.DataFrame:
    with ctx.database.read() as unit:
        return unit.board.frame()


def test_board_frame_has_each_latest_record_by_name(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    link = VmLink(cloud_service="corp-ops", vm_name="ops01")
    payroll = new_workload(ctx, "payroll", vm_links=[link])
    save(ctx, payroll, 1, answers=INCOMPLETE_ANSWERS)
    save(ctx, payroll, 2)
    billing = new_workload(ctx, "Billing")
    override = Override(service="app-service", reason="Team skills.")
    save(ctx, billing, 1, status="accepted", override=override)
    stock = new_workload(ctx, "Stock")
    save(ctx, stock, 1, answers=INCOMPLETE_ANSWERS)
    new_workload(ctx, "Not started")  # no record: not on the board
    gone = new_workload(ctx, "Gone")
    save(ctx, gone, 1)
    services.archive_workload(ctx, ANN, gone.id)

    frame = _frame(ctx)

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


def test_board_frame_confidence_matches_the_record(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    version = kb.version("compute-tree-2026")
    first = next(iter(version.requirements.values()))
    workload = new_workload(ctx, "Payroll")
    answers = COMPLETE_ANSWERS | {first.id: first.answers[0].id}
    saved = save(ctx, workload, 1, answers=answers)
    assert saved.confidence > 0

    [confidence] = _frame(ctx)["confidence"]

    assert confidence == pytest.approx(saved.confidence)


def test_board_frame_of_an_empty_store_is_empty(ctx: ServiceContext) -> None:
    frame = _frame(ctx)
    assert frame.empty
    assert {"workload_id", "name", "service", "confidence", "status", "overridden"} <= set(frame.columns)
