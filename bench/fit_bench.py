"""Full recommendations (walk plus candidate fit) per second, and the ratio to the walk alone.

Issue 3 target: within 3x of the walk alone. Two baselines are printed so the ratio is honest:
the bare engine walk, and the walk with the same answer checks and unused-answer report that a
full recommendation does (everything but the candidate fit). No result cache is involved.
"""

from __future__ import annotations

import random
import time

from advisor import load_knowledge, recommend
from advisor.decide.answers import validate_answers
from advisor.decide.engine import unused_answers, walk
from advisor.knowledge.assembly import KnowledgeVersion
from advisor.models.service_catalog import UNKNOWN_ANSWER

SETS = 100_000
SEED = 3


def complete_answer_sets(version: KnowledgeVersion, count: int, rng: random.Random) -> list[dict[str, str]]:
    """Every tree question answered (so every walk completes); requirements answered, unknown or missing."""
    tree = [(q, version.answer_ids(q)) for q in version.question_order]
    requirements = [(q.id, [*(a.id for a in q.answers), UNKNOWN_ANSWER, None]) for q in version.requirements.values()]
    sets = []
    for _ in range(count):
        answers = {q: rng.choice(ids) for q, ids in tree}
        for q, ids in requirements:
            choice = rng.choice(ids)
            if choice is not None:
                answers[q] = choice
        sets.append(answers)
    return sets


def main() -> None:
    kb = load_knowledge()
    print(f"== full recommendations over {SETS:,} random complete answer sets with requirements ==")
    for version in kb.versions.values():
        sets = complete_answer_sets(version, SETS, random.Random(SEED))
        start = time.perf_counter()
        for answers in sets:
            walk(version, answers)
        bare = time.perf_counter() - start
        start = time.perf_counter()
        for answers in sets:
            checked = validate_answers(kb, version, answers)
            unused_answers(version, checked, walk(version, checked).path)
        walk_alone = time.perf_counter() - start
        start = time.perf_counter()
        for answers in sets:
            recommend(kb, answers, version.id)
        full = time.perf_counter() - start
        print(
            f"{version.id}: full {SETS / full:,.0f}/s; walk alone (answer checks + walk + unused report) "
            f"{SETS / walk_alone:,.0f}/s -> ratio {full / walk_alone:.2f}x (target within 3x); "
            f"bare engine walk {SETS / bare:,.0f}/s -> {full / bare:.1f}x"
        )


if __name__ == "__main__":
    main()
