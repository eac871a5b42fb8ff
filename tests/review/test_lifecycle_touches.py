"""A new lifecycle revision lists the records it touches, as a new knowledge version does, and superseding one
brings it under the current revision.

Expected values are read by hand from knowledge/lifecycle.yaml (revision lifecycle-2026-12-01): two entries
touch AKS (Windows Server 2019 support ended 2026-03-01, kubenet retires 2028-03-31); none touches Azure App
Service or Azure Container Apps.
"""

from __future__ import annotations

import datetime

from advisor import KnowledgeBase
from advisor.lifecycle.judgement import Judgement
from advisor.models.record import DecisionRecord, Override
from advisor.review.reevaluation import LifecycleTouch, lifecycle_touches, plan_supersede
from tests.export.records import APP_SERVICE_2025, GPU_CONFLICT, record, workload
from tests.lifecycle.test_revisit import TO_AKS_2026

REVISION = "lifecycle-2026-12-01"
TODAY = Judgement(datetime.date(2026, 12, 6), 24)
SAVED = datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)


def _saved_under(made: DecisionRecord, revision: str | None, revisit: datetime.date | None) -> DecisionRecord:
    return made.model_copy(update={"lifecycle_revision": revision, "revisit_by": revisit})


def test_records_saved_under_another_revision_whose_service_it_dates_are_listed(kb: KnowledgeBase) -> None:
    orders, shop, web, batch = (workload(n, name) for n, name in enumerate(("Orders", "Shop", "Web", "Batch"), 1))
    aks_before = _saved_under(record(kb, orders, 1, TO_AKS_2026, SAVED), None, None)
    aks_now = record(kb, shop, 1, TO_AKS_2026, SAVED)
    web_before = _saved_under(
        record(kb, web, 1, APP_SERVICE_2025, SAVED, knowledge_version="compute-tree-2025"), "lifecycle-2025-06-01", None
    )
    to_container_apps = Override(service="container-apps", reason="Serverless GPUs.")
    gpu = record(kb, batch, 1, GPU_CONFLICT, SAVED, status="accepted", override=to_container_apps)
    gpu_before = _saved_under(gpu, "lifecycle-2025-06-01", datetime.date(2027, 1, 1))

    touched = lifecycle_touches(kb, [aks_before, aks_now, web_before, gpu_before], TODAY)

    assert touched == [
        LifecycleTouch(1, "Orders", 1, "aks", "Azure Kubernetes Service (AKS)", None, None,
                       datetime.date(2028, 3, 31), 2),
        LifecycleTouch(4, "Batch", 1, "container-apps", "Azure Container Apps", "lifecycle-2025-06-01",
                       datetime.date(2027, 1, 1), None, 0),
    ]  # fmt: skip
    assert [t.revisit_changed for t in touched] == [True, True]


def test_superseding_brings_a_record_under_the_current_revision_and_skips_one_already_there(
    kb: KnowledgeBase,
) -> None:
    orders, shop = workload(1, "Orders"), workload(2, "Shop")
    before = _saved_under(record(kb, orders, 1, TO_AKS_2026, SAVED), None, None)
    current = record(kb, shop, 1, TO_AKS_2026, SAVED)
    now = datetime.datetime(2026, 12, 6, 10, tzinfo=datetime.UTC)

    created, skipped = plan_supersede(kb, [(orders, before), (shop, current)], "compute-tree-2026", "Ann", now)

    [new] = created
    assert (new.version, new.supersedes_version, new.lifecycle_revision) == (2, 1, REVISION)
    assert new.revisit_by == datetime.date(2028, 3, 31)
    assert new.change == (
        f"re-evaluated under lifecycle revision {REVISION}; supersedes version 1 (lifecycle revision none kept)"
    )
    assert [(s.workload_name, s.reason) for s in skipped] == [
        ("Shop", f"version 1 is already under compute-tree-2026 and lifecycle revision {REVISION}")
    ]
