"""The decision graph of one knowledge version, and the named structural checks run on it.

Nodes are question ids (``kind="question"``) and outcome ids (``kind="outcome"``); each answer
is one edge, keyed by its answer id, carrying its rationale. Every check is a small function
returning :class:`~advisor.errors.Problem` objects that name the file, line and ids, and
:func:`structural_problems` runs them all, so a broken file shows every fault at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import networkx as nx

from advisor.contract import OUTCOME_IDS
from advisor.errors import Problem
from advisor.models.tree import Outcome, TreeQuestion

Location = tuple[str, int | None]


@dataclass
class VersionDraft:
    """A version's questions and outcomes as assembled from its files, before any check."""

    version_id: str
    manifest_file: str
    root: str
    root_line: int | None
    questions: list[tuple[TreeQuestion, Location]] = field(default_factory=list)
    outcomes: list[tuple[Outcome, Location]] = field(default_factory=list)
    answer_lines: dict[tuple[str, str], Location] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def question_map(self) -> dict[str, TreeQuestion]:
        return {question.id: question for question, _ in self.questions}

    def outcome_map(self) -> dict[str, Outcome]:
        return {outcome.id: outcome for outcome, _ in self.outcomes}

    def where(self, node_id: str) -> Location:
        items: list[tuple[TreeQuestion | Outcome, Location]] = [*self.questions, *self.outcomes]
        for item, location in items:
            if item.id == node_id:
                return location
        return (self.manifest_file, None)


def build_graph(draft: VersionDraft) -> nx.MultiDiGraph:
    """One node per question and outcome, one edge per answer (dangling targets included)."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(version=draft.version_id, root=draft.root)
    for outcome, _ in draft.outcomes:
        graph.add_node(outcome.id, kind="outcome")
    for question, _ in draft.questions:
        graph.add_node(question.id, kind="question")
    for question, _ in draft.questions:
        for answer in question.answers:
            if answer.leads_to not in graph:
                continue  # reported by check_dangling_references
            graph.add_edge(question.id, answer.leads_to, key=answer.id, rationale=answer.rationale)
    return graph


Check = Callable[[VersionDraft, nx.MultiDiGraph], list[Problem]]


def check_duplicate_ids(draft: VersionDraft, graph: nx.MultiDiGraph) -> list[Problem]:
    problems = []
    first_seen: dict[str, Location] = {}
    items: list[tuple[TreeQuestion | Outcome, Location]] = [*draft.questions, *draft.outcomes]
    for item, (file, line) in items:
        if item.id in first_seen:
            other_file, other_line = first_seen[item.id]
            problems.append(
                _problem("duplicate-ids", f"id also defined at {other_file}:{other_line}", file, line, item.id)
            )
        else:
            first_seen[item.id] = (file, line)
    for question, (file, line) in draft.questions:
        answer_ids = [answer.id for answer in question.answers]
        for answer_id in sorted({a for a in answer_ids if answer_ids.count(a) > 1}):
            answer_file, answer_line = draft.answer_lines.get((question.id, answer_id), (file, line))
            problems.append(
                _problem(
                    "duplicate-ids", "answer id appears twice", answer_file, answer_line, f"{question.id}/{answer_id}"
                )
            )
    return problems


def check_dangling_references(draft: VersionDraft, graph: nx.MultiDiGraph) -> list[Problem]:
    problems = []
    if draft.root not in draft.question_map():
        problems.append(
            _problem(
                "dangling-reference",
                f"root names no question of this version: {draft.root}",
                draft.manifest_file,
                draft.root_line,
                draft.version_id,
            )
        )
    for question, (file, line) in draft.questions:
        for answer in question.answers:
            if answer.leads_to not in graph:
                answer_file, answer_line = draft.answer_lines.get((question.id, answer.id), (file, line))
                problems.append(
                    _problem(
                        "dangling-reference",
                        f"leads_to names no question or outcome: {answer.leads_to}",
                        answer_file,
                        answer_line,
                        f"{question.id}/{answer.id}",
                    )
                )
    return problems


def check_unreachable_nodes(draft: VersionDraft, graph: nx.MultiDiGraph) -> list[Problem]:
    if draft.root not in graph:
        return []  # the dangling root is reported once, by check_dangling_references
    reachable = nx.descendants(graph, draft.root) | {draft.root}
    return [
        _problem("unreachable", f"not reachable from the root question {draft.root}", *draft.where(node), node)
        for node in graph.nodes
        if node not in reachable
    ]


def check_cycles(draft: VersionDraft, graph: nx.MultiDiGraph) -> list[Problem]:
    problems = []
    for cycle in nx.simple_cycles(nx.DiGraph(graph)):
        start = min(cycle)
        ordered = cycle[cycle.index(start) :] + cycle[: cycle.index(start)]
        loop = " -> ".join([*ordered, start])
        problems.append(_problem("cycle", f"answers lead round in a cycle: {loop}", *draft.where(start), start))
    return problems


def check_dead_ends(draft: VersionDraft, graph: nx.MultiDiGraph) -> list[Problem]:
    return [
        _problem("dead-end", "question has no answers, so the walk cannot go on", *location, question.id)
        for question, location in draft.questions
        if not question.answers
    ]


def check_paths_end_at_outcomes(draft: VersionDraft, graph: nx.MultiDiGraph) -> list[Problem]:
    outcomes = {node for node, attributes in graph.nodes(data=True) if attributes["kind"] == "outcome"}
    problems = []
    for question, location in draft.questions:
        if not question.answers:
            continue  # a dead end, reported by check_dead_ends
        if not (nx.descendants(graph, question.id) & outcomes):
            problems.append(
                _problem("no-outcome", "no path from this question ends at an outcome", *location, question.id)
            )
    return problems


def check_rationales(draft: VersionDraft, graph: nx.MultiDiGraph) -> list[Problem]:
    """Every answer explains itself, in words of its own (not a copy or a shared template)."""
    names = _service_words(draft)
    problems = []
    seen: dict[str, str] = {}
    for question, (file, line) in draft.questions:
        for answer in question.answers:
            ident = f"{question.id}/{answer.id}"
            answer_file, answer_line = draft.answer_lines.get((question.id, answer.id), (file, line))
            if not answer.rationale.strip():
                problems.append(
                    _problem("missing-rationale", "answer has no rationale", answer_file, answer_line, ident)
                )
                continue
            skeleton = rationale_skeleton(answer.rationale, names)
            if skeleton in seen:
                problems.append(
                    _problem(
                        "shared-rationale",
                        f"rationale repeats (or templates) the one of {seen[skeleton]}",
                        answer_file,
                        answer_line,
                        ident,
                    )
                )
            else:
                seen[skeleton] = ident
    return problems


def check_outcomes_in_contract(draft: VersionDraft, graph: nx.MultiDiGraph) -> list[Problem]:
    return [
        _problem("outcome-not-in-contract", "outcome id is not a contract outcome id", *location, outcome.id)
        for outcome, location in draft.outcomes
        if outcome.id not in OUTCOME_IDS
    ]


STRUCTURAL_CHECKS: tuple[Check, ...] = (
    check_duplicate_ids,
    check_dangling_references,
    check_unreachable_nodes,
    check_cycles,
    check_dead_ends,
    check_paths_end_at_outcomes,
    check_rationales,
    check_outcomes_in_contract,
)


def structural_problems(draft: VersionDraft, graph: nx.MultiDiGraph) -> list[Problem]:
    """Run every named check; the list is empty when the version is sound."""
    return [problem for check in STRUCTURAL_CHECKS for problem in check(draft, graph)]


_STOP_WORDS = frozenset(
    "a an the this that it its is are be to of for and or so on in at by with as you your we our "
    "walk ends leads goes answer".split()
)


def rationale_skeleton(text: str, names: set[str]) -> str:
    """The rationale with service names, ids and stop words removed, for template detection."""
    lowered = text.lower()
    for name in sorted(names, key=len, reverse=True):
        lowered = lowered.replace(name, " ")
    words = [word for word in re.findall(r"[a-z]+", lowered) if word not in _STOP_WORDS]
    return " ".join(words)


def _service_words(draft: VersionDraft) -> set[str]:
    names = set()
    for outcome, _ in draft.outcomes:
        names.update({outcome.id.lower(), outcome.label.lower(), outcome.id.replace("-", " ")})
    return names


def _problem(check: str, message: str, file: str, line: int | None, ident: str) -> Problem:
    return Problem(message, file=file, line=line, ident=ident, check=check)
