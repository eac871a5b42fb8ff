"""The result of a complete walk: the recommended service, what it is, and the path that led there."""

from __future__ import annotations

import streamlit as st

from advisor import KnowledgeVersion, Recommendation


def render(version: KnowledgeVersion, result: Recommendation) -> None:
    assert result.service is not None
    outcome = version.outcomes[result.service]
    with st.container(border=True):
        st.subheader(f"Recommended: {outcome.label}")
        st.write(outcome.help)
        if outcome.inferred:
            st.info(f"Our modeling choice: {outcome.inference_note}", icon="ℹ️")
        st.link_button("Read about it on Microsoft Learn", outcome.source)
    st.caption(
        f"Knowledge version {version.id} ({version.manifest.date}). The tree proposes a candidate: "
        "check it against your requirements, limits and cost before you decide."
    )
