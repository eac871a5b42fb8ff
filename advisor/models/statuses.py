"""The one status language people read: a label and a one-line meaning per status, used by every page, filter,
export text and command-line output.

Two values are stored and exported, and stay as they are: a record version's ``status`` (``proposed``,
``accepted``, ``rejected``, ``superseded``: the decision, in MADR's words) and its ``walk_status`` (whether the
decision tree was finished). People see one status made of both, the workload status: a *proposed* version is
**in progress** while its tree is unfinished and **recommended** once it is finished. The README's status table
maps each label to the stored values.
"""

from __future__ import annotations

from typing import NamedTuple, cast

from advisor.models.record import WORKLOAD_STATUS_LABELS, DecisionRecord, WorkloadStatus

__all__ = [
    "FILTER_STATUSES",
    "STATUS_WORDS",
    "StatusWords",
    "status_help",
    "status_label",
    "version_status",
    "version_status_label",
    "version_status_text",
]


class StatusWords(NamedTuple):
    label: str  # what people read
    meaning: str  # one line: what it says about the workload
    record_status: str  # the stored (and exported) record status of a version with this status
    walk_status: str  # the stored walk status


STATUS_WORDS: dict[str, StatusWords] = {
    "not_started": StatusWords(
        WORKLOAD_STATUS_LABELS["not_started"], "No answer saved yet.", "(no version)", "(no version)"
    ),
    "in_progress": StatusWords(
        WORKLOAD_STATUS_LABELS["in_progress"],
        "Answers saved, but the decision tree is not finished: no service is recommended yet.",
        "proposed",
        "incomplete",
    ),
    "recommended": StatusWords(
        WORKLOAD_STATUS_LABELS["recommended"],
        "The tree is finished and recommends a service; no review board has decided on it yet.",
        "proposed",
        "complete",
    ),
    "accepted": StatusWords(
        WORKLOAD_STATUS_LABELS["accepted"],
        "A review board accepted the recommended service (or the override it chose).",
        "accepted",
        "complete or incomplete",
    ),
    "rejected": StatusWords(
        WORKLOAD_STATUS_LABELS["rejected"],
        "A review board rejected the recommendation; the record says why.",
        "rejected",
        "complete or incomplete",
    ),
    "superseded": StatusWords(
        WORKLOAD_STATUS_LABELS["superseded"],
        "Replaced by a newer version decided under another knowledge version.",
        "superseded",
        "complete or incomplete",
    ),
}

# The statuses a list of records can be filtered by (a record exists, so not "not started").
FILTER_STATUSES: tuple[str, ...] = ("in_progress", "recommended", "accepted", "rejected", "superseded")


def status_label(status: str) -> str:
    """The label of a workload status, or of a stored record status (``proposed`` reads as both it can be)."""
    if status in STATUS_WORDS:
        return STATUS_WORDS[status].label
    if status == "proposed":
        return f"{STATUS_WORDS['in_progress'].label} or {STATUS_WORDS['recommended'].label}"
    return status


def version_status(record: DecisionRecord) -> WorkloadStatus:
    """The status people read for a record version: its decision, else whether its tree is finished."""
    if record.status in ("accepted", "rejected", "superseded"):
        return cast(WorkloadStatus, record.status)
    return "recommended" if record.walk_status == "complete" else "in_progress"


def version_status_label(record: DecisionRecord) -> str:
    return STATUS_WORDS[version_status(record)].label


def version_status_text(record: DecisionRecord) -> str:
    """The label, with the stored record status after it when the two words differ (for exported text)."""
    label = version_status_label(record)
    return label if label == record.status else f"{label} (record status {record.status})"


def status_help(statuses: tuple[str, ...] = FILTER_STATUSES) -> str:
    """The meanings of ``statuses``, one line each (for a filter's help)."""
    return "  \n".join(f"**{STATUS_WORDS[s].label}**: {STATUS_WORDS[s].meaning}" for s in statuses)
