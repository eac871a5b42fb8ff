"""Fixed export sets for the export tests, built the way the app builds records (``build_record`` at fixed times).

:func:`golden_set` is the set the golden files in ``tests/data/export/`` were written from: three
workloads with fixed ids, decision-record numbers (1 to 3, in the order they were made) and times, a
plain one with three versions (incomplete, a GPU conflict, then accepted with an override that supersedes
version 2), one linked to two triaged classic VMs, and one whose
every text is hostile (formula payloads, HTML, Markdown structure). :func:`payload_set` puts each spreadsheet
injection payload in a workload name, an owner, a note and an author.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from advisor import KnowledgeBase
from advisor.costs.estimate import Estimator
from advisor.costs.sizing import VmFacts
from advisor.costs.view import CostView
from advisor.decide.record_builder import build_record
from advisor.export import ExportSet, Glossary, LinkedTriage, TriagedVm, WorkloadExport
from advisor.models.record import DecisionRecord, GivenAnswer, Override, VmLink, Workload
from tests.costs.sheet import book

UTC = datetime.UTC
PAYLOADS = ("=1+1", '=HYPERLINK("http://x","y")', "@SUM(A1)", "+cmd|'/C calc'!A0", "-legacy")
# Leading tab and carriage return are formula starts too (OWASP); _x0041_ is how OOXML escapes "A" (and
# LibreOffice reads _x12_ as a control character); #N/A is an error value unless typed as text.
MORE_PAYLOADS = ("\t=1+1", "\r=1+1", "_x0041_", "_x12_", "#N/A")
# A formula after a separator or line break: a spreadsheet set to ";" (or tab) starts a cell there (issue 16).
SEPARATOR_PAYLOADS = (
    "Payroll;=cmd|' /C calc'!A0", "Eve;@SUM(1)", "Notes\n=1+1", "a,=2+3", "tab\t+4+5", "a; -6+7",
    "x\r\n@SUM(1,2)", 'x";=8+9;"', 'a","=10+11',
)  # fmt: skip

GPU_CONFLICT = {  # tests/scenarios/functions-gpu-conflict-2026.yaml
    "specialty_workload": "none", "migrate_or_build": "build_new", "full_control": "no", "hpc": "no",
    "event_driven": "yes", "gpu": "required", "operational_overhead": "low", "windows_dependencies": "no",
    "peak_instances": "up_to_30", "kubernetes_skills": "none", "os_admin_skills": "none",
    "deployment_slots": "not_required", "state": "stateless", "long_running": "no", "multi_region": "not_required",
}  # fmt: skip
TO_VIRTUAL_MACHINES = {  # tests/store/builders.py COMPLETE_ANSWERS
    "specialty_workload": "none", "migrate_or_build": "migrate", "migration_approach": "lift_and_shift",
    "containerizable": "no", "cots": "yes", "vmware": "no",
}  # fmt: skip
APP_SERVICE_2025 = {  # tests/scenarios/app-service-conditions-2025.yaml
    "migrate_or_build": "migrate", "migration_approach": "lift_and_shift", "containerizable": "no", "cots": "no",
    "peak_instances": "up_to_100", "vnet_integration": "required", "hybrid_connectivity": "required",
    "multi_region": "required", "long_running": "yes", "state": "stateful",
}  # fmt: skip


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def workload(workload_id: int, name: str, **fields: object) -> Workload:
    return Workload(id=workload_id, name=name, created_at=at(1, 8), updated_at=at(5, 17), **fields)


def record(
    kb: KnowledgeBase,
    owner: Workload,
    version: int,
    answers: Mapping[str, str],
    when: datetime.datetime,
    *,
    notes: Mapping[str, str] | None = None,
    sources: Mapping[str, str] | None = None,
    knowledge_version: str = "compute-tree-2026",
    author: str = "Ann Lee",
    **extra: object,
) -> DecisionRecord:
    given = {
        q: GivenAnswer(answer=a, note=(notes or {}).get(q, ""), source=(sources or {}).get(q, "user"))
        for q, a in answers.items()
    }
    return build_record(
        kb, workload=owner, answers=given, knowledge_version=knowledge_version, author=author, version=version,
        now=when, **extra,
    )  # fmt: skip


AS_OF = datetime.date(2026, 3, 6)  # the exports' lifecycle judgement: the day after the last golden version


def glossary(kb: KnowledgeBase) -> Glossary:
    """The glossary of the test exports, its lifecycle judged at AS_OF so the revisit-by dates never move."""
    return Glossary.from_kb(kb, kb.lifecycle.judgement(as_of=AS_OF))


# The ledger's two VMs as the inventory gives them (tests/costs/sheet.py prices them): Standard_D2_v2 is 2 vCPU
# and 7 GiB, Standard_D11_v2 2 vCPU and 14 GiB (knowledge/sizes.yaml), both Linux, no utilization columns.
LEDGER_VMS = (VmFacts("ledger-vm1", "Standard_D2_v2", False), VmFacts("ledger-vm2", "Standard_D11_v2", False))


def golden_set(kb: KnowledgeBase) -> ExportSet:
    """The golden records; the ledger's estimates computed from the test sheet, the payroll's frozen into its
    accepted version 3 (it links no VM: every sized candidate says so), the hostile one without estimates."""
    estimator = Estimator(kb)
    prices = book(estimator.rules)
    payroll = workload(
        11, "Payroll API", number=1, owner="Ann Lee", context="Pays 4,000 staff each month.\nRuns on two VMs."
    )
    early = {q: GPU_CONFLICT[q] for q in ("specialty_workload", "migrate_or_build")}
    notes = {"gpu": "The fraud model scores on GPUs.", "event_driven": "Triggered by the HR system's events."}
    override = Override(service="container-apps", reason="Serverless GPUs on Container Apps, as the conflict advises.")
    payroll_records = (
        record(kb, payroll, 1, early, at(1, 9), change="first answers"),
        record(kb, payroll, 2, GPU_CONFLICT, at(2, 14, 30), notes=notes, author="Ben Okafor", change="all answers"),
        record(
            kb, payroll, 3, GPU_CONFLICT, at(3, 11, 15), notes=notes, author="Chloé Martin", status="accepted",
            override=override, change="accepted in review, with an override", supersedes_version=2, session_id=4,
        ).model_copy(update={"signature": "Chloé Martin, unverified (local mode)"}),
    )  # fmt: skip
    accepted = payroll_records[2]
    accepted = accepted.model_copy(update={"costs": estimator.estimate(accepted, (), prices)})
    payroll_records = (*payroll_records[:2], accepted)
    links = tuple(VmLink(cloud_service="ledger-cs", vm_name=name) for name in ("ledger-vm1", "ledger-vm2"))
    ledger = workload(12, "Nightly ledger batch", number=2, vm_links=links)
    # The inventory's suggestion for migrate_or_build was confirmed (a person saved it: source user); the one for
    # windows_dependencies (the VMs run Linux) is not yet, so it is kept but not counted; a profile gave one answer.
    sources = {"containerizable": "profile", "windows_dependencies": "inventory"}
    ledger_answers = TO_VIRTUAL_MACHINES | {"windows_dependencies": "no"}
    notes = {"windows_dependencies": "From inventory: The classic VM runs Linux."}
    ledger_records = (
        record(kb, ledger, 1, ledger_answers, at(4, 10), sources=sources, notes=notes, author="Dev Patel"),
    )
    ledger_costs = CostView(estimator.estimate(ledger_records[0], LEDGER_VMS, prices))
    triage = LinkedTriage(
        import_id=7,
        estate="Contoso classic",
        imported_at=datetime.datetime(2026, 2, 27, 16, 5, tzinfo=UTC),
        vms=(
            TriagedVm("ledger-cs", "ledger-vm1", "ledger-vnet", "not_supported", ("C3", "F3"), (), "Standard_D2_v2"),
            TriagedVm("ledger-cs", "ledger-vm2", "ledger-vnet", "unknown", (), ("agent_status",), None),
        ),
    )
    hostile = workload(
        13, '=HYPERLINK("http://x","y")', number=3, owner="-legacy",
        context="<script>alert('x')</script>\n# Not a heading\n---\n| a | b |\n\n    not code\n[link](javascript:x)",
    )  # fmt: skip
    hostile_notes = {"migrate_or_build": "+cmd|'/C calc'!A0", "state": "=1+1\n\n## injected heading\n<b>bold</b>"}
    hostile_records = (
        record(
            kb, hostile, 1, APP_SERVICE_2025, at(5, 16, 45), notes=hostile_notes, knowledge_version="compute-tree-2025",
            author="@SUM(A1)", change="-legacy import | *stars* _under_ `code`",
        ),
    )  # fmt: skip
    items = [
        WorkloadExport(ledger, ledger_records, triage, ledger_costs),
        WorkloadExport(payroll, payroll_records, costs=CostView(accepted.costs, frozen=True)),
        WorkloadExport(hostile, hostile_records),
    ]
    items.sort(key=lambda item: item.workload.name.casefold())
    return ExportSet(tuple(items), glossary(kb))


def separator_payload_set(kb: KnowledgeBase) -> ExportSet:
    """One workload per separator payload: its name, owner, author and override reason."""
    items = []
    for number, payload in enumerate(SEPARATOR_PAYLOADS, start=1):
        owner = workload(200 + number, payload, owner=payload)
        override = Override(service="app-service", reason=payload)
        made = record(kb, owner, 1, TO_VIRTUAL_MACHINES, at(7, 9, number), author=payload, override=override)
        items.append(WorkloadExport(owner, (made,)))
    return ExportSet(tuple(items), glossary(kb))


def payload_set(kb: KnowledgeBase) -> ExportSet:
    """One workload per payload: the payload is its name, owner, author and the note on its first answer."""
    items = []
    for number, payload in enumerate((*PAYLOADS, *MORE_PAYLOADS), start=1):
        owner = workload(100 + number, payload, owner=payload, context=payload)
        answers = dict(TO_VIRTUAL_MACHINES)
        made = record(kb, owner, 1, answers, at(6, 9, number), notes={"specialty_workload": payload}, author=payload)
        items.append(WorkloadExport(owner, (made,)))
    return ExportSet(tuple(items), glossary(kb))
