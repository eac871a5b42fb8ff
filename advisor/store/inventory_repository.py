"""Classic-VM estates and their inventory imports in the database.

An estate is a named set of VMs (a customer, a department); each import of it is kept whole and never
changed, so two imports can be compared. The import service writes the estate, the import row and every
VM row (in bulk) in one transaction, so a failure leaves nothing behind.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Row, func, insert, select, tuple_
from sqlalchemy.sql import Select

from advisor.inventory.frames import Inventory
from advisor.models.names import name_key
from advisor.store.inventory_diff import diff_rows
from advisor.store.inventory_rows import (
    VM_COLUMNS,
    EstateSummary,
    ImportDiff,
    ImportSummary,
    canonical_frame,
    import_summary,
    vm_rows,
    vms_frame,
    vnet_frame,
)
from advisor.store.tables import estates, inventory_imports, inventory_vms
from advisor.store.workload_rows import utc
from advisor.triage.verdicts import VERDICTS, TriageResult

INSERT_CHUNK = 5000  # VM rows per executemany
KEY_CHUNK = 400  # (cloud_service, vm_name) keys per query


class InventoryRepository:
    """Estates, their imports and the imports' VMs, read and written on one connection."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def estate_id(self, name: str) -> int | None:
        """The id of the estate with this name (compared case-insensitively), or None."""
        return self._conn.execute(select(estates.c.id).where(estates.c.name_key == name_key(name))).scalar()

    def insert_estate_row(self, name: str, moment: datetime.datetime) -> int:
        values = {"name": name, "name_key": name_key(name), "created_at": moment}
        return int(self._conn.execute(insert(estates).values(**values).returning(estates.c.id)).scalar_one())

    def insert_import_row(self, estate_id: int, values: dict[str, Any], author: str, moment: datetime.datetime) -> int:
        """The import's row (:func:`~advisor.store.inventory_rows.import_values`); its id."""
        query = insert(inventory_imports).values(estate_id=estate_id, imported_at=moment, author=author, **values)
        return int(self._conn.execute(query.returning(inventory_imports.c.id)).scalar_one())

    def insert_vm_rows(self, import_id: int, inventory: Inventory, result: TriageResult) -> None:
        """One row per VM of the import, inserted in bulk."""
        for rows in vm_rows(import_id, inventory.vms, result.vms, INSERT_CHUNK):
            self._conn.execute(insert(inventory_vms), rows)

    def estates(self) -> list[EstateSummary]:
        """Every estate by name, with its latest import's VM and verdict counts."""
        return [_estate_summary(row) for row in self._conn.execute(_estates_query().order_by(estates.c.name_key))]

    def estate(self, estate_id: int) -> EstateSummary | None:
        row = self._conn.execute(_estates_query().where(estates.c.id == estate_id)).first()
        return _estate_summary(row) if row is not None else None

    def estate_by_name(self, name: str) -> EstateSummary | None:
        """The estate with this name, compared case-insensitively."""
        row = self._conn.execute(_estates_query().where(estates.c.name_key == name_key(name))).first()
        return _estate_summary(row) if row is not None else None

    def imports(self, estate_id: int) -> list[ImportSummary]:
        """The estate's imports, newest first."""
        query = _imports_query().where(inventory_imports.c.estate_id == estate_id)
        return [import_summary(row) for row in self._conn.execute(query.order_by(inventory_imports.c.id.desc()))]

    def get_import(self, import_id: int) -> ImportSummary | None:
        row = self._conn.execute(_imports_query().where(inventory_imports.c.id == import_id)).first()
        return import_summary(row) if row is not None else None

    def newest_import_ids(self, estate_id: int, count: int) -> list[int]:
        """The ids of the estate's ``count`` newest imports, newest first."""
        ii = inventory_imports.c
        query = select(ii.id).where(ii.estate_id == estate_id).order_by(ii.id.desc()).limit(count)
        return list(self._conn.execute(query).scalars())

    def previous_import_id(self, estate_id: int, import_id: int) -> int | None:
        """The id of the estate's import made just before ``import_id``, or None for its first."""
        ii = inventory_imports.c
        query = select(func.max(ii.id)).where(ii.estate_id == estate_id, ii.id < import_id)
        found: int | None = self._conn.execute(query).scalar_one()
        return found

    def vms(self, import_id: int, verdicts: Sequence[str] | None = None) -> pd.DataFrame:
        """The import's VMs in import order, as TriageResult.vms has them; only these verdicts if given."""
        vm = inventory_vms.c
        query = select(*(vm[name] for name in VM_COLUMNS)).where(vm.import_id == import_id)
        if verdicts is not None:
            query = query.where(vm.verdict.in_(list(verdicts)))
        return vms_frame(self._conn.execute(query.order_by(vm.position)).all())

    def canonical(
        self, import_id: int, extra_columns: Sequence[str], keys: Sequence[tuple[str, str]] | None = None
    ) -> pd.DataFrame:
        """The canonical frame of the import (advisor.inventory.frames's representation), in import order.

        ``keys`` limits it to these (cloud_service, vm_name) pairs, matched exactly as stored.
        """
        vm = inventory_vms.c
        if keys is None:
            query = select(vm.canonical).where(vm.import_id == import_id).order_by(vm.position)
            texts = list(self._conn.execute(query).scalars())
        else:
            found: list[tuple[int, str]] = []
            pairs = list(dict.fromkeys((str(service), str(name)) for service, name in keys))
            for start in range(0, len(pairs), KEY_CHUNK):
                chunk = pairs[start : start + KEY_CHUNK]
                query = select(vm.position, vm.canonical).where(
                    vm.import_id == import_id, tuple_(vm.cloud_service, vm.vm_name).in_(chunk)
                )
                found.extend((row.position, row.canonical) for row in self._conn.execute(query))
            texts = [text for _, text in sorted(found)]
        return canonical_frame(texts, extra_columns)

    def vnet_facts(self, import_id: int) -> pd.DataFrame | None:
        """The VNet facts frame stored with the import (VnetFacts.frame), or None when it had none."""
        query = select(inventory_imports.c.vnet_facts).where(inventory_imports.c.id == import_id)
        stored = self._conn.execute(query).scalar_one_or_none()
        return None if stored is None else vnet_frame(json.loads(stored))

    def diff(self, old_import_id: int, new_import_id: int) -> ImportDiff:
        """VMs only in the new import (added), only in the old one (removed), and whose verdict changed."""
        vm = inventory_vms.c
        columns = (vm.subscription_id, vm.cloud_service, vm.vm_name, vm.verdict, vm.rules)
        rows = []
        for import_id in (old_import_id, new_import_id):
            query = select(*columns).where(vm.import_id == import_id).order_by(vm.position)
            rows.append(self._conn.execute(query).all())
        return diff_rows(old_import_id, new_import_id, rows[0], rows[1])

    def linked_vm_facts(self, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
        """For each (cloud_service, vm_name) key, the canonical fields and extra columns of the VM in the newest
        import holding it (null = unknown); absent keys are in no import. Names match exactly, as stored."""
        vm = inventory_vms.c
        found: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
        pairs = list(dict.fromkeys(keys))
        for start in range(0, len(pairs), KEY_CHUNK):
            chunk = pairs[start : start + KEY_CHUNK]
            query = select(vm.import_id, vm.cloud_service, vm.vm_name, vm.canonical).where(
                tuple_(vm.cloud_service, vm.vm_name).in_(chunk)
            )
            for row in self._conn.execute(query):
                key = (row.cloud_service, row.vm_name)
                if key not in found or row.import_id > found[key][0]:
                    found[key] = (row.import_id, json.loads(row.canonical))
        return {key: facts for key, (_, facts) in found.items()}

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
        for start in range(0, len(pairs), KEY_CHUNK):
            chunk = pairs[start : start + KEY_CHUNK]
            query = select(*columns).select_from(joined).where(tuple_(vm.cloud_service, vm.vm_name).in_(chunk))
            for row in self._conn.execute(query.order_by(vm.import_id, vm.position)):
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


def _estates_query() -> Select:
    """Estates with their import count and latest import's time and counts."""
    ii = inventory_imports.c
    latest = (
        select(ii.estate_id, func.max(ii.id).label("latest_id"), func.count().label("import_count"))
        .group_by(ii.estate_id)
        .subquery("latest")
    )
    joined = estates.outerjoin(latest, latest.c.estate_id == estates.c.id).outerjoin(
        inventory_imports, ii.id == latest.c.latest_id
    )
    columns = (latest.c.latest_id, latest.c.import_count, ii.imported_at, ii.vm_count, ii.verdict_counts)
    return select(estates, *columns).select_from(joined)


def _imports_query() -> Select:
    return select(inventory_imports, estates.c.name.label("estate_name")).join(
        estates, estates.c.id == inventory_imports.c.estate_id
    )


def _estate_summary(row: Row) -> EstateSummary:
    counts = json.loads(row.verdict_counts) if row.verdict_counts is not None else dict.fromkeys(VERDICTS, 0)
    return EstateSummary(
        id=row.id,
        name=row.name,
        created_at=utc(row.created_at),
        import_count=row.import_count or 0,
        latest_import_id=row.latest_id,
        imported_at=utc(row.imported_at) if row.imported_at is not None else None,
        vm_count=row.vm_count or 0,
        verdict_counts=counts,
    )
