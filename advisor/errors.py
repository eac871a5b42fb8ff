"""The error tree of the advisor core. Every message names the file, the line and the id at fault.

    AdvisorError                 base; ``str()`` is one line: ``file:line: id: message``
    ├── KnowledgeError           knowledge files are malformed, fail their schema or their checks
    │                            (``problems`` lists every one, not only the first)
    ├── AnswersError             an answers file (or answers given in code) is not acceptable
    ├── InputError               a file that does not exist, is empty, or a version that is unknown;
    │                            a workload name that is empty, too long or taken
    └── StoreError               the database cannot be reached, is read-only or locked
        └── ConflictError        someone saved a newer version of the same record first

The command line maps ``KnowledgeError`` from ``check`` to exit 1 and every other error to exit 2.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located as precisely as the input allows."""

    message: str
    file: str | None = None
    line: int | None = None
    ident: str | None = None
    check: str | None = None

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        head = f"{where}: {self.ident}" if self.ident else where
        tag = f"[{self.check}] " if self.check else ""
        return f"{head}: {tag}{self.message}"


class AdvisorError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))


class KnowledgeError(AdvisorError):
    """The knowledge base cannot be used; ``problems`` lists every fault found."""


class AnswersError(AdvisorError):
    """Answers name an unknown question or answer, or have the wrong type or shape."""


class InputError(AdvisorError):
    """A file is missing or empty, or a requested knowledge version does not exist."""


class StoreError(AdvisorError):
    """The database cannot be used right now; nothing was written."""


class ConflictError(StoreError):
    """The record changed since it was read: the save was refused, and the newer version kept."""
