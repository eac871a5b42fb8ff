"""The audit trail, read: filtered for the admin page and ``python -m advisor audit``, exported as CSV or JSON.

Reading it needs the ``read_audit`` permission (admins; in local mode, the one person and the command line).
The trail itself is written by the services (:mod:`advisor.services.access`) and never changed.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass

from advisor.export.csv_file import neutralize
from advisor.models.account import AuditEvent
from advisor.models.actor import Actor
from advisor.services.access import require
from advisor.services.context import ServiceContext

AUDIT_COLUMNS = ("when", "who", "email", "os_user", "from", "action", "target", "outcome", "detail")


@dataclass(frozen=True)
class AuditFilter:
    """Which lines to show: a text found in who (name or email), action or target; an outcome; a time range."""

    text: str = ""
    outcome: str = ""  # "", done or refused
    since: datetime.datetime | None = None
    until: datetime.datetime | None = None


def audit_events(ctx: ServiceContext, actor: Actor, wanted: AuditFilter | None = None) -> list[AuditEvent]:
    """The audit lines ``wanted`` lets through, newest first (at most the store's bound)."""
    require(ctx, actor, "read_audit", "read audit trail")
    chosen = wanted or AuditFilter()
    with ctx.database.read() as unit:
        events = unit.audit.read(since=chosen.since, until=chosen.until)
    needle = chosen.text.strip().casefold()
    return [
        e
        for e in events
        if (not chosen.outcome or e.outcome == chosen.outcome)
        and (not needle or needle in " ".join((e.actor_name, e.actor_email, e.action, e.target)).casefold())
    ]


def audit_rows(events: Sequence[AuditEvent]) -> list[dict[str, str]]:
    """One row of words per line, in :data:`AUDIT_COLUMNS` order (times in UTC, ISO 8601)."""
    return [
        {
            "when": e.at.isoformat(timespec="seconds"),
            "who": e.actor_name,
            "email": e.actor_email,
            "os_user": e.os_user,
            "from": e.source,
            "action": e.action,
            "target": e.target,
            "outcome": e.outcome,
            "detail": e.detail,
        }
        for e in events
    ]


def audit_csv(events: Sequence[AuditEvent]) -> str:
    """The lines as CSV, formula-neutralized as the records' CSV export is."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=AUDIT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in audit_rows(events):
        writer.writerow({key: neutralize(value) for key, value in row.items()})
    return out.getvalue()


def audit_json(events: Sequence[AuditEvent]) -> str:
    return json.dumps(audit_rows(events), ensure_ascii=False, indent=2) + "\n"
