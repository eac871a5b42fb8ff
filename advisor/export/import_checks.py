"""The checks an imported workload passes beyond its model: names and lengths as the store takes them,
versions in order, every knowledge version, question, answer and service id known here, and every
cross-reference inside the file consistent.

An answer to a question of another shipped knowledge version is kept (contract §2), so a question id
is known when any shipped version asks it; path steps and services must exist in the record's own version.

Cross-references: each record's ``workload_id`` is its workload's ``id`` (ids are the exporting instance's,
and a workload's id never changes); each record's path, outcome and next question are what its own answers
give when walked in its own knowledge version (the path is derived, never typed); and no record names,
as its ``workload_name``, another workload of the file. A record may carry a name its own workload no
longer has: names change by renaming, and a version keeps the name it was saved under.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from advisor.decide.engine import walk
from advisor.errors import InputError, Problem
from advisor.export.json_file import ExportedWorkload
from advisor.knowledge.assembly import KnowledgeBase, KnowledgeVersion
from advisor.models.names import clean_context, clean_name, clean_owner, name_key
from advisor.models.record import RECORD_SCHEMA_VERSION, DecisionRecord, confirmed_answers


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
        if record.workload_id != workload.id:
            message = (
                f"{where}, record version {record.version} (records[{position}]): workload_id "
                f"{record.workload_id} is not this workload's id {workload.id}: the record belongs to another workload"
            )
            problems.append(Problem(message, file=source, ident="workload_id"))
        earlier.add(record.version)
    return problems


def check_names_across(workloads: Sequence[ExportedWorkload], source: str) -> list[Problem]:
    """A record whose ``workload_name`` is the name of another workload of the file: it was taken from there."""
    owners: dict[str, set[int]] = {}
    for index, workload in enumerate(workloads):
        owners.setdefault(name_key(workload.name), set()).add(index)
    problems: list[Problem] = []
    for index, workload in enumerate(workloads):
        for position, record in enumerate(workload.records):
            others = owners.get(name_key(record.workload_name), set()) - {index}
            if others:
                other = workloads[min(others)].name
                message = (
                    f"workload {workload.name!r} (workloads[{index}]), record version {record.version} "
                    f"(records[{position}]): workload_name {record.workload_name!r} is the name of another "
                    f"workload of the file ({other!r}): the record belongs to that workload"
                )
                problems.append(Problem(message, file=source, ident="workload_name"))
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
    before = len(problems)
    _check_ids(record, version, fault)
    if len(problems) == before:
        _check_walk(record, version, fault)
    return problems


def _check_walk(record: DecisionRecord, version: KnowledgeVersion, fault: Callable[[str, str], None]) -> None:
    """The path, outcome and next question are what the record's answers give in its own knowledge version."""
    stored = [(step.question, step.answer) for step in record.path]
    # A version walks its confirmed answers (an inventory suggestion counts once a person confirms it); versions
    # saved before issue 15 walked the suggestions too, and their exports still import.
    for answers in (confirmed_answers(record.answers), {q: a.answer for q, a in record.answers.items()}):
        given = {q: a for q, a in answers.items() if q in version.steps and a in version.steps[q]}
        result = walk(version, given)
        walked = [(step.question, step.answer) for step in result.path]
        if stored == walked:
            break
    if stored != walked:
        at = next((n for n, pair in enumerate(stored) if n >= len(walked) or walked[n] != pair), len(stored))
        if at < len(stored):
            question, answer = stored[at]
            message = (
                f"path step {at + 1} says {question!r} was answered {answer!r}, which the record's answers "
                f"do not give in {version.id}: the path contradicts the answers"
            )
        else:
            message = f"the path stops after {len(stored)} steps, but the record's answers walk further"
        fault(f"path[{min(at, max(len(stored) - 1, 0))}]", message)
    elif (record.service, record.walk_status, record.next_question) != (
        result.outcome, result.status, result.next_question,
    ):  # fmt: skip
        message = (
            f"service {record.service!r} ({record.walk_status}) is not what the path leads to in {version.id} "
            f"({result.outcome!r}, {result.status})"
        )
        fault("service", message)


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
