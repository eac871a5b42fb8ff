"""The decision graph of a knowledge version as Graphviz DOT text, with a walked path highlighted.

The text is generated from the networkx graph, so no system Graphviz is needed: the browser lays
it out (``st.graphviz_chart``). Labels are escaped, so any knowledge text is safe in a diagram.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from advisor.decide.engine import PathStep
from advisor.knowledge.assembly import KnowledgeVersion
from advisor.models.record import DecisionRecord

_PATH_COLOUR = "#0f6cbd"
_DIM_COLOUR = "#9aa0a6"


def to_dot(version: KnowledgeVersion, path: Iterable[PathStep] = (), outcome: str | None = None) -> str:
    """DOT for the whole tree of ``version``; the walked ``path`` and its ``outcome`` stand out."""
    steps = list(path)
    walked_nodes = {step.question for step in steps} | ({outcome} if outcome else set())
    walked_edges = {(step.question, step.answer) for step in steps}
    lines = [
        "digraph decision_tree {",
        '  graph [rankdir=TB, fontname="Helvetica", nodesep=0.25, ranksep=0.35];',
        '  node [fontname="Helvetica", fontsize=10, color="#9aa0a6", fontcolor="#3c4043"];',
        '  edge [fontname="Helvetica", fontsize=9, color="#c0c4c8", fontcolor="#5f6368"];',
    ]
    for node, attributes in version.graph.nodes(data=True):
        on_path = node in walked_nodes
        if attributes["kind"] == "question":
            label = _wrap(version.questions[node].text, 28)
            shape = 'box, style="rounded,filled", fillcolor="#f1f3f4"'
        else:
            label = _wrap(version.outcomes[node].label, 22)
            shape = 'box, style="filled", fillcolor="#e8f0fe"'
        highlight = f', color="{_PATH_COLOUR}", penwidth=2.5, fontcolor="#000000"' if on_path else ""
        lines.append(f'  "{_escape(node)}" [label="{_escape(label)}", shape={shape}{highlight}];')
    for source, target, answer in version.graph.edges(keys=True):
        question = version.questions[source]
        label = next(a.label for a in question.answers if a.id == answer)
        on_path = (source, answer) in walked_edges
        style = f', color="{_PATH_COLOUR}", penwidth=2.5, fontcolor="{_PATH_COLOUR}"' if on_path else ""
        lines.append(f'  "{_escape(source)}" -> "{_escape(target)}" [label="{_escape(_wrap(label, 18))}"{style}];')
    lines.append("}")
    return "\n".join(lines)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def record_dot(version: KnowledgeVersion, record: DecisionRecord) -> str:
    """DOT for ``version`` with the record's walked path and outcome drawn out."""
    steps = [PathStep(step.question, step.answer, step.rationale) for step in record.path]
    return to_dot(version, steps, record.service)
