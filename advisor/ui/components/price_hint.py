"""The line shown where a price would be: which price sheet is in use, or how to get one (Settings page)."""

from __future__ import annotations

import streamlit as st

from advisor import services
from advisor.errors import StoreError
from advisor.ui.service_context import context


def caption() -> None:
    """One caption; a database fault only hides it (the page around it still works)."""
    try:
        text = services.prices_hint(context())
    except StoreError:
        return
    st.caption(f"💶 {text}")
