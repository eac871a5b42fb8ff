"""Persistent store (SQLite or PostgreSQL): it persists and queries, and decides nothing.

:class:`Database` opens the database (chosen by ``ADVISOR_DATABASE_URL``, see :func:`database_url`),
upgrades its schema on first use (:mod:`advisor.store.migrations`) and runs units of work: one transaction
with a repository per aggregate bound to it (workloads, record versions, estates and their inventory imports,
answer profiles, review sessions, re-evaluation runs, price sheets; and the Board's query). The rules and the
transactions of every action are the services' (:mod:`advisor.services`). Never imports Streamlit.
"""

from advisor.store.database import data_dir, database_url, display_url, open_engine
from advisor.store.inventory_rows import EstateSummary, ImportDiff, ImportSummary
from advisor.store.price_repository import PriceSheetSummary
from advisor.store.profile_repository import ProfileEntry
from advisor.store.record_repository import VersionHead
from advisor.store.reevaluation_repository import ReevaluationRun
from advisor.store.tables import SCHEMA_VERSION
from advisor.store.unit_of_work import Database, UnitOfWork
from advisor.store.workload_rows import WorkloadSummary

__all__ = [
    "SCHEMA_VERSION",
    "Database",
    "EstateSummary",
    "ImportDiff",
    "ImportSummary",
    "PriceSheetSummary",
    "ProfileEntry",
    "ReevaluationRun",
    "UnitOfWork",
    "VersionHead",
    "WorkloadSummary",
    "data_dir",
    "database_url",
    "display_url",
    "open_engine",
]
