"""Every page's address works typed or bookmarked: ``?user=`` and ``?workload=`` are restored on every page.

The router calls :func:`restore` before the page runs: the name in ``?user=`` (:mod:`advisor.ui.identity`, the
one place that reads it) and the workload in ``?workload=`` (:mod:`advisor.ui.selection`) are taken into the
session and put back into the address after a page switch. A workload id that names no workload is said in
one line, and dropped. The root address opens the Workloads page with the address's parameters.
"""

from __future__ import annotations

import streamlit as st

from advisor import services
from advisor.errors import AdvisorError
from advisor.ui import identity, selection
from advisor.ui.service_context import context


def restore() -> None:
    """Take ``?user=`` and ``?workload=`` into the session (and back into the address); refuse an unknown id."""
    identity.author()
    raw = st.query_params.get("workload")
    workload_id = selection.selected_workload_id()
    if raw is not None and workload_id is None:
        st.error(f"The address names workload {raw!r}, which is not a workload id: choose one on the Workloads page.")
        return
    if workload_id is None:
        return
    try:
        services.get_workload(context(), workload_id)
    except AdvisorError:
        st.error(f"There is no workload {workload_id}. Choose one on the Workloads page.")
        selection.select_workload(None)


def home() -> None:
    """The root address: the Workloads page, with the parameters the address carries."""
    from advisor.ui.navigation import WORKLOADS  # the registry imports this module: import late

    st.switch_page(WORKLOADS, query_params=st.query_params.to_dict())
