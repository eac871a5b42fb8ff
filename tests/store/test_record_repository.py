"""The record repository persists a version exactly: every field, notes with markup, a session link, the time
to the microsecond. (The rules of saving are the services'; this is the storage underneath them.)"""

from __future__ import annotations

import datetime

from advisor import KnowledgeBase
from advisor.decide.record_builder import build_record
from advisor.models.record import GivenAnswer, Override
from advisor.services import ServiceContext
from advisor.store import Database
from tests.services.builders import new_workload


def test_record_round_trips_through_the_store_unchanged(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    payroll = new_workload(ctx, "Payroll")
    record = build_record(
        kb,
        workload=payroll,
        answers={
            "specialty_workload": GivenAnswer(answer="none", note="no HPC, no SAP <b>at all</b>"),
            "migrate_or_build": GivenAnswer(answer="migrate"),
            "migration_approach": GivenAnswer(answer="lift_and_shift", note="deadline: **June**"),
            "containerizable": GivenAnswer(answer="no"),
            "cots": GivenAnswer(answer="yes"),
            "vmware": GivenAnswer(answer="no"),
            "gpu": GivenAnswer(answer="not_required", note="a requirement question"),
        },
        knowledge_version="compute-tree-2026",
        author="Ann Lee",
        version=1,
        status="accepted",
        override=Override(service="app-service", reason="the vendor supports it on App Service"),
        change="first decision",
        session_id=7,
        now=datetime.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=datetime.UTC),
    )
    database: Database = ctx.database

    with database.transaction() as unit:
        unit.records.insert_version_rows([record])

    with database.read() as unit:
        assert unit.records.latest(payroll.id) == record
        assert unit.records.version(payroll.id, 1) == record
        assert unit.records.history(payroll.id) == [record]
        assert unit.records.latest(payroll.id).model_dump_json() == record.model_dump_json()  # type: ignore[union-attr]
        head = unit.records.head(payroll.id)
    assert head is not None
    assert (head.version, head.author, head.created_at, head.session_title) == (1, "Ann Lee", record.created_at, None)
