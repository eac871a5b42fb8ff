"""The knowledge base, loaded once per server process and shared read-only by every session."""

from __future__ import annotations

import streamlit as st

from advisor import KnowledgeBase, load_knowledge


@st.cache_resource(show_spinner="Loading knowledge…")
def knowledge_base() -> KnowledgeBase:
    # Frozen models and a frozen graph: safe to share across sessions.
    return load_knowledge()
