"""Finding a workload inside a unit of work, with the one-line refusal when there is none.

The services look workloads up by id (a page or a saved form names one) or by name (the command line, an
export's selection); each refuses an unknown one in the same words.
"""

from __future__ import annotations

from advisor.errors import InputError, Problem
from advisor.models.record import Workload
from advisor.store import UnitOfWork


def existing_workload(unit: UnitOfWork, workload_id: int) -> Workload:
    """The workload with this id; InputError when there is none."""
    workload = unit.workloads.get(workload_id)
    if workload is None:
        raise InputError(Problem(f"no workload with id {workload_id}", ident="workload"))
    return workload


def workload_named(unit: UnitOfWork, name: str) -> Workload:
    """The workload with this name (compared ignoring case, archived ones too); InputError naming it when there
    is none."""
    workload = unit.workloads.by_name(name)
    if workload is None:
        raise InputError(Problem(f"no workload is named {name!r}", ident="workload"))
    return workload
