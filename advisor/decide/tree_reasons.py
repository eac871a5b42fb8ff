"""How the walk relates to each candidate: the tree's outcome, the step where the tree turned away from it,
or a question the walk stopped at before it could tell.

This gives every candidate a reason, a ``fit`` one included (contract §4 asks reasons only for the other fit
values): a board reading "Azure VMware Solution: fit" sees at once that the tree left it behind at "Does the
workload run on VMware today? No". It reads the version's graph only; it never changes a fit.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import networkx as nx

from advisor.decide.engine import PathStep
from advisor.knowledge.assembly import KnowledgeVersion
from advisor.models.record import Answered, Because


def tree_relation(
    version: KnowledgeVersion,
    path: Sequence[PathStep],
    outcome: str | None,
    next_question: str | None,
    service: str,
) -> Because:
    """Why the walk did or did not end at ``service``, as structured data."""
    if service == outcome:
        return Because(kind="tree_outcome", service=service)
    for step in path:
        table = version.transitions.get(step.question)
        target = table.get(step.answer) if table is not None else None
        if target is None:
            break
        if service in _reachable(version, step.question) and service not in _reachable(version, target[0]):
            answered = Answered(question=step.question, answer=step.answer, kind="tree")
            return Because(kind="turned_away", service=service, answers=(answered,))
    if next_question is not None:
        waiting = Answered(question=next_question, answer=None, kind="tree")
        return Because(kind="not_reached", service=service, answers=(waiting,))
    # Not reachable from the root at all: the root is where the tree turns away.
    first = path[0] if path else None
    answers = (Answered(question=first.question, answer=first.answer, kind="tree"),) if first else ()
    return Because(kind="turned_away", service=service, answers=answers)


def _reachable(version: KnowledgeVersion, node: str) -> frozenset[str]:
    return _reachable_in(version.graph, node)


@functools.lru_cache(maxsize=4096)
def _reachable_in(graph: nx.MultiDiGraph, node: str) -> frozenset[str]:
    """The nodes a walk can still reach from ``node``, itself included (graphs are frozen, hence hashable)."""
    if node not in graph:
        return frozenset()
    return frozenset(nx.descendants(graph, node)) | {node}
