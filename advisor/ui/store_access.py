"""The store, opened once per server process, and how a store fault is shown to users."""

from __future__ import annotations

import streamlit as st

from advisor.errors import StoreError
from advisor.store import Store, database_url


@st.cache_resource(show_spinner="Opening the database…")
def _open_store(url: str) -> Store:
    store = Store(url)
    store.check()  # an unreachable PostgreSQL or unusable file is reported at start, not on first save
    return store


def store() -> Store:
    """The shared store; on a fault, a clear message and the page stops (nothing is lost)."""
    try:
        return _open_store(database_url())
    except StoreError as exc:
        _open_store.clear()  # try again on the next run instead of caching the failure
        st.error(f"The database cannot be used: {exc.problems[0].message}", icon="🛑")
        st.caption("Check ADVISOR_DATABASE_URL (or the data folder) and reload the page. Nothing was changed.")
        st.stop()
        raise  # st.stop() raises; this keeps type checkers sure the function never returns None
