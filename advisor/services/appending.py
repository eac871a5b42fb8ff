"""THE one function that inserts record versions, and the messages of a refused save.

Every save of a decision record (the questionnaire, ``advisor record``, starting workloads from VMs, what-if
adopt, supersede, a review session's decision, a JSON import) reaches the database through
:func:`append_versions`, inside the caller's unit of work. It refuses a version of an unknown or archived
workload, and a version that is not the next one: someone saved first (ConflictError with who saved what and
when), or the version skips some. Versions are never changed or deleted.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from advisor.errors import ConflictError, InputError, Problem
from advisor.knowledge.assembly import KnowledgeBase
from advisor.models.record import DecisionRecord
from advisor.services.costs import freeze_costs
from advisor.services.finding import existing_workload
from advisor.store import UnitOfWork, VersionHead
from advisor.store.workload_rows import utc


def append_versions(
    unit: UnitOfWork,
    records: Sequence[DecisionRecord],
    moment: datetime.datetime,
    database: str,
    *,
    kb: KnowledgeBase | None = None,
) -> list[DecisionRecord]:
    """Insert ``records`` (each its workload's next version, in order) and mark their workloads updated.

    ``database`` names the database in a conflict's message. With ``kb``, each version keeps the estimates of
    this moment and the Functions cost input of the version before it (:func:`~advisor.services.costs.
    freeze_costs`); an import (no ``kb``) keeps the records' own. Raises before inserting anything.
    """
    expected: dict[int, int] = {}
    names: dict[int, str] = {}
    for record in records:
        workload_id = record.workload_id
        if workload_id not in expected:
            workload = existing_workload(unit, workload_id)
            if workload.archived:
                message = f"workload {workload.name!r} is archived; restore it to save"
                raise InputError(Problem(message, ident="workload"))
            head = unit.records.head(workload_id)
            expected[workload_id] = (head.version if head is not None else 0) + 1
            names[workload_id] = workload.name
        if record.version != expected[workload_id]:
            raise conflict_error(database, names[workload_id], record, unit.records.head(workload_id))
        expected[workload_id] += 1
    if kb is not None:
        records = freeze_costs(unit, kb, records, database)
    unit.records.insert_version_rows(records)
    unit.workloads.touch_workload_rows([record.workload_id for record in records], moment)
    return list(records)


def describe_time(moment: datetime.datetime) -> str:
    return utc(moment).strftime("%Y-%m-%d %H:%M:%S UTC")


def conflict_error(database: str, name: str, record: DecisionRecord, latest: VersionHead | None) -> ConflictError:
    """Why ``record`` cannot be saved: someone saved that version first, or it skips versions."""
    if latest is not None and record.version <= latest.version:
        yours = "this save" if record.version == latest.version else f"this save of version {record.version}"
        message = (
            f"workload {name!r}: version {latest.version} was saved by {latest.author} at "
            f"{describe_time(latest.created_at)} meanwhile; {yours} was refused and nothing was overwritten."
        )
    else:
        current = latest.version if latest is not None else 0
        message = (
            f"workload {name!r}: version {record.version} cannot follow version {current} "
            f"(the next version is {current + 1}); nothing was saved"
        )
    return ConflictError(Problem(message, file=database, ident="version"))
