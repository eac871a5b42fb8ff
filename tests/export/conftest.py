"""Export fixtures: the store tests' ``store`` (SQLite, and PostgreSQL when configured), reused as is."""

from tests.store.conftest import store, store_url  # noqa: F401 (fixtures, found by pytest by name)
