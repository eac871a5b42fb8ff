"""Persistent store (SQLite or PostgreSQL): workloads and their append-only decision record versions,
classic-VM estates with their inventory imports, answer profiles, and architecture review sessions.

Never imports Streamlit. The database is chosen by ``ADVISOR_DATABASE_URL`` (see
:func:`database_url`); the tables are created on first start.
"""

from advisor.models.session import Attendee, ReviewSession, SessionItem
from advisor.store.database import data_dir, database_url, display_url, open_engine
from advisor.store.inventory_rows import EstateSummary, ImportDiff, ImportSummary
from advisor.store.profile_repository import ProfileEntry
from advisor.store.repository import Store
from advisor.store.tables import SCHEMA_VERSION
from advisor.store.workload_rows import WorkloadSummary

__all__ = [
    "SCHEMA_VERSION",
    "Attendee",
    "EstateSummary",
    "ImportDiff",
    "ImportSummary",
    "ProfileEntry",
    "ReviewSession",
    "SessionItem",
    "Store",
    "WorkloadSummary",
    "data_dir",
    "database_url",
    "display_url",
    "open_engine",
]
