"""The checked lifecycle knowledge, indexed by the services each entry touches, and its notes.

A :class:`LifecycleNote` is one entry as a place that names a service shows it: structured (service id,
entry id, subject kind, date, event, status under the judgement) with a sentence for people beside it, so
renderers that need words take ``text`` and those that build their own words take the fields.
:meth:`Lifecycle.view` judges every entry once per (as-of date, horizon) and caches the result, so a
recommendation pays a dictionary look-up per service, never a pass over the entries.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from advisor.lifecycle.judgement import Judgement, Status
from advisor.lifecycle.sizes import SizeTable
from advisor.models.lifecycle import LifecycleEntry

# What happens on the date, said before it (future) and after it (past).
# {s} is "s" after a singular name ("retires"), {has} is "has" or "have".
_PHRASES: dict[str, tuple[str, str]] = {
    "retired": ("{name} retire{s} on {date}", "{name} retired on {date}"),
    "support_ends": ("support for {name} ends on {date}", "support for {name} ended on {date}"),
    "no_new_customers": (
        "{name} take{s} no new customers from {date}",
        "{name} {has} taken no new customers since {date}",
    ),
}
# Whole-service events that rule a service out as the best alternative once past or inside the horizon.
ENDING_EVENTS = frozenset({"retired", "no_new_customers"})


@dataclass(frozen=True)
class LifecycleNote:
    """One lifecycle entry shown for one service, judged at one as-of date and horizon."""

    service: str  # the service it is shown for (catalog id)
    entry: str
    kind: str  # service, plan, feature or size_family
    subject: str
    subject_name: str
    event: str
    date: datetime.date
    status: Status
    replacement: tuple[str, ...]
    source: str
    text: str

    @property
    def whole_service(self) -> bool:
        return self.kind == "service" and self.subject == self.service

    @property
    def ends_service(self) -> bool:
        """The whole service stops (retires or takes no new customers), already or inside the horizon."""
        return self.whole_service and self.event in ENDING_EVENTS and self.status != "later"

    def to_dict(self) -> dict[str, Any]:
        return {
            "service": self.service, "entry": self.entry, "kind": self.kind, "subject": self.subject,
            "subject_name": self.subject_name, "event": self.event, "date": self.date.isoformat(),
            "status": self.status, "replacement": list(self.replacement), "source": self.source, "text": self.text,
        }  # fmt: skip


@dataclass(frozen=True)
class Lifecycle:
    """Every lifecycle entry, checked, with the indexes the judgements read."""

    revision: str
    horizon_months: int
    source_note: str
    entries: tuple[LifecycleEntry, ...]
    names: Mapping[str, str]  # catalog or outside service, part or size family id -> name
    plural: frozenset[str]  # the ids whose name is plural
    services: frozenset[str]  # catalog service ids
    touching: Mapping[str, tuple[LifecycleEntry, ...]]  # catalog service -> entries touching it, by date
    by_family: Mapping[str, tuple[LifecycleEntry, ...]]  # size family -> its entries, by date
    sizes: SizeTable
    _views: dict[Judgement, LifecycleView] = field(default_factory=dict, compare=False, repr=False)

    def judgement(self, as_of: datetime.date | None = None, horizon_months: int | None = None) -> Judgement:
        """The judgement asked for: today and the knowledge's horizon where not given."""
        return Judgement(
            as_of if as_of is not None else datetime.date.today(),
            horizon_months if horizon_months is not None else self.horizon_months,
        )

    def view(self, judgement: Judgement | None = None) -> LifecycleView:
        """Every entry judged at ``judgement`` (default: today, the knowledge's horizon); cached."""
        wanted = judgement or self.judgement()
        found = self._views.get(wanted)
        if found is None:
            if len(self._views) > 64:  # a long-running app sees a new "today" each day: keep the cache small
                self._views.clear()
            found = self._views[wanted] = LifecycleView(self, wanted)
        return found

    def entries_touching(self, service: str) -> tuple[LifecycleEntry, ...]:
        return self.touching.get(service, ())

    def name(self, ident: str) -> str:
        return self.names.get(ident, ident)


class LifecycleView:
    """The entries judged at one as-of date and horizon, with notes per service made once."""

    def __init__(self, lifecycle: Lifecycle, judgement: Judgement) -> None:
        self.lifecycle = lifecycle
        self.judgement = judgement
        self._notes: dict[str, tuple[LifecycleNote, ...]] = {}
        self.status: Mapping[str, Status] = MappingProxyType(
            {entry.id: judgement.status(entry.date) for entry in lifecycle.entries}
        )
        self.retiring: frozenset[str] = frozenset(
            service for service in lifecycle.touching if any(n.ends_service for n in self.notes(service))
        )

    def notes(self, service: str | None) -> tuple[LifecycleNote, ...]:
        """The notes of every entry touching ``service`` (a catalog id), by date; () for None or no entry."""
        if service is None:
            return ()
        found = self._notes.get(service)
        if found is None:
            found = self._notes[service] = tuple(
                self.note(entry, service) for entry in self.lifecycle.entries_touching(service)
            )
        return found

    def due(self, service: str | None) -> tuple[LifecycleNote, ...]:
        """The notes of ``service`` dated already past or inside the horizon."""
        return tuple(note for note in self.notes(service) if note.status != "later")

    def revisit(self, service: str | None) -> LifecycleNote | None:
        """The first note touching ``service`` dated after the as-of date: what a record choosing it is revisited by
        (a date already past is a condition of the record, not a date to come back to it)."""
        return next((note for note in self.notes(service) if note.status != "past"), None)

    def size_family_notes(self, family: str) -> tuple[LifecycleNote, ...]:
        """The notes of a size family's entries, each shown for the first service it touches."""
        key = "size-family:" + family
        found = self._notes.get(key)
        if found is None:
            entries = self.lifecycle.by_family.get(family, ())
            found = self._notes[key] = tuple(self.note(e, e.touches[0] if e.touches else "") for e in entries)
        return found

    def ending(self, service: str) -> LifecycleNote | None:
        """The first note by which the whole service stops (already or inside the horizon), if any."""
        return next((note for note in self.notes(service) if note.ends_service), None)

    def note(self, entry: LifecycleEntry, service: str) -> LifecycleNote:
        status = self.status[entry.id]
        return LifecycleNote(
            service=service, entry=entry.id, kind=entry.subject.kind, subject=entry.subject.id,
            subject_name=self.lifecycle.name(entry.subject.id), event=entry.event, date=entry.date, status=status,
            replacement=tuple(entry.replacement), source=entry.source,
            text=sentence(
                entry, self.lifecycle.name(entry.subject.id), self.lifecycle.name(service), status,
                plural=entry.subject.id in self.lifecycle.plural,
            ),
        )  # fmt: skip


def sentence(
    entry: LifecycleEntry, subject_name: str, service_name: str, status: Status, *, plural: bool = False
) -> str:
    """The entry in words: `Azure Functions: use the isolated worker model; support for … ended on 2026-11-10.`"""
    future, past = _PHRASES[entry.event]
    phrase = (past if status == "past" else future).format(
        name=subject_name, date=entry.date.isoformat(), s="" if plural else "s", has="have" if plural else "has"
    )
    if entry.advice:
        return f"{service_name}: {entry.advice}; {phrase}."
    instead = f"; Microsoft names {_either(entry.replacement)} instead" if entry.replacement else ""
    if entry.subject.kind == "service" and subject_name == service_name:
        return f"{_capital(phrase)}{instead}."
    return f"{service_name}: {_capital(phrase)}{instead}."


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
