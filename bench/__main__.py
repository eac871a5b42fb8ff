"""``python -m bench [name ...]``: run the benchmarks (all by default) and print their figures."""

import sys

from bench import fit_bench, store_bench, triage_bench, walk_bench

BENCHES = {"walk": walk_bench.main, "fit": fit_bench.main, "store": store_bench.main, "triage": triage_bench.main}

if __name__ == "__main__":
    chosen = sys.argv[1:] or list(BENCHES)
    for name in chosen:
        BENCHES[name]()
