"""The services' context (the database and the knowledge base), opened once per server process, and how a
database fault is shown to users."""

from __future__ import annotations

import streamlit as st

from advisor.errors import StoreError
from advisor.services import ServiceContext, database_url, open_context
from advisor.ui.knowledge_cache import knowledge_base


@st.cache_resource(show_spinner="Opening the database…")
def _open_context(url: str) -> ServiceContext:
    ctx = open_context(url, kb=knowledge_base())
    ctx.database.check()  # an unreachable PostgreSQL or unusable file is reported at start, not on first save
    return ctx


def context() -> ServiceContext:
    """The shared context; on a fault, a clear message and the page stops (nothing is lost)."""
    try:
        return _open_context(database_url())
    except StoreError as exc:
        _open_context.clear()  # try again on the next run instead of caching the failure
        st.error(f"The database cannot be used: {exc.problems[0].message}", icon="🛑")
        st.caption("Check ADVISOR_DATABASE_URL (or the data folder) and reload the page. Nothing was changed.")
        st.stop()
        raise  # st.stop() raises; this keeps type checkers sure the function never returns None
