"""The key dates of the classic retirement, as the Inventory page, the triage and the exports show them.

``key_dates`` in ``knowledge/triage/rules.yaml`` name lifecycle entries (``knowledge/lifecycle.yaml`` is the one
home of each date and its source) and add the words people read. :func:`resolve_key_dates` joins them, with the
disagreement about each date where sources disagree, and reports every fault with its file, line and id: a key
date naming no lifecycle entry, or a ``verdict_note`` with a placeholder other than ``{date}``.
"""

from __future__ import annotations

import datetime
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.errors import Problem
from advisor.knowledge.disagreements import Disputes, to_dict
from advisor.knowledge.loading import load_model
from advisor.models.disagreements import Disagreement
from advisor.models.lifecycle import LifecycleEntry
from advisor.models.triage_rules import TriageKnowledge

TRIAGE_FILE = Path("triage") / "rules.yaml"


@dataclass(frozen=True)
class KeyDateView:
    """One key date: when, what happens, where it is stated, and the claims where sources disagree."""

    entry: str
    date: datetime.date
    title: str
    event: str
    source: str
    headline: bool
    verdict_note: str | None
    disagreement: Disagreement | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(), "title": self.title, "event": self.event, "source": self.source,
            "lifecycle_entry": self.entry, "headline": self.headline, "verdict_note": self.verdict_note,
            "sources_disagree": to_dict(self.disagreement) if self.disagreement else None,
        }  # fmt: skip


def resolve_key_dates(
    folder: Path, entries: Mapping[str, LifecycleEntry], disputes: Disputes
) -> tuple[tuple[KeyDateView, ...], list[Problem]]:
    """The key dates of ``folder``'s triage knowledge, each with its lifecycle entry's date and source."""
    loaded = load_model(folder / TRIAGE_FILE, TriageKnowledge, str(Path(folder.name) / TRIAGE_FILE))
    if loaded.model is None:
        return (), []  # the triage check reports it
    views: list[KeyDateView] = []
    problems: list[Problem] = []
    for index, key_date in enumerate(loaded.model.key_dates):
        at = ("key_dates", index)
        entry = entries.get(key_date.entry)
        if entry is None:
            line = loaded.line_of((*at, "entry"))
            message = f"names unknown lifecycle entry {key_date.entry!r}"
            problems.append(Problem(message, file=loaded.path, line=line, ident=key_date.entry, check="key-dates"))
            continue
        note = key_date.verdict_note
        if note is not None:
            fault = _placeholder_fault(note)
            if fault:
                line = loaded.line_of((*at, "verdict_note"))
                problems.append(Problem(fault, file=loaded.path, line=line, ident=key_date.entry, check="key-dates"))
                continue
            note = note.format(date=entry.date.isoformat())
        views.append(
            KeyDateView(
                entry=entry.id,
                date=entry.date,
                title=key_date.title,
                event=key_date.event,
                source=entry.source,
                headline=key_date.headline,
                verdict_note=note,
                disagreement=disputes.about_entry(entry.id),
            )
        )
    return tuple(views), problems


def _placeholder_fault(note: str) -> str | None:
    """Why ``note`` cannot be filled with its date, or None when ``{date}`` is its only placeholder."""
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(note) if name is not None}
    except ValueError as exc:
        return f"`verdict_note` has a stray brace ({exc}); write {{date}} for the date, {{{{ for a brace"
    others = sorted(fields - {"date"})
    return f"`verdict_note` may use only {{date}}, not {{{', '.join(others)}}}" if others else None
