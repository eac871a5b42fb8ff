"""The app's lifecycle setting: the as-of date and horizon every lifecycle judgement on every page uses.

A small sidebar control (default: today and the knowledge's ``horizon_months``). The values live in plain
session keys, since widget keys are dropped on a page switch.
"""

from __future__ import annotations

import datetime

import streamlit as st

from advisor.services import Judgement, lifecycle_judgement
from advisor.ui.knowledge_cache import knowledge_base

_AS_OF, _HORIZON = "lifecycle_as_of", "lifecycle_horizon_months"
_AS_OF_INPUT, _HORIZON_INPUT = "lifecycle_as_of_input", "lifecycle_horizon_input"


def judgement() -> Judgement:
    """The judgement chosen in the sidebar (today and the knowledge's horizon until changed)."""
    return lifecycle_judgement(knowledge_base(), st.session_state.get(_AS_OF), st.session_state.get(_HORIZON))


def sidebar_control() -> None:
    """As-of date and horizon inputs in a collapsed sidebar section."""
    chosen = judgement()
    st.session_state.setdefault(_AS_OF_INPUT, chosen.as_of)
    st.session_state.setdefault(_HORIZON_INPUT, chosen.horizon_months)
    with st.sidebar.expander("Lifecycle dates", icon="📅"):
        st.date_input("As of", key=_AS_OF_INPUT, on_change=_remember, format="YYYY-MM-DD",
                      help="Retirement dates are judged as of this day.")  # fmt: skip
        st.number_input("Horizon (months)", key=_HORIZON_INPUT, min_value=0, max_value=240, step=1,
                        on_change=_remember,
                        help="A date within this many months counts: it is shown as a condition, and a service that "
                        "stops within it is never offered as the best alternative.")  # fmt: skip
        st.caption(f"Judged {chosen.describe()}; lifecycle knowledge {knowledge_base().lifecycle.revision}.")


def _remember() -> None:
    as_of = st.session_state.get(_AS_OF_INPUT)
    st.session_state[_AS_OF] = as_of if isinstance(as_of, datetime.date) else None
    st.session_state[_HORIZON] = int(st.session_state.get(_HORIZON_INPUT) or 0)
