"""The review board's portfolio: every latest record as one DataFrame row, its filters and chart figures.

Everything here is vectorized over :meth:`~advisor.store.board_queries.BoardQueries.frame` (no record is parsed, no
store call per row), so 10,000 records stay fast. A record is *stale* when it was decided under a
knowledge version other than the default, when a lifecycle date touching its chosen service lies ahead inside
the horizon or its whole service has stopped (knowledge/lifecycle.yaml, judged at an as-of date and horizon),
or when a re-evaluation listed it as changed and it was not superseded since.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from advisor.knowledge.assembly import KnowledgeBase
from advisor.lifecycle.judgement import Judgement
from advisor.lifecycle.revisit import DECIDED
from advisor.models.record import WORKLOAD_STATUS_LABELS
from advisor.triage.verdicts import VERDICTS

INCOMPLETE = "(incomplete)"
NO_VMS = "no linked VMs"
NOT_IN_INVENTORY = "not in the inventory"
TRIAGE_VALUES = (*VERDICTS, NOT_IN_INVENTORY, NO_VMS)
OLD_KNOWLEDGE = "older knowledge version"
RETIRING = "lifecycle date ahead"
PENDING = "re-evaluation pending"
STALE_REASONS = (OLD_KNOWLEDGE, RETIRING, PENDING)
CONFIDENCE_BUCKETS = tuple(f"{low}–{low + 10}%" for low in range(0, 100, 10))
_SEVERITY = {verdict: level for level, verdict in enumerate(VERDICTS)}


@dataclass(frozen=True)
class BoardFilter:
    """What the board shows: each empty collection means "any"."""

    services: Collection[str] = ()  # service names, INCOMPLETE for records without an outcome
    statuses: Collection[str] = ()  # workload status labels ("recommended", "in progress", ...)
    triage: Collection[str] = ()  # TRIAGE_VALUES
    versions: Collection[str] = ()  # knowledge version ids
    confidence: tuple[float, float] = (0.0, 1.0)  # inclusive bounds, 0 to 1
    stale_only: bool = False
    revisit_before: datetime.date | None = None  # only records to revisit by this date (inclusive)


def portfolio(
    frame: pd.DataFrame,
    kb: KnowledgeBase,
    vm_verdicts: Mapping[tuple[str, str], str] | None = None,
    pending: Mapping[int, int] | None = None,
    judgement: Judgement | None = None,
) -> pd.DataFrame:
    """``frame`` (BoardQueries.frame) with the columns the board shows and filters on.

    Adds ``service_name``, ``status_label``, ``triage`` (the worst verdict of the workload's linked VMs in
    ``vm_verdicts``, (cloud service, VM name) -> verdict; NO_VMS or NOT_IN_INVENTORY otherwise; "" when there
    is no inventory at all: ``vm_verdicts`` None), ``stale`` (the reasons, joined) and ``is_stale``.
    ``pending`` maps a workload id to the record version a re-evaluation found changed. Lifecycle dates are judged
    at ``judgement`` (default: today, the knowledge's horizon).
    """
    names = _service_names(kb)
    # .tolist(): iterating Arrow-backed columns cell by cell is ten times slower than over a list
    pairs = list(zip(frame["knowledge_version"].tolist(), frame["service"].tolist(), strict=True))
    retiring = retiring_services(kb, {pair for pair in pairs if isinstance(pair[1], str)}, judgement)
    old = frame["knowledge_version"] != kb.default_version
    retires = pd.Series([pair in retiring for pair in pairs], index=frame.index, dtype=bool)
    due = pending or {}
    waiting = pd.Series(
        [due.get(w) == v for w, v in zip(frame["workload_id"].tolist(), frame["version"].tolist(), strict=True)],
        index=frame.index, dtype=bool,
    )  # fmt: skip
    reasons = pd.DataFrame({OLD_KNOWLEDGE: old, RETIRING: retires, PENDING: waiting})
    # Eight combinations of the three reasons: each row takes its combination's text by number.
    texts = [", ".join(r for bit, r in enumerate(STALE_REASONS) if code >> bit & 1) for code in range(8)]
    codes = reasons.to_numpy(dtype=int) @ [1, 2, 4]
    stale = [texts[code] for code in codes.tolist()]
    return frame.assign(
        revisit_by=revisit_dates(frame, kb, judgement),
        service_name=[names.get(pair, pair[1]) if isinstance(pair[1], str) else INCOMPLETE for pair in pairs],
        status_label=frame["status"].map(WORKLOAD_STATUS_LABELS),
        triage=_triage(frame["vm_links"], vm_verdicts),
        stale=stale,
        is_stale=reasons.any(axis=1),
    )


def revisit_dates(frame: pd.DataFrame, kb: KnowledgeBase, judgement: Judgement | None = None) -> list[str]:
    """Each row's revisit-by date (ISO, "" for none): kept from a decided version that stored one, else the
    first lifecycle date ahead touching the chosen service at ``judgement`` (advisor.lifecycle.revisit)."""
    view = kb.lifecycle.view(judgement)
    ahead: dict[str, str] = {}
    for service in frame["service"].dropna().unique().tolist():
        note = view.revisit(service)
        ahead[service] = note.date.isoformat() if note else ""
    dates = []
    columns = ("record_status", "service", "stored_revisit_by", "lifecycle_revision")
    for status, service, stored, revision in zip(*(frame[c].tolist() for c in columns), strict=True):
        if status in DECIDED and isinstance(revision, str):
            dates.append(stored if isinstance(stored, str) else "")
        else:
            dates.append(ahead.get(service, "") if isinstance(service, str) else "")
    return dates


def apply_filter(board: pd.DataFrame, chosen: BoardFilter) -> pd.DataFrame:
    """The rows of ``board`` (a :func:`portfolio`) that pass every filter."""
    keep = pd.Series(True, index=board.index)
    for column, wanted in (
        ("service_name", chosen.services),
        ("status_label", chosen.statuses),
        ("triage", chosen.triage),
        ("knowledge_version", chosen.versions),
    ):
        if wanted:
            keep &= board[column].isin(list(wanted))
    low, high = chosen.confidence
    keep &= board["confidence"].between(low - 1e-9, high + 1e-9)
    if chosen.stale_only:
        keep &= board["is_stale"]
    if chosen.revisit_before is not None:
        dates = board["revisit_by"]
        keep &= (dates != "") & (dates <= chosen.revisit_before.isoformat())
    return board[keep]


def by_service(board: pd.DataFrame) -> pd.Series:
    """How many records each service was chosen for (records without an outcome left out)."""
    decided = board[board["service_name"] != INCOMPLETE]
    return decided["service_name"].value_counts().rename("records")


def status_by_service(board: pd.DataFrame) -> pd.DataFrame:
    """Records per service (rows) and workload status (columns)."""
    if board.empty:
        return pd.DataFrame()
    return pd.crosstab(board["service_name"], board["status_label"])


def confidence_histogram(board: pd.DataFrame) -> pd.Series:
    """Records per confidence bucket of ten points (100% falls in the last one), every bucket listed."""
    bucket = (board["confidence"].clip(0, 1) * 10).astype(int).clip(upper=9)
    counts = bucket.value_counts().reindex(range(10), fill_value=0)
    return pd.Series(counts.to_numpy(), index=list(CONFIDENCE_BUCKETS), name="records")


def unit_verdicts(vms: pd.DataFrame, limit: int = 30) -> pd.DataFrame:
    """VMs per migration unit (rows, the ``limit`` largest) and verdict (columns, by severity)."""
    if vms.empty:
        return pd.DataFrame()
    table = pd.crosstab(vms["unit"], vms["verdict"])
    table = table.reindex(columns=[v for v in VERDICTS if v in table.columns])
    return table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index[:limit]]


def latest_verdicts(imports: Iterable[pd.DataFrame]) -> dict[tuple[str, str], str]:
    """(cloud service, VM name) -> verdict from imports given oldest first: a later import wins."""
    verdicts: dict[tuple[str, str], str] = {}
    for vms in imports:
        verdicts.update(zip(zip(vms["cloud_service"], vms["vm_name"], strict=True), vms["verdict"], strict=True))
    return verdicts


def retiring_services(
    kb: KnowledgeBase, pairs: Iterable[tuple[str, str]], judgement: Judgement | None = None
) -> dict[tuple[str, str], str]:
    """(knowledge version, chosen service) -> the first date (ISO) that makes it stale: a lifecycle entry touching the
    service ahead inside the horizon, or the date its whole service stopped."""
    view = kb.lifecycle.view(judgement)
    found = {}
    for pair in pairs:
        dates = [n.date for n in view.notes(pair[1]) if n.status == "within_horizon" or n.ends_service]
        if dates:
            found[pair] = min(dates).isoformat()
    return found


def _service_names(kb: KnowledgeBase) -> dict[tuple[str, str], str]:
    return {(vid, sid): view.name for vid, version in kb.versions.items() for sid, view in version.services.items()}


def _triage(links: pd.Series, verdicts: Mapping[tuple[str, str], str] | None) -> list[str]:
    if verdicts is None:
        return [""] * len(links)
    result = []
    for text in links.tolist():  # a list: iterating an Arrow-backed column cell by cell is slow
        if not text or text == "[]":
            result.append(NO_VMS)
            continue
        found = [verdicts.get((link["cloud_service"], link["vm_name"])) for link in json.loads(text)]
        known = [v for v in found if v is not None]
        result.append(max(known, key=_SEVERITY.__getitem__) if known else NOT_IN_INVENTORY)
    return result
