"""What every service works with: the database, the knowledge base, and the clock.

The app keeps one :class:`ServiceContext` per server process; the command line opens one per command
(:func:`open_context`). Services read the time from ``clock`` (UTC), so tests can fix it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from advisor.knowledge.assembly import DEFAULT_KNOWLEDGE_DIR, KnowledgeBase, load_knowledge
from advisor.store import Database, database_url

__all__ = ["DEFAULT_KNOWLEDGE_DIR", "ServiceContext", "database_url", "open_context", "utc_now"]


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


@dataclass(frozen=True)
class ServiceContext:
    """An open database and the knowledge base its records are decided under."""

    database: Database
    kb: KnowledgeBase
    clock: Callable[[], datetime.datetime] = field(default=utc_now, compare=False)

    def now(self) -> datetime.datetime:
        return self.clock()

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> ServiceContext:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_context(
    url: str | None = None, *, kb: KnowledgeBase | None = None, knowledge_dir: Path | None = None
) -> ServiceContext:
    """The database at ``url`` (default: ``ADVISOR_DATABASE_URL`` or the data folder's SQLite file) and the
    knowledge base (``kb``, else loaded from ``knowledge_dir`` or the shipped folder). The schema is upgraded
    on first use; :meth:`Database.check` does it at once."""
    return ServiceContext(Database(url), kb if kb is not None else load_knowledge(knowledge_dir))
