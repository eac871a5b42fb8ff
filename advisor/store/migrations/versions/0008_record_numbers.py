"""Decision-record numbers that never move: ``workloads.record_number`` and ``workloads.origin_number``.

Revision ID: 0008_record_numbers
Revises: 0007_board_columns

Existing workloads are numbered 1, 2, 3… in the order they were created (then by id), once; from then on
the services give each new workload the next free number. ``origin_number`` (an imported workload's number on
the instance that exported it) stays empty for workloads made before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_record_numbers"
down_revision = "0007_board_columns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "workloads",
        sa.Column("record_number", sa.Integer, nullable=True, comment="the decision-record number here, given once"),
    )
    op.add_column(
        "workloads",
        sa.Column("origin_number", sa.Integer, nullable=True, comment="an imported workload's number on its origin"),
    )
    workloads = sa.table(
        "workloads", sa.column("id", sa.Integer), sa.column("created_at"), sa.column("record_number", sa.Integer)
    )
    connection = op.get_bind()
    ordered = connection.execute(sa.select(workloads.c.id).order_by(workloads.c.created_at, workloads.c.id))
    for number, (workload_id,) in enumerate(ordered.fetchall(), start=1):
        connection.execute(sa.update(workloads).where(workloads.c.id == workload_id).values(record_number=number))
    op.create_index("uq_workloads_record_number", "workloads", ["record_number"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_workloads_record_number", table_name="workloads")
    op.drop_column("workloads", "origin_number")
    op.drop_column("workloads", "record_number")
