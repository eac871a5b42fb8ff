"""Compute Target Advisor: the Streamlit entry point. A router and shared chrome, nothing else."""

import streamlit as st

from advisor.ui import identity, lifecycle_setting
from advisor.ui.navigation import PAGES

st.set_page_config(page_title="Compute Target Advisor", page_icon="🧭", layout="wide")
page = st.navigation(PAGES)
st.sidebar.caption("Choose an Azure compute service for each workload leaving a classic VM, and show why.")
identity.sidebar_name_input()
lifecycle_setting.sidebar_control()
page.run()
