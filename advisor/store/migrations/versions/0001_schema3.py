"""Schema 3, the base: brings an empty database, or one of schema version 1, 2 or 3, to schema 3.

Revision ID: 0001_schema3
Revises: (none: the first revision)

Databases made before migrations existed say their version in the ``schema_version`` table (1, 2 or 3);
each gets the tables it lacks (and, below 3, the index on ``record_versions.session_id``), and nothing it
has is touched. An empty database gets every table. ``schema_version`` says 3 afterwards; from here on the
revision in ``alembic_version`` tells where a database is.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import insert, inspect, select, update

from advisor.errors import Problem, StoreError
from advisor.store.migrations import schema3

revision = "0001_schema3"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    info = schema3.schema_info
    stored = None
    if inspect(bind).has_table(info.name):
        stored = bind.execute(select(info.c.version).where(info.c.id == 1)).scalar_one_or_none()
    schema3.metadata.create_all(bind, checkfirst=True)
    if stored is not None and stored < schema3.SCHEMA_VERSION:  # create_all adds indexes only with new tables
        schema3.record_versions_by_session.create(bind, checkfirst=True)
    if stored is None:
        bind.execute(insert(info).values(id=1, version=schema3.SCHEMA_VERSION))
    elif stored != schema3.SCHEMA_VERSION:
        bind.execute(update(info).where(info.c.id == 1).values(version=schema3.SCHEMA_VERSION))


def downgrade() -> None:
    raise StoreError(Problem("schema 3 is the base revision: there is nothing older to go back to"))
