"""Re-evaluating 10,000 records against another knowledge version, and the ratio to the bare engine.

Issue 7 target: within 1.5x of the bare engine. The records are built once, before any timing, by
``advisor.decide.record_builder.build_record`` from random answer sets (every tree question answered, requirements
answered, "don't know" or missing, as in ``fit_bench``). The bare engine is
``advisor.decide.recommendation.recommend`` over the same answers (plain answer ids, prepared beforehand);
the re-evaluation is ``advisor.review.reevaluation.reevaluate`` over the records, which also reads each
record's answers and compares its outcome, candidates and conditions. After a warm-up, ``RUNS``
interleaved runs of each, the garbage collected before every run; the medians are compared.

Three directions: 2025 records under 2026 (each stops at ``specialty_workload``, contract §2), the same
records with ``specialty_workload: none`` added (full 2026 walks), and 2026 records under 2025.
Figures only, nothing is asserted.
"""

from __future__ import annotations

import datetime
import gc
import random
import statistics
import time
from collections.abc import Callable

from advisor import KnowledgeBase, load_knowledge, recommend
from advisor.decide.record_builder import build_record
from advisor.models.record import DecisionRecord, GivenAnswer, Workload
from advisor.review.reevaluation import reevaluate
from bench.fit_bench import complete_answer_sets

RECORDS = 10_000
RUNS = 5
SEED = 7


def build_records(kb: KnowledgeBase, version_id: str, answer_sets: list[dict[str, str]]) -> list[DecisionRecord]:
    moment = datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
    records = []
    for n, answers in enumerate(answer_sets, start=1):
        workload = Workload(id=n, name=f"workload {n}", created_at=moment, updated_at=moment)
        given = {q: GivenAnswer(answer=a) for q, a in answers.items()}
        records.append(
            build_record(
                kb, workload=workload, answers=given, knowledge_version=version_id, author="bench", version=1,
                now=moment,
            )
        )  # fmt: skip
    return records


def timed(work: Callable[[], object]) -> float:
    gc.collect()  # neither side pays for the other's garbage
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def compare(kb: KnowledgeBase, label: str, records: list[DecisionRecord], target: str) -> None:
    answer_sets = [{q: g.answer for q, g in r.answers.items()} for r in records]

    def bare() -> object:
        return [recommend(kb, answers, target) for answers in answer_sets]

    def full() -> object:
        return reevaluate(kb, records, target)

    bare(), full()  # warm-up
    runs = [(timed(bare), timed(full)) for _ in range(RUNS)]  # interleaved, so drift hits both alike
    bare_s = statistics.median(b for b, _ in runs)
    full_s = statistics.median(f for _, f in runs)
    changed = sum(1 for r in reevaluate(kb, records, target) if r.changed)
    print(
        f"{label}: re-evaluation {full_s * 1000:,.0f} ms ({changed:,} of {len(records):,} changed); "
        f"bare engine {bare_s * 1000:,.0f} ms -> ratio {full_s / bare_s:.2f}x (target within 1.5x)"
    )


def main() -> None:
    kb = load_knowledge()
    print(f"== re-evaluating {RECORDS:,} records against another knowledge version (median of {RUNS}) ==")
    old = kb.version("compute-tree-2025")
    new = kb.version("compute-tree-2026")
    sets_2025 = complete_answer_sets(old, RECORDS, random.Random(SEED))
    records_2025 = build_records(kb, old.id, sets_2025)
    compare(kb, "2025 records under 2026 (stop at specialty_workload)", records_2025, new.id)
    with_none = build_records(kb, old.id, [{**answers, "specialty_workload": "none"} for answers in sets_2025])
    compare(kb, "2025 records + specialty_workload=none under 2026", with_none, new.id)
    records_2026 = build_records(kb, new.id, complete_answer_sets(new, RECORDS, random.Random(SEED)))
    compare(kb, "2026 records under 2025", records_2026, old.id)


if __name__ == "__main__":
    main()
