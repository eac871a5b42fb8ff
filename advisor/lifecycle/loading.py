"""Loading and checking ``knowledge/lifecycle.yaml`` and ``knowledge/sizes.yaml`` (one problem per fault,
naming file, line and id).

Static checks (every load): ids unique; every entry's subject a known catalog or outside service, plan,
feature or size family; every touched or replacement service a catalog service; a plan's or feature's entry
touching the service it belongs to; every legacy size naming a current size that exists, is of a current
family and has at least its vCPUs and memory; every target of the triage size map a size with facts.
Dated checks (:func:`dated_problems`, run by ``check`` at today's date, never by a load: knowledge must not
stop loading on the day a size retires): no legacy size names a current size that is retired or retires
inside the default horizon.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType

from advisor.errors import Problem
from advisor.knowledge.loading import Loaded, ModelT, load_model
from advisor.lifecycle.entries import Lifecycle
from advisor.lifecycle.sizes import SizeTable
from advisor.models.lifecycle import LifecycleEntry, LifecycleKnowledge, OutsideService, Part
from advisor.models.triage_rules import TriageKnowledge
from advisor.models.vm_sizes import SizeKnowledge

LIFECYCLE_FILE = Path("lifecycle.yaml")
SIZES_FILE = Path("sizes.yaml")
TRIAGE_FILE = Path("triage") / "rules.yaml"
_Fault = Callable[[str, tuple[str | int, ...], str], None]


def check_lifecycle(folder: Path, service_names: Mapping[str, str] | None) -> tuple[Lifecycle | None, list[Problem]]:
    """The lifecycle and size knowledge of ``folder``, and every static problem in them.

    ``service_names`` maps every catalog service id to its name; None when the catalog could not be read
    (then references to services are not checked, rather than all reported as unknown).
    """
    sizes = load_model(folder / SIZES_FILE, SizeKnowledge, _display(folder, SIZES_FILE))
    life = load_model(folder / LIFECYCLE_FILE, LifecycleKnowledge, _display(folder, LIFECYCLE_FILE))
    problems = sizes.problems + life.problems
    table = SizeTable.build(sizes.model)
    if sizes.model is not None:
        problems += _size_problems(sizes, table)
        problems += _size_map_problems(folder, table)
    if life.model is None:
        return None, problems
    model = life.model
    problems += _entry_problems(life, service_names, table if sizes.model is not None else None)
    catalog = service_names or {}
    touching: dict[str, list[LifecycleEntry]] = {}
    by_family: dict[str, list[LifecycleEntry]] = {}
    for entry in sorted(model.entries, key=lambda e: (e.date, e.id)):
        for service in entry.touches:
            touching.setdefault(service, []).append(entry)
        if entry.subject.kind == "size_family":
            by_family.setdefault(entry.subject.id, []).append(entry)
    names = {
        **{family.id: f"{family.name} sizes" for family in table.families.values()},
        **{part.id: part.name for part in model.parts},
        **{service.id: service.name for service in model.outside_services},
        **catalog,
    }
    lifecycle = Lifecycle(
        revision=model.revision,
        horizon_months=model.horizon_months,
        source_note=model.source_note,
        entries=tuple(model.entries),
        names=MappingProxyType(names),
        plural=frozenset(
            [
                *table.families,
                *(p.id for p in model.parts if p.plural),
                *(o.id for o in model.outside_services if o.plural),
            ]
        ),
        services=frozenset(catalog),
        touching=MappingProxyType({s: tuple(e) for s, e in touching.items()}),
        by_family=MappingProxyType({f: tuple(e) for f, e in by_family.items()}),
        sizes=table,
    )
    return (None if problems else lifecycle), problems


def dated_problems(folder: Path, lifecycle: Lifecycle, today: datetime.date | None = None) -> list[Problem]:
    """Legacy sizes whose named current size is retired, or retires inside the default horizon, at ``today``."""
    sizes = load_model(folder / SIZES_FILE, SizeKnowledge, _display(folder, SIZES_FILE))
    if sizes.model is None:
        return []
    view = lifecycle.view(lifecycle.judgement(today))
    problems = []
    for f_index, family in enumerate(sizes.model.families):
        for s_index, size in enumerate(family.sizes):
            target = lifecycle.sizes.get(size.current)
            if target is None:
                continue
            due = [note for note in view.size_family_notes(target.family) if note.status != "later"]
            if not due:
                continue
            first = due[0]
            when = "is retired" if first.status == "past" else "retires inside the horizon"
            message = (f"current size {target.name} {when}: {first.subject_name}, {first.event} on "
                       f"{first.date.isoformat()} ({first.entry}, {view.judgement.describe()})")  # fmt: skip
            line = sizes.line_of(("families", f_index, "sizes", s_index, "current"))
            problems.append(Problem(message, file=sizes.path, line=line, ident=size.name, check="lifecycle"))
    return problems


def _size_problems(loaded: Loaded[SizeKnowledge], table: SizeTable) -> list[Problem]:
    assert loaded.model is not None
    problems: list[Problem] = []
    fault = _fault(loaded, problems)
    seen: set[str] = set()
    families: set[str] = set()
    for f_index, family in enumerate(loaded.model.families):
        if family.id in families:
            fault("size family defined twice", ("families", f_index), family.id)
        families.add(family.id)
        for s_index, size in enumerate(family.sizes):
            at = ("families", f_index, "sizes", s_index)
            if size.name.casefold() in seen:
                fault("size defined twice", at, size.name)
            seen.add(size.name.casefold())
            if family.role == "current":
                if size.current is not None:
                    fault("a size of a current family names no `current` size", (*at, "current"), size.name)
                continue
            if size.current is None:
                fault("a legacy size needs the `current` size to deploy instead", at, size.name)
                continue
            target = table.get(size.current)
            if target is None:
                fault(f"`current` names unknown size {size.current!r}", (*at, "current"), size.name)
            elif table.families[target.family].role != "current":
                fault(f"`current` size {target.name} is not of a current family", (*at, "current"), size.name)
            elif target.vcpus < size.vcpus or target.memory_gib < size.memory_gib:
                message = (f"`current` size {target.name} ({target.vcpus} vCPU, {target.memory_gib:g} GiB) has less "
                           f"than {size.vcpus} vCPU and {size.memory_gib:g} GiB")  # fmt: skip
                fault(message, (*at, "current"), size.name)
    return problems


def _size_map_problems(folder: Path, table: SizeTable) -> list[Problem]:
    """Every target of the triage size map must be a size with facts (its family says when it retires)."""
    loaded = load_model(folder / TRIAGE_FILE, TriageKnowledge, _display(folder, TRIAGE_FILE))
    if loaded.model is None:
        return []  # the triage check reports it
    problems: list[Problem] = []
    for index, mapping in enumerate(loaded.model.sizes):
        if table.get(mapping.arm) is None:
            message = f"maps to {mapping.arm!r}, a size knowledge/sizes.yaml has no facts for"
            line = loaded.line_of(("sizes", index, "arm"))
            problems.append(Problem(message, file=loaded.path, line=line, ident=mapping.classic, check="lifecycle"))
    return problems


def _entry_problems(
    loaded: Loaded[LifecycleKnowledge], catalog: Mapping[str, str] | None, sizes: SizeTable | None
) -> list[Problem]:
    assert loaded.model is not None
    model = loaded.model
    problems: list[Problem] = []
    fault = _fault(loaded, problems)
    outside = {service.id for service in model.outside_services}
    parts = {part.id: part for part in model.parts}
    _declaration_problems(model, catalog, outside, fault)
    entry_ids: set[str] = set()
    for index, entry in enumerate(model.entries):
        at = ("entries", index)
        if entry.id in entry_ids:
            fault("entry defined twice", at, entry.id)
        entry_ids.add(entry.id)
        _subject_problem(entry, at, catalog, outside, parts, sizes, fault)
        if catalog is None:
            continue
        for field in ("touches", "replacement_services"):
            for position, service in enumerate(getattr(entry, field)):
                if service not in catalog:
                    fault(f"names unknown service {service!r}", (*at, field, position), entry.id)
    return problems


def _declaration_problems(
    model: LifecycleKnowledge, catalog: Mapping[str, str] | None, outside: set[str], fault: _Fault
) -> None:
    """Outside services and parts: ids unique and apart from the catalog's; each part of a known service."""
    ids: set[str] = set()
    declared: list[tuple[str, Sequence[OutsideService | Part]]] = [
        ("outside_services", model.outside_services),
        ("parts", model.parts),
    ]
    for kind, items in declared:
        for index, item in enumerate(items):
            if item.id in ids:
                fault("id defined twice", (kind, index), item.id)
            ids.add(item.id)
            if catalog is not None and item.id in catalog:
                fault("id is already a catalog service", (kind, index), item.id)
    for index, part in enumerate(model.parts):
        if catalog is not None and part.service not in catalog and part.service not in outside:
            fault(f"names unknown service {part.service!r}", ("parts", index, "service"), part.id)


def _subject_problem(
    entry: LifecycleEntry,
    at: tuple[str | int, ...],
    catalog: Mapping[str, str] | None,
    outside: set[str],
    parts: Mapping[str, Part],
    sizes: SizeTable | None,
    fault: _Fault,
) -> None:
    """The entry's subject must be a known service, plan, feature or size family."""
    subject = entry.subject
    where = (*at, "subject", "id")
    if subject.kind == "service":
        if catalog is not None and subject.id not in catalog and subject.id not in outside:
            fault(f"names unknown service {subject.id!r}", where, entry.id)
    elif subject.kind == "size_family":
        if sizes is not None and subject.id not in sizes.families:
            fault(f"names unknown size family {subject.id!r} (not in knowledge/sizes.yaml)", where, entry.id)
    else:
        part = parts.get(subject.id)
        if part is None or part.kind != subject.kind:
            fault(f"names unknown {subject.kind} {subject.id!r} (not among `parts`)", where, entry.id)
        elif catalog is not None and part.service in catalog and part.service not in entry.touches:
            fault(f"does not touch {part.service}, the service its {subject.kind} belongs to", (*at, "touches"),
                  entry.id)  # fmt: skip


def _fault(loaded: Loaded[ModelT], problems: list[Problem]) -> _Fault:
    def fault(message: str, where: tuple[str | int, ...], ident: str) -> None:
        problems.append(Problem(message, file=loaded.path, line=loaded.line_of(where), ident=ident, check="lifecycle"))

    return fault


def _display(folder: Path, relative: Path) -> str:
    return str(Path(folder.name) / relative)
