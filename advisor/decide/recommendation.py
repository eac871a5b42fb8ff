"""A recommendation: the walk's outcome with its path, as the command line and the UI show it.

:func:`recommend` is the one entry point: it checks the answers against the chosen knowledge
version (contract §2 and §5), walks the tree, and returns a :class:`Recommendation` whose
:meth:`~Recommendation.to_dict` is the JSON shape of contract §5.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from advisor.decide.answers import validate_answers
from advisor.decide.engine import PathStep, Status, UnusedAnswer, unused_answers, walk
from advisor.decide.fit import Candidate, assess
from advisor.decide.lifecycle_notes import add_lifecycle
from advisor.knowledge.assembly import KnowledgeBase
from advisor.knowledge.yaml_io import YamlDocument
from advisor.lifecycle.entries import LifecycleView
from advisor.lifecycle.judgement import Judgement
from advisor.models.record import Because


class Recommendation(NamedTuple):
    """The outcome of one set of answers under one knowledge version."""

    status: Status
    service: str | None
    next_question: str | None
    knowledge_version: str
    path: tuple[PathStep, ...]
    unused_answers: tuple[UnusedAnswer, ...]
    candidates: tuple[Candidate, ...] = ()
    conditions: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    best_alternative: str | None = None
    confidence: float = 0.0
    answers: Mapping[str, str] = MappingProxyType({})
    # The lifecycle entries judged at the recommendation's as-of date and horizon (advisor.decide.lifecycle_notes).
    lifecycle_view: LifecycleView | None = None
    # The conditions and conflicts as structured data (advisor.models.record.Because), beside their text.
    condition_because: tuple[Because, ...] = ()
    conflict_because: tuple[Because, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The contract §5 JSON object, with the lifecycle notes beside it."""
        return add_lifecycle(self._contract_dict(), self.lifecycle_view)

    def _contract_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "service": self.service,
            "next_question": self.next_question,
            "knowledge_version": self.knowledge_version,
            "path": [{"question": s.question, "answer": s.answer, "rationale": s.rationale} for s in self.path],
            "candidates": [{"service": c.service, "fit": c.fit, "reasons": list(c.reasons)} for c in self.candidates],
            "conditions": list(self.conditions),
            "conflicts": list(self.conflicts),
            "best_alternative": self.best_alternative,
            "confidence": self.confidence,
            "unused_answers": [
                {"question": u.question, "answer": u.answer, "reason": u.reason} for u in self.unused_answers
            ],
        }


def recommend(
    kb: KnowledgeBase,
    answers: Mapping[Any, Any],
    knowledge_version: str | None = None,
    *,
    source: str | None = None,
    doc: YamlDocument | None = None,
    judgement: Judgement | None = None,
) -> Recommendation:
    """Check ``answers`` against the version (default if None), walk it, and explain the result; lifecycle entries
    are judged at ``judgement`` (default: today, the knowledge's horizon)."""
    version = kb.version(knowledge_version)
    checked = validate_answers(kb, version, answers, source, doc)
    result = walk(version, checked)
    # Only the walked path and the requirements speak to fit: off-path answers never count.
    evidence = {step.question: step.answer for step in result.path}
    requirements = version.requirements
    evidence.update({q: a for q, a in checked.items() if q in requirements})
    life = kb.lifecycle.view(judgement)
    fit = assess(version.rules, version.tree_outcomes, result.outcome, evidence, version.requirements, life.retiring)
    return Recommendation(
        status=result.status,
        service=result.outcome,
        next_question=result.next_question,
        knowledge_version=version.id,
        path=result.path,
        unused_answers=unused_answers(version, checked, result.path),
        candidates=fit.candidates,
        conditions=fit.conditions,
        conflicts=fit.conflicts,
        best_alternative=fit.best_alternative,
        confidence=fit.confidence,
        answers=checked,
        lifecycle_view=life,
        condition_because=fit.condition_because,
        conflict_because=fit.conflict_because,
    )
