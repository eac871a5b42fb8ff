"""Compute Target Advisor core: knowledge, walk and recommendation, with no Streamlit.

The public facade; everything else is reached through these names.
"""

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
