"""Each workload row counts its own changes: ``workloads.change_count``.

Revision ID: 0010_workload_change_count
Revises: 0009_record_signatures

The workload list is kept in memory and brought up to date from the rows that changed
(:mod:`advisor.store.workload_list`): a row has changed when its ``change_count`` (raised by every update the
repository makes) or its ``latest_record_version`` (raised by the database on every new version) differs from
the one held. ``updated_at`` cannot say it alone: two changes can carry the same moment (a frozen or coarse
clock). Existing rows start at 0.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_workload_change_count"
down_revision = "0009_record_signatures"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "workloads",
        sa.Column("change_count", sa.Integer, nullable=False, server_default="0",
                  comment="how many times the row was updated: with latest_record_version, the list's change stamp"),
    )  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table("workloads") as batch:
        batch.drop_column("change_count")
