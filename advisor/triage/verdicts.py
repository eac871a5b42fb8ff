"""Verdicts per VM and per migration unit, from the evaluated rules (contract §7).

A VM's verdict is the worst verdict among the rules that fire on it (``tool_ready`` when none);
it becomes ``unknown`` when a rule that could make it worse is undetermined, and
``unknown_fields`` then names the fields that were missing. Precedence:
not_supported > unknown > ready_with_conditions > tool_ready. A unit is a classic VNet, or a
cloud service outside any VNet; the tool moves it whole or not at all.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from advisor.knowledge.disagreements import to_dict as disagreement_dict
from advisor.models.disagreements import Disagreement
from advisor.models.triage_rules import Advisory, TriageRule
from advisor.triage import json_rows
from advisor.triage.evaluate import Evaluator
from advisor.triage.rules import TriageRules

if TYPE_CHECKING:
    from advisor.lifecycle.judgement import Judgement
    from advisor.lifecycle.sizes import SizeChoice

VERDICTS = ("tool_ready", "ready_with_conditions", "unknown", "not_supported")  # by severity, least first
_SEVERITY = {verdict: level for level, verdict in enumerate(VERDICTS)}
HOLDING_BACK = ("not_supported", "unknown")
_CHUNK = 100_000
UNITS_BATCH_ROWS = 50_000  # held-back VMs encoded at a time in the units' JSON


class Blocker(TypedDict):
    """A rule and how many VMs it holds back."""

    rule: str
    title: str
    verdict: str
    vms: int


class AdvisoryNote(TypedDict):
    """An advisory no inventory can show, as the summary lists it."""

    rule: str
    title: str
    message: str
    workaround: str
    checkable_from_inventory: bool
    sources_disagree: NotRequired[dict[str, Any]]  # where Microsoft's pages disagree about it: every claim


class DisputedFinding(TypedDict):
    """A rule that fired in this triage about which Microsoft's pages disagree (disagreements.to_dict's keys too)."""

    rule: str
    title: str
    id: str
    topic: str
    about: dict[str, Any]
    claims: list[dict[str, Any]]
    default: dict[str, Any] | None
    text: str


class TriageSummary(TypedDict):
    """The summary of one triage: stored with an inventory import as JSON and shown by the app and the CLI."""

    vms: int
    lifecycle: dict[str, object] | None  # the judgement's as-of date and horizon (Judgement.to_dict())
    sizes: list[dict[str, Any]]  # size_summary()
    verdicts: dict[str, int]
    units: int
    units_movable_whole: int
    top_blockers: list[Blocker]
    advisories: list[AdvisoryNote]
    verdict_notes: list[str]  # what the key dates mean for the verdicts ("tool ready" is historical)
    sources_disagree: list[DisputedFinding]  # the fired rules about which Microsoft's pages disagree


class HeldBack:
    """Each unit's VMs holding it back, as dicts made on first use: the JSON output encodes them column-wise and
    never needs them (tens of thousands of dicts when VNet facts are missing); the store, the Inventory page, the
    text output and ``batch`` do. Thread-safe: a result can be shown by several sessions."""

    def __init__(self, fill: Callable[[], dict[int, list[dict[str, Any]]]]) -> None:
        self._fill: Callable[[], dict[int, list[dict[str, Any]]]] | None = fill
        self._held: dict[int, list[dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def of(self, code: int) -> list[dict[str, Any]]:
        with self._lock:
            if self._fill is not None:
                self._held, self._fill = self._fill(), None
        return self._held.get(code, [])


@dataclass(frozen=True)
class UnitResult:
    """One migration unit: can the tool move it whole, and which VMs hold it back."""

    unit: str
    kind: str  # "vnet" or "cloud_service"
    vm_count: int
    counts: dict[str, int]
    verdict: str
    can_move_whole: bool | None  # None: nothing blocks it for sure, but some VM is unknown
    held_count: int = 0  # how many VMs hold it back
    # Where its held_back_by list is made on first use, and its key there.
    held: HeldBack | None = field(default=None, repr=False, compare=False)
    code: int = field(default=-1, repr=False, compare=False)

    @property
    def held_back_by(self) -> list[dict[str, Any]]:
        """The VMs holding the unit back (not supported or unknown), by cloud service then VM name."""
        return self.held.of(self.code) if self.held is not None else []

    def to_dict(self) -> dict[str, Any]:
        return self.head_dict() | {"held_back_by": self.held_back_by}

    def head_dict(self) -> dict[str, Any]:
        """:meth:`to_dict` without its last key, ``held_back_by``."""
        return {
            "unit": self.unit, "kind": self.kind, "verdict": self.verdict, "can_move_whole": self.can_move_whole,
            "vm_count": self.vm_count, "counts": self.counts,
        }  # fmt: skip


@dataclass(frozen=True)
class VmKind:
    """What VMs of the same kind share: the verdict, the rules that fired, the fields that left it unknown."""

    verdict: str
    rules: list[str]
    unknown_fields: list[str]


@dataclass(frozen=True)
class TriageResult:
    """Every VM's verdict, findings and ARM size; every unit; the advisories of the import."""

    vms: pd.DataFrame  # identity columns, verdict, rules (list of ids), unknown_fields (list), arm_size (current), unit
    rules: dict[str, TriageRule]
    units: list[UnitResult]
    advisories: tuple[Advisory, ...]
    # Each distinct classic size (as written) -> its current and like-for-like size, facts and lifecycle notes.
    sizes: Mapping[str, SizeChoice] = field(default_factory=dict)
    judgement: Judgement | None = None
    # Where Microsoft's sources disagree about what a rule or advisory describes, by id (knowledge/disagreements.yaml).
    disputes: Mapping[str, Disagreement] = field(default_factory=dict)
    # What the key dates mean for the verdicts (e.g. that a "tool ready" verdict is historical).
    verdict_notes: tuple[str, ...] = ()
    # Each VM's kind (index into ``kinds``, one per row of ``vms``): what the JSON is built from, a kind at a time.
    kinds: tuple[VmKind, ...] = ()
    kind_codes: np.ndarray | None = None
    # The rows of ``vms`` holding their unit back, in the order the units list them (units in order, then each
    # unit's VMs by cloud service and name): what the units' JSON is built from, without a dict per VM.
    held_rows: np.ndarray | None = None

    def verdict_counts(self) -> dict[str, int]:
        counts = self.vms["verdict"].value_counts()
        return {verdict: int(counts.get(verdict, 0)) for verdict in VERDICTS}

    @cached_property
    def _rule_counts(self) -> pd.Series:
        """How many VMs each fired rule marks (shared by the summary's parts): from the VMs of each kind, or one
        pass over the rule lists of a hand-built result."""
        if self.kind_codes is None or len(self.kind_codes) != len(self.vms):
            return self.vms["rules"].explode().dropna().value_counts()
        per_kind = np.bincount(self.kind_codes, minlength=len(self.kinds)).tolist()
        counts: dict[str, int] = {}
        for kind, vms in zip(self.kinds, per_kind, strict=True):
            for rule_id in kind.rules if vms else ():
                counts[rule_id] = counts.get(rule_id, 0) + vms
        return pd.Series(counts, dtype="int64")

    def top_blockers(self, limit: int = 10) -> list[Blocker]:
        """Rules by how many VMs they hold back (not_supported rules first, then the most VMs)."""
        exploded = self._rule_counts
        rows = [
            Blocker(rule=rule_id, title=self.rules[rule_id].title, verdict=self.rules[rule_id].verdict,
                    vms=int(count))
            for rule_id, count in zip(exploded.index.tolist(), exploded.tolist(), strict=True)
        ]  # fmt: skip
        rows.sort(key=lambda row: (row["verdict"] != "not_supported", -row["vms"], row["rule"]))
        return rows[:limit]

    def size_summary(self) -> list[dict[str, Any]]:
        """One row per distinct classic size: how many VMs, its like-for-like and current size with their facts."""
        counts = self.vms["size"].fillna("").value_counts()
        return [
            {**self.sizes[size].to_dict(), "vms": int(count)}
            for size, count in sorted(
                zip(counts.index.tolist(), counts.tolist(), strict=True), key=lambda item: (-item[1], item[0])
            )
            if size in self.sizes
        ]

    def fired_rules(self) -> list[str]:
        """The ids of the rules that fired on at least one VM, in rule order."""
        fired = set(self._rule_counts.index.tolist())
        return [rule_id for rule_id in self.rules if rule_id in fired]

    def summary(self) -> TriageSummary:
        return {
            "vms": len(self.vms),
            "verdict_notes": list(self.verdict_notes),
            "lifecycle": self.judgement.to_dict() if self.judgement else None,
            "sizes": self.size_summary(),
            "verdicts": self.verdict_counts(),
            "units": len(self.units),
            "units_movable_whole": sum(1 for unit in self.units if unit.can_move_whole),
            "top_blockers": self.top_blockers(),
            "advisories": [self._advisory(a) for a in self.advisories],
            # The findings of this import about which Microsoft's sources disagree: every claim with its sources.
            "sources_disagree": [
                self._disputed_finding(rule_id) for rule_id in self.fired_rules() if rule_id in self.disputes
            ],
        }

    def vm_dicts(self) -> Iterator[dict[str, Any]]:
        """Each VM as contract §5 gives it, with its findings spelled out."""
        findings = {rule_id: self._finding(rule_id) for rule_id in self.rules}  # one shared dict per rule
        # One shared list of note dicts per distinct size, so 100,000 VMs cost one look-up each.
        notes = {size: [note.to_dict() for note in choice.notes] for size, choice in self.sizes.items()}
        like = {size: choice.like_for_like for size, choice in self.sizes.items()}
        columns = ["subscription_id", "cloud_service", "vm_name", "vnet", "verdict", "rules", "unknown_fields",
                   "arm_size", "size"]  # fmt: skip
        for subscription, service, name, vnet, verdict, rule_ids, unknown, arm, size in zip(
            *(self.vms[c].tolist() for c in columns), strict=True
        ):
            yield {
                "subscription_id": _plain(subscription), "cloud_service": service, "vm_name": name,
                "vnet": _plain(vnet), "verdict": verdict,
                "findings": [findings[rule_id] for rule_id in rule_ids],
                "unknown_fields": list(unknown), "arm_size": _plain(arm),
                "arm_size_like_for_like": like.get(size if isinstance(size, str) else ""),
                "lifecycle": notes.get(size if isinstance(size, str) else "", []),
            }  # fmt: skip

    def vms_json(self) -> Iterator[bytes | memoryview]:
        """The VMs as a JSON list's items (``", "``-separated UTF-8, a chunk of rows at a time): exactly
        ``json.dumps(vm, ensure_ascii=False)`` of each of :meth:`vm_dicts`, built column-wise
        (:mod:`advisor.triage.json_rows`) rather than a dict per VM. Chunks after the first start with ``", "``."""
        if self.kind_codes is None or len(self.kind_codes) != len(self.vms):  # a hand-built result: the slow way
            dumped = [json_rows.dumps(vm) for vm in self.vm_dicts()]
            if dumped:
                yield ", ".join(dumped).encode()
            return
        # Each rule's finding encoded once: a list's JSON is its items' JSON joined by ", " inside brackets.
        findings = {rule_id: json_rows.dumps(self._finding(rule_id)) for rule_id in self.rules}
        verdicts = {verdict: json_rows.dumps(verdict) for verdict in VERDICTS}
        kinds = [
            f'"verdict": {verdicts[kind.verdict]}, '
            f'"findings": [{", ".join(findings[rule_id] for rule_id in kind.rules)}], '
            f'"unknown_fields": {json_rows.dumps(kind.unknown_fields)}, '
            for kind in self.kinds
        ]
        written_sizes = json_rows.arrow_text(self.vms["size"]).fill_null("").dictionary_encode()
        size_codes = written_sizes.indices.to_numpy(zero_copy_only=False)
        sizes = [self._size_json(str(size)) for size in written_sizes.dictionary.to_pylist()]
        # The rest of each VM's object is its kind's text then its size's: one text per pair in use, one take.
        pair_codes, pair_kinds, pair_sizes = json_rows.fragment_codes(self.kind_codes, size_codes, len(sizes))
        tails = json_rows.texts(
            [kinds[kind] + sizes[size] for kind, size in zip(pair_kinds.tolist(), pair_sizes.tolist(), strict=True)]
        )
        pieces: list[json_rows.Piece] = []
        for key in ("subscription_id", "cloud_service", "vm_name", "vnet"):
            pieces += [
                ', "' if pieces else '{"',
                f'{key}": ',
                *json_rows.text_pieces(json_rows.arrow_chunks(self.vms[key])),
            ]
        pieces = json_rows.merged([*pieces, ", "])
        for number, rows in enumerate(json_rows.chunks(len(self.vms))):
            yield json_rows.rows_json(
                [*(json_rows.rows_of(piece, rows) for piece in pieces),
                 json_rows.taken(tails, pair_codes[rows])],
                first=number == 0,
            )  # fmt: skip

    def _size_json(self, size: str) -> str:
        """The size part of a VM's JSON (it ends the object), as :meth:`vm_dicts` spells it for this size."""
        choice = self.sizes.get(size)
        arm = choice.arm_size if choice is not None else None
        like = choice.like_for_like if choice is not None else None
        notes = [note.to_dict() for note in choice.notes] if choice is not None else []
        return (f'"arm_size": {json_rows.dumps(_plain(arm))}, "arm_size_like_for_like": {json_rows.dumps(like)}, '
                f'"lifecycle": {json_rows.dumps(notes)}}}')  # fmt: skip

    def units_json(self, batch_rows: int = UNITS_BATCH_ROWS) -> Iterator[bytes]:
        """The units as a JSON list's items, ``", "``-separated UTF-8 a batch of units at a time: exactly
        ``json.dumps(unit.to_dict(), ensure_ascii=False)`` of each unit. The VMs holding a unit back (most of an
        estate when its VNet facts are missing) are encoded column-wise like :meth:`vms_json`: a VM's cloud service
        and name escaped as whole columns, the rest of its entry one text per kind. A batch closes at the first unit
        boundary after ``batch_rows`` held-back VMs, so a million-VM estate is never one text. Batches after the
        first start with ``", "``."""
        if self.held_rows is None or self.kind_codes is None or len(self.kind_codes) != len(self.vms):
            dumped = [json_rows.dumps(unit.to_dict()) for unit in self.units]  # a hand-built result: the slow way
            if dumped:
                yield ", ".join(dumped).encode()
            return
        counts = [unit.held_count for unit in self.units]
        ends = np.cumsum(counts).tolist()
        kinds = json_rows.texts([
            f'"verdict": {json_rows.dumps(kind.verdict)}, "rules": {json_rows.dumps(kind.rules)}, '
            f'"unknown_fields": {json_rows.dumps(kind.unknown_fields)}}}'
            for kind in self.kinds
        ])  # fmt: skip
        names = json_rows.arrow_text(self.vms["vm_name"])
        services = json_rows.arrow_text(self.vms["cloud_service"])
        first_unit = 0
        while first_unit < len(self.units):
            last_unit, start = first_unit, ends[first_unit] - counts[first_unit]
            while last_unit + 1 < len(self.units) and ends[last_unit] - start < batch_rows:
                last_unit += 1
            rows = self.held_rows[start : ends[last_unit]]
            taken = pa.array(rows, type=pa.int64())
            text, offsets = json_rows.joined_rows(json_rows.merged([
                ', {"vm_name": ', *json_rows.text_pieces(names.take(taken)),
                ', "cloud_service": ', *json_rows.text_pieces(services.take(taken)), ", ",
                json_rows.taken(kinds, self.kind_codes[rows]),
            ]))  # fmt: skip
            parts: list[bytes | memoryview] = [b", "] if first_unit else []
            for number in range(first_unit, last_unit + 1):
                unit = self.units[number]
                head = unit.head_dict()  # held_back_by is the last key: the object is closed after the list
                begin, end = ends[number] - counts[number] - start, ends[number] - start
                parts += [
                    b", " if number > first_unit else b"",
                    json_rows.dumps(head)[:-1].encode(), b', "held_back_by": [',
                    text[offsets[begin] + 2 : offsets[end]] if end > begin else b"", b"]}",
                ]  # fmt: skip
            yield b"".join(parts)
            first_unit = last_unit + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "units": [unit.to_dict() for unit in self.units],
            "vms": list(self.vm_dicts()),
        }

    def _disputed_finding(self, rule_id: str) -> DisputedFinding:
        described = {"rule": rule_id, "title": self.rules[rule_id].title, **disagreement_dict(self.disputes[rule_id])}
        return cast(DisputedFinding, described)

    def _advisory(self, advisory: Advisory) -> AdvisoryNote:
        note = AdvisoryNote(rule=advisory.id, title=advisory.title, message=advisory.message,
                            workaround=advisory.workaround, checkable_from_inventory=False)  # fmt: skip
        disputed = self.disputes.get(advisory.id)
        if disputed is not None:
            note["sources_disagree"] = disagreement_dict(disputed)
        return note

    def _finding(self, rule_id: str) -> dict[str, Any]:
        rule = self.rules[rule_id]
        return {"rule": rule.id, "behaviour": rule.behaviour, "message": rule.message, "workaround": rule.workaround,
                **self._disputed(rule_id)}  # fmt: skip

    def _disputed(self, rule_id: str) -> dict[str, Any]:
        """``sources_disagree`` with every claim and its sources, where Microsoft's pages disagree about the rule."""
        disputed = self.disputes.get(rule_id)
        return {"sources_disagree": disagreement_dict(disputed)} if disputed is not None else {}


def triage(
    vms: pd.DataFrame, vnet_facts: pd.DataFrame | None, rules: TriageRules, judgement: Judgement | None = None
) -> TriageResult:
    """Evaluate every rule over ``vms`` (canonical columns) with the optional VNet facts; sizes as of ``judgement``
    (default: today and the knowledge's horizon)."""
    evaluator = Evaluator(vms, vnet_facts)
    size = len(vms)
    # One column per rule, filled rule by rule; the per-field masks are kept packed (a bit per VM): at a million
    # VMs the rules' own arrays would otherwise be a few hundred MB held at once.
    fires = np.zeros((size, len(rules.rules)), dtype=bool)
    undetermined = np.zeros((size, len(rules.rules)), dtype=bool)
    packed_fields: list[list[tuple[str, np.ndarray]]] = []
    for column, rule in enumerate(rules.rules):
        outcome = evaluator.rule(rule)
        fires[:, column], undetermined[:, column] = outcome.fires, outcome.undetermined
        packed_fields.append([(name, np.packbits(mask)) for name, mask in outcome.unknown_by_field])
        del outcome
    evaluator.forget()
    severity = np.array([_SEVERITY[rule.verdict] for rule in rules.rules], dtype=np.int8)
    known = (fires * severity).max(axis=1, initial=0)  # int8: a byte per VM and rule
    worsening = undetermined & (severity[None, :] > known[:, None])
    del undetermined
    not_supported = _SEVERITY["not_supported"]
    level = np.where(known == not_supported, known, np.where(worsening.any(axis=1), _SEVERITY["unknown"], known))
    is_unknown = level == _SEVERITY["unknown"]

    lacking: dict[str, np.ndarray] = {}
    for column, fields in enumerate(packed_fields):
        for name, packed in fields:
            mask = np.unpackbits(packed, count=size).astype(bool)
            counted = mask & worsening[:, column] & is_unknown
            lacking[name] = lacking[name] | counted if name in lacking else counted
    del worsening, packed_fields
    names = sorted(lacking)
    lacking_matrix = np.column_stack([lacking[n] for n in names]) if names else np.zeros((size, 0), dtype=bool)
    rule_ids = [rule.id for rule in rules.rules]
    kinds, codes = _kinds(fires, rule_ids, lacking_matrix, names, level)

    advice = rules.size_advice(judgement)
    # Each distinct size (as written, unknown as "") judged once; its ARM size spread by the codes.
    written = json_rows.arrow_text(vms["size"]).fill_null("").dictionary_encode()
    choices = {size: advice.choose(size) for size in written.dictionary.to_pylist()}
    arm_sizes = np.array([np.nan if c.arm_size is None else c.arm_size for c in choices.values()], dtype=object)
    # Text columns stay as the inventory has them (Arrow strings), not a Python object per cell: a
    # 1,000,000-VM estate would otherwise hold six million Python strings here.
    result = pd.DataFrame(
        {
            "subscription_id": vms["subscription_id"].array,
            "cloud_service": vms["cloud_service"].array,
            "vm_name": vms["vm_name"].array,
            "vnet": vms["vnet"].array,
            "size": vms["size"].array,
            "os_type": vms["os_type"].array,
            "verdict": np.array([kind.verdict for kind in kinds], dtype=object)[codes],
            # one shared list per kind (treat as read-only): an estate has a few hundred kinds, not a million
            "rules": _per_row([kind.rules for kind in kinds], codes),
            "unknown_fields": _per_row([kind.unknown_fields for kind in kinds], codes),
            "arm_size": arm_sizes[written.indices.to_numpy(zero_copy_only=False)],  # NaN where none, as map gave
        },
        copy=False,  # the inventory's columns are shared, not copied
    )
    keys = _unit_keys(result, evaluator.in_vnet)
    result["unit"] = pd.array(keys.names, dtype="string").take(keys.codes)
    result["unit_kind"] = np.array(keys.kinds, dtype=object)[keys.codes]
    units, held_rows = _units(result, keys, level)
    return TriageResult(
        vms=result,
        rules={rule.id: rule for rule in rules.rules},
        units=units,
        advisories=rules.advisories,
        sizes=choices,
        judgement=advice.view.judgement if advice.view is not None else None,
        disputes=rules.disputes,
        verdict_notes=rules.verdict_notes,
        kinds=tuple(kinds),
        kind_codes=codes,
        held_rows=held_rows,
    )


def _kinds(
    fires: np.ndarray, rule_ids: list[str], lacking: np.ndarray, names: list[str], level: np.ndarray
) -> tuple[list[VmKind], np.ndarray]:
    """The distinct (verdict, rules fired, unknown fields) of the estate, and each VM's index among them."""
    size = len(level)
    levels = np.zeros((size, len(VERDICTS)), dtype=bool)
    levels[np.arange(size), level] = True
    matrix = np.concatenate([levels, fires, lacking], axis=1)
    packed = np.ascontiguousarray(np.packbits(matrix, axis=1))
    if packed.shape[1] <= 8:
        # Up to 64 bits a VM: the bytes as one big-endian integer sort exactly as the bytes do, and fast.
        wide = np.zeros((size, 8), dtype=np.uint8)
        wide[:, : packed.shape[1]] = packed
        keys = wide.view(">u8").ravel()
    else:
        keys = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    width, fired_width = len(VERDICTS), len(rule_ids)
    kinds = []
    for bits in matrix[first]:
        kinds.append(VmKind(
            VERDICTS[int(np.flatnonzero(bits[:width])[0])],
            [rule_ids[i] for i in np.flatnonzero(bits[width : width + fired_width])],
            [names[i] for i in np.flatnonzero(bits[width + fired_width :])],
        ))  # fmt: skip
    return kinds, inverse.ravel().astype(np.int32)


def _per_row(values: list[list[str]], codes: np.ndarray) -> list[list[str]]:
    return [values[code] for code in codes.tolist()]


@dataclass(frozen=True)
class _UnitKeys:
    """Each VM's unit as a code, and per code the unit's name (as first written) and kind."""

    codes: np.ndarray
    names: list[str]
    kinds: list[str]


def _unit_keys(result: pd.DataFrame, in_vnet: np.ndarray) -> _UnitKeys:
    """Each VM's unit: its VNet, else its cloud service. Names that differ only in case are one unit,
    shown as first written (the evaluator does not tell them apart either)."""
    vnet = json_rows.arrow_text(result["vnet"]).fill_null("")
    service = json_rows.arrow_text(result["cloud_service"]).fill_null("")
    names = pc.if_else(pa.array(in_vnet), vnet.cast(service.type), service)
    lowered = pc.utf8_lower(names) if pc.all(pc.string_is_ascii(names)).as_py() is not False else pa.array(
        [name.casefold() for name in names.to_pylist()], pa.large_string()
    )  # fmt: skip
    name_codes = lowered.dictionary_encode().indices.to_numpy(zero_copy_only=False).astype(np.int64)
    _, first, codes = np.unique(name_codes * 2 + in_vnet, return_index=True, return_inverse=True)
    written = names.take(pa.array(first)).to_pylist()
    kinds = ["vnet" if in_vnet[index] else "cloud_service" for index in first.tolist()]
    return _UnitKeys(codes.ravel(), written, kinds)


def _units(result: pd.DataFrame, keys: _UnitKeys, levels: np.ndarray) -> tuple[list[UnitResult], np.ndarray]:
    """One result per unit (by name), from whole-column operations and one pass over the VMs holding units back;
    and those VMs' rows in the order the units list them."""
    count = len(keys.names)
    counts = np.bincount(keys.codes * len(VERDICTS) + levels, minlength=count * len(VERDICTS))
    counts = counts.reshape(count, len(VERDICTS))
    ordered = sorted(range(count), key=lambda code: (keys.names[code], keys.kinds[code]))
    rank = np.empty(count, dtype=np.int64)
    rank[ordered] = np.arange(count)
    held, held_counts, held_rows = _held_back(result, keys, levels, rank)
    # Per unit: its worst verdict (the most severe with a VM) and whether it moves whole, as whole columns.
    present = counts > 0
    worst = len(VERDICTS) - 1 - np.argmax(present[:, ::-1], axis=1)
    can_move = np.where(
        counts[:, _SEVERITY["not_supported"]] > 0, 0, np.where(counts[:, _SEVERITY["unknown"]] > 0, 2, 1)
    )
    moves = (False, True, None)
    units = []
    for code in ordered:
        row = counts[code].tolist()
        units.append(
            UnitResult(str(keys.names[code]), str(keys.kinds[code]), sum(row), dict(zip(VERDICTS, row, strict=True)),
                       VERDICTS[worst[code]], moves[can_move[code]], held_counts[code], held, code)
        )  # fmt: skip
    return units, held_rows


def _held_back(
    result: pd.DataFrame, keys: _UnitKeys, levels: np.ndarray, rank: np.ndarray
) -> tuple[HeldBack, list[int], np.ndarray]:
    """Per unit code, the VMs holding it back (not supported or unknown), by cloud service then VM name (made on
    first use); how many per unit code; and their rows, units in ``rank`` order (the order the units are listed in)."""
    holding = np.flatnonzero(np.isin(levels, [_SEVERITY[verdict] for verdict in HOLDING_BACK]))
    held_counts = np.bincount(keys.codes[holding], minlength=len(keys.names)).tolist()
    if not len(holding):
        return HeldBack(dict), held_counts, holding
    rows = pa.array(holding)
    table = pa.table({
        "unit": pa.array(rank[keys.codes[holding]]),
        "cloud_service": json_rows.arrow_text(result["cloud_service"]).take(rows),
        "vm_name": json_rows.arrow_text(result["vm_name"]).take(rows),
    })  # fmt: skip
    # Stable, as pandas' sort was: VMs with the same service and name keep the inventory's order.
    order = pc.sort_indices(table, sort_keys=[("unit", "ascending"), ("cloud_service", "ascending"),
                                              ("vm_name", "ascending")])  # fmt: skip
    verdicts, rules, unknown = (result[c].to_numpy() for c in ("verdict", "rules", "unknown_fields"))
    codes = keys.codes

    def fill() -> dict[int, list[dict[str, Any]]]:
        held: dict[int, list[dict[str, Any]]] = {}
        with _cycles_not_collected():
            _fill_held(held, table, holding, order, codes, (verdicts, rules, unknown))
        return held

    return HeldBack(fill), held_counts, holding[order.to_numpy()]


@contextmanager
def _cycles_not_collected() -> Iterator[None]:
    """Python's cycle collection paused while tens of thousands of small dicts are made: they hold no cycle, and
    each collection would walk every object of the process again (it took most of this step's time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _fill_held(
    held: dict[int, list[dict[str, Any]]],
    table: pa.Table,
    holding: np.ndarray,
    order: pa.Array,
    codes: np.ndarray,
    columns: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    all_verdicts, all_rules, all_unknown = columns
    for start in range(0, len(order), _CHUNK):  # a chunk at a time: no million-item column lists at once
        chosen = order[start : start + _CHUNK]
        picked = holding[chosen.to_numpy()]
        units = codes[picked].tolist()
        names = table["vm_name"].take(chosen).to_pylist()
        services = table["cloud_service"].take(chosen).to_pylist()
        verdicts, rules, unknown = (column[picked].tolist() for column in (all_verdicts, all_rules, all_unknown))
        for unit, name, service, verdict, rule_ids, fields in zip(
            units, names, services, verdicts, rules, unknown, strict=True
        ):
            # the rule lists are shared with the VM rows (read-only), not copied per unit entry
            held.setdefault(unit, []).append(
                {"vm_name": name, "cloud_service": service, "verdict": verdict, "rules": rule_ids,
                 "unknown_fields": fields}
            )  # fmt: skip


def _plain(value: Any) -> Any:
    return None if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) else value
