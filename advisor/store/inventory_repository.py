"""Classic-VM estates and their inventory imports in the store.

An estate is a named set of VMs (a customer, a department); each import of it is kept whole and never
changed, so two imports can be compared. A save is one transaction (the estate, the import row and
every VM row, inserted in bulk), so a failure leaves nothing behind.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Connection, Row, func, insert, select, tuple_
from sqlalchemy.sql import Select

from advisor.errors import InputError, Problem
from advisor.inventory.frames import Inventory, VnetFacts
from advisor.store.base import StoreBase
from advisor.store.inventory_diff import diff_rows
from advisor.store.inventory_rows import (
    VM_COLUMNS,
    EstateSummary,
    ImportDiff,
    ImportSummary,
    canonical_frame,
    check_verdicts,
    clean_author,
    clean_label,
    import_summary,
    import_values,
    vm_rows,
    vms_frame,
    vnet_frame,
)
from advisor.store.tables import estates, inventory_imports, inventory_vms
from advisor.store.workload_rows import name_key, now, utc
from advisor.triage.verdicts import VERDICTS, TriageResult

INSERT_CHUNK = 5000  # VM rows per executemany
KEY_CHUNK = 400  # (cloud_service, vm_name) keys per query


class InventoryStore(StoreBase):
    """Estates, their imports and the imports' VMs."""

    def save_import(
        self, estate_name: str, inventory: Inventory, vnet_facts: VnetFacts | None, result: TriageResult, author: str
    ) -> ImportSummary:
        """Store ``inventory`` and its triage ``result`` as the estate's newest import (the estate is made if new)."""
        name = clean_label(estate_name, "estate")
        who = clean_author(author)
        values = import_values(inventory, vnet_facts, result)

        def save(conn: Connection) -> ImportSummary:
            estate = conn.execute(select(estates.c.id).where(estates.c.name_key == name_key(name))).scalar()
            if estate is None:
                estate = conn.execute(
                    insert(estates).values(name=name, name_key=name_key(name), created_at=now()).returning(estates.c.id)
                ).scalar_one()
            import_id = conn.execute(
                insert(inventory_imports)
                .values(estate_id=estate, imported_at=now(), author=who, **values)
                .returning(inventory_imports.c.id)
            ).scalar_one()
            for rows in vm_rows(import_id, inventory.vms, result.vms, INSERT_CHUNK):
                conn.execute(insert(inventory_vms), rows)
            return import_summary(_import_row(conn, import_id))

        return self._write_retrying(save)

    def list_estates(self) -> list[EstateSummary]:
        """Every estate by name, with its latest import's VM and verdict counts."""
        with self._read() as conn:
            return [_estate_summary(row) for row in conn.execute(_estates_query().order_by(estates.c.name_key))]

    def find_estate(self, name: str) -> EstateSummary | None:
        """The estate with this name, compared case-insensitively."""
        with self._read() as conn:
            row = conn.execute(_estates_query().where(estates.c.name_key == name_key(name))).first()
            return _estate_summary(row) if row is not None else None

    def list_imports(self, estate_id: int) -> list[ImportSummary]:
        """The estate's imports, newest first."""
        with self._read() as conn:
            _estate_row(conn, estate_id)
            query = _imports_query().where(inventory_imports.c.estate_id == estate_id)
            return [import_summary(row) for row in conn.execute(query.order_by(inventory_imports.c.id.desc()))]

    def get_import(self, import_id: int) -> ImportSummary:
        with self._read() as conn:
            return import_summary(_import_row(conn, import_id))

    def import_vms(self, import_id: int, verdicts: Sequence[str] | None = None) -> pd.DataFrame:
        """The import's VMs in import order, as TriageResult.vms has them; only these verdicts if given."""
        wanted = check_verdicts(verdicts) if verdicts is not None else None
        vm = inventory_vms.c
        query = select(*(vm[name] for name in VM_COLUMNS)).where(vm.import_id == import_id)
        if wanted is not None:
            query = query.where(vm.verdict.in_(wanted))
        with self._read() as conn:
            _import_row(conn, import_id)
            rows = conn.execute(query.order_by(vm.position)).all()
        return vms_frame(rows)

    def import_canonical(self, import_id: int, keys: Sequence[tuple[str, str]] | None = None) -> pd.DataFrame:
        """The canonical frame of the import (advisor.inventory.frames's representation), in import order.

        ``keys`` limits it to these (cloud_service, vm_name) pairs, matched exactly as stored.
        """
        vm = inventory_vms.c
        with self._read() as conn:
            extra = json.loads(_import_row(conn, import_id).extra_columns)
            if keys is None:
                query = select(vm.canonical).where(vm.import_id == import_id).order_by(vm.position)
                texts = list(conn.execute(query).scalars())
            else:
                found: list[tuple[int, str]] = []
                pairs = list(dict.fromkeys((str(service), str(name)) for service, name in keys))
                for start in range(0, len(pairs), KEY_CHUNK):
                    chunk = pairs[start : start + KEY_CHUNK]
                    query = select(vm.position, vm.canonical).where(
                        vm.import_id == import_id, tuple_(vm.cloud_service, vm.vm_name).in_(chunk)
                    )
                    found.extend((row.position, row.canonical) for row in conn.execute(query))
                texts = [text for _, text in sorted(found)]
        return canonical_frame(texts, extra)

    def import_vnet_facts(self, import_id: int) -> pd.DataFrame | None:
        """The VNet facts frame stored with the import (VnetFacts.frame), or None when it had none."""
        with self._read() as conn:
            stored = _import_row(conn, import_id).vnet_facts
        return None if stored is None else vnet_frame(json.loads(stored))

    def compare_imports(self, old_import_id: int, new_import_id: int) -> ImportDiff:
        """VMs only in the new import (added), only in the old one (removed), and whose verdict changed."""
        vm = inventory_vms.c
        columns = (vm.subscription_id, vm.cloud_service, vm.vm_name, vm.verdict, vm.rules)
        with self._read() as conn:
            rows = []
            for import_id in (old_import_id, new_import_id):
                _import_row(conn, import_id)
                query = select(*columns).where(vm.import_id == import_id).order_by(vm.position)
                rows.append(conn.execute(query).all())
        return diff_rows(old_import_id, new_import_id, rows[0], rows[1])

    def latest_diff(self, estate_id: int) -> ImportDiff | None:
        """The estate's two newest imports compared, or None when it has fewer than two."""
        with self._read() as conn:
            _estate_row(conn, estate_id)
            ii = inventory_imports.c
            query = select(ii.id).where(ii.estate_id == estate_id).order_by(ii.id.desc()).limit(2)
            newest = list(conn.execute(query).scalars())
        return self.compare_imports(newest[1], newest[0]) if len(newest) == 2 else None


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


def _import_row(conn: Connection, import_id: int) -> Row:
    row = conn.execute(_imports_query().where(inventory_imports.c.id == import_id)).first()
    if row is None:
        raise InputError(Problem(f"no inventory import with id {import_id}", ident="import"))
    return row


def _estate_row(conn: Connection, estate_id: int) -> Row:
    row = conn.execute(select(estates).where(estates.c.id == estate_id)).first()
    if row is None:
        raise InputError(Problem(f"no estate with id {estate_id}", ident="estate"))
    return row


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
