"""Re-evaluate page: re-run every latest record under another knowledge version, without saving a record; list
what would change (outcome, fits, conditions, questions that newly need an answer, contract §2); supersede
the records the board selects in one step; and flag the lifecycle entries (past or within the horizon)
touching each record's chosen service.

Each run is stored (who ran it, when, under which version, and the records it found changed): the Board's
"stale" filter reads the latest run, so every user sees the same.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from advisor import KnowledgeBase, KnowledgeVersion, services
from advisor.decide.reason_words import Words, reworded
from advisor.decide.wording import FIT_LABELS
from advisor.errors import AdvisorError
from advisor.services import Reevaluation, ReevaluationReport
from advisor.ui import forms, identity, lifecycle_setting, permits
from advisor.ui.knowledge_cache import knowledge_base
from advisor.ui.safe_text import md
from advisor.ui.service_context import context

_RESULTS = "reevaluation_run"
_REPORT = "supersede_report"
_TABLE = "reevaluation_table"
_GENERATION = "reevaluation_generation"


def render() -> None:
    st.title("Re-evaluate")
    st.caption(
        "Re-run every record's answers against another knowledge version. Nothing is saved until you supersede "
        "the records you select: each then gets a new version under that knowledge version."
    )
    kb = knowledge_base()
    ids = list(kb.versions)
    target = st.selectbox("Target knowledge version", ids, index=ids.index(kb.default_version), key="reeval_target")
    why = permits.blocked("reevaluate")
    st.button("Re-evaluate every record", type="primary", on_click=_run, args=(target,), disabled=bool(why), help=why)
    _report()
    run: ReevaluationReport | None = st.session_state.get(_RESULTS)
    if run is None or run.target != target:
        st.info(f"Press “Re-evaluate every record” to see what {target} would change. Nothing is saved.")
        return
    _summary(run, kb)
    _changed(run, kb)
    _touched(run, target)
    _flags(run)


def _run(target: str) -> None:
    try:  # the run is stored: the Board's "stale" filter reads it, for every user
        report = services.run_reevaluation(context(), identity.actor(), target, lifecycle_setting.judgement())
    except AdvisorError as exc:
        st.session_state[_REPORT] = ("error", exc.messages())
        return
    st.session_state[_RESULTS] = report
    # A new table key: the rows ticked in the last list are not ticked in the new one.
    st.session_state[_GENERATION] = st.session_state.get(_GENERATION, 0) + 1


def still_incomplete(r: Reevaluation) -> bool:
    """Incomplete before and after: the re-run changes no outcome; its questions need answers first."""
    return r.before_status != "complete" and r.after_status is not None and r.after_status != "complete"


def _would_change(run: ReevaluationReport) -> list[Reevaluation]:
    return [r for r in run.changed if not still_incomplete(r)]


def _summary(run: ReevaluationReport, kb: KnowledgeBase) -> None:
    changed = _would_change(run)
    incomplete = [r for r in run.results if still_incomplete(r)]
    cells = st.columns(5)
    cells[0].metric("Records re-run", f"{len(run.results):,}")
    cells[1].metric("Would change", f"{len(changed):,}", help="Complete records whose outcome, fits or conditions "
                    "would differ, or that would stop at a question they never answered.")  # fmt: skip
    cells[2].metric("Still incomplete", f"{len(incomplete):,}", help="Incomplete now and under the target version: "
                    "answer their questions first.")  # fmt: skip
    cells[3].metric("Unchanged", f"{len(run.results) - len(changed) - len(incomplete):,}")
    cells[4].metric("Need a new answer", f"{sum(1 for r in changed if r.new_questions):,}")
    only = sorted({s for r in run.results for s in (*r.candidates_added, *r.candidates_removed)})
    if only:
        st.caption("Candidates only one of the versions has (they change every record alike, so on their own they "
                   f"do not count as a change): {', '.join(Words.from_kb(kb).service(s) for s in only)}.")  # fmt: skip


def _changed(run: ReevaluationReport, kb: KnowledgeBase) -> None:
    changed = _would_change(run)
    target = kb.version(run.target)
    _still_incomplete(run, kb, target)
    if not changed:
        st.success(f"No record would change under {run.target}.")
        return
    st.subheader(f"Records {run.target} would change")
    costs = services.reevaluation_costs(context(), changed)
    table = pd.DataFrame([_row(r, kb, target, costs.get((r.workload_id, r.version), "")) for r in changed])
    key = f"{_TABLE}::{st.session_state.get(_GENERATION, 0)}"
    event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="multi-row",
                         key=key)  # fmt: skip
    rows = [n for n in (event.selection.rows if event and event.selection else []) if n < len(changed)]
    every = st.toggle("Supersede every changed record", key="supersede_all")
    chosen = changed if every else [changed[n] for n in rows]
    # The button counts only what it will do: a record whose re-run stops at a question is not superseded.
    doable = [r for r in chosen if r.complete and r.error is None]
    left_out = len(chosen) - len(doable)
    st.button(
        f"Supersede {len(doable)} record{'' if len(doable) == 1 else 's'}",
        type="primary",
        disabled=not doable or bool(permits.blocked("supersede")),
        on_click=_supersede,
        args=(doable, run.target),
        help=permits.blocked("supersede")
        or "A new version under the target knowledge version for each, linked to the version it supersedes.",
    )
    if left_out:
        st.caption(
            f"{left_out} selected record{' stops' if left_out == 1 else 's stop'} at a question under {run.target} "
            "and cannot be superseded: answer it on the Questionnaire first."
        )
    st.caption("Select rows in the table (or turn on the toggle), then supersede them in one step.")


def _still_incomplete(run: ReevaluationReport, kb: KnowledgeBase, target: KnowledgeVersion) -> None:
    incomplete = [r for r in run.results if still_incomplete(r)]
    if not incomplete:
        return
    with st.expander(f"Still incomplete ({len(incomplete)}): answer their questions first"):
        st.caption(f"Incomplete now and under {run.target}: re-running them changes no outcome; nothing to supersede.")
        rows = [(r.workload_name, r.version, _question(target, r.next_question) if r.next_question else "—")
                for r in incomplete]  # fmt: skip
        frame = pd.DataFrame(rows, columns=["Workload", "Version", f"Next question under {run.target}"])
        st.dataframe(frame, hide_index=True, width="stretch")


def _row(r: Reevaluation, kb: KnowledgeBase, target: KnowledgeVersion, cost: str = "") -> dict[str, object]:
    before = kb.versions.get(r.from_version)
    words = Words.from_kb(kb)
    return {
        "Workload": r.workload_name,
        "Version": r.version,
        "From": r.from_version,
        "Outcome now": _outcome(before, r.before_status, r.before_service),
        f"Under {r.target_version}": _outcome(target, r.after_status, r.after_service, r.next_question)
        if r.error is None else "—",
        "Estimated cost (chosen service)": cost or "—",
        "Fit changes": "; ".join(
            f"{_name(target, f.service)}: {FIT_LABELS.get(f.before, f.before)} → {FIT_LABELS.get(f.after, f.after)}"
            for f in r.fit_changes
        ),
        "Conditions added": "; ".join(reworded(c, words) for c in r.conditions_added),
        "Conditions removed": "; ".join(reworded(c, words) for c in r.conditions_removed),
        "New questions": "; ".join(_question(target, q) for q in r.new_questions),
        "Unused answers": "; ".join(words.question(q) for q in r.unused_questions),
        "Error": r.error or "",
    }  # fmt: skip


def _supersede(chosen: list[Reevaluation], target: str) -> None:
    if not identity.author():
        st.session_state[_REPORT] = ("error", "Enter your name in the sidebar first: every new version carries it.")
        return
    token = forms.token("supersede", target, [(r.workload_id, r.version) for r in chosen])
    try:
        result = services.supersede(context(), identity.actor(), chosen, target, token=token)
    except AdvisorError as exc:
        st.session_state[_REPORT] = ("error", "Nothing was saved: " + "; ".join(p.message for p in exc.problems))
        return
    st.session_state[_REPORT] = ("done", result)
    st.session_state.pop("supersede_all", None)
    _run(target)  # the list now reflects the new versions


def _report() -> None:
    report = st.session_state.pop(_REPORT, None)
    if report is None:
        return
    if report[0] == "error":
        st.error(md(report[1]))
        return
    result = report[1]
    st.success(f"Superseded {len(result.created)} records; skipped {len(result.skipped)}.")
    if result.created:
        created = [(r.workload_name, r.supersedes_version, r.version, r.knowledge_version, r.service or "")
                   for r in result.created]  # fmt: skip
        columns = ["Workload", "Superseded version", "New version", "Knowledge", "Service"]
        st.dataframe(pd.DataFrame(created, columns=columns), hide_index=True, width="stretch")
    if result.skipped:
        st.markdown("**Skipped**")
        skipped = pd.DataFrame([(s.workload_name, s.reason) for s in result.skipped], columns=["Workload", "Reason"])
        st.dataframe(skipped, hide_index=True, width="stretch")


def _touched(run: ReevaluationReport, target: str) -> None:
    """The records the current lifecycle revision touches, as a new knowledge version lists what it changes."""
    st.subheader(f"Lifecycle revision {run.lifecycle_revision}")
    if not run.touched:
        st.caption("Every record that lifecycle knowledge dates was saved under this lifecycle revision.")
        return
    st.caption(
        f"{len(run.touched):,} records were saved under another lifecycle revision (or before records kept one) and "
        "their chosen service is dated by it: their conditions and revisit-by date may be out of date. Superseding "
        f"one saves a new version under {target} and this lifecycle revision."
    )
    rows = [(t.workload_name, t.version, t.service_name, t.revision_then or "none kept",
             t.revisit_then.isoformat() if t.revisit_then else "—", t.revisit_now.isoformat() if t.revisit_now else "—")
            for t in run.touched]  # fmt: skip
    columns = ["Workload", "Version", "Service", "Saved under", "Revisit by then", "Revisit by now"]
    st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch")
    ids = [t.workload_id for t in run.touched]
    why = permits.blocked("supersede")
    st.button(f"Supersede these {len(ids)}", key="supersede_touched", on_click=_supersede_touched, args=(ids, target),
              disabled=bool(why), help=why)  # fmt: skip


def _supersede_touched(workload_ids: list[int], target: str) -> None:
    try:
        result = services.supersede(context(), identity.actor(), workload_ids, target)
    except AdvisorError as exc:
        st.session_state[_REPORT] = ("error", "Nothing was saved: " + "; ".join(p.message for p in exc.problems))
        return
    st.session_state[_REPORT] = ("done", result)
    _run(target)  # the lists now reflect the new versions


def _flags(run: ReevaluationReport) -> None:
    st.subheader("Lifecycle dates of the chosen services")
    if not run.flags:
        st.caption("No lifecycle entry, past or within the horizon, touches a record's chosen service.")
        return
    rows = [(f.workload_name, f.version, f.service_name, f.retirement_date,
             "already past" if f.status == "past" else "within the horizon", f.note or "", f.source)
            for f in run.flags]  # fmt: skip
    table = pd.DataFrame(rows, columns=["Workload", "Version", "Service", "Date", "When", "What", "Source"])
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"Source": st.column_config.LinkColumn(display_text="source")})  # fmt: skip


def _outcome(version: KnowledgeVersion | None, status: str | None, service: str | None, stop: str | None = None) -> str:
    if status == "complete" and service:
        return _name(version, service)
    words = Words.from_kb(knowledge_base())
    return f"incomplete (stops at “{words.question(stop)}”)" if stop else "incomplete"


def _name(version: KnowledgeVersion | None, service: str) -> str:
    view = version.services.get(service) if version else None
    return view.name if view else Words.from_kb(knowledge_base()).service(service)


def _question(version: KnowledgeVersion, question: str) -> str:
    return (
        version.questions[question].text
        if question in version.questions
        else Words.from_kb(knowledge_base()).question(question)
    )
