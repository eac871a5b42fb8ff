"""Persistent store of workloads and their append-only decision record versions (SQLite or PostgreSQL).

Never imports Streamlit. The database is chosen by ``ADVISOR_DATABASE_URL`` (see
:func:`database_url`); the tables are created on first start.
"""

from advisor.store.database import data_dir, database_url, display_url, open_engine
from advisor.store.repository import Store
from advisor.store.rows import WorkloadSummary
from advisor.store.tables import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store", "WorkloadSummary", "data_dir", "database_url", "display_url", "open_engine"]
