"""The checks an imported workload passes beyond its model: names and lengths as the store takes them,
versions in order, and every knowledge version, question, answer and service id known here.

An answer to a question of another shipped knowledge version is kept (contract §2), so a question id
is known when any shipped version asks it; path steps and services must exist in the record's own version.
"""

from __future__ import annotations

from collections.abc import Callable

from advisor.errors import InputError, Problem
from advisor.export.json_file import ExportedWorkload
from advisor.knowledge.assembly import KnowledgeBase, KnowledgeVersion
from advisor.models.names import clean_context, clean_name, clean_owner, name_key
from advisor.models.record import RECORD_SCHEMA_VERSION, DecisionRecord


def check_workload(
    workload: ExportedWorkload, index: int, kb: KnowledgeBase, seen: dict[str, str], source: str
) -> list[Problem]:
    """Every problem of one workload of the file; ``seen`` maps name keys met so far to their names."""
    problems: list[Problem] = []
    where = f"workload {workload.name!r} (workloads[{index}])"

    def fault(field: str, message: str) -> None:
        problems.append(Problem(f"{where}: {message}", file=source, ident=field))

    for field, clean in (("name", clean_name), ("owner", clean_owner), ("context", clean_context)):
        try:
            clean(getattr(workload, field))
        except InputError as exc:
            fault(field, exc.problems[0].message)
    key = name_key(workload.name)
    if key and key in seen:
        fault("name", f"the file holds this workload twice (also as {seen[key]!r})")
    seen.setdefault(key, workload.name)
    earlier: set[int] = set()
    for position, record in enumerate(workload.records):
        problems += _check_record(record, f"{where}, record version {record.version}", position, earlier, kb, source)
        earlier.add(record.version)
    return problems


def _check_record(
    record: DecisionRecord, where: str, position: int, earlier: set[int], kb: KnowledgeBase, source: str
) -> list[Problem]:
    problems: list[Problem] = []
    path = f"records[{position}]"

    def fault(field: str, message: str) -> None:
        problems.append(Problem(f"{where} ({path}): {message}", file=source, ident=field))

    if record.schema_version != RECORD_SCHEMA_VERSION:
        fault("schema_version", f"record schema_version {record.schema_version} is not {RECORD_SCHEMA_VERSION}")
    if earlier and record.version <= max(earlier):
        fault("version", f"versions must increase: {record.version} comes after {max(earlier)}")
    if record.supersedes_version is not None and record.supersedes_version not in earlier:
        fault("supersedes_version", f"names version {record.supersedes_version}, which is not an earlier version")
    for question, given in record.answers.items():
        accepted = kb.answers_any_version.get(question)
        if accepted is None:
            fault(f"answers.{question}", f"unknown question id {question!r}")
        elif given.answer not in accepted:
            fault(f"answers.{question}.answer", f"unknown answer id {given.answer!r} for question {question!r}")
    version = kb.versions.get(record.knowledge_version)
    if version is None:
        known = ", ".join(sorted(kb.versions))
        fault("knowledge_version", f"unknown knowledge version {record.knowledge_version!r} (known here: {known})")
        return problems
    _check_ids(record, version, fault)
    return problems


def _check_ids(record: DecisionRecord, version: KnowledgeVersion, fault: Callable[[str, str], None]) -> None:
    for number, step in enumerate(record.path):
        if step.question not in version.accepted:
            fault(f"path[{number}].question", f"unknown question id {step.question!r} in {version.id}")
    services = [("service", record.service), ("best_alternative", record.best_alternative)]
    services += [(f"candidates[{n}].service", c.service) for n, c in enumerate(record.candidates)]
    if record.override is not None:
        services.append(("override.service", record.override.service))
    for field, service in services:
        if service is not None and service not in version.services:
            fault(field, f"unknown service id {service!r} in {version.id}")
