"""A record's readable history: the versions that matter (milestones), each with why, out of every version saved.

One questionnaire walk saves a version per answer; most of them only carry the walk forward. The milestones are
the first version, the first complete recommendation, every version whose outcome differs from the one before
(an answer change that changed the service, or that left the walk unfinished again), every override set,
changed or removed, every decision (a review session's outcome, or a status given by hand), every supersession,
and the latest version. Nothing is dropped: every version stays stored, and the pages and the Markdown export
show all of them on demand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from advisor.models.record import DecisionRecord
from advisor.models.statuses import version_status_label


@dataclass(frozen=True)
class Milestone:
    record: DecisionRecord
    why: tuple[str, ...]  # in words, e.g. "first complete recommendation: virtual-machines"

    @property
    def version(self) -> int:
        return self.record.version


Names = Callable[[str], str]


def milestones(history: Sequence[DecisionRecord], name: Names = str) -> list[Milestone]:
    """The milestones of ``history`` (every version of one record, oldest first), oldest first; ``name`` gives
    a service's name for people (default: its id)."""
    found: list[Milestone] = []
    previous: DecisionRecord | None = None
    complete_seen = False
    for record in history:
        why = _why(record, previous, complete_seen, name)
        if record is history[-1]:
            why.append("latest version")
        if why:
            found.append(Milestone(record, tuple(why)))
        complete_seen = complete_seen or record.walk_status == "complete"
        previous = record
    return found


def _why(record: DecisionRecord, previous: DecisionRecord | None, complete_seen: bool, name: Names) -> list[str]:
    why: list[str] = []
    if previous is None:
        why.append("first version")
    if record.walk_status == "complete" and not complete_seen:
        why.append(f"first complete recommendation: {_outcome(record, name)}")
    elif previous is not None and complete_seen and _outcome(record, name) != _outcome(previous, name):
        why.append(f"outcome changed: {_outcome(previous, name)} → {_outcome(record, name)}")
    if previous is not None and record.override != previous.override:
        why.append(f"override to {name(record.override.service)}" if record.override else "override removed")
    elif previous is None and record.override is not None:
        why.append(f"override to {name(record.override.service)}")
    if record.session_id is not None:
        why.append(f"review session outcome: {version_status_label(record)}")
    elif record.status in ("accepted", "rejected") and (previous is None or previous.status != record.status):
        why.append(f"decision: {version_status_label(record)}")
    if record.supersedes_version is not None:
        why.append(f"supersedes version {record.supersedes_version} under {record.knowledge_version}")
    return why


def _outcome(record: DecisionRecord, name: Names) -> str:
    if record.walk_status != "complete":
        return "unfinished walk"
    return name(record.service) if record.service else "no service"
