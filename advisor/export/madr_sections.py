"""The sections of a MADR 4.0 decision record, each a list of Markdown lines ending with a blank line.

Every user or knowledge text goes through :func:`~advisor.export.markdown.inline` or
:func:`~advisor.export.markdown.block`; only fixed words, ids and numbers are written as they are.
"""

from __future__ import annotations

from advisor.decide.reason_words import (
    because_text,
    change_text,
    chosen_conditions,
    presentation_order,
    reason_texts,
)
from advisor.decide.wording import FIT_LABELS
from advisor.export.export_set import Glossary, WorkloadExport
from advisor.export.markdown import block, inline
from advisor.export.table_rows import requirement_answers
from advisor.knowledge.disagreements import source_url
from advisor.models.record import Because, CandidateEntry, DecisionRecord, GivenAnswer, ReliedClaim
from advisor.models.statuses import version_status_label, version_status_text
from advisor.review.history import milestones

_PROS_CONS = {"fit": "Good", "fit_with_effort": "Neutral", "unknown": "Neutral", "no_fit": "Bad"}


def context(item: WorkloadExport, glossary: Glossary) -> list[str]:
    workload = item.workload
    owner = f" Its owner is {inline(workload.owner)}." if workload.owner.strip() else ""
    question = f"Which Azure compute service should run this workload?{owner}"
    lines = ["## Context and Problem Statement", "", question, ""]
    if workload.context.strip():
        lines += [block(workload.context), ""]
    triage = item.triage
    if workload.vm_links and triage is None:
        vms = ", ".join(inline(f"{link.cloud_service}/{link.vm_name}") for link in workload.vm_links)
        lines += [f"It covers the classic VMs {vms}; no inventory import holds them.", ""]
    if triage is None:
        return lines
    lines += [
        f"Its linked classic VMs, as import {triage.import_id} of the estate “{inline(triage.estate)}” triaged "
        f"them for the migration tool on {triage.imported_at.date().isoformat()} (overall verdict: "
        f"{triage.verdict.replace('_', ' ')}):",
        "",
        "| VM | Cloud service | VNet | Verdict | Findings |",
        "| --- | --- | --- | --- | --- |",
    ]
    for vm in triage.vms:
        findings = ", ".join(vm.rules) or "none"
        if vm.unknown_fields:
            findings += f"; not known: {', '.join(vm.unknown_fields)}"
        lines.append(
            f"| {inline(vm.vm_name)} | {inline(vm.cloud_service)} | {inline(vm.vnet or '')} "
            f"| {inline(vm.verdict.replace('_', ' '))} | {inline(findings)} |"
        )
    lines.append("")
    rules = dict.fromkeys(rule for vm in triage.vms for rule in vm.rules)
    for rule_id in rules:
        rule = glossary.rules.get(rule_id)
        if rule is not None:
            lines.append(
                f"- {inline(rule_id)} {inline(rule.title)} ({rule.behaviour}): {inline(rule.message)} "
                f"Workaround: {inline(rule.workaround)}"
            )
    return [*lines, ""] if rules and lines[-1] != "" else lines


def drivers(item: WorkloadExport, glossary: Glossary) -> list[str]:
    record = item.latest
    lines = ["## Decision Drivers", ""]
    answered = requirement_answers(item)
    if not answered:
        return [*lines, "No requirement question was answered yet.", ""]
    for question in answered:
        given = record.answers[question]
        note = f" (note: {inline(given.note)})" if given.note.strip() else ""
        label = inline(glossary.answer(question, given.answer))
        lines.append(f"- {inline(glossary.question(question))} **{label}**{_source_words(given)}{note}")
    return [*lines, ""]


def _source_words(given: GivenAnswer) -> str:
    if given.source == "inventory":  # asked, not applied: it counts once a person confirms it
        return " (suggested by the inventory, not confirmed yet, so not counted)"
    return f" (from the {given.source})" if given.source != "user" else ""


def considered(item: WorkloadExport, glossary: Glossary) -> list[str]:
    record = item.latest
    lines = ["## Considered Options", ""]
    for candidate in presentation_order(record):
        marks = [FIT_LABELS.get(candidate.fit, candidate.fit)]
        if candidate.service == record.service:
            marks.append("the decision tree's outcome")
        elif candidate.service == record.chosen_service:
            marks.append("chosen by override")
        if item.costs is not None:
            marks.append(item.costs.short(candidate.service))
        lines.append(f"- {inline(glossary.service(candidate.service))}: {inline(', '.join(marks))}")
    if item.costs is not None and item.costs.costs.sheet is not None:
        lines += ["", f"Estimated costs: pay-as-you-go, from the {inline(item.costs.sheet_words)}."]
    if not record.candidates:
        lines.append("No candidate was scored.")
    return [*lines, ""]


def outcome(item: WorkloadExport, glossary: Glossary) -> list[str]:
    record = item.latest
    tree = inline(glossary.service(record.service))
    if record.override is not None:
        head = (
            f"Chosen option: “{inline(glossary.service(record.override.service))}”, because "
            f"{inline(record.override.reason)} (overriding the decision tree: the tree recommended “{tree}”)."
        )
    elif record.service is not None:
        head = f"Chosen option: “{tree}”, because the decision tree leads there from these answers:"
    else:
        stop = inline(glossary.question(record.next_question or ""))
        head = f"No option is chosen yet: the questionnaire stopped at “{stop}”. The answers so far:"
        waiting = record.answers.get(record.next_question or "")
        if waiting is not None and waiting.source == "inventory":
            suggested = inline(glossary.answer(record.next_question or "", waiting.answer))
            head = (
                f"No option is chosen yet: the questionnaire stopped at “{stop}”, where the inventory suggests "
                f"“{suggested}” for a person to confirm. The answers so far:"
            )
    lines = ["## Decision Outcome", "", head, ""]
    for number, step in enumerate(record.path, start=1):
        label = inline(glossary.answer(step.question, step.answer))
        given = record.answers.get(step.question)
        source = f" (answer from the {given.source})" if given is not None and given.source != "user" else ""
        lines.append(
            f"{number}. {inline(glossary.question(step.question))} **{label}**{source}: {inline(step.rationale)}"
        )
        if step.note.strip():
            lines.append(f"   - Note: {block(step.note, '     ')}")
    if record.path:
        lines.append("")
    words = glossary.words
    if record.conflicts:
        alternative = inline(glossary.service(record.best_alternative)) if record.best_alternative else "none"
        lines += [f"The answered requirements rule the tree's outcome (“{tree}”) out:", ""]
        conflicts = reason_texts(record.conflicts, record.conflict_because, record.service, words)
        lines += [f"- {inline(conflict)}" for conflict in conflicts]
        lines += ["", f"Best alternative: {alternative}.", ""]
    lines += ["### Consequences", ""]
    if record.chosen_service is not None:
        lines += [f"Conditions of the chosen option, “{inline(glossary.service(record.chosen_service))}”:", ""]
    conditions = chosen_conditions(record, words, glossary.knowledge)
    lines += [f"- Condition: {inline(condition)}" for condition in conditions] or ["No condition applies."]
    revisit = glossary.revisit(record)
    lines += ["", "### Confirmation", "", _confirmation(record), ""]
    if record.signature:
        lines += [f"Signed off by {inline(record.signature)}.", ""]
    if revisit is not None:
        lines += [f"Revisit by: {inline(revisit.describe().rstrip('.'))}.", ""]
    return lines


def _confirmation(record: DecisionRecord) -> str:
    return (
        f"Version {record.version} of the record, status {version_status_text(record)}, decided under knowledge "
        "version "
        f"{inline(record.knowledge_version)} with {record.confidence:.0%} confidence (the share of requirement "
        "questions answered). Confirm it by meeting each condition above before the move, and review it when a "
        "newer knowledge version changes the path or a candidate's fit."
    )


def sources_disagree(item: WorkloadExport, glossary: Glossary) -> list[str]:
    """Where Microsoft's sources disagree about something the record uses: every claim with its sources (none: no
    lines)."""
    disputed = glossary.disputed(item)
    relied = {claim.disagreement: claim for claim in item.latest.relied_on}
    if not disputed and not relied:
        return []
    lines = ["### Where Microsoft's sources disagree", ""]
    for disagreement in disputed:
        lines += [f"{inline(disagreement.topic)}:", ""]
        if (choice := relied.pop(disagreement.id, None)) is not None:
            lines += [_relied_line(choice, item.latest), ""]
        chosen = disagreement.default.claim if disagreement.default else None
        for claim in disagreement.claims:
            sources = "; ".join(
                f"{inline(source.title)}, dated {source.dated.isoformat()} ({inline(source_url(source))})"
                for source in claim.sources
            )
            mark = " (the tool goes by this)" if claim.id == chosen else ""
            lines.append(f"- **{inline(claim.value)}**{mark}: {inline(claim.says)} Sources: {sources}.")
        if disagreement.default is not None:
            lines += ["", f"Why the tool goes by it: {inline(disagreement.default.why)}"]
        lines.append("")
    for choice in relied.values():  # settled on the record, though no longer among what the record uses
        lines += [f"{inline(choice.topic)}:", "", _relied_line(choice, item.latest), ""]
    return lines


def _relied_line(choice: ReliedClaim, record: DecisionRecord) -> str:
    return (
        f"The review board relied on **{inline(choice.value)}** when {inline(record.author)} signed off version "
        f"{record.version}."
    )


def pros_and_cons(item: WorkloadExport, glossary: Glossary) -> list[str]:
    record = item.latest
    lines = ["## Pros and Cons of the Options", ""]
    seen: set[str] = set()
    for number, candidate in enumerate(presentation_order(record), start=1):
        title = inline(glossary.service(candidate.service))
        if title in seen or title in {"Consequences", "Confirmation", "Version history"}:
            title = f"{title} (option {number})"
        seen.add(title)
        lines += [f"### {title}", "", *_pros_cons(candidate, record, glossary), *_cost(item, candidate.service), ""]
    return lines


def _cost(item: WorkloadExport, service: str) -> list[str]:
    """The option's cost line: its monthly estimate and what it is made of, or why there is none."""
    view = item.costs
    if view is None:
        return []
    candidate = view.of(service)
    if candidate is None or candidate.monthly is None:
        return [f"- Neutral, because its cost is not estimated: {inline(view.summary(service))}"]
    basis = "; ".join(text.rstrip(".") for text in view.assumptions(service, with_sheet=False))
    return [f"- Neutral, because it would cost about {inline(view.money(candidate.monthly))} a month ({inline(basis)})"]


# How the walk's relation to a candidate weighs: its outcome is good, a turn away from it bad.
_TREE_VERDICT = {"tree_outcome": "Good", "turned_away": "Bad", "not_reached": "Neutral"}


def _pros_cons(candidate: CandidateEntry, record: DecisionRecord, glossary: Glossary) -> list[str]:
    """The tree's word on the candidate first, then every fit reason: never an option without a reason."""
    words = glossary.words
    tree = candidate.tree or (
        Because(kind="tree_outcome", service=candidate.service) if candidate.service == record.service else None
    )
    lines = []
    if tree is not None:
        verdict = _TREE_VERDICT.get(tree.kind, "Neutral")
        lines.append(f"- {verdict}, because {inline(because_text(tree, words))}")
    if candidate.fit == "fit":
        return [*lines, "- Good, because no answered requirement rules it out or asks extra work of it"]
    verdict = _PROS_CONS.get(candidate.fit, "Neutral")
    reasons = reason_texts(candidate.reasons, candidate.because, candidate.service, words) or [
        f"its fit is {FIT_LABELS.get(candidate.fit, candidate.fit)}"
    ]
    return [*lines, *(f"- {verdict}, because {inline(reason)}" for reason in reasons)]


def more_information(item: WorkloadExport, glossary: Glossary) -> list[str]:
    record = item.latest
    lines = ["## More Information", ""]
    if record.unused_answers:
        lines += ["Answers kept but not used by this walk:", ""]
        lines += [
            f"- “{inline(glossary.question(unused.question))}” answered "
            f"“{inline(glossary.answer(unused.question, unused.answer))}”: {inline(unused.reason)}"
            for unused in record.unused_answers
        ]
        lines.append("")
    lines += ["### Version history", ""]
    marks = {m.version: m.why for m in milestones(item.records, glossary.service)}
    lines += [
        f"The versions that matter: {len(marks)} of {len(item.records)} saved (the first, the first complete "
        "recommendation, outcome changes, overrides, decisions, supersessions and the latest). Every version is "
        "listed after them.",
        "",
    ]
    superseded_by = {r.supersedes_version: r.version for r in item.records if r.supersedes_version in marks}
    for version in reversed(item.records):
        if version.version not in marks:
            continue
        service = inline(glossary.service(version.chosen_service) or "none yet")
        lines += [
            f"#### Version {version.version}",
            "",
            f"- Why it matters: {inline('; '.join(marks[version.version]))}",
            f"- Saved {version.created_at.strftime('%Y-%m-%d %H:%M')} UTC by {inline(version.author)}",
            f"- Status {version_status_text(version)}, chosen service {service}",
        ]
        if version.change.strip():
            lines.append(f"- Change: {inline(change_text(version.change, glossary.words))}")
        older = version.supersedes_version
        if older in marks:
            lines.append(f"- Supersedes [version {older}](#version-{older})")
        elif older is not None:
            lines.append(f"- Supersedes version {older}")
        if version.version in superseded_by:
            newer = superseded_by[version.version]
            lines.append(f"- Superseded by [version {newer}](#version-{newer})")
        lines.append("")
    lines += ["#### Every version", ""]
    for version in reversed(item.records):
        saved = version.created_at.strftime("%Y-%m-%d %H:%M")
        change = f": {inline(version.change)}" if version.change.strip() else ""
        lines.append(
            f"- Version {version.version}, {saved} UTC, {inline(version.author)}, {version_status_label(version)}"
            f"{change}"
        )
    lines.append("")
    return lines
