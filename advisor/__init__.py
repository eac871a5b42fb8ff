"""Compute Target Advisor core: knowledge, walk and recommendation, with no Streamlit.

The public facade; everything else is reached through these names. They are imported when one is first used
(PEP 562), all together: ``python -m advisor triage`` imports this package too, and must not pay for the
decision tree, networkx and the knowledge loader it never uses.
"""

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
    from advisor.decide.answers import AnswersFile, read_answers_file, validate_answers
    from advisor.decide.recommendation import Candidate, Recommendation, recommend
    from advisor.errors import AdvisorError, AnswersError, InputError, KnowledgeError, Problem
    from advisor.knowledge.assembly import KnowledgeBase, KnowledgeVersion, check_knowledge, load_knowledge

__all__ = [
    "AdvisorError",
    "AnswersError",
    "AnswersFile",
    "Candidate",
    "InputError",
    "KnowledgeBase",
    "KnowledgeError",
    "KnowledgeVersion",
    "Problem",
    "Recommendation",
    "check_knowledge",
    "load_knowledge",
    "read_answers_file",
    "recommend",
    "validate_answers",
]

# Each public name -> the module that defines it.
_SOURCES = {
    "AnswersFile": "advisor.decide.answers",
    "read_answers_file": "advisor.decide.answers",
    "validate_answers": "advisor.decide.answers",
    "Candidate": "advisor.decide.recommendation",
    "Recommendation": "advisor.decide.recommendation",
    "recommend": "advisor.decide.recommendation",
    "AdvisorError": "advisor.errors",
    "AnswersError": "advisor.errors",
    "InputError": "advisor.errors",
    "KnowledgeError": "advisor.errors",
    "Problem": "advisor.errors",
    "KnowledgeBase": "advisor.knowledge.assembly",
    "KnowledgeVersion": "advisor.knowledge.assembly",
    "check_knowledge": "advisor.knowledge.assembly",
    "load_knowledge": "advisor.knowledge.assembly",
}


def __getattr__(name: str) -> object:
    if name not in _SOURCES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    for public, source in _SOURCES.items():  # all together, in the order the facade has always imported them
        globals()[public] = getattr(_importlib.import_module(source), public)
    return globals()[name]


def __dir__() -> list[str]:
    return sorted({*globals(), *_SOURCES})
