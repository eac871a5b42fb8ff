"""Where Microsoft's sources disagree, on the pages: every claim with its sources, and the claim the tool goes by.

The words and links come from the core (:mod:`advisor.knowledge.disagreements`); this component only lays them
out: a warning block beside a finding, a fact or an outcome, a short note for a table cell, and the key dates of
the classic retirement (with the claims beside a disputed date) for the Inventory page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from advisor import KnowledgeBase
from advisor.models.disagreements import Disagreement
from advisor.models.record import DecisionRecord
from advisor.services import KeyDateView, default_claim, key_dates, source_url

SOURCES_DISAGREE = "Sources disagree"


def cell_note(item: Disagreement | None) -> str:
    """A short note for a table cell: each claim's value with its sources' dates ("" when none disagree)."""
    if item is None:
        return ""
    claims = " · ".join(
        f"{claim.value} ({', '.join(source.dated.isoformat() for source in claim.sources)})" for claim in item.claims
    )
    return f"{SOURCES_DISAGREE}: {claims}"


def claims_markdown(item: Disagreement) -> str:
    """Every claim as a bullet: its value, what it says, its sources as links with their dates; then the default."""
    chosen = item.default.claim if item.default else None
    lines = []
    for claim in item.claims:
        sources = "; ".join(
            f"[{source.title}]({source_url(source)}), dated {source.dated.isoformat()}" for source in claim.sources
        )
        mark = " (the tool goes by this)" if claim.id == chosen else ""
        lines.append(f"- **{claim.value}**{mark}: {claim.says} Sources: {sources}.")
    picked = default_claim(item)
    if picked is not None and item.default is not None:
        lines.append(f"\nThe tool goes by “{picked.value}”: {item.default.why}")
    return "\n".join(lines)


def block(item: Disagreement | None, heading: str | None = None) -> None:
    """The disagreement as a warning: what the sources disagree on, every claim and source, and the default."""
    if item is None:
        return
    title = heading or item.topic
    st.warning(f"**{SOURCES_DISAGREE}: {title}**\n\n{claims_markdown(item)}", icon="⚖️")


def findings(summary: Mapping[str, Any]) -> None:
    """The findings of an import about which Microsoft's sources disagree (from the stored triage summary)."""
    for item in summary.get("sources_disagree", []):
        _finding(item)


def _finding(item: Mapping[str, Any]) -> None:
    chosen = (item.get("default") or {}).get("claim")
    lines = []
    for claim in item["claims"]:
        sources = "; ".join(f"[{s['title']}]({s['url']}), dated {s['dated']}" for s in claim["sources"])
        mark = " (the tool goes by this)" if claim["id"] == chosen else ""
        lines.append(f"- **{claim['value']}**{mark}: {claim['says']} Sources: {sources}.")
    if item.get("default"):
        lines.append(f"\nThe tool goes by “{item['default']['value']}”: {item['default']['why']}")
    st.warning(
        f"**{SOURCES_DISAGREE} on finding {item['rule']} ({item['title']})**: {item['topic']}\n\n" + "\n".join(lines),
        icon="⚖️",
    )


def key_dates_block(kb: KnowledgeBase, verdict_help: Sequence[tuple[str, str]]) -> None:
    """The headline dates of the classic retirement (disputed ones with the other claimed dates), what the dates
    mean for the verdicts, and every key date with its source and claims; then what each verdict means."""
    dates = key_dates(kb)
    headline = " · ".join(_headline(d) for d in dates if d.headline)
    notes = " ".join(d.verdict_note for d in dates if d.verdict_note)
    st.info(f"{headline}. {notes}".strip(), icon="📅")
    with st.expander("Key dates, and what each verdict means"):
        for key_date in dates:
            st.markdown(f"- **{key_date.date.isoformat()}**: {key_date.event} ([source]({_link(key_date)}))")
            block(key_date.disagreement)
        st.markdown("\n".join(f"- **{label}**: {text}" for label, text in verdict_help))


def _headline(key_date: KeyDateView) -> str:
    text = f"{key_date.title} on {key_date.date.isoformat()}"
    if key_date.disagreement is None:
        return text
    others = [c.value for c in key_date.disagreement.claims if c.value != key_date.date.isoformat()]
    return f"{text} ({SOURCES_DISAGREE.lower()}: other pages say {' or '.join(others)})"


def _link(key_date: KeyDateView) -> str:
    if key_date.source.startswith("https://"):
        return key_date.source
    repository, path = key_date.source.split(":", 1)
    return f"https://github.com/{repository}/blob/main/{path}"


def relied_inputs(disputed: Sequence[Disagreement], key: str) -> None:
    """Inside a sign-off form: for each disagreement the record touches, which claim the board relies on (none
    chosen at first: the tool's default stands unless the board picks one)."""
    for item in disputed:
        chosen = item.default.claim if item.default else None
        labels = {c.id: c.value + (" (the tool goes by this)" if c.id == chosen else "") for c in item.claims}
        st.selectbox(
            f"{SOURCES_DISAGREE}: {item.topic}. Which claim does the board rely on?",
            list(labels),
            index=None,
            format_func=labels.__getitem__,
            placeholder="Not settled here: the tool's default stands",
            key=f"{key}::{item.id}",
        )


def relied_choices(disputed: Sequence[str], key: str) -> dict[str, str]:
    """What :func:`relied_inputs` holds for the disagreement ids ``disputed``: id -> the claim id picked."""
    picked = {ident: st.session_state.get(f"{key}::{ident}") for ident in disputed}
    return {disagreement: str(claim) for disagreement, claim in picked.items() if claim}


def relied_note(record: DecisionRecord) -> None:
    """On a record: the claims the review board relied on when it signed off, if it settled any."""
    if record.relied_on:
        lines = "\n".join(f"- {claim.topic}: **{claim.value}**" for claim in record.relied_on)
        st.markdown(f"Where Microsoft's sources disagree, the review board relied on:\n{lines}")
