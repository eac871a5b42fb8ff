"""Migration 0009_record_signatures: sign-offs made before it get their signature in the record version."""

from __future__ import annotations

import json

from sqlalchemy import create_engine, text

from advisor import KnowledgeBase, services
from advisor.store import Database
from tests.services.builders import ANN, BOARD_DATE, open_ctx, reviewed_workload
from tests.services.test_accounts_and_roles import sign


def _forget_signatures_and_go_back_to_0008(url: str) -> list[tuple[int, bool]]:
    """Make the database look as 0008_record_numbers left it: no version's payload has ``signature``, no workload
    row its ``change_count``."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            rows = conn.execute(text("SELECT id, payload FROM record_versions ORDER BY id")).all()
            had = []
            for row_id, payload in rows:
                fields = json.loads(payload)
                had.append((row_id, fields.pop("signature", None) is not None))
                conn.execute(
                    text("UPDATE record_versions SET payload = :payload WHERE id = :id"),
                    {"payload": json.dumps(fields), "id": row_id},
                )
            conn.execute(text("ALTER TABLE workloads DROP COLUMN change_count"))  # added by the later 0010
            conn.execute(text("UPDATE alembic_version SET version_num = '0008_record_numbers'"))
        return had
    finally:
        engine.dispose()


def test_each_earlier_sign_off_gets_its_signature_and_nothing_else_does(store_url: str, kb: KnowledgeBase) -> None:
    with open_ctx(store_url, kb) as ctx:
        admin = sign(ctx, "admin", "Ada Admin")
        carol = sign(ctx, "carol", "Carol Clark")
        services.grant_role(ctx, admin, services.find_account(ctx, "carol@example.com").id, "reviewer")
        team_signed, _ = reviewed_workload(ctx, "Payroll")
        local_signed, _ = reviewed_workload(ctx, "Billing")
        never_signed, _ = reviewed_workload(ctx, "Intranet")
        board = services.create_session(ctx, carol, "Board", BOARD_DATE, [("carol@example.com", "decision_maker")])
        services.set_agenda(ctx, carol, board.id, [team_signed.id])
        services.decide_item(ctx, carol, board.id, team_signed.id, "accept", "", None, "")
        local = services.create_session(ctx, ANN, "Local board", BOARD_DATE, [("Ann", "decision_maker")])
        services.set_agenda(ctx, ANN, local.id, [local_signed.id])
        services.decide_item(ctx, ANN, local.id, local_signed.id, "reject", "Too early.", None, "Ann")

    # Payroll v2 and Billing v2 were signed off; the three v1 were not
    assert sorted(signed for _, signed in _forget_signatures_and_go_back_to_0008(store_url)) == [
        False, False, False, True, True,
    ]  # fmt: skip
    with Database(store_url) as database:
        database.check()

    with open_ctx(store_url, kb) as ctx:
        signatures = {
            (workload.name, record.version): record.signature
            for workload in (team_signed, local_signed, never_signed)
            for record in services.record_history(ctx, workload.id)
        }
    assert signatures == {
        ("Payroll", 1): None,
        ("Payroll", 2): "Carol Clark, signed in as carol@example.com",
        ("Billing", 1): None,
        ("Billing", 2): "Ann, unverified (local mode)",
        ("Intranet", 1): None,
    }
