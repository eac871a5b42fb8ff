"""The workload being worked on, kept in the session and the page address.

The address (``?workload=ID``) survives a refresh and can be shared; the session copy survives a
page switch, which clears the address. Each run puts whichever is missing back.
"""

from __future__ import annotations

import streamlit as st

_PARAM = "workload"
_KEY = "selected_workload"


def selected_workload_id() -> int | None:
    value = st.query_params.get(_PARAM)
    if value is not None:
        try:
            st.session_state[_KEY] = int(value)
        except ValueError:
            del st.query_params[_PARAM]
    chosen = st.session_state.get(_KEY)
    if chosen is not None and value is None:
        st.query_params[_PARAM] = str(chosen)
    return chosen


def select_workload(workload_id: int | None) -> None:
    st.session_state[_KEY] = workload_id
    if workload_id is None:
        st.query_params.pop(_PARAM, None)
    else:
        st.query_params[_PARAM] = str(workload_id)
