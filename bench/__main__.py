"""``python -m bench [name ...]``: run the benchmarks (all by default) and print their figures."""

import sys

from bench import (
    board_bench,
    cost_bench,
    export_bench,
    fit_bench,
    limits_bench,
    review_bench,
    store_bench,
    triage_bench,
    walk_bench,
)

BENCHES = {
    "walk": walk_bench.main,
    "fit": fit_bench.main,
    "store": store_bench.main,
    "triage": triage_bench.main,
    "review": review_bench.main,
    "export": export_bench.main,
    "board": board_bench.main,
    "limits": limits_bench.main,
    "cost": cost_bench.main,
}

if __name__ == "__main__":
    chosen = sys.argv[1:] or list(BENCHES)
    for name in chosen:
        BENCHES[name]()
