"""Rules and conversions between database rows and models: workload names, text limits, timestamps.

Names are stripped and compared casefolded (``name_key``); they are stored exactly as given
otherwise, HTML or Markdown included: nothing here interprets them.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from advisor.errors import ConflictError, InputError, Problem
from advisor.models.record import (
    MAX_NAME_LENGTH,
    MAX_TEXT_LENGTH,
    WORKLOAD_STATUS_LABELS,
    DecisionRecord,
    VmLink,
    Workload,
    WorkloadStatus,
)


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


def clean_name(name: str) -> str:
    """The name as it will be stored: stripped, non-empty and within MAX_NAME_LENGTH."""
    cleaned = (name or "").strip()
    if not cleaned:
        raise InputError(Problem("a workload needs a name", ident="name"))
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InputError(
            Problem(
                f"a workload name can have at most {MAX_NAME_LENGTH} characters (this one has {len(cleaned)})",
                ident="name",
            )
        )
    return cleaned


def name_key(name: str) -> str:
    """What makes two names the same: stripped and casefolded."""
    return name.strip().casefold()


def clean_text(value: str, field: str, limit: int) -> str:
    cleaned = (value or "").strip()
    if len(cleaned) > limit:
        raise InputError(Problem(f"can have at most {limit} characters (this one has {len(cleaned)})", ident=field))
    return cleaned


def clean_owner(owner: str) -> str:
    return clean_text(owner, "owner", MAX_NAME_LENGTH)


def clean_context(context: str) -> str:
    return clean_text(context, "context", MAX_TEXT_LENGTH)


def vm_links_json(links: Iterable[VmLink | Mapping[str, Any]]) -> str:
    """The VM links as stored: a JSON list of ``{"cloud_service", "vm_name"}``."""
    try:
        parsed = [link if isinstance(link, VmLink) else VmLink.model_validate(link) for link in links]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InputError(Problem(f"bad VM link: {where}: {first['msg']}", ident="vm_links")) from None
    return json.dumps([link.model_dump() for link in parsed], ensure_ascii=False)


def utc(moment: datetime.datetime) -> datetime.datetime:
    """A stored time as an aware UTC datetime (SQLite gives naive times, always written in UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


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
    )


def describe_time(moment: datetime.datetime) -> str:
    return utc(moment).strftime("%Y-%m-%d %H:%M:%S UTC")


def conflict_error(database: str, name: str, record: DecisionRecord, latest: Any | None) -> ConflictError:
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
