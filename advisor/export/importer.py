"""Reading a JSON export for import: checked whole first (:func:`read_export`); the versions to append to each
workload planned (:func:`plan_versions`); :func:`advisor.services.exchange.import_records` writes them in one
transaction.

All or nothing per file: any fault (not UTF-8, malformed or truncated JSON, another ``schema_version``,
a record that fails its model, an unknown knowledge version, question, answer or service id, versions
out of order, a cross-reference that does not hold (see :mod:`~advisor.export.import_checks`), a workload
archived here) raises one :class:`~advisor.errors.InputError` listing every
problem found, each naming the file, the workload, the record version and the field; nothing is written.

A workload new here is created with the file's fields. A workload that exists here (same name, ignoring
case) is never overwritten: the file's versions are appended after its latest version, numbered on from
it, and a version identical to one it already has (apart from ids and version numbers) is skipped, so
importing the same file twice adds nothing. Ids belong to the instance that made them: the workload id,
each record's ``workload_id`` and ``session_id`` (set to null: the review session is not imported) are
replaced, and the workload's ``created_at``/``updated_at`` are the time of the import. So export →
import into an empty instance → export gives the same file apart from exactly those fields.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from advisor.errors import InputError, Problem, RuleError
from advisor.export.import_checks import check_names_across, check_workload
from advisor.export.json_file import (
    EXPORT_KIND,
    EXPORT_SCHEMA_VERSION,
    IMPORTABLE_SCHEMA_VERSIONS,
    ExportedWorkload,
    ExportFile,
)
from advisor.json_scan import scan_json_bytes
from advisor.knowledge.assembly import KnowledgeBase
from advisor.limits import IMPORT_JSON
from advisor.models.record import DecisionRecord, Workload

MAX_PROBLEMS = 50
_INSTANCE_FIELDS = {"workload_id", "version", "supersedes_version", "session_id"}


@dataclass(frozen=True)
class ImportedWorkload:
    """What an import did to one workload: created or not, the version numbers added, versions skipped."""

    name: str
    created: bool
    added: tuple[int, ...]
    skipped: int


@dataclass(frozen=True)
class ImportReport:
    source: str
    workloads: tuple[ImportedWorkload, ...]

    @property
    def added(self) -> int:
        return sum(len(item.added) for item in self.workloads)

    @property
    def skipped(self) -> int:
        return sum(item.skipped for item in self.workloads)

    @property
    def created(self) -> int:
        return sum(1 for item in self.workloads if item.created)

    def text(self) -> str:
        line = (
            f"{self.source}: imported {self.added} record versions of {len(self.workloads)} workloads "
            f"({self.created} new)"
        )
        return line + (f"; skipped {self.skipped} versions already here" if self.skipped else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "added": self.added, "skipped": self.skipped, "created": self.created,
            "workloads": [
                {"name": w.name, "created": w.created, "added_versions": list(w.added), "skipped": w.skipped}
                for w in self.workloads
            ],
        }  # fmt: skip


def read_export(data: bytes, source_name: str, kb: KnowledgeBase) -> ExportFile:
    """The checked export file; InputError listing every problem (at most MAX_PROBLEMS) otherwise."""
    document = _document(data, source_name)
    problems: list[Problem] = []
    workloads: list[ExportedWorkload] = []
    raw_workloads = document.get("workloads")
    if not isinstance(raw_workloads, list):
        raise InputError(Problem("must be a list of workloads", file=source_name, ident="workloads"))
    seen: dict[str, str] = {}
    for index, raw in enumerate(raw_workloads):
        try:
            workload = ExportedWorkload.model_validate(raw)
        except ValidationError as exc:
            problems += [_model_problem(source_name, index, raw, error) for error in exc.errors()]
            continue
        problems += check_workload(workload, index, kb, seen, source_name)
        workloads.append(workload)
    problems += check_names_across(workloads, source_name)
    if problems:
        if len(problems) > MAX_PROBLEMS:
            more = len(problems) - MAX_PROBLEMS
            problems = [*problems[:MAX_PROBLEMS], Problem(f"{more} more problems not shown", file=source_name)]
        raise InputError(problems)
    return ExportFile(schema_version=EXPORT_SCHEMA_VERSION, kind=EXPORT_KIND, workloads=tuple(workloads))


def _document(data: bytes, source: str) -> dict[str, Any]:
    scan_json_bytes(data, source, IMPORT_JSON)  # size and nesting first: json.loads recurses per level
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(Problem(f"not UTF-8 text (byte {exc.start})", file=source, ident="json")) from None
    if not text.strip():
        raise InputError(Problem("the file is empty", file=source, ident="json"))
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        # A string still open at the end of the text is reported where it starts: the file ended inside it.
        ends_early = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        why = "the file ends early: is it truncated?" if ends_early else "not valid JSON"
        message = f"{why} ({exc.msg} at column {exc.colno})"
        raise InputError(Problem(message, file=source, line=exc.lineno, ident="json")) from None
    except ValueError as exc:
        raise InputError(Problem(f"not valid JSON: {exc}", file=source, ident="json")) from None
    if not isinstance(document, dict) or "schema_version" not in document:
        message = "not a decision-record export of Compute Target Advisor (no schema_version)"
        raise InputError(Problem(message, file=source, ident="schema_version"))
    version = document["schema_version"]
    if version not in IMPORTABLE_SCHEMA_VERSIONS or isinstance(version, bool):
        readable = " or ".join(str(v) for v in IMPORTABLE_SCHEMA_VERSIONS)
        message = f"schema_version {version!r} is not supported: this app reads schema_version {readable}"
        raise InputError(Problem(message, file=source, ident="schema_version"))
    if document.get("kind") != EXPORT_KIND:
        message = f"kind is {document.get('kind')!r}, not {EXPORT_KIND!r}: not a decision-record export"
        raise InputError(Problem(message, file=source, ident="kind"))
    return document


def _no_constant(name: str) -> Any:
    raise RuleError(f"{name} is not a JSON number")


def _model_problem(source: str, index: int, raw: Any, error: Any) -> Problem:
    """A pydantic error as a problem naming the workload, the record version and the field."""
    loc = list(error["loc"])
    name = raw.get("name") if isinstance(raw, dict) and isinstance(raw.get("name"), str) else None
    where = f"workload {name!r} (workloads[{index}])" if name is not None else f"workloads[{index}]"
    if len(loc) >= 2 and loc[0] == "records" and isinstance(loc[1], int):
        records = raw.get("records") if isinstance(raw, dict) else None
        record = records[loc[1]] if isinstance(records, list) and loc[1] < len(records) else None
        version = record.get("version") if isinstance(record, dict) else None
        where += f", record version {version} (records[{loc[1]}])" if version is not None else f", records[{loc[1]}]"
        loc = loc[2:]
    field = ".".join(str(part) for part in loc) or "(the whole item)"
    return Problem(f"{where}: {error['msg']}", file=source, ident=field)


def plan_versions(
    workload: Workload, existing: list[DecisionRecord], incoming: Sequence[DecisionRecord]
) -> tuple[list[DecisionRecord], int]:
    """The versions to append to ``workload`` (numbered after its latest) and how many were already here."""
    known = {_content(record): record.version for record in existing}
    number = existing[-1].version if existing else 0
    mapping: dict[int, int] = {}
    added: list[DecisionRecord] = []
    for record in incoming:
        if (same := known.get(_content(record))) is not None:
            mapping[record.version] = same
            continue
        number += 1
        mapping[record.version] = number
        supersedes = mapping.get(record.supersedes_version) if record.supersedes_version is not None else None
        changes = {"workload_id": workload.id, "version": number, "supersedes_version": supersedes, "session_id": None}
        added.append(record.model_copy(update=changes))
    return added, len(incoming) - len(added)


def _content(record: DecisionRecord) -> str:
    return json.dumps(record.model_dump(mode="json", exclude=_INSTANCE_FIELDS), sort_keys=True)
