"""The error tree of the advisor. Every error the project raises on purpose is one of these, and every
message names the file, the line and the id at fault.

    AdvisorError                 base; ``str()`` is one line per problem: ``file:line: id: message``
    ├── KnowledgeError           knowledge files are malformed, fail their schema or their checks
    │                            (``problems`` lists every one, not only the first)
    ├── AnswersError             an answers file (or answers given in code) is not acceptable
    ├── InputError               a file that does not exist, is empty, or a version that is unknown;
    │   │                        a workload name that is empty or too long; an unknown workload
    │   ├── NameTakenError       a name another workload or profile has already (ignoring case)
    │   └── YamlError            a text that is not acceptable YAML (``problem`` says where)
    ├── AccessError              the acting person is missing, has no id, or may not do this
    ├── StoreError               the database cannot be reached, is read-only, locked, or of a newer app
    │   └── ConflictError        someone saved a newer version of the same record first
    ├── RuleError                a value a model's own rule refuses; also a ``ValueError``, because
    │                            pydantic validators and ``json``'s hooks need one
    └── UsageError               the code was called in a way it cannot serve (a fault in the caller,
                                 not in the user's input); also a ``ValueError``

The command line maps ``KnowledgeError`` from ``check`` to exit 1 and every other error to exit 2; it and
the app show each problem as one line, never a traceback.
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
        tag = f"[{self.check}] " if self.check else ""
        if self.file is None and self.ident and self.ident.startswith("--"):
            return f"{self.ident}: {tag}{self.message}"  # a command-line option names itself; no file to name
        where = self.file or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        head = f"{where}: {self.ident}" if self.ident else where
        return f"{head}: {tag}{self.message}"


class AdvisorError(Exception):
    """Base of every error the advisor raises on purpose."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(p) for p in self.problems))

    def messages(self) -> str:
        """The problems' messages joined in one line, for a person (no file or id prefix)."""
        return "; ".join(p.message for p in self.problems)


class KnowledgeError(AdvisorError):
    """The knowledge base cannot be used; ``problems`` lists every fault found."""


class AnswersError(AdvisorError):
    """Answers name an unknown question or answer, or have the wrong type or shape."""


class InputError(AdvisorError):
    """A file is missing or empty, a requested knowledge version, workload or item does not exist, or a
    value given (a name, a text, a choice) breaks a rule."""


class NameTakenError(InputError):
    """A workload or profile already has this name (names compare ignoring case); ``existing`` is its spelling."""

    def __init__(self, problem: Problem, existing: str) -> None:
        self.existing = existing
        super().__init__(problem)


class YamlError(InputError):
    """The text is not acceptable YAML; ``problem`` says where."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem)


class AccessError(AdvisorError):
    """The acting person is missing or incomplete, or may not do this (roles arrive with sign-in)."""


class StoreError(AdvisorError):
    """The database cannot be used right now; nothing was written."""


class ConflictError(StoreError):
    """The record changed since it was read: the save was refused, and the newer version kept."""


class RuleError(AdvisorError, ValueError):
    """A model's rule refused a value. Pydantic validators (and ``json``'s hooks) need a ``ValueError``; pydantic
    reports it as that field's problem ("Value error, <message>"), so ``str()`` is the bare message."""

    def __init__(self, message: str) -> None:
        super().__init__(Problem(message))

    def __str__(self) -> str:
        return self.problems[0].message


class UsageError(AdvisorError, ValueError):
    """A function was called with arguments that cannot go together: a fault in the calling code."""

    def __init__(self, message: str) -> None:
        super().__init__(Problem(message))

    def __str__(self) -> str:
        return self.problems[0].message
