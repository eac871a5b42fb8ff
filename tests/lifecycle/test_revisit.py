"""Each record's revisit-by date: the first lifecycle date ahead touching its chosen service, stored with every
version and kept once a review board decides.

Expected dates are read by hand from knowledge/lifecycle.yaml (shared/reference/lifecycle.md): AKS kubenet
retires 2028-03-31 (AKS on Windows Server 2019 ended 2026-03-01); the Functions in-process model's support ends
2026-11-10 and the Linux Consumption plan retires 2028-09-30; no entry touches Azure Container Apps.
"""

from __future__ import annotations

import datetime

from advisor import KnowledgeBase
from advisor.lifecycle.revisit import revisit_by
from advisor.models.record import Override
from tests.export.records import GPU_CONFLICT, record, workload

UTC = datetime.UTC
REVISION = "lifecycle-2026-12-01"
TO_AKS_2026 = {
    "specialty_workload": "none", "migrate_or_build": "build_new", "full_control": "no", "hpc": "no",
    "event_driven": "no", "managed_web_hosting": "no", "full_orchestration": "yes", "managed_orchestration": "yes",
    "openshift": "no", "full_kubernetes": "yes",
}  # fmt: skip


def _on(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 9, tzinfo=UTC)


def test_every_version_stores_the_first_date_ahead_when_it_was_saved(kb: KnowledgeBase) -> None:
    owner = workload(1, "Orders")

    aks = record(kb, owner, 1, TO_AKS_2026, _on(datetime.date(2026, 3, 2)))
    functions_early = record(kb, owner, 2, GPU_CONFLICT, _on(datetime.date(2026, 3, 2)))
    functions_late = record(kb, owner, 3, GPU_CONFLICT, _on(datetime.date(2026, 12, 6)))

    assert (aks.service, aks.revisit_by, aks.lifecycle_revision) == ("aks", datetime.date(2028, 3, 31), REVISION)
    assert (functions_early.service, functions_early.revisit_by) == ("functions", datetime.date(2026, 11, 10))
    assert functions_late.revisit_by == datetime.date(2028, 9, 30), "the in-process date is past by then"


def test_the_chosen_service_of_an_override_decides_the_date(kb: KnowledgeBase) -> None:
    override = Override(service="container-apps", reason="Serverless GPUs.")

    made = record(kb, workload(1, "Orders"), 1, GPU_CONFLICT, _on(datetime.date(2026, 3, 2)), override=override)

    assert (made.service, made.revisit_by, made.lifecycle_revision) == ("functions", None, REVISION)


def test_an_undecided_record_is_judged_now_and_a_decided_one_keeps_its_date(kb: KnowledgeBase) -> None:
    owner = workload(1, "Orders")
    saved = _on(datetime.date(2026, 3, 2))
    proposed = record(kb, owner, 1, GPU_CONFLICT, saved)
    accepted = record(kb, owner, 2, GPU_CONFLICT, saved, status="accepted")
    view = kb.lifecycle.view(kb.lifecycle.judgement(as_of=datetime.date(2026, 12, 6)))

    live = revisit_by(proposed, view)
    kept = revisit_by(accepted, view)

    assert (live.date, live.frozen, live.revision) == (datetime.date(2028, 9, 30), False, REVISION)
    assert (kept.date, kept.frozen, kept.revision) == (datetime.date(2026, 11, 10), True, REVISION)
    assert kept.describe().startswith("2026-11-10 — Azure Functions: ")
    assert kept.describe().endswith(f"(kept from the sign-off, lifecycle revision {REVISION})")


def test_a_decided_version_saved_before_records_kept_a_date_is_judged_now(kb: KnowledgeBase) -> None:
    older = record(kb, workload(1, "Orders"), 1, GPU_CONFLICT, _on(datetime.date(2026, 3, 2)), status="accepted")
    older = older.model_copy(update={"revisit_by": None, "lifecycle_revision": None})
    view = kb.lifecycle.view(kb.lifecycle.judgement(as_of=datetime.date(2026, 12, 6)))

    found = revisit_by(older, view)

    assert (found.date, found.frozen) == (datetime.date(2028, 9, 30), False)
