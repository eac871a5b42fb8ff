"""Compute Target Advisor: the Streamlit entry point. A router and shared chrome, nothing else.

Local mode (no ``[auth]`` in the secrets): the name field in the sidebar. Team mode: nothing but the sign-in
screen runs before sign-in (:func:`advisor.ui.sign_in.gate` stops the script there).
"""

import streamlit as st

from advisor.ui import address, identity, lifecycle_setting, sign_in
from advisor.ui.navigation import pages_for

st.set_page_config(page_title="Compute Target Advisor", page_icon="🧭", layout="wide")
team = sign_in.gate()
page = st.navigation(pages_for(identity.actor()))
st.sidebar.caption("Choose an Azure compute service for each workload leaving a classic VM, and show why.")
if team is None:
    identity.sidebar_name_input()
lifecycle_setting.sidebar_control()
address.restore()
page.run()
