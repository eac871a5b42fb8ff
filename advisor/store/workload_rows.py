"""Conversions between workload rows and models: the list's summary rows, VM links as stored, timestamps.

Names are stored exactly as given (HTML or Markdown included) next to ``name_key``, the form two names are
compared in (:func:`advisor.models.names.name_key`); nothing here interprets or checks them: the services do.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from advisor.models.record import WORKLOAD_STATUS_LABELS, VmLink, Workload, WorkloadStatus


@dataclass(frozen=True)
class WorkloadSummary:
    """One row of the workload list: the workload and what its latest record version says."""

    workload: Workload
    status: WorkloadStatus
    service: str | None
    version: int | None
    knowledge_version: str | None
    author: str | None
    updated_at: datetime.datetime

    @property
    def status_label(self) -> str:
        return WORKLOAD_STATUS_LABELS[self.status]


def vm_links_json(links: Iterable[VmLink]) -> str:
    """The VM links as stored: a JSON list of ``{"cloud_service", "vm_name"}``."""
    return json.dumps([link.model_dump() for link in links], ensure_ascii=False)


def utc(moment: datetime.datetime) -> datetime.datetime:
    """A stored time as an aware UTC datetime (SQLite gives naive times, always written in UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


def workload_from_row(row: Any) -> Workload:
    # Rows were validated when written: construct without validating again (the list page builds
    # thousands of these per run).
    links = row.vm_links
    return Workload.model_construct(
        id=row.id,
        name=row.name,
        owner=row.owner,
        context=row.context,
        vm_links=tuple(VmLink.model_construct(**link) for link in json.loads(links)) if links and links != "[]" else (),
        archived=row.archived_at is not None,
        created_at=utc(row.created_at),
        updated_at=utc(row.updated_at),
        number=row.record_number,
        origin_number=row.origin_number,
    )
