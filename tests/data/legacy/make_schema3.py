"""Make the schema-3 test databases with the code of commit ab543d2 (the last one before migrations).

Not a test: it ran once, with ab543d2 checked out, to make the files the migration tests upgrade:

    git worktree add /tmp/schema3 ab543d2
    cd /tmp/schema3
    PYTHONPATH=. .venv/bin/python /path/to/tests/data/legacy/make_schema3.py \\
        --sqlite tests/data/legacy/schema3.sqlite3 \\
        --postgres 'postgresql+psycopg://advisor:advisor@127.0.0.1:5432/advisor_test' --schema legacy_schema3
    PGPASSWORD=advisor pg_dump -h 127.0.0.1 -U advisor --schema=legacy_schema3 --inserts --no-owner \\
        --no-privileges advisor_test > tests/data/legacy/schema3-postgres.sql

It writes, through that commit's ``Store`` (so its ``create_schema`` made every table): workloads (one
archived, one with VM links, names with markup and accents), several record versions (an override, an
accepted and a rejected one), two imports of one estate (so there is a difference between them), workloads
started from the VMs the tool cannot move, two answer profiles, and review sessions: one closed with a
decided item and notes, one open with an undecided item.
"""

from __future__ import annotations

import argparse
import datetime
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from advisor.decide.record_builder import build_record
from advisor.knowledge.assembly import load_knowledge
from advisor.models.answer_profile import AnswerProfile
from advisor.models.record import GivenAnswer, Override, VmLink
from advisor.services.estates import import_estate, start_workloads
from advisor.store import Store

INVENTORY = Path(__file__).resolve().parent.parent / "inventory"
VM_ANSWERS = {
    "specialty_workload": "none",
    "migrate_or_build": "migrate",
    "migration_approach": "lift_and_shift",
    "containerizable": "no",
    "cots": "yes",
    "vmware": "no",
}


def fill(url: str) -> None:
    kb = load_knowledge()
    with Store(url) as store:
        store.check()
        payroll = store.create_workload(
            "Payroll <b>EU</b>", owner="Ann Lee", context="Runs **nightly**; Zürich team",
            vm_links=[VmLink(cloud_service="contoso-app", vm_name="app01")],
        )  # fmt: skip
        billing = store.create_workload("Billing", owner="Bob")
        intranet = store.create_workload("Intranet", owner="Cy", context="to be retired")
        saved = {}
        for workload, versions in ((payroll, 3), (billing, 2), (intranet, 1)):
            for number in range(1, versions + 1):
                answers = dict(list(VM_ANSWERS.items())[: 2 + 2 * number])
                notes = {"migration_approach": "deadline: June"} if number > 1 else {}
                override = None
                status = "proposed"
                if workload is payroll and number == 3:
                    answers |= {"gpu": "not_required"}
                    override = Override(service="app-service", reason="the vendor supports App Service")
                    status = "accepted"
                if workload is billing and number == 2:
                    status = "rejected"
                record = build_record(
                    kb, workload=workload,
                    answers={q: GivenAnswer(answer=a, note=notes.get(q, "")) for q, a in answers.items()},
                    knowledge_version="compute-tree-2026" if workload is not intranet else "compute-tree-2025",
                    author=("Ann Lee", "Bob", "Cy")[number % 3], version=number, status=status, override=override,
                    change=f"save {number}",
                )  # fmt: skip
                saved[workload.id] = store.append_record(record)
        store.archive_workload(intranet.id)

        with tempfile.TemporaryDirectory() as folder:
            first = Path(folder) / "first.csv"
            lines = (INVENTORY / "canonical.csv").read_text(encoding="utf-8").splitlines()
            first.write_text("\n".join(lines[:-2]) + "\n", encoding="utf-8")  # two VMs fewer the first time
            import_estate(store, kb, "Contoso production", [first], INVENTORY / "vnets.csv", "Ann Lee")
        outcome = import_estate(
            store, kb, "Contoso production", [INVENTORY / "canonical.csv"], INVENTORY / "vnets.csv", "Bob"
        )
        blocked = store.import_vms(outcome.summary.id, ["not_supported"])
        keys = list(zip(blocked["cloud_service"], blocked["vm_name"], strict=True))
        start_workloads(store, kb, outcome.summary.id, keys, "Bob")

        store.save_profile(
            "Lift and shift, Windows",
            AnswerProfile(description="no containers", answers={"migration_approach": "lift_and_shift", "cots": "yes"}),
            "Ann Lee",
        )
        legacy = AnswerProfile(knowledge_version="compute-tree-2025", answers={"gpu": "required"})
        store.save_profile("Ünïcode & <markup>", legacy, "Cy")

        closed = store.create_session(
            "Board March", datetime.date(2026, 3, 2),
            [("Ann Lee", "decision_maker"), ("Carl", "consulted"), ("Ida", "informed")], "Ann Lee",
        )  # fmt: skip
        store.set_agenda(closed.id, [payroll.id, billing.id])
        store.save_notes(closed.id, payroll.id, "Discussed <i>costs</i>\nand the vendor's support.")
        store.record_outcome(closed.id, payroll.id, "accept", "", None, "ann lee", kb)
        store.close_session(closed.id, "Ann Lee")
        opened = store.create_session("Board April", datetime.date(2026, 4, 6), [("Bob", "decision_maker")], "Bob")
        store.set_agenda(opened.id, [billing.id])
        store.save_notes(opened.id, billing.id, "to decide next time")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sqlite", type=Path)
    parser.add_argument("--postgres", help="a PostgreSQL URL; the data goes into --schema, made afresh")
    parser.add_argument("--schema", default="legacy_schema3")
    args = parser.parse_args()
    if args.sqlite:
        args.sqlite.unlink(missing_ok=True)
        fill(f"sqlite:///{args.sqlite.resolve()}")
        with create_engine(f"sqlite:///{args.sqlite.resolve()}").connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the one file
            conn.exec_driver_sql("PRAGMA journal_mode = DELETE")
    if args.postgres:
        admin = create_engine(args.postgres)
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{args.schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{args.schema}"'))
        admin.dispose()
        url = make_url(args.postgres).update_query_dict({"options": f"-csearch_path={args.schema}"})
        fill(url.render_as_string(hide_password=False))


if __name__ == "__main__":
    main()
