"""Lifecycle reads for the pages and the command line: a judgement (the as-of date and the horizon every
lifecycle date is judged at) and the notes touching a service. Nothing here is stored: the entries are
knowledge (knowledge/lifecycle.yaml)."""

from __future__ import annotations

import datetime
from typing import Any

from advisor.errors import InputError, Problem
from advisor.knowledge.assembly import KnowledgeBase
from advisor.knowledge.disagreements import Disputes, to_dict
from advisor.lifecycle.entries import Lifecycle, LifecycleNote, LifecycleView
from advisor.lifecycle.judgement import Judgement, parse_as_of, parse_horizon
from advisor.lifecycle.revisit import RevisitBy, revisit_by
from advisor.models.lifecycle import LifecycleEntry
from advisor.models.record import DecisionRecord

__all__ = [
    "Judgement",
    "LifecycleNote",
    "RevisitBy",
    "lifecycle_judgement",
    "lifecycle_listing",
    "lifecycle_notes",
    "parse_judgement",
    "record_revisit",
]


def lifecycle_judgement(
    kb: KnowledgeBase, as_of: datetime.date | None = None, horizon_months: int | None = None
) -> Judgement:
    """The judgement asked for: today and the knowledge's horizon where not given."""
    return kb.lifecycle.judgement(as_of, horizon_months)


def parse_judgement(kb: KnowledgeBase, as_of: str | None, horizon_months: str | None) -> Judgement:
    """The judgement typed on the command line (``--as-of``, ``--horizon-months``); a bad value is an
    InputError naming the option."""
    return kb.lifecycle.judgement(parse_as_of(as_of), parse_horizon(horizon_months))


def record_revisit(kb: KnowledgeBase, judgement: Judgement, record: DecisionRecord) -> RevisitBy:
    """The record's revisit-by date: kept from a decided version, else judged at ``judgement``."""
    return revisit_by(record, kb.lifecycle.view(judgement))


def lifecycle_notes(kb: KnowledgeBase, judgement: Judgement, service: str | None) -> tuple[LifecycleNote, ...]:
    """The lifecycle entries touching ``service``, judged at ``judgement``."""
    return kb.lifecycle.view(judgement).notes(service)


def lifecycle_listing(kb: KnowledgeBase, judgement: Judgement, service: str | None) -> dict[str, Any]:
    """The ``lifecycle`` command's listing: every entry by date (or those touching ``service``, or naming it among
    the replacements), each with its status at ``judgement``, what it touches and its source; InputError for an
    unknown service."""
    life = kb.lifecycle
    if service is not None and service not in life.services:
        known = ", ".join(sorted(life.services))
        raise InputError(Problem(f"unknown service {service!r} (known: {known})", ident="--service"))
    view = life.view(judgement)
    entries = sorted(life.entries, key=lambda e: (e.date, e.id))
    if service is not None:
        entries = [e for e in entries if service in e.touches or service in e.replacement_services]
    rows = [_row(life, view, entry, kb.disagreements) for entry in entries]
    return {"revision": life.revision, "judgement": judgement.to_dict(), "service": service, "entries": rows}


def _row(life: Lifecycle, view: LifecycleView, entry: LifecycleEntry, disputes: Disputes) -> dict[str, Any]:
    status = view.status[entry.id]
    service = entry.touches[0] if entry.touches else entry.subject.id
    return {
        "id": entry.id,
        "subject": {"kind": entry.subject.kind, "id": entry.subject.id, "name": life.name(entry.subject.id)},
        "event": entry.event,
        "date": entry.date.isoformat(),
        "status": status,
        "touches": [{"id": s, "name": life.name(s)} for s in entry.touches],
        "replacement": list(entry.replacement),
        "replacement_services": [{"id": s, "name": life.name(s)} for s in entry.replacement_services],
        "facts": list(entry.facts),
        "source": entry.source,
        "checked_in": list(entry.checked_in),
        "sources_disagree": to_dict(disputed) if (disputed := disputes.about_entry(entry.id)) else None,
        "note": entry.note,
        "text": view.note(entry, service).text,
    }
