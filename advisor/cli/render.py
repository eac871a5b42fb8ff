"""Plain-data and plain-text views of knowledge and results, shared by the CLI and exports."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from advisor.decide.fit import FIT_RANK
from advisor.decide.lifecycle_notes import set_aside
from advisor.decide.reason_words import Words, because_text
from advisor.decide.recommendation import Recommendation
from advisor.decide.tree_reasons import tree_relation
from advisor.decide.wording import FIT_LABELS, UNKNOWN_LABEL
from advisor.errors import Problem
from advisor.knowledge.assembly import KnowledgeBase, KnowledgeVersion
from advisor.models.service_catalog import UNKNOWN_ANSWER


def problem_dict(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "id": problem.ident,
        "check": problem.check,
        "message": problem.message,
    }


def check_summary(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "ok": True,
        "default_version": kb.default_version,
        "versions": [
            {
                "id": v.id,
                "date": v.manifest.date.isoformat(),
                "questions": len(v.questions),
                "outcomes": len(v.outcomes),
                "paths": v.path_count(),
            }
            for v in kb.versions.values()
        ],
        "problems": [],
    }


def check_summary_text(kb: KnowledgeBase) -> str:
    lines = [f"Knowledge base OK: {len(kb.versions)} versions in {kb.directory}"]
    for v in kb.versions.values():
        mark = " (default)" if v.id == kb.default_version else ""
        lines.append(
            f"  {v.id}{mark}, {v.manifest.date}: {len(v.questions)} questions, "
            f"{len(v.outcomes)} outcomes, {v.path_count()} paths"
        )
    return "\n".join(lines)


def question_list(version: KnowledgeVersion) -> list[dict[str, Any]]:
    """The tree questions in walk order, then the requirement questions (contract §5)."""
    tree = [
        {"id": q.id, "text": q.text, "kind": q.kind, "answers": [{"id": a.id, "label": a.label} for a in q.answers]}
        for q in (version.questions[qid] for qid in version.question_order)
    ]
    requirements = [
        {
            "id": q.id,
            "text": q.text,
            "kind": q.kind,
            "answers": [
                *({"id": a.id, "label": a.label} for a in q.answers),
                {"id": UNKNOWN_ANSWER, "label": UNKNOWN_LABEL},
            ],
        }
        for q in version.requirements.values()
    ]
    return tree + requirements


def question_list_text(version: KnowledgeVersion) -> str:
    lines = [f"Questions of {version.id}:"]
    for entry in question_list(version):
        lines.append(f"\n{entry['id']} [{entry['kind']}]: {entry['text']}")
        lines.extend(f"  - {a['id']}: {a['label']}" for a in entry["answers"])
    return "\n".join(lines)


def recommendation_text(version: KnowledgeVersion, result: Recommendation, kb: KnowledgeBase | None = None) -> str:
    """The recommendation for people: question texts, answer labels and service names (a service's id in
    brackets, an unanswered question's id after "id:", for writing answer files and ``--override``)."""
    lines = [f"Knowledge version: {result.knowledge_version}"]
    if result.status == "complete" and result.service:
        outcome = version.outcomes[result.service]
        lines.append(f"Recommended: {outcome.label} [{outcome.id}]")
    else:
        assert result.next_question is not None
        question = version.questions[result.next_question]
        lines.append(f"Incomplete: answer next {question.text} (id: {question.id})")
        lines.extend(f"  - {a.label} (id: {a.id})" for a in question.answers)
    if result.path:
        lines.append("\nPath:")
        for number, step in enumerate(result.path, start=1):
            question = version.questions[step.question]
            label = next(a.label for a in question.answers if a.id == step.answer)
            lines.append(f"  {number}. {question.text} -> {label}")
            lines.append(f"     why: {step.rationale}")
    words = Words.from_kb(kb) if kb is not None else _version_words(version)
    lines.extend(_assessment_text(version, result, words))
    if result.unused_answers:
        lines.append("\nUnused answers:")
        lines.extend(
            f"  - “{words.question(u.question)}” answered “{words.answer(u.question, u.answer)}”: {u.reason}"
            for u in result.unused_answers
        )
    return "\n".join(lines)


def _version_words(version: KnowledgeVersion) -> Words:
    """Names and texts of one version, when the whole knowledge base is not at hand."""
    questions = {q.id: q.text for q in version.questions.values()}
    questions.update({q.id: q.text for q in version.requirements.values()})
    answers = {(q.id, a.id): a.label for q in version.questions.values() for a in q.answers}
    answers.update({(q.id, a.id): a.label for q in version.requirements.values() for a in q.answers})
    services = {sid: view.name for sid, view in version.services.items()}
    return Words(MappingProxyType(services), MappingProxyType(questions), MappingProxyType(answers))


def _assessment_text(version: KnowledgeVersion, result: Recommendation, words: Words) -> list[str]:
    lines = []
    if result.conflicts:
        lines.append("\nConflicts: your requirements rule the tree's outcome out:")
        lines.extend(f"  - {because_text(because, words)}" for because in result.conflict_because)
        if result.best_alternative:
            lines.append(
                f"  Best alternative: {version.services[result.best_alternative].name} [{result.best_alternative}]"
            )
        else:
            lines.append("  No other candidate fits either: revisit the requirements.")
    if result.conditions:
        lines.append("\nConditions:")
        lines.extend(f"  - {because_text(because, words)}" for because in result.condition_because)
    view = result.lifecycle_view
    if view is not None and view.notes(result.service):
        lines.append(f"\nLifecycle ({view.judgement.describe()}):")
        lines.extend(f"  - {note.text}" for note in view.notes(result.service))
    if result.candidates:
        lines.append("\nCandidates:")
        for candidate in result.candidates:
            mark = " (tree's outcome)" if candidate.service == result.service else ""
            name = version.services[candidate.service].name
            lines.append(f"  {name} [{candidate.service}]{mark}: {FIT_LABELS[candidate.fit]}")
            lines.extend(f"      - {because_text(because, words)}" for because in candidate.because)
            tree = tree_relation(version, result.path, result.service, result.next_question, candidate.service)
            lines.append(f"      - {because_text(tree, words)}")
            if view is not None:
                lines.extend(f"      - lifecycle: {note.text}" for note in view.notes(candidate.service))
        for item in set_aside(view, result.candidates, result.service):
            lines.append(f"  {version.services[item.service].name} is {item.reason}")
    total = len(version.requirements)
    answered = round(result.confidence * total)
    lines.append(f"\nConfidence: {result.confidence:.0%} ({answered} of {total} requirement questions answered)")
    return lines


def candidate_rows(version: KnowledgeVersion, result: Recommendation) -> list[dict[str, str]]:
    """One row per candidate, best fit first, for tables and spreadsheets."""
    ordered = sorted(result.candidates, key=lambda c: FIT_RANK[c.fit])
    return [
        {
            "Service": version.services[c.service].name + (" (tree's outcome)" if c.service == result.service else ""),
            "fit": c.fit,
            "Reasons": "; ".join(because_text(b, _version_words(version)) for b in c.because),
        }
        for c in ordered
    ]
