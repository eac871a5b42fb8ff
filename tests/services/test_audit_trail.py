"""The audit trail: one line per write in the write's own transaction (a write that fails leaves none), one
per refusal, nothing the store can change; imports say who imported; CSV and JSON exports written by hand."""

from __future__ import annotations

import datetime
import json

import pytest

from advisor import services
from advisor.errors import NameTakenError
from advisor.export import to_json
from advisor.models.actor import Actor
from advisor.services import ServiceContext
from advisor.store.audit_repository import AuditRepository
from tests.export.records import golden_set
from tests.services.builders import ANN, at_minute


def test_a_write_that_fails_leaves_no_audit_line(ctx: ServiceContext) -> None:
    services.create_workload(ctx, ANN, "Payroll")
    with pytest.raises(NameTakenError):
        services.create_workload(ctx, ANN, "payroll")

    assert [(e.action, e.target) for e in services.audit_events(ctx, ANN)] == [("create workload", "Payroll")]


def test_the_store_can_only_append_and_read_the_audit() -> None:
    public = {name for name in vars(AuditRepository) if not name.startswith("_")}
    assert public == {"insert_audit_row", "read"}


def test_an_import_keeps_its_authors_and_the_audit_says_who_imported(ctx: ServiceContext) -> None:
    golden = golden_set(ctx.kb)
    importer = Actor.local("Ida Importer")

    services.import_records(ctx, importer, to_json(golden), "golden.json")

    lines = services.audit_events(ctx, ANN, services.AuditFilter(text="import records"))
    assert {(e.actor_name, e.source, e.outcome) for e in lines} == {("Ida Importer", "import", "done")}
    for item in golden.workloads:  # each workload's line names the file, the versions and their own authors
        authors = ", ".join(sorted({r.author for r in item.records}))
        versions = ", ".join(str(r.version) for r in item.records)
        [line] = [e for e in lines if e.target == item.workload.name]
        assert line.detail == f"from golden.json: versions {versions} by {authors}"
        found = services.find_workload(ctx, item.workload.name)
        assert found is not None
        assert [r.author for r in services.record_history(ctx, found.id)] == [r.author for r in item.records]


def test_the_audit_exports_as_csv_and_json(ctx: ServiceContext) -> None:
    services.create_workload(at_minute(ctx, 7), ANN, "=cmd|' /C calc'!A0")
    events = services.audit_events(ctx, ANN)

    assert services.audit_csv(events).splitlines() == [
        "when,who,email,os_user,from,action,target,outcome,detail",
        "2026-03-01T09:07:00+00:00,Ann,,,app,create workload,'=cmd|' /C calc'!A0,done,",
    ]
    assert json.loads(services.audit_json(events)) == [
        {"when": "2026-03-01T09:07:00+00:00", "who": "Ann", "email": "", "os_user": "", "from": "app",
         "action": "create workload", "target": "=cmd|' /C calc'!A0", "outcome": "done", "detail": ""},
    ]  # fmt: skip


def test_the_audit_filters_by_text_outcome_and_time(ctx: ServiceContext) -> None:
    services.create_workload(at_minute(ctx, 1), ANN, "Payroll")
    services.create_workload(at_minute(ctx, 2), Actor.local("Bea"), "Billing")
    since = datetime.datetime(2026, 3, 1, 9, 2, tzinfo=datetime.UTC)

    assert [e.target for e in services.audit_events(ctx, ANN, services.AuditFilter(since=since))] == ["Billing"]
    assert [e.target for e in services.audit_events(ctx, ANN, services.AuditFilter(text="PAY"))] == ["Payroll"]
    assert services.audit_events(ctx, ANN, services.AuditFilter(outcome="refused")) == []
