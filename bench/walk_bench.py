"""Knowledge load + validation (cold, per version) and walks per second against a bare dict walk.

Targets (issue 2): load plus validate under 100 ms per version; the engine within 5x of a bare
walk over a plain dict built from the same graph. No result cache is involved anywhere.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time

from advisor import load_knowledge, recommend
from advisor.decide.engine import walk
from advisor.knowledge.assembly import DEFAULT_KNOWLEDGE_DIR, KnowledgeVersion

SETS = 100_000
SEED = 20261129

_COLD_LOAD = """
import time, sys
t0 = time.perf_counter()
from advisor import load_knowledge
t1 = time.perf_counter()
load_knowledge(sys.argv[1])
t2 = time.perf_counter()
print(f"{(t1 - t0) * 1000:.1f} {(t2 - t1) * 1000:.1f}")
"""


def cold_load_ms() -> tuple[float, float]:
    """(import ms, load+validate ms of the whole knowledge base) in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", _COLD_LOAD, str(DEFAULT_KNOWLEDGE_DIR)],
        capture_output=True,
        text=True,
        check=True,
        cwd=DEFAULT_KNOWLEDGE_DIR.parent,
    ).stdout.split()
    return float(out[0]), float(out[1])


def random_answer_sets(version: KnowledgeVersion, count: int, rng: random.Random) -> list[dict[str, str]]:
    """Each set answers every question of the version at random: most answers end up off the path."""
    choices = [(q, version.answer_ids(q)) for q in version.question_order]
    return [{q: rng.choice(ids) for q, ids in choices} for _ in range(count)]


def bare_table(version: KnowledgeVersion) -> dict[str, dict[str, str]]:
    return {
        q: {key: target for _, target, key in version.graph.out_edges(q, keys=True)} for q in version.question_order
    }


def bare_walk(table: dict[str, dict[str, str]], root: str, answers: dict[str, str]) -> str | None:
    node = root
    while node in table:
        answer = answers.get(node)
        if answer is None:
            return None
        node = table[node][answer]
    return node


def main() -> None:
    print("== knowledge load + validation, cold (fresh interpreter) ==")
    kb = load_knowledge()
    runs = [cold_load_ms() for _ in range(5)]
    load = min(run[1] for run in runs)
    per_version = load / len(kb.versions)
    print(
        f"all {len(kb.versions)} versions together: load+validate {load:.1f} ms (best of 5 fresh interpreters; "
        f"{per_version:.1f} ms per version; target < 100 ms per version: "
        f"{'ok' if load < 100 else 'OVER TARGET'}); imports {min(r[0] for r in runs):.0f} ms"
    )
    print(f"\n== walks over {SETS:,} random answer sets with off-path answers, no cache ==")
    for version in kb.versions.values():
        sets = random_answer_sets(version, SETS, random.Random(SEED))
        table, root = bare_table(version), version.root
        start = time.perf_counter()
        for answers in sets:
            bare_walk(table, root, answers)
        bare = time.perf_counter() - start
        start = time.perf_counter()
        for answers in sets:
            walk(version, answers)
        engine = time.perf_counter() - start
        start = time.perf_counter()
        for answers in sets:
            recommend(kb, answers, version.id)
        full = time.perf_counter() - start
        print(
            f"{version.id}: engine {SETS / engine:,.0f} walks/s, bare dict walk {SETS / bare:,.0f} walks/s, "
            f"ratio {engine / bare:.2f}x (target within 5x); recommend() with answer checks and the "
            f"unused-answer report {SETS / full:,.0f}/s ({full / bare:.1f}x bare)"
        )


if __name__ == "__main__":
    main()
