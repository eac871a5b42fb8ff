"""Importing an estate's inventory end to end, and turning its VMs into workloads.

:func:`import_estate` reads the files (formats detected by content), triages them, stores the
import with its date, and reports what changed since the estate's previous import.
:func:`start_workloads` creates a workload per chosen VM, linked to it, with a first record
version holding the answers the inventory suggests (marked "from inventory", never silent).
Both are the one path the web page and tests use; neither imports Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.decide.record_builder import build_record
from advisor.decide.suggestions import suggest
from advisor.errors import AdvisorError
from advisor.inventory.reader import read_inventory, read_vnet_facts
from advisor.knowledge.assembly import KnowledgeBase
from advisor.models.record import VmLink
from advisor.triage.verdicts import triage

Progress = Callable[[float, str], None]
# Contract §7: "The questionnaire starts here": the VMs whose verdict sends them to another home.
NEEDS_ANOTHER_HOME: tuple[str, ...] = ("not_supported",)


@dataclass(frozen=True)
class ImportOutcome:
    summary: Any  # the store's ImportSummary
    diff: Any | None  # the store's ImportDiff against the previous import, if any


def import_estate(
    store: Any,
    kb: KnowledgeBase,
    estate: str,
    files: Sequence[Path],
    vnet_file: Path | None,
    author: str,
    *,
    names: Sequence[str] | None = None,
    vnet_name: str | None = None,
    max_bytes: int | None = None,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Read, triage and store one import of ``estate``; raise on a file that cannot be read."""
    report = progress or (lambda _share, _what: None)
    report(0.05, "Reading the inventory…")
    inventory = read_inventory(files, names, max_bytes=max_bytes)
    facts = read_vnet_facts(vnet_file, vnet_name, max_bytes=max_bytes) if vnet_file else None
    report(0.45, f"Triaging {len(inventory.vms):,} VMs…")
    result = triage(inventory.vms, facts.frame if facts else None, kb.triage)
    report(0.7, "Saving the import…")
    summary = store.save_import(estate, inventory, facts, result, author)
    report(0.95, "Comparing with the previous import…")
    diff = store.latest_diff(summary.estate_id)
    report(1.0, "Done.")
    return ImportOutcome(summary, diff)


@dataclass(frozen=True)
class StartedWorkloads:
    created: list[str]
    skipped: list[str]  # names that already exist
    unsaved: list[str]  # created, but the suggested answers could not be saved (with why)


def start_workloads(
    store: Any, kb: KnowledgeBase, import_id: int, keys: Sequence[tuple[str, str]], author: str
) -> StartedWorkloads:
    """A workload per VM (``cloud_service/vm_name``), linked to it, with the suggested answers saved."""
    vms = store.import_vms(import_id)
    canonical = store.import_canonical(import_id, keys)
    facts = store.import_vnet_facts(import_id)
    suggestions = suggest(kb.prefill, canonical, facts)
    verdicts = {(row.cloud_service, row.vm_name): row for row in vms.itertuples()}
    created: list[str] = []
    skipped: list[str] = []
    unsaved: list[str] = []
    for (service, name), answers in zip(
        zip(canonical["cloud_service"], canonical["vm_name"], strict=True), suggestions, strict=True
    ):
        label = f"{service}/{name}"
        if store.find_workload(label) is not None:
            skipped.append(label)
            continue
        vm = verdicts.get((service, name))
        vnet = vm.vnet if vm is not None and isinstance(vm.vnet, str) and vm.vnet else None
        context = (
            f"Classic VM {name} in cloud service {service}"
            + (f", VNet {vnet}" if vnet else "")
            + (f". Migration tool verdict: {vm.verdict} ({', '.join(vm.rules)})." if vm is not None else ".")
        )
        workload = store.create_workload(
            label, owner=author, context=context, vm_links=[VmLink(cloud_service=service, vm_name=name)]
        )
        try:
            record = build_record(
                kb,
                workload=workload,
                answers=answers,
                knowledge_version=None,
                author=author,
                version=1,
                change="answers suggested by the inventory",
            )
            store.append_record(record)
        except AdvisorError as exc:  # the workload exists and is linked; answers can be given by hand
            unsaved.append(f"{label}: {exc.problems[0].message}")
        created.append(label)
    return StartedWorkloads(created, skipped, unsaved)
