"""The result of a complete walk: the service, its conditions and conflicts, and every candidate's fit."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from advisor import KnowledgeVersion, Recommendation
from advisor.render import FIT_LABELS, candidate_rows

_FIT_ICONS = {"fit": "✅", "fit_with_effort": "🟡", "unknown": "❔", "no_fit": "⛔"}


def render(version: KnowledgeVersion, result: Recommendation) -> None:
    assert result.service is not None
    outcome = version.outcomes[result.service]
    service = version.services[result.service]
    with st.container(border=True):
        st.subheader(f"Recommended: {outcome.label}")
        st.write(outcome.help)
        if outcome.inferred:
            st.info(f"Our modeling choice: {outcome.inference_note}", icon="ℹ️")
        links = st.columns(2)
        links[0].link_button("Microsoft Learn", service.entry.learn_url, use_container_width=True)
        pricing = getattr(service.entry, "pricing_url", None)
        if pricing:
            links[1].link_button("Pricing", pricing, use_container_width=True)
    if result.conflicts:
        alternative = version.services[result.best_alternative].name if result.best_alternative else None
        st.error(
            "Your requirements rule the tree's outcome out:\n\n"
            + "\n".join(f"- {conflict}" for conflict in result.conflicts)
            + (f"\n\n**Best alternative: {alternative}**" if alternative else "\n\nNo other candidate fits either.")
        )
    if result.conditions:
        st.markdown("**Conditions**")
        st.markdown("\n".join(f"- {condition}" for condition in result.conditions))
    st.metric(
        "Confidence",
        f"{result.confidence:.0%}",
        help="Share of the requirement questions answered (a “don't know” counts as unanswered).",
    )
    if result.candidates:
        st.markdown("**Every candidate**")
        frame = pd.DataFrame(candidate_rows(version, result))
        frame["Fit"] = [f"{_FIT_ICONS[fit]} {FIT_LABELS[fit]}" for fit in frame.pop("fit")]
        st.dataframe(frame, hide_index=True, use_container_width=True)
    st.caption(
        f"Knowledge version {version.id} ({version.manifest.date}). The tree proposes a candidate: "
        "check it against your requirements, limits and cost before you decide."
    )
