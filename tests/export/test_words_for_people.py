"""Words for people: no question, answer or service id appears as a bare word in any text meant for a reader.

Every text renderer is run over a full set of records (the golden set: an incomplete walk, a conflict, an
override, a 2025 record, triaged VMs; plus an override to Azure Virtual Machines, an unfinished record and a
2025 override): the MADR files, the minutes, every text column of the Excel sheets and the CSV, and the command
line's text output. The ids scanned for are the compound ones (``virtual-machines``, ``vnet_integration``,
``lift_and_shift``…) and the one-word ids that are no English word (``aks``, ``hpc``, ``cots``…): an answer id
such as ``yes`` or ``required`` is also plain English. A web address may hold an id (a Learn URL), and so may
an id set off on purpose for scripts: ``[app-service]`` after a service's name, ``(id: …)`` after a question
the command line asks for; the columns :data:`~advisor.export.table_rows.ID_COLUMNS` hold ids by design.
"""

from __future__ import annotations

import datetime
import re

import pytest

from advisor import KnowledgeBase, recommend
from advisor.cli.render import recommendation_text
from advisor.decide.record_builder import build_record
from advisor.export import ExportSet, Glossary, WorkloadExport, madr_files
from advisor.export.minutes import minutes_markdown
from advisor.export.table_rows import (
    CANDIDATE_COLUMNS,
    CONDITION_COLUMNS,
    FINDING_COLUMNS,
    ID_COLUMNS,
    PATH_COLUMNS,
    SUMMARY_COLUMNS,
    candidate_rows,
    condition_rows,
    finding_rows,
    path_rows,
    summary_rows,
)
from advisor.models.record import GivenAnswer, Override, Workload
from advisor.models.session import ReviewSession, SessionItem
from tests.export.records import APP_SERVICE_2025, GPU_CONFLICT, TO_VIRTUAL_MACHINES, golden_set

UTC = datetime.UTC
MOMENT = datetime.datetime(2026, 3, 6, 9, 0, tzinfo=UTC)
ENGLISH = frozenset({"yes", "no", "none", "migrate", "required", "unknown", "batch", "functions", "stateless",
                     "stateful", "low", "high", "medium", "moderate", "some", "strong", "basic", "sap", "oracle",
                     "mainframe", "quantum", "marketplace", "state", "gpu"})  # fmt: skip
_SET_OFF = re.compile(r"https?://\S+|\[[\w-]+\]|\(id: [\w-]+\)")


def known_ids(kb: KnowledgeBase) -> set[str]:
    found: set[str] = set()
    for version in kb.versions.values():
        found |= set(version.services)
        for question in version.questions.values():
            found |= {question.id, *(answer.id for answer in question.answers)}
        for requirement in version.requirements.values():
            found |= {requirement.id, *(answer.id for answer in requirement.answers)}
    return {i for i in found if ("_" in i or "-" in i or i not in ENGLISH) and not i.isdigit()}


def bare_ids(text: str, ids: set[str]) -> list[str]:
    """The ids found as whole words in ``text`` (Markdown escapes removed, web addresses and set-off ids skipped)."""
    plain = _SET_OFF.sub(" ", text.replace("\\", ""))
    words = set(re.findall(r"(?<![\w.#/-])[A-Za-z0-9][\w-]*(?![\w/-])", plain))
    return sorted(words & ids)


def _record(kb: KnowledgeBase, workload: Workload, answers: dict[str, str], version: str, **extra: object):
    return build_record(
        kb, workload=workload, answers={q: GivenAnswer(answer=a) for q, a in answers.items()},
        knowledge_version=version, author="Ann Arbiter", version=1, now=MOMENT, **extra,  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.fixture(scope="module")
def full_set(kb: KnowledgeBase) -> ExportSet:
    extra = []
    cases = [
        ("Claims portal", TO_VIRTUAL_MACHINES | {"gpu": "required", "hybrid_connectivity": "required"},
         "compute-tree-2026", Override(service="app-service", reason="Team runs App Service.")),
        ("Fraud scoring", GPU_CONFLICT, "compute-tree-2026", Override(service="virtual-machines", reason="GPU VMs.")),
        ("Half done", {"specialty_workload": "none", "migrate_or_build": "build_new"}, "compute-tree-2026", None),
        ("Old intranet", APP_SERVICE_2025, "compute-tree-2025", Override(service="service-fabric", reason="Legacy.")),
        ("ERP", {"specialty_workload": "sap"}, "compute-tree-2026", None),
    ]  # fmt: skip
    for number, (name, answers, version, override) in enumerate(cases, start=20):
        workload = Workload(id=number, name=name, number=number, created_at=MOMENT, updated_at=MOMENT)
        extra.append(WorkloadExport(workload, (_record(kb, workload, answers, version, override=override),)))
    golden = golden_set(kb)
    return ExportSet((*golden.workloads, *extra), Glossary.from_kb(kb))


def test_the_madr_files_name_no_id(kb: KnowledgeBase, full_set: ExportSet) -> None:
    ids = known_ids(kb)
    found = {name: bare_ids(text, ids) for name, text in madr_files(full_set).items()}
    assert {name: hits for name, hits in found.items() if hits} == {}


@pytest.mark.parametrize(
    ("sheet", "columns", "rows"),
    [
        ("Summary", SUMMARY_COLUMNS, summary_rows), ("Path", PATH_COLUMNS, path_rows),
        ("Candidates", CANDIDATE_COLUMNS, candidate_rows), ("Conditions", CONDITION_COLUMNS, condition_rows),
        ("Findings", FINDING_COLUMNS, finding_rows),
    ],
)  # fmt: skip
def test_the_text_columns_of_excel_and_csv_name_no_id(
    kb: KnowledgeBase, full_set: ExportSet, sheet: str, columns: tuple[str, ...], rows
) -> None:
    ids = known_ids(kb)
    found = []
    for row in rows(full_set):
        for column, value in zip(columns, row, strict=True):
            if column not in ID_COLUMNS and isinstance(value, str) and bare_ids(value, ids):
                found.append((column, value[:80], bare_ids(value, ids)))
    assert found == []


def test_the_minutes_name_no_id(kb: KnowledgeBase, full_set: ExportSet) -> None:
    records = {item.workload.id: item.latest for item in full_set.workloads}
    items = tuple(
        SessionItem(
            workload_id=item.workload.id, workload_name=item.workload.name, position=n,
            base_version=item.latest.version, notes="", reason="Because.",
            outcome="override" if item.latest.override else None,
            override_service=item.latest.override.service if item.latest.override else None,
            signed_off_by="Ann Arbiter" if item.latest.override else None,
            signed_at=MOMENT if item.latest.override else None,
            result_version=item.latest.version if item.latest.override else None, archived=False,
            latest_version=item.latest.version,
        )
        for n, item in enumerate(full_set.workloads)
    )  # fmt: skip
    session = ReviewSession(
        id=1, title="Board", date=MOMENT.date(), status="open", created_by="Ann Arbiter", created_at=MOMENT,
        closed_at=None, closed_by=None, attendees=(), items=items,
    )  # fmt: skip
    assert bare_ids(minutes_markdown(session, records, kb), known_ids(kb)) == []


@pytest.mark.parametrize(
    ("answers", "version"),
    [
        (TO_VIRTUAL_MACHINES | {"gpu": "required", "state": "unknown"}, "compute-tree-2026"),
        (GPU_CONFLICT, "compute-tree-2026"),
        ({"specialty_workload": "none"}, "compute-tree-2026"),
        (APP_SERVICE_2025 | {"specialty_workload": "none"}, "compute-tree-2025"),
    ],
)
def test_the_command_lines_recommendation_text_names_ids_only_set_off(
    kb: KnowledgeBase, answers: dict[str, str], version: str
) -> None:
    result = recommend(kb, answers, version)
    assert bare_ids(recommendation_text(kb.version(version), result, kb), known_ids(kb)) == []


def test_the_scan_finds_a_bare_id() -> None:
    ids = {"virtual-machines", "vnet_integration"}
    assert bare_ids("requirement vnet\\_integration = required", ids) == ["vnet_integration"]
    assert bare_ids("override to virtual-machines.", ids) == ["virtual-machines"]
    assert bare_ids("see https://learn.microsoft.com/azure/virtual-machines/ and [virtual-machines]", ids) == []
