"""Turning database failures into one-line :class:`~advisor.errors.StoreError` messages.

Each message names the database (its URL, password masked) and says what went wrong in words a
user can act on: read-only, locked by another process, PostgreSQL unreachable, and so on.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, IntegrityError, InterfaceError, OperationalError

from advisor.errors import Problem, StoreError
from advisor.store.database import display_url, server_address

_SQLITE_PHRASES = (
    (("readonly", "read-only"), "database is read-only"),
    (("database is locked", "database table is locked", "busy"), "database is locked by another process"),
    (("unable to open database file",), "cannot open the database file (missing folder or no permission)"),
    (("malformed", "not a database"), "the database file is damaged or is not a SQLite database"),
    (("disk i/o error",), "disk I/O error"),
    (("database or disk is full",), "the disk is full"),
)
_POSTGRES_PHRASES: tuple[tuple[str, str | None], ...] = (
    ("connection refused", "connection refused"),
    ("timeout expired", "timed out"),
    ("password authentication failed", "password authentication failed"),
    ("does not exist", None),
    ("no route to host", "no route to host"),
    ("could not translate host name", "unknown host name"),
    ("failed to resolve host", "unknown host name"),
    ("name or service not known", "unknown host name"),
)


def store_error(exc: BaseException, url: str) -> StoreError:
    """A StoreError for ``exc`` raised while using the database at ``url``."""
    return StoreError(Problem(describe(exc, url), file=display_url(url)))


def describe(exc: BaseException, url: str) -> str:
    """What went wrong, in one line."""
    original = getattr(exc, "orig", None) or exc
    detail = _first_line(str(original))
    lowered = detail.lower()
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        for needles, phrase in _SQLITE_PHRASES:
            if any(needle in lowered for needle in needles):
                return phrase
        return detail or type(original).__name__
    if backend == "postgresql" and _is_connect_failure(exc):
        where = server_address(url)
        for needle, known in _POSTGRES_PHRASES:
            if needle in lowered:
                return f"cannot connect to PostgreSQL at {where} ({known or _tail(detail)})"
        return f"cannot connect to PostgreSQL at {where} ({_tail(detail)})"
    return detail or type(original).__name__


@contextmanager
def translated_faults(url: str) -> Iterator[None]:
    """Re-raise driver and database failures inside the block as StoreError."""
    try:
        yield
    except IntegrityError:  # a constraint refused the change: the caller says which rule it broke
        raise
    except (OperationalError, InterfaceError, DatabaseError) as exc:
        raise store_error(exc, url) from exc
    except OSError as exc:  # e.g. the data folder cannot be created
        raise StoreError(Problem(f"{exc.strerror or exc} ({exc.filename})", file=display_url(url))) from exc


def _is_connect_failure(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return any(word in text for word in ("connect", "resolve host")) or getattr(exc, "connection_invalidated", False)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _tail(detail: str) -> str:
    """The driver's reason without its 'connection to server at ... failed:' preamble."""
    return detail.rsplit("failed:", 1)[-1].strip() or detail
