"""Differences between two outcomes of the same workload: path steps, candidates' fits and conditions.

Shared by the what-if sandbox (:mod:`advisor.review.what_if`) and the re-evaluation on a knowledge change
(:mod:`advisor.review.reevaluation`). The functions take anything shaped like a record's or a
recommendation's entries (``.question``/``.answer`` steps, ``.service``/``.fit``/``.reasons``
candidates), so the engine's named tuples are compared without building records.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple, Protocol

StepChangeKind = Literal["added", "removed", "changed"]


class _Step(Protocol):
    @property
    def question(self) -> str: ...
    @property
    def answer(self) -> str: ...


class _Candidate(Protocol):
    @property
    def service(self) -> str: ...
    @property
    def fit(self) -> str: ...
    @property
    def reasons(self) -> tuple[str, ...]: ...


class PathChange(NamedTuple):
    """A step of the path that one outcome has and the other lacks, or answers differently."""

    question: str
    change: StepChangeKind
    before: str | None  # the answer on the first path, None when added
    after: str | None  # the answer on the second path, None when removed


class FitChange(NamedTuple):
    """A candidate of both outcomes whose fit differs, with each side's reasons."""

    service: str
    before: str
    after: str
    reasons_before: tuple[str, ...]
    reasons_after: tuple[str, ...]


def path_changes(before: Sequence[_Step], after: Sequence[_Step]) -> tuple[PathChange, ...]:
    """Steps added or changed, in the second path's order, then steps removed, in the first path's order."""
    old = {step.question: step.answer for step in before}
    new = {step.question: step.answer for step in after}
    changes = [
        PathChange(q, "added" if q not in old else "changed", old.get(q), a) for q, a in new.items() if old.get(q) != a
    ]
    changes += [PathChange(q, "removed", a, None) for q, a in old.items() if q not in new]
    return tuple(changes)


def fit_changes(before: Sequence[_Candidate], after: Sequence[_Candidate]) -> tuple[FitChange, ...]:
    """Candidates of both whose fit value differs, in the second outcome's order.

    A candidate that only one side has is not a fit change: see :func:`candidate_changes`.
    """
    old = {c.service: c for c in before}
    return tuple(
        FitChange(c.service, old[c.service].fit, c.fit, old[c.service].reasons, c.reasons)
        for c in after
        if c.service in old and old[c.service].fit != c.fit
    )


def candidate_changes(
    before: Sequence[_Candidate], after: Sequence[_Candidate]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(added, removed): candidates only the second outcome has, and only the first has."""
    old = [c.service for c in before]
    new = [c.service for c in after]
    return tuple(s for s in new if s not in old), tuple(s for s in old if s not in new)


def condition_changes(before: Sequence[str], after: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(added, removed): conditions only the second outcome has, and only the first has."""
    return tuple(c for c in after if c not in before), tuple(c for c in before if c not in after)
