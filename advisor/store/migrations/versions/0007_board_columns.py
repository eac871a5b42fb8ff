"""The four payload fields the Board reads, copied into columns of ``record_versions``.

Revision ID: 0007_board_columns
Revises: 0006_latest_version_pointer

The Board read the confidence, the tree's own outcome, the stored revisit-by date and its lifecycle revision
out of each latest payload (``json_extract`` / ``jsonb``): parsing 10,000 payloads of ~5 KB was most of its
query. They are now columns, filled here for existing rows and kept by the database itself on every insert
(a trigger), so every way a version is written keeps them. An index holds everything the Board reads of a
version, so the Board reads no table row (whose copied columns sit behind the payload).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_board_columns"
down_revision = "0006_latest_version_pointer"
branch_labels = None
depends_on = None

_COLUMNS = (
    ("board_confidence", sa.String(40), "confidence", "the payload's confidence (0 to 1), as written"),
    ("board_tree_service", sa.String(200), "service", "the payload's service: the tree's own outcome"),
    ("board_revisit_by", sa.String(40), "revisit_by", "the payload's stored revisit-by date"),
    ("board_lifecycle_revision", sa.String(200), "lifecycle_revision", "the payload's lifecycle revision"),
)
_SQLITE_SET = ", ".join(f"{name} = json_extract({{row}}.payload, '$.{key}')" for name, _, key, _ in _COLUMNS)
_SQLITE_TRIGGER = f"""
CREATE TRIGGER record_versions_board_columns AFTER INSERT ON record_versions
BEGIN
    UPDATE record_versions SET {_SQLITE_SET.format(row="NEW")} WHERE id = NEW.id;
END
"""
_POSTGRES_SET = ", ".join(f"{name} = (({{row}}.payload)::jsonb ->> '{key}')" for name, _, key, _ in _COLUMNS)
_POSTGRES_FUNCTION = f"""
CREATE FUNCTION record_versions_board_columns() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {"; ".join(f"NEW.{part.strip()}" for part in _POSTGRES_SET.format(row="NEW").split(", "))};
    RETURN NEW;
END
$$
"""
_POSTGRES_TRIGGER = (
    "CREATE TRIGGER record_versions_board_columns BEFORE INSERT ON record_versions "
    "FOR EACH ROW EXECUTE FUNCTION record_versions_board_columns()"
)


# Everything the Board reads of a version: it is read from this index alone, never from the table row, where
# the copied columns sit behind the ~5 KB payload.
_BOARD_INDEX = (
    "workload_id",
    "version",
    "status",
    "walk_status",
    "service",
    "knowledge_version",
    "board_confidence",
    "board_tree_service",
    "board_revisit_by",
    "board_lifecycle_revision",
    "author",
    "session_id",
)


def upgrade() -> None:
    for name, kind, _, comment in _COLUMNS:
        op.add_column("record_versions", sa.Column(name, kind, nullable=True, comment=comment))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"UPDATE record_versions SET {_POSTGRES_SET.format(row='record_versions')}")
        op.execute(_POSTGRES_FUNCTION)
        op.execute(_POSTGRES_TRIGGER)
    else:
        op.execute(f"UPDATE record_versions SET {_SQLITE_SET.format(row='record_versions')}")
        op.execute(_SQLITE_TRIGGER)
    op.create_index("ix_record_versions_board", "record_versions", list(_BOARD_INDEX))


def downgrade() -> None:
    op.drop_index("ix_record_versions_board", "record_versions")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER record_versions_board_columns ON record_versions")
        op.execute("DROP FUNCTION record_versions_board_columns()")
    else:
        op.execute("DROP TRIGGER record_versions_board_columns")
    with op.batch_alter_table("record_versions") as batch:
        for name, _, _, _ in reversed(_COLUMNS):
            batch.drop_column(name)
