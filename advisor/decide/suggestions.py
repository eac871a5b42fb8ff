"""Answers the inventory can suggest for each VM (``knowledge/prefill.yaml``), computed in bulk.

Conditions use the triage test grammar and its evaluator, so a suggestion is shown only where
the inventory really says so; an unknown value suggests nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.errors import KnowledgeError, Problem
from advisor.knowledge.loading import load_model
from advisor.models.prefill_rules import PrefillKnowledge, PrefillSuggestion
from advisor.models.record import GivenAnswer
from advisor.models.triage_rules import VM_FIELDS, VNET_FIELDS

if TYPE_CHECKING:
    import pandas as pd

PREFILL_FILE = Path("prefill.yaml")


def check_prefill(
    knowledge_dir: Path, accepted: Mapping[str, frozenset[str]]
) -> tuple[tuple[PrefillSuggestion, ...] | None, list[Problem]]:
    """The suggestions, checked against the questions and answers of every shipped version."""
    loaded = load_model(knowledge_dir / PREFILL_FILE, PrefillKnowledge, str(Path(knowledge_dir.name) / PREFILL_FILE))
    if loaded.model is None:
        return None, loaded.problems
    problems = []
    for index, suggestion in enumerate(loaded.model.suggestions):
        line = loaded.line_of(("suggestions", index))
        ident = f"{suggestion.question}={suggestion.answer}"
        if suggestion.question not in accepted:
            problems.append(Problem("suggests an answer to an unknown question", loaded.path, line, ident, "prefill"))
        elif suggestion.answer not in accepted[suggestion.question]:
            problems.append(
                Problem("suggests an answer the question does not offer", loaded.path, line, ident, "prefill")
            )
        for test in suggestion.when:
            if test.field is not None and test.field not in VM_FIELDS and test.field not in VNET_FIELDS:
                problems.append(Problem(f"reads unknown field {test.field!r}", loaded.path, line, ident, "prefill"))
    return (None if problems else tuple(loaded.model.suggestions)), problems


def load_prefill(knowledge_dir: Path, accepted: Mapping[str, frozenset[str]]) -> tuple[PrefillSuggestion, ...]:
    suggestions, problems = check_prefill(knowledge_dir, accepted)
    if suggestions is None:
        raise KnowledgeError(problems)
    return suggestions


def suggest(
    suggestions: tuple[PrefillSuggestion, ...], vms: pd.DataFrame, vnet_facts: pd.DataFrame | None
) -> list[dict[str, GivenAnswer]]:
    """Per VM (in frame order), the answers its inventory row suggests, marked `inventory`."""
    import numpy as np  # pandas and numpy load only when an inventory is at hand

    from advisor.triage.evaluate import Evaluator

    evaluator = Evaluator(vms, vnet_facts)
    per_vm: list[dict[str, GivenAnswer]] = [{} for _ in range(len(vms))]
    for suggestion in suggestions:
        given = GivenAnswer(answer=suggestion.answer, note=f"From inventory: {suggestion.reason}", source="inventory")
        if suggestion.when:
            holds = np.logical_and.reduce([evaluator.test(test).fires for test in suggestion.when])
            rows = np.nonzero(holds)[0].tolist()
        else:
            rows = list(range(len(vms)))
        for row in rows:
            per_vm[row].setdefault(suggestion.question, given)
    return per_vm
