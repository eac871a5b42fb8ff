"""A stored pointer to each workload's latest record version: ``workloads.latest_record_version``.

Revision ID: 0006_latest_version_pointer
Revises: 0005_submissions

Listing workloads with their latest record used to join a ``max(version) ... group by`` over every record
version; with 10,000 workloads and their versions that grouping is most of the Workloads page's first render
after a write. The pointer is kept by the database itself (a trigger after each insert into
``record_versions``), so every way a version is written keeps it, and existing rows are filled here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_latest_version_pointer"
down_revision = "0005_submissions"
branch_labels = None
depends_on = None

_FILL = (
    "UPDATE workloads SET latest_record_version = "
    "(SELECT max(version) FROM record_versions WHERE record_versions.workload_id = workloads.id)"
)
_SQLITE_TRIGGER = """
CREATE TRIGGER record_versions_latest_pointer AFTER INSERT ON record_versions
BEGIN
    UPDATE workloads SET latest_record_version = NEW.version
    WHERE id = NEW.workload_id AND (latest_record_version IS NULL OR latest_record_version < NEW.version);
END
"""
_POSTGRES_FUNCTION = """
CREATE FUNCTION record_versions_latest_pointer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE workloads SET latest_record_version = NEW.version
    WHERE id = NEW.workload_id AND (latest_record_version IS NULL OR latest_record_version < NEW.version);
    RETURN NEW;
END
$$
"""
_POSTGRES_TRIGGER = (
    "CREATE TRIGGER record_versions_latest_pointer AFTER INSERT ON record_versions "
    "FOR EACH ROW EXECUTE FUNCTION record_versions_latest_pointer()"
)


def upgrade() -> None:
    op.add_column(
        "workloads",
        sa.Column("latest_record_version", sa.Integer, nullable=True,
                  comment="the latest record version (None before the first), kept by a trigger"),
    )  # fmt: skip
    op.execute(_FILL)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_POSTGRES_FUNCTION)
        op.execute(_POSTGRES_TRIGGER)
    else:
        op.execute(_SQLITE_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER record_versions_latest_pointer ON record_versions")
        op.execute("DROP FUNCTION record_versions_latest_pointer()")
    else:
        op.execute("DROP TRIGGER record_versions_latest_pointer")
    with op.batch_alter_table("workloads") as batch:
        batch.drop_column("latest_record_version")
