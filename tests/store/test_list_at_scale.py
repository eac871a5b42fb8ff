"""Listing at the scale of a large migration: 10,000 workloads with 50,000 versions, each at its latest version.

How fast it is belongs to the benchmarks (``python -m bench store``), never to a timed assertion here."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.dialects import sqlite

from advisor import KnowledgeBase, services
from advisor.services import ServiceContext
from advisor.store import Database
from advisor.store.queries import latest_join
from advisor.store.tables import BOARD_INDEX, record_versions, workloads
from tests.services.builders import make_record, new_workload


def test_listing_10000_workloads_with_50000_versions_shows_each_at_its_latest_version(
    store_url: str, ctx: ServiceContext, kb: KnowledgeBase
) -> None:
    ctx.database.check()
    sample = make_record(kb, new_workload(ctx, "Sample"), 1)
    moment = sample.created_at
    payload = sample.model_dump_json()  # listing never reads payloads; a real one keeps rows their real size
    workload_rows = [
        {
            "name": f"Workload {n:05}",
            "name_key": f"workload {n:05}",
            "owner": f"owner {n % 50}",
            "context": "",
            "vm_links": "[]",
            "created_at": moment,
            "updated_at": moment,
        }
        for n in range(10_000)
    ]
    engine = create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(insert(workloads), workload_rows)
        ids = list(conn.execute(select(workloads.c.id).where(workloads.c.name != "Sample")).scalars())
        version_rows = [
            {
                "workload_id": workload_id,
                "version": version,
                "status": "accepted" if version == 5 else "proposed",
                "walk_status": "complete",
                "service": "virtual-machines",
                "knowledge_version": "compute-tree-2026",
                "author": "Ann",
                "created_at": moment,
                "payload": payload,
            }
            for workload_id in ids
            for version in range(1, 6)
        ]
        conn.execute(insert(record_versions), version_rows)
    engine.dispose()

    listed = services.list_workloads(ctx)

    assert len(listed) == 10_001
    assert {(s.version, s.status) for s in listed if s.workload.name != "Sample"} == {(5, "accepted")}


def test_the_workload_list_reads_its_columns_from_the_covering_index_not_the_payload(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'plan.db'}"
    with Database(url) as database:
        database.check()
    rv, w = record_versions.c, workloads.c
    query = latest_join(False, w.id, w.name, rv.version, rv.status, rv.walk_status, rv.service, rv.author)
    sql = str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    engine = create_engine(url)
    with engine.connect() as conn:
        plan = [row[3] for row in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}"))]
    engine.dispose()

    assert [step for step in plan if "record_versions" in step] == [
        f"SEARCH record_versions USING COVERING INDEX {BOARD_INDEX} (workload_id=?) LEFT-JOIN"
    ]
