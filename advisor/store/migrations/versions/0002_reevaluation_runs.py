"""Stored re-evaluation runs: ``reevaluation_runs`` and the records each found changed.

Revision ID: 0002_reevaluation_runs
Revises: 0001_schema3

The Board's "stale" filter reads the latest run from here, so every user sees the same one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_reevaluation_runs"
down_revision = "0001_schema3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reevaluation_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("target_version", sa.String(200), nullable=False, comment="the knowledge version re-run under"),
        sa.Column("run_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Text, nullable=False, comment="the stable id of the person who ran it"),
        sa.Column("author", sa.Text, nullable=False, comment="their display name"),
        sa.Column("record_count", sa.Integer, nullable=False, comment="how many records were re-run"),
        sa.Column("changed_count", sa.Integer, nullable=False, comment="how many of them would change"),
    )
    op.create_table(
        "reevaluation_changes",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("reevaluation_runs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("workload_id", sa.Integer, sa.ForeignKey("workloads.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, comment="the record version the run found changed"),
        sa.PrimaryKeyConstraint("run_id", "workload_id", name="pk_reevaluation_changes"),
    )


def downgrade() -> None:
    op.drop_table("reevaluation_changes")
    op.drop_table("reevaluation_runs")
