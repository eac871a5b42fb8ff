"""The Board: every latest record as one portfolio frame, with the linked VMs' triage and the staleness the
latest STORED re-evaluation run says (the same for every user), read in one transaction.

Where estates share a VM, the newest import's verdict wins. The filters and chart figures over the frame are
pure functions of :mod:`advisor.review.portfolio`, re-exported here for the page.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from advisor.lifecycle.judgement import Judgement
from advisor.review.portfolio import (
    INCOMPLETE,
    STALE_REASONS,
    TRIAGE_VALUES,
    BoardFilter,
    apply_filter,
    by_service,
    confidence_histogram,
    latest_verdicts,
    portfolio,
    status_by_service,
    unit_verdicts,
)
from advisor.services.context import ServiceContext
from advisor.store import ReevaluationRun

__all__ = [
    "INCOMPLETE",
    "STALE_REASONS",
    "TRIAGE_VALUES",
    "BoardFilter",
    "BoardView",
    "apply_filter",
    "board_view",
    "by_service",
    "confidence_histogram",
    "estate_unit_verdicts",
    "status_by_service",
    "unit_verdicts",
]


@dataclass(frozen=True)
class BoardView:
    """What the Board shows: the portfolio (empty before the first record) and what its charts need."""

    portfolio: pd.DataFrame
    has_triage: bool  # some estate has an import: the triage filter and column mean something
    estate_vms: dict[str, pd.DataFrame]  # estate name -> its latest import's VMs, by name (empty when none)
    reevaluation: ReevaluationRun | None  # the latest stored run, which the "stale" reasons read


def board_view(ctx: ServiceContext, judgement: Judgement | None = None) -> BoardView:
    """The portfolio of every live workload's latest record (:func:`~advisor.review.portfolio.portfolio`),
    lifecycle dates judged at ``judgement`` (default: today and the knowledge's horizon)."""
    with ctx.database.read() as unit:
        frame = unit.board.frame()
        run = unit.reevaluations.latest()
        if frame.empty:
            return BoardView(frame, False, {}, run)
        estates = [e for e in unit.inventories.estates() if e.latest_import_id is not None]
        estates.sort(key=lambda e: e.latest_import_id or 0)  # oldest import first: the newest one's verdict wins
        imports = {e.id: unit.inventories.vms(e.latest_import_id) for e in estates if e.latest_import_id}
    verdicts = latest_verdicts(imports.values()) if imports else None
    board = portfolio(frame, ctx.kb, verdicts, run.changed if run is not None else None, judgement)
    by_name = {e.name: imports[e.id] for e in sorted(estates, key=lambda e: e.name.casefold()) if e.id in imports}
    return BoardView(board, bool(by_name), by_name, run)


def estate_unit_verdicts(estate_vms: dict[str, pd.DataFrame], estate: str | None = None) -> pd.DataFrame:
    """VMs per migration unit and verdict for one estate, or for every estate (each unit named with its estate)."""
    if estate is not None:
        return unit_verdicts(estate_vms.get(estate, pd.DataFrame()))
    frames = [vms.assign(unit=name + " · " + vms["unit"].astype(str)) for name, vms in estate_vms.items()]
    return unit_verdicts(pd.concat(frames, ignore_index=True)) if frames else pd.DataFrame()
