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
from advisor.services.costs import Pricing
from advisor.store import ReevaluationRun, UnitOfWork

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
    "cost_by_service",
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


def board_view(ctx: ServiceContext, judgement: Judgement | None = None, *, with_costs: bool = False) -> BoardView:
    """The portfolio of every live workload's latest record (:func:`~advisor.review.portfolio.portfolio`),
    lifecycle dates judged at ``judgement`` (default: today and the knowledge's horizon).

    ``with_costs`` adds each record's chosen service's monthly estimate (``monthly_cost``, ``cost_currency``; NaN
    and "" without it). It reads and prices every latest record, so the page asks for it only when the person
    turns the costs on: the Board itself reads no payload (issue 22's target)."""
    with ctx.database.read() as unit:
        frame = unit.board.frame()
        run = unit.reevaluations.latest()
        if frame.empty:
            return BoardView(frame, False, {}, run)
        estates = [e for e in unit.inventories.estates() if e.latest_import_id is not None]
        estates.sort(key=lambda e: e.latest_import_id or 0)  # oldest import first: the newest one's verdict wins
        imports = {e.id: unit.inventories.vms(e.latest_import_id) for e in estates if e.latest_import_id}
        costs = _chosen_costs(unit, ctx, frame) if with_costs else {}
    verdicts = latest_verdicts(imports.values()) if imports else None
    board = portfolio(frame, ctx.kb, verdicts, run.changed if run is not None else None, judgement)
    board = board.assign(
        monthly_cost=pd.Series(
            [costs.get(w, (None, ""))[0] for w in board["workload_id"].tolist()], index=board.index, dtype="float64"
        ),
        cost_currency=[costs.get(w, (None, ""))[1] for w in board["workload_id"].tolist()],
    )
    by_name = {e.name: imports[e.id] for e in sorted(estates, key=lambda e: e.name.casefold()) if e.id in imports}
    return BoardView(board, bool(by_name), by_name, run)


def _chosen_costs(unit: UnitOfWork, ctx: ServiceContext, frame: pd.DataFrame) -> dict[int, tuple[float | None, str]]:
    """Per workload of ``frame``: its latest record's chosen service's monthly estimate (None: none) and currency,
    as the record shows it (kept from the sign-off, or computed now)."""
    if ctx.kb.costs is None:
        return {}
    wanted = set(frame["workload_id"].tolist())
    records = [r for r in unit.records.latest_records(None) if r.workload_id in wanted]
    pricing = Pricing(unit, ctx.kb, ctx.database.display_url)
    pricing.load_vms(w for w in (pricing.workload(r.workload_id) for r in records) if w is not None)
    found: dict[int, tuple[float | None, str]] = {}
    for record in records:
        view = pricing.view(record)
        candidate = view.of(record.chosen_service)
        found[record.workload_id] = (candidate.monthly if candidate else None, view.currency)
    return found


def cost_by_service(board: pd.DataFrame) -> pd.DataFrame:
    """The shown records' monthly estimates summed by service and currency (records without one are counted
    apart): columns ``service``, ``currency``, ``monthly``, ``yearly``, ``records``, ``without_estimate``."""
    columns = ["service", "currency", "monthly", "yearly", "records", "without_estimate"]
    if board.empty or "monthly_cost" not in board.columns:
        return pd.DataFrame(columns=columns)
    shown = board[board["service_name"] != INCOMPLETE]
    priced = shown["monthly_cost"].notna()
    grouped = shown.assign(priced=priced, currency=shown["cost_currency"].where(priced, "")).groupby(
        ["service_name", "currency"], sort=True
    )
    rows = []
    for (service, currency), group in grouped:
        total = float(group["monthly_cost"].fillna(0).sum())
        count = int(group["priced"].sum())
        rows.append((service, currency, total if count else None, total * 12 if count else None, count,
                     len(group) - count))  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def estate_unit_verdicts(estate_vms: dict[str, pd.DataFrame], estate: str | None = None) -> pd.DataFrame:
    """VMs per migration unit and verdict for one estate, or for every estate (each unit named with its estate)."""
    if estate is not None:
        return unit_verdicts(estate_vms.get(estate, pd.DataFrame()))
    frames = [vms.assign(unit=name + " · " + vms["unit"].astype(str)) for name, vms in estate_vms.items()]
    return unit_verdicts(pd.concat(frames, ignore_index=True)) if frames else pd.DataFrame()
