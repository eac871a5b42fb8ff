"""Alembic's environment: runs the revisions on the connection :func:`advisor.store.migrations.upgrade` hands in.

Never run on its own: the app and the command line upgrade a database on start, inside the transaction they
opened (and, on PostgreSQL, under the advisory lock they took), so ``begin_transaction`` below joins that
transaction instead of starting one. SQLite alters tables in batch mode (copy and move), which it needs for
any change beyond adding a table or a column.
"""

from __future__ import annotations

from alembic import context

from advisor.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
