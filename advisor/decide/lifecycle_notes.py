"""Lifecycle beside a recommendation: the notes of the tree's outcome and of every candidate, and the candidates
set aside as the best alternative because their whole service stops inside the horizon (or already has).

Kept out of :mod:`~advisor.decide.recommendation` and :mod:`~advisor.decide.fit` so those stay about the walk and
the fit: they only carry the :class:`~advisor.lifecycle.entries.LifecycleView` and the set of services to pass
over. Every note stays structured (service, entry, kind, date, event, status) with its words beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from advisor.lifecycle.entries import LifecycleNote, LifecycleView


class _Candidate(Protocol):
    @property
    def service(self) -> str: ...

    @property
    def fit(self) -> str: ...


@dataclass(frozen=True)
class SetAside:
    """A candidate that fits but is never the best alternative, because its whole service stops."""

    service: str
    note: LifecycleNote
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"service": self.service, "entry": self.note.entry, "event": self.note.event,
                "date": self.note.date.isoformat(), "status": self.note.status, "reason": self.reason}  # fmt: skip


def set_aside(view: LifecycleView | None, candidates: Sequence[_Candidate], chosen: str | None) -> tuple[SetAside, ...]:
    """The candidates other than ``chosen`` that would be eligible (not ``no_fit``) but whose service stops."""
    if view is None or not view.retiring:
        return ()
    found = []
    for candidate in candidates:
        if candidate.service == chosen or candidate.fit == "no_fit" or candidate.service not in view.retiring:
            continue
        note = view.ending(candidate.service)
        assert note is not None
        when = "already" if note.status == "past" else f"inside the {view.judgement.horizon_months}-month horizon"
        reason = (f"never offered as the best alternative: {note.text.rstrip('.')} ({when}, "
                  f"{view.judgement.describe()})")  # fmt: skip
        found.append(SetAside(candidate.service, note, reason))
    return tuple(found)


def add_lifecycle(data: dict[str, Any], view: LifecycleView | None, revision: str | None = None) -> dict[str, Any]:
    """``data`` (a recommendation's JSON object) with ``lifecycle`` for the outcome and each candidate, the
    judgement and revision they were made at, and ``alternatives_set_aside``."""
    if view is None:
        return data
    data["lifecycle"] = [note.to_dict() for note in view.notes(data.get("service"))]
    for candidate in data.get("candidates", []):
        candidate["lifecycle"] = [note.to_dict() for note in view.notes(candidate["service"])]
    data["lifecycle_judgement"] = {**view.judgement.to_dict(), "revision": revision or view.lifecycle.revision}
    data["alternatives_set_aside"] = [
        item.to_dict()
        for item in set_aside(view, [_Plain(c["service"], c["fit"]) for c in data.get("candidates", [])],
                              data.get("service"))
    ]  # fmt: skip
    return data


@dataclass(frozen=True)
class _Plain:
    service: str
    fit: str
