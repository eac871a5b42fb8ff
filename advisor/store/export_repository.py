"""What exports read and imports write in the store: whole histories in bulk, the triage of linked VMs,
and an all-or-nothing import of workloads with their record versions.

An import is one transaction: every workload and every version of the file is written, or nothing is
(a workload archived here, a database fault, a lost race for a new name all roll it back whole). A
workload that exists here (same name, ignoring case) is never changed: the versions the ``plan`` gives
are appended after its latest one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, tuple_, update

from advisor.errors import InputError, Problem
from advisor.models.record import DecisionRecord, Workload
from advisor.store import queries
from advisor.store.base import StoreBase
from advisor.store.tables import estates, inventory_imports, inventory_vms, record_versions, workloads
from advisor.store.workload_rows import clean_context, clean_name, clean_owner, name_key, now, utc, vm_links_json
from advisor.store.workload_rows import workload_from_row as _workload

ID_CHUNK = 500  # workload ids per IN (...) query
KEY_CHUNK = 400  # (cloud_service, vm_name) pairs per query

# (workload as it is here, its versions here, the versions from the file) -> (versions to append, how many skipped)
Plan = Callable[[Workload, list[DecisionRecord], Sequence[DecisionRecord]], tuple[list[DecisionRecord], int]]


@dataclass(frozen=True)
class ImportedWorkload:
    """What an import did to one workload: created or not, the version numbers added, versions skipped."""

    name: str
    created: bool
    added: tuple[int, ...]
    skipped: int


class ExportStore(StoreBase):
    """Bulk reads for exports, and the all-or-nothing import of a JSON export."""

    def record_histories(self, workload_ids: Sequence[int]) -> dict[int, list[DecisionRecord]]:
        """Every version of each workload's record, oldest first (a workload without versions is absent)."""
        rv = record_versions.c
        histories: dict[int, list[DecisionRecord]] = {}
        ids = list(dict.fromkeys(workload_ids))
        with self._read() as conn:
            for start in range(0, len(ids), ID_CHUNK):
                query = (
                    select(rv.workload_id, rv.payload)
                    .where(rv.workload_id.in_(ids[start : start + ID_CHUNK]))
                    .order_by(rv.workload_id, rv.version)
                )
                for row in conn.execute(query):
                    histories.setdefault(row.workload_id, []).append(DecisionRecord.model_validate_json(row.payload))
        return histories

    def triaged_vms(self, keys: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
        """Every stored triage of these (cloud_service, vm_name) VMs, in every import: import id, estate,
        import time and the VM's triage columns, by import then position. Names match exactly, as stored.
        """
        vm, ii = inventory_vms.c, inventory_imports.c
        columns = (
            vm.import_id, vm.position, estates.c.name.label("estate"), ii.imported_at, vm.cloud_service,
            vm.vm_name, vm.vnet, vm.verdict, vm.rules, vm.unknown_fields, vm.arm_size,
        )  # fmt: skip
        joined = inventory_vms.join(inventory_imports, ii.id == vm.import_id)
        joined = joined.join(estates, estates.c.id == ii.estate_id)
        pairs = list(dict.fromkeys(keys))
        found: list[dict[str, Any]] = []
        with self._read() as conn:
            for start in range(0, len(pairs), KEY_CHUNK):
                chunk = pairs[start : start + KEY_CHUNK]
                query = select(*columns).select_from(joined).where(tuple_(vm.cloud_service, vm.vm_name).in_(chunk))
                for row in conn.execute(query.order_by(vm.import_id, vm.position)):
                    found.append(
                        {
                            **row._asdict(),
                            "imported_at": utc(row.imported_at),
                            "rules": tuple(json.loads(row.rules)),
                            "unknown_fields": tuple(json.loads(row.unknown_fields)),
                        }
                    )
        found.sort(key=lambda entry: (entry["import_id"], entry["position"]))
        return found

    def import_workloads(
        self, entries: Sequence[tuple[Workload, Sequence[DecisionRecord]]], plan: Plan
    ) -> list[ImportedWorkload]:
        """Create the workloads that are new here and append the versions ``plan`` gives, in one transaction."""

        def work(conn: Connection) -> list[ImportedWorkload]:
            return [_import_one(conn, workload, records, plan) for workload, records in entries]

        return self._write_retrying(work)


def _import_one(
    conn: Connection, workload: Workload, records: Sequence[DecisionRecord], plan: Plan
) -> ImportedWorkload:
    name = clean_name(workload.name)
    row = queries.workload_row_by_key(conn, name_key(name))
    created = row is None
    if row is None:
        moment = now()
        values = {
            "name": name, "name_key": name_key(name), "owner": clean_owner(workload.owner),
            "context": clean_context(workload.context), "vm_links": vm_links_json(workload.vm_links),
            "archived_at": moment if workload.archived else None, "created_at": moment, "updated_at": moment,
        }  # fmt: skip
        new_id = conn.execute(insert(workloads).values(**values).returning(workloads.c.id)).scalar_one()
        row = queries.workload_row(conn, new_id)
        existing: list[DecisionRecord] = []
    elif row.archived_at is not None:
        message = f"workload {row.name!r} is archived here: restore it, then import again; nothing was imported"
        raise InputError(Problem(message, ident="workload"))
    else:
        existing = [DecisionRecord.model_validate_json(payload) for payload in queries.payloads(conn, row.id)]
    added, skipped = plan(_workload(row), existing, records)
    if added:
        conn.execute(insert(record_versions), [queries.version_values(record) for record in added])
        if not created:
            conn.execute(update(workloads).where(workloads.c.id == row.id).values(updated_at=now()))
    return ImportedWorkload(row.name, created, tuple(record.version for record in added), skipped)
