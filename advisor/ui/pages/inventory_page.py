"""Inventory page: import an estate's classic VMs, see the triage, and start workloads for the rest.

Upload one or more inventory files (any of the five formats, detected by content) and optionally
the VNet facts; the page shows what the platform migration tool can move, per VM and per unit,
what changed since the last import, and turns the VMs it cannot move into workloads.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.uploaded_file_manager import UploadedFile

from advisor import KnowledgeBase, services
from advisor.errors import AdvisorError
from advisor.inventory.template import canonical_template_csv
from advisor.services import NEEDS_ANOTHER_HOME, VERDICTS, ImportSummary
from advisor.ui import charts, forms, identity, permits, verdict_style
from advisor.ui.components import disagreement_view
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.safe_text import md
from advisor.ui.service_context import context

_VERDICT_COLOURS = verdict_style.COLOURS
_VERDICT_LABELS = verdict_style.LABELS
_IMPORT = "import_inventory"
_IMPORTED = "inventory_imported"


def render() -> None:
    st.title("Inventory")
    kb = knowledge_base()
    _key_dates(kb)
    imported = st.session_state.pop(_IMPORTED, None)
    if imported:
        st.success(md(imported), icon="✅")
    estates = services.list_estates(context())
    with st.expander("⬆️ Import an inventory", expanded=not estates or forms.has_errors(_IMPORT)):
        _import_form([e.name for e in estates])
    if not estates:
        st.info("No inventory yet: import a file above. The canonical CSV template shows the columns.")
        return
    names = {e.id: e.name for e in estates}
    if st.session_state.get("estate") not in names:
        st.session_state.pop("estate", None)
    estate_id = st.selectbox("Estate", list(names), format_func=names.__getitem__, key="estate")
    imports = services.list_imports(context(), estate_id)
    if not imports:
        return
    latest = imports[0]
    _summary(latest)
    _diff(estate_id)
    _charts(latest)
    disagreement_view.findings(latest.summary)
    _units(latest)
    _vms(latest, kb)
    _advisories(latest)


def _key_dates(kb: KnowledgeBase) -> None:
    help_texts = [(_VERDICT_LABELS[v], kb.triage.verdict_help.get(v, "")) for v in VERDICTS[::-1]]
    disagreement_view.key_dates_block(kb, help_texts)


def _import_form(estate_names: list[str]) -> None:
    st.download_button(
        "Download the canonical CSV template",
        canonical_template_csv(),
        file_name="classic-vm-inventory.csv",
        mime="text/csv",
        help="The canonical columns, then two optional ones: cpu_p95_percent and memory_p95_percent, CPU and memory "
        "use at the 95th percentile (0 to 100), which the cost estimates size the VM from. The other formats have no "
        "utilization: their VMs are sized as they are.",
    )
    with st.form(_IMPORT):
        forms.field_error(_IMPORT)
        estate = st.text_input(
            "Estate",
            value=estate_names[0] if estate_names else "",
            placeholder="e.g. Contoso production",
            help="Imports of the same estate are compared with each other. Several files make one import.",
        )
        forms.field_error(_IMPORT, "estate")
        files = st.file_uploader(
            "Inventory files (canonical CSV, Resource Graph JSON or CSV, Get-AzureVM JSON or CSV)",
            accept_multiple_files=True,
            key="inventory_files",
        )
        forms.field_error(_IMPORT, "files")
        vnets = st.file_uploader("VNet facts CSV (optional)", key="vnet_file")
        forms.field_error(_IMPORT, "vnets")
        why = permits.blocked("import_inventory")
        submitted = st.form_submit_button("Import and triage", type="primary", disabled=bool(why), help=why)
    if submitted:
        _run_import(estate, files or [], vnets)


def _run_import(estate: str, files: list[UploadedFile], vnets: UploadedFile | None) -> None:
    """Import once (the token covers the estate and these uploads), then show this import."""
    forms.clear(_IMPORT)
    if not identity.author():
        forms.refuse(_IMPORT, "", "Enter your name in the sidebar first: every import records who made it.")
    if not estate.strip():
        forms.refuse(_IMPORT, "estate", "Name the estate the files belong to.")
    if not files:
        forms.refuse(_IMPORT, "files", "Choose at least one inventory file.")
    if forms.has_errors(_IMPORT):
        st.rerun()  # the messages go beside their fields; what was chosen stays
    uploads = [upload.file_id for upload in files] + ([vnets.file_id] if vnets else [])
    token = forms.token(_IMPORT, estate.strip(), uploads)
    bar = st.progress(0.0, text="Uploading…")
    limit = int(st.get_option("server.maxUploadSize")) * 1024 * 1024
    with tempfile.TemporaryDirectory() as folder:
        paths = [_save(Path(folder), index, upload) for index, upload in enumerate(files)]
        vnet_path = _save(Path(folder), len(files), vnets) if vnets else None
        try:
            outcome = services.import_estate(
                context(),
                identity.actor(),
                estate.strip(),
                paths,
                vnet_path,
                names=[upload.name for upload in files],
                vnet_name=vnets.name if vnets else None,
                max_bytes=limit,
                progress=lambda share, what: _show_progress(bar, share, what),
                token=token,
            )
        except AdvisorError as exc:
            bar.empty()
            where = "vnets" if vnets and any(p.file == vnets.name for p in exc.problems) else "files"
            if all(p.ident == "estate" for p in exc.problems):
                where = "estate"
            lines = "\n".join(f"- {p}" for p in exc.problems)
            forms.refuse(_IMPORT, where, f"The import was refused; nothing was stored:\n{lines}")
            st.rerun()
    summary = outcome.summary
    st.session_state["estate"] = summary.estate_id  # show this import, even of a new estate
    st.session_state[_IMPORTED] = (
        f"Imported {summary.vm_count:,} VMs into estate {summary.estate} "
        f"({summary.rows_read:,} rows read, {summary.rows_skipped:,} skipped): shown below."
    )
    st.rerun()


def _save(folder: Path, index: int, upload: UploadedFile) -> Path:
    # Content decides the format, not the name: keep the bytes under a neutral name.
    path = folder / f"upload-{index}"
    path.write_bytes(upload.getbuffer())
    return path


def _summary(latest: ImportSummary) -> None:
    counts = latest.verdict_counts
    columns = st.columns(4)
    for column, verdict in zip(columns, VERDICTS[::-1], strict=True):
        column.metric(_VERDICT_LABELS[verdict], f"{counts.get(verdict, 0):,}")
    st.caption(
        md(
            f"Imported {latest.imported_at:%Y-%m-%d %H:%M} UTC by {latest.author}: {latest.rows_read:,} rows read, "
            f"{latest.rows_skipped:,} skipped, from {', '.join(latest.files)}."
        )
    )
    if latest.problems:
        with st.expander(f"Row problems ({latest.problem_count:,}): those rows or cells were skipped"):
            st.text("\n".join(latest.problems[:500]))


def _diff(estate_id: int) -> None:
    diff = services.latest_diff(context(), estate_id)
    if diff is None:
        return
    with st.expander(
        f"Since the previous import: {len(diff.added)} added, {len(diff.removed)} removed, "
        f"{len(diff.changed)} with a changed verdict"
    ):
        for title, rows in (("Added", diff.added), ("Removed", diff.removed), ("Verdict changed", diff.changed)):
            if rows:
                st.markdown(f"**{title}**")
                st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _charts(latest: ImportSummary) -> None:
    # Each chart the page's whole width: the findings' titles are long and shown whole.
    st.markdown("**Verdicts**")
    counts = pd.DataFrame(
        {
            "verdict": [_VERDICT_LABELS[v] for v in VERDICTS],
            "VMs": [latest.verdict_counts.get(v, 0) for v in VERDICTS],
        }
    )
    charts.bars(counts, "verdict", ["VMs"], ["#0f6cbd"], key="verdict_chart")
    st.markdown("**Top findings**")
    blockers = pd.DataFrame(latest.summary.get("top_blockers", []))
    if blockers.empty:
        st.caption("No findings.")
    else:
        blockers["finding"] = blockers["rule"] + " " + blockers["title"]
        charts.bars(blockers.rename(columns={"vms": "VMs"}), "finding", ["VMs"], ["#c62828"], key="findings_chart")
    units = pd.DataFrame(
        [{"unit": u["unit"], **{_VERDICT_LABELS[v]: u["counts"].get(v, 0) for v in VERDICTS}} for u in latest.units]
    )
    if not units.empty:
        st.markdown("**Verdicts by migration unit** (the 30 largest)")
        units["total"] = units[[_VERDICT_LABELS[v] for v in VERDICTS]].sum(axis=1)
        top = units.nlargest(30, "total").drop(columns="total")
        labels = [_VERDICT_LABELS[v] for v in VERDICTS]
        charts.bars(top, "unit", labels, [_VERDICT_COLOURS[v] for v in VERDICTS], key="unit_chart")


def _units(latest: ImportSummary) -> None:
    st.subheader("Migration units")
    st.caption("The tool moves a classic VNet, or a cloud service outside any VNet, whole or not at all.")
    rows = [
        {
            "Unit": u["unit"],
            "Kind": "VNet" if u["kind"] == "vnet" else "cloud service",
            "Moves whole": {True: "yes", False: "no", None: "unknown"}[u["can_move_whole"]],
            "Verdict": _VERDICT_LABELS[u["verdict"]],
            "VMs": u["vm_count"],
            "Held back by": ", ".join(
                f"{vm['vm_name']} ({', '.join(vm['rules']) or 'unknown'})" for vm in u["held_back_by"][:10]
            )
            + (" …" if len(u["held_back_by"]) > 10 else ""),
        }
        for u in latest.units
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


# The VM table's columns, verdict and findings first; the rest as stored.
_FIRST_COLUMNS = ["verdict", "findings", "vm_name", "cloud_service", "unit", "size", "arm_size", "os_type", "vnet"]


def _vms(latest: ImportSummary, kb: KnowledgeBase) -> None:
    st.subheader("VMs")
    st.caption("Each VM's verdict and the findings behind it come first; choose a VM below to read each finding.")
    left, middle, right = st.columns([2, 2, 3])
    verdicts = left.multiselect(
        "Verdict", VERDICTS, format_func=_VERDICT_LABELS.__getitem__, key="vm_verdicts", placeholder="all verdicts"
    )
    units = sorted({u["unit"] for u in latest.units})
    unit = middle.selectbox("Unit", units, index=None, key="vm_unit", placeholder="all units")
    search = right.text_input("Search", key="vm_search", placeholder="VM or cloud service name")
    vms = services.import_vms(context(), latest.id, verdicts or None)
    if unit:
        vms = vms[vms["unit"] == unit]
    if search:
        needle = search.casefold()
        vms = vms[
            vms["vm_name"].str.casefold().str.contains(needle, regex=False)
            | vms["cloud_service"].str.casefold().str.contains(needle, regex=False)
        ]
    titles = _finding_titles(kb)
    shown = vms.assign(
        verdict=vms["verdict"].map(_VERDICT_LABELS),
        findings=vms["rules"].map(lambda rules: "; ".join(f"{r} {titles.get(r, '')}".strip() for r in rules)),
        unknown_fields=vms["unknown_fields"].map(", ".join),
    ).drop(columns=["rules"])
    ordered = [c for c in _FIRST_COLUMNS if c in shown.columns] + [c for c in shown.columns if c not in _FIRST_COLUMNS]
    st.dataframe(shown[ordered].head(5000), hide_index=True, width="stretch")
    st.caption(f"{len(vms):,} VMs" + (" (the first 5,000 shown)" if len(vms) > 5000 else ""))
    _vm_details(vms.head(5000), kb)
    blocked = services.import_vms(context(), latest.id, list(NEEDS_ANOTHER_HOME))
    if not blocked.empty:
        _start_questionnaires(latest.id, blocked)


def _finding_titles(kb: KnowledgeBase) -> dict[str, str]:
    return {rule.id: rule.title for rule in kb.triage.rules}


def _vm_details(vms: pd.DataFrame, kb: KnowledgeBase) -> None:
    """One VM's verdict and each finding's message and workaround, in words."""
    if vms.empty:
        return
    keys = [f"{service}/{name}" for service, name in zip(vms["cloud_service"], vms["vm_name"], strict=True)]
    chosen = st.selectbox("Read a VM's findings", keys, index=None, key="vm_details", placeholder="Choose a VM")
    if chosen is None:
        return
    row = vms.iloc[keys.index(chosen)]
    rules = {rule.id: rule for rule in kb.triage.rules}
    with st.container(border=True):
        st.markdown(f"**{md(chosen)}**: {_VERDICT_LABELS[str(row['verdict'])]}")
        if not list(row["rules"]):
            st.caption("No finding: nothing in the inventory stops the tool from moving this VM.")
        for rule_id in row["rules"]:
            rule = rules.get(rule_id)
            if rule is None:
                st.markdown(f"**{md(rule_id)}**")
                continue
            st.markdown(f"**{rule.id} {md(rule.title)}** ({rule.behaviour.lower()})")
            st.markdown(f"{md(rule.message)}  \n*Workaround:* {md(rule.workaround)}")
        unknown = list(row["unknown_fields"])
        if unknown:
            st.caption(md("Not known from the inventory: " + ", ".join(unknown)))


def _start_questionnaires(import_id: int, blocked: pd.DataFrame) -> None:
    st.markdown(f"**{len(blocked):,} VMs the tool cannot move**: each needs another home.")
    keys = list(zip(blocked["cloud_service"], blocked["vm_name"], strict=True))
    why = permits.blocked("import_inventory") or permits.blocked("edit_workloads")
    if st.button(
        "Start the questionnaire for them",
        type="primary",
        disabled=bool(why),
        help=why or "Creates one workload per VM, linked to it, with the answers the inventory suggests.",
    ):
        if not identity.author():
            st.error("Enter your name in the sidebar first.")
            return
        try:
            token = forms.token(f"start_workloads::{import_id}", keys)
            started = services.start_workloads(context(), identity.actor(), import_id, keys, token=token)
        except AdvisorError as exc:
            st.error(md("; ".join(p.message for p in exc.problems)))
            return
        st.success(
            f"Created {len(started.created)} workloads"
            + (f"; {len(started.skipped)} already existed" if started.skipped else "")
            + ". Open them on the Workloads page: each question the inventory suggests an answer for is asked with "
            "the suggestion preselected and its reason; it counts once you confirm it."
        )
        for line in started.unsaved:
            st.warning(md(line))


def _advisories(latest: ImportSummary) -> None:
    advisories = latest.summary.get("advisories", [])
    if advisories:
        with st.expander(f"Not checkable from the inventory ({len(advisories)} advisories)"):
            st.caption(
                "These limits of the tool cannot be seen in an inventory; check them by hand. "
                "They never change a verdict."
            )
            for advisory in advisories:
                st.markdown(
                    f"**{advisory['rule']} {advisory['title']}**: {advisory['message']} "
                    f"*Workaround:* {advisory['workaround']}"
                )


def _show_progress(bar: DeltaGenerator, share: float, what: str) -> None:
    bar.progress(share, text=what)
