"""The Board page's server-side render time with 10,000 records (issue 7 target: under 500 ms).

Seeds a fresh SQLite file with ``bench.store_bench.seed`` (10,000 workloads, 50,000 record versions, the
latest of each workload on the board), then times, with ``streamlit.testing.v1.AppTest`` (the server side
of a run, no browser), the Board page opened in a new session: its first run, median of ``RUNS`` after a
warm-up run (imports, the cached knowledge base and context). For scale it also times what the page reads:
``services.board_view()`` (the one service call the page makes: the board query, the latest imports' VMs
and the latest stored re-evaluation run), the board query alone (``BoardQueries.frame``, what was
``Store.board_frame()``) and, for comparison, ``services.latest_records()`` (every payload validated into a
DecisionRecord), which the page does not use because of that cost.
Figures only, nothing is asserted.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import pandas as pd

from advisor import load_knowledge, services
from advisor.services import ServiceContext
from bench.store_bench import app, app_database, seed, timed_run

RUNS = 10
TARGET_MS = 500


def median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    work()  # warm-up, not counted
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    kb = load_knowledge()
    with app_database("advisor-board-bench-", kb) as (url, ctx):
        began = time.perf_counter()
        seed(url, kb)
        frame = _frame(ctx)
        print(f"== Board page: {len(frame):,} records on the board (seeded in {time.perf_counter() - began:.1f} s) ==")

        frame_ms = median_ms(lambda: _frame(ctx))
        view_ms = median_ms(lambda: services.board_view(ctx))
        records_ms = median_ms(lambda: services.latest_records(ctx), runs=3)
        print(f"board query (BoardQueries.frame, was Store.board_frame()): {frame_ms:,.1f} ms (median of {RUNS}); "
              f"services.board_view() (the query, the portfolio columns, the latest run): {view_ms:,.1f} ms; "
              f"for comparison services.latest_records(): {records_ms:,.1f} ms (median of 3)")  # fmt: skip

        def page_run() -> float:
            return timed_run(app("Board"))

        page_run()  # warm-up
        runs = [page_run() * 1000 for _ in range(RUNS)]
        page_ms = statistics.median(runs)
        verdict = "ok" if page_ms < TARGET_MS else "OVER TARGET"
        print(f"Board page, first run of a new session: {page_ms:,.1f} ms (median of {RUNS}; min {min(runs):,.1f}, "
              f"max {max(runs):,.1f}) -> target under {TARGET_MS} ms: {verdict}")  # fmt: skip


def _frame(ctx: ServiceContext) -> pd.DataFrame:
    with ctx.database.read() as unit:
        return unit.board.frame()


if __name__ == "__main__":
    main()
