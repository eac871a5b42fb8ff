"""The rows every tabular format shares: one per workload (CSV and the Summary sheet), per answered step
(Path), per candidate (Candidates), per condition of the chosen service (Conditions) and per finding of a
linked VM (Findings).

Columns named in :data:`ID_COLUMNS` hold ids, for scripts; every other text column is for people and holds
question texts, answer labels and service names (reasons and conditions worded by
:mod:`advisor.decide.reason_words`).

Values keep their Python types (text, int, float, UTC datetime, or None for empty); each format writes
them its own way. The column names are stable: outside scripts and spreadsheets refer to them, and the
README lists them. Rows come in export order (workloads by name), then in the record's own order.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from advisor.decide.reason_words import candidate_reasons, chosen_conditions
from advisor.decide.record_builder import workload_status
from advisor.export.export_set import ExportSet, Glossary, WorkloadExport
from advisor.lifecycle.revisit import RevisitBy

Row = tuple[Any, ...]

# The chosen service's estimate (issue 21), after every earlier column: monthly and yearly figures, their
# currency, the price sheet's date and region, and the figure's basis or why there is none, in words.
COST_COLUMNS = ("monthly_cost", "yearly_cost", "cost_currency", "price_sheet_date", "price_sheet_region", "cost_basis")
SUMMARY_COLUMNS = (
    "workload", "version", "status", "service", "service_name", "recommended_service", "override",
    "override_reason", "confidence", "knowledge_version", "triage_verdict", "path", "decision_makers",
    "first_saved", "last_saved", "revisit_by", "recommended_service_name", "path_text", "signature",
    *COST_COLUMNS,
)  # fmt: skip
PATH_COLUMNS = (
    "workload", "version", "step", "kind", "question", "question_text", "answer", "answer_label", "rationale",
    "note", "source",
)  # fmt: skip
CANDIDATE_COLUMNS = (
    "workload", "version", "service", "service_name", "fit", "tree_outcome", "chosen", "reasons",
    *COST_COLUMNS,
)  # fmt: skip
CONDITION_COLUMNS = ("workload", "version", "service", "service_name", "overridden", "condition")
FINDING_COLUMNS = (
    "workload", "estate", "import_id", "imported_at", "cloud_service", "vm_name", "vnet", "verdict", "rule",
    "behaviour", "title", "message", "workaround", "unknown_fields",
)  # fmt: skip
# Columns of ids (and the path of ids), for scripts: the other text columns are words for people.
ID_COLUMNS = frozenset({"service", "recommended_service", "path", "question", "answer", "knowledge_version", "rule"})
PATH_SEPARATOR = " > "
LIST_SEPARATOR = "; "


def decision_makers(item: WorkloadExport) -> list[str]:
    """Everyone who saved a version, in the order of their first save."""
    return list(dict.fromkeys(record.author for record in item.records))


def path_summary(item: WorkloadExport) -> str:
    """``question=answer`` per walked step, ``>`` between: short enough for one spreadsheet cell."""
    return PATH_SEPARATOR.join(f"{step.question}={step.answer}" for step in item.latest.path)


def path_text(item: WorkloadExport, glossary: Glossary) -> str:
    """The same path in words: each question's text and the answer's label."""
    return PATH_SEPARATOR.join(
        f"{glossary.question(step.question)} {glossary.answer(step.question, step.answer)}" for step in item.latest.path
    )


def summary_row(item: WorkloadExport, glossary: Glossary) -> Row:
    record = item.latest
    return (
        item.workload.name,
        record.version,
        workload_status(record),
        record.chosen_service,
        glossary.service(record.chosen_service) or None,
        record.service,
        "yes" if record.override else "no",
        record.override.reason if record.override else None,
        record.confidence,
        record.knowledge_version,
        item.triage.verdict if item.triage else None,
        path_summary(item),
        LIST_SEPARATOR.join(decision_makers(item)),
        item.records[0].created_at,
        record.created_at,
        _revisit_date(glossary.revisit(record)),
        glossary.service(record.service) or None,
        path_text(item, glossary),
        record.signature,
        *cost_cells(item, record.chosen_service),
    )


def cost_cells(item: WorkloadExport, service: str | None) -> Row:
    """The :data:`COST_COLUMNS` of one candidate of the latest version (empty without estimates)."""
    view = item.costs
    if view is None or service is None:
        return (None,) * len(COST_COLUMNS)
    candidate = view.of(service)
    sheet = view.costs.sheet
    monthly = candidate.monthly if candidate is not None else None
    texts = [text.rstrip(".") for text in view.assumptions(service)]
    basis = LIST_SEPARATOR.join(texts) if monthly is not None else view.summary(service)
    return (
        monthly, candidate.yearly if candidate is not None else None, sheet.currency if sheet else None,
        sheet.fetched_at.date().isoformat() if sheet else None, sheet.region if sheet else None, basis or None,
    )  # fmt: skip


def _revisit_date(revisit: RevisitBy | None) -> str | None:
    return revisit.date.isoformat() if revisit is not None and revisit.date is not None else None


def summary_rows(export: ExportSet) -> Iterator[Row]:
    for item in export.workloads:
        yield summary_row(item, export.glossary)


def requirement_answers(item: WorkloadExport) -> list[str]:
    """The answered questions that are neither on the walked path nor unused: the requirement questions."""
    record = item.latest
    elsewhere = {step.question for step in record.path} | {unused.question for unused in record.unused_answers}
    return [question for question in record.answers if question not in elsewhere]


def path_rows(export: ExportSet) -> Iterator[Row]:
    """Each walked tree step (with its rationale and note), then each requirement answer, of the latest version."""
    glossary = export.glossary
    for item in export.workloads:
        record = item.latest
        name = item.workload.name
        for step, entry in enumerate(record.path, start=1):
            given = record.answers.get(entry.question)
            yield (
                name, record.version, step, "tree", entry.question, glossary.question(entry.question), entry.answer,
                glossary.answer(entry.question, entry.answer), entry.rationale, entry.note or None,
                given.source if given else None,
            )  # fmt: skip
        for step, question in enumerate(requirement_answers(item), start=len(record.path) + 1):
            given = record.answers[question]
            yield (
                name, record.version, step, "requirement", question, glossary.question(question), given.answer,
                glossary.answer(question, given.answer), None, given.note or None, given.source,
            )  # fmt: skip


def candidate_rows(export: ExportSet) -> Iterator[Row]:
    for item in export.workloads:
        record = item.latest
        for candidate in record.candidates:
            yield (
                item.workload.name, record.version, candidate.service, export.glossary.service(candidate.service),
                candidate.fit, "yes" if candidate.service == record.service else "no",
                "yes" if candidate.service == record.chosen_service else "no",
                LIST_SEPARATOR.join(candidate_reasons(candidate, record, export.glossary.words)) or None,
                *cost_cells(item, candidate.service),
            )  # fmt: skip


def condition_rows(export: ExportSet) -> Iterator[Row]:
    """The conditions of each latest version's chosen service: the override's when there is one."""
    glossary = export.glossary
    for item in export.workloads:
        record = item.latest
        service = record.chosen_service
        if service is None:
            continue
        for text in chosen_conditions(record, glossary.words, glossary.knowledge):
            yield (
                item.workload.name, record.version, service, glossary.service(service),
                "yes" if record.override else "no", text,
            )  # fmt: skip


def finding_rows(export: ExportSet) -> Iterator[Row]:
    """One row per finding of each linked VM; a VM without findings gets one row with no rule."""
    for item in export.workloads:
        triage = item.triage
        if triage is None:
            continue
        for vm in triage.vms:
            head = (
                item.workload.name, triage.estate, triage.import_id, triage.imported_at, vm.cloud_service,
                vm.vm_name, vm.vnet, vm.verdict,
            )  # fmt: skip
            unknown = ", ".join(vm.unknown_fields) or None
            if not vm.rules:
                yield (*head, None, None, None, None, None, unknown)
            for rule_id in vm.rules:
                rule = export.glossary.rules.get(rule_id)
                texts = (rule.behaviour, rule.title, rule.message, rule.workaround) if rule else (None,) * 4
                yield (*head, rule_id, *texts, unknown)


def iso_utc(moment: datetime.datetime) -> str:
    """``2026-03-01T09:00:00Z``: the time in UTC, to the second."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
