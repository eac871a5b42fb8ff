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
from advisor.ui import identity, verdict_style
from advisor.ui.components import disagreement_view
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.safe_text import md
from advisor.ui.service_context import context

_VERDICT_COLOURS = verdict_style.COLOURS
_VERDICT_LABELS = verdict_style.LABELS


def render() -> None:
    st.title("Inventory")
    kb = knowledge_base()
    _key_dates(kb)
    estates = services.list_estates(context())
    with st.expander("⬆️ Import an inventory", expanded=not estates):
        _import_form([e.name for e in estates])
    if not estates:
        st.info("No inventory yet: import a file above. The canonical CSV template shows the columns.")
        return
    names = {e.id: e.name for e in estates}
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
    _vms(latest)
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
    )
    with st.form("import_inventory"):
        estate = st.text_input(
            "Estate",
            value=estate_names[0] if estate_names else "",
            placeholder="e.g. Contoso production",
            help="Imports of the same estate are compared with each other. Several files make one import.",
        )
        files = st.file_uploader(
            "Inventory files (canonical CSV, Resource Graph JSON or CSV, Get-AzureVM JSON or CSV)",
            accept_multiple_files=True,
            key="inventory_files",
        )
        vnets = st.file_uploader("VNet facts CSV (optional)", key="vnet_file")
        submitted = st.form_submit_button("Import and triage", type="primary")
    if submitted:
        _run_import(estate, files or [], vnets)


def _run_import(estate: str, files: list[UploadedFile], vnets: UploadedFile | None) -> None:
    if not identity.author():
        st.error("Enter your name in the sidebar first: every import records who made it.")
        return
    if not estate.strip():
        st.error("Name the estate the files belong to.")
        return
    if not files:
        st.error("Choose at least one inventory file.")
        return
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
            )
        except AdvisorError as exc:
            bar.empty()
            st.error(md("The import was refused; nothing was stored:\n" + "\n".join(str(p) for p in exc.problems)))
            return
    summary = outcome.summary
    st.success(f"Imported {summary.rows_read - summary.rows_skipped:,} VMs ({summary.rows_skipped:,} rows skipped).")


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
    left, right = st.columns(2)
    with left:
        st.markdown("**Verdicts**")
        counts = pd.DataFrame(
            {
                "verdict": [_VERDICT_LABELS[v] for v in VERDICTS],
                "VMs": [latest.verdict_counts.get(v, 0) for v in VERDICTS],
            }
        )
        st.bar_chart(counts, x="verdict", y="VMs", horizontal=True, sort=False, color="#0f6cbd", y_label="VMs")
    with right:
        st.markdown("**Top findings**")
        blockers = pd.DataFrame(latest.summary.get("top_blockers", []))
        if blockers.empty:
            st.caption("No findings.")
        else:
            blockers["finding"] = blockers["rule"] + " " + blockers["title"]
            st.bar_chart(blockers, x="finding", y="vms", horizontal=True, sort=False, color="#c62828", y_label="VMs")
    units = pd.DataFrame(
        [{"unit": u["unit"], **{_VERDICT_LABELS[v]: u["counts"].get(v, 0) for v in VERDICTS}} for u in latest.units]
    )
    if not units.empty:
        st.markdown("**Verdicts by migration unit** (the 30 largest)")
        units["total"] = units[[_VERDICT_LABELS[v] for v in VERDICTS]].sum(axis=1)
        top = units.nlargest(30, "total").drop(columns="total")
        st.bar_chart(
            top,
            x="unit",
            y=[_VERDICT_LABELS[v] for v in VERDICTS],
            horizontal=True,
            sort=False,
            y_label="VMs",
            color=[_VERDICT_COLOURS[v] for v in VERDICTS],
        )


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


def _vms(latest: ImportSummary) -> None:
    st.subheader("VMs")
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
    shown = vms.assign(
        verdict=vms["verdict"].map(_VERDICT_LABELS),
        rules=vms["rules"].map(", ".join),
        unknown_fields=vms["unknown_fields"].map(", ".join),
    )
    st.dataframe(shown.head(5000), hide_index=True, width="stretch")
    st.caption(f"{len(vms):,} VMs" + (" (the first 5,000 shown)" if len(vms) > 5000 else ""))
    blocked = services.import_vms(context(), latest.id, list(NEEDS_ANOTHER_HOME))
    if not blocked.empty:
        _start_questionnaires(latest.id, blocked)


def _start_questionnaires(import_id: int, blocked: pd.DataFrame) -> None:
    st.markdown(f"**{len(blocked):,} VMs the tool cannot move**: each needs another home.")
    if st.button(
        "Start the questionnaire for them",
        type="primary",
        help="Creates one workload per VM, linked to it, with the answers the inventory suggests.",
    ):
        if not identity.author():
            st.error("Enter your name in the sidebar first.")
            return
        keys = list(zip(blocked["cloud_service"], blocked["vm_name"], strict=True))
        try:
            started = services.start_workloads(context(), identity.actor(), import_id, keys)
        except AdvisorError as exc:
            st.error(md("; ".join(p.message for p in exc.problems)))
            return
        st.success(
            f"Created {len(started.created)} workloads"
            + (f"; {len(started.skipped)} already existed" if started.skipped else "")
            + ". Open them on the Workloads page: the answers the inventory suggests are marked “from inventory”."
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
