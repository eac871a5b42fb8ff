"""Compute Target Advisor: the Streamlit entry point. A router and shared chrome, nothing else."""

import streamlit as st

from advisor.ui.pages import questionnaire_page

st.set_page_config(page_title="Compute Target Advisor", page_icon="🧭", layout="wide")

pages = [
    st.Page(questionnaire_page.render, title="Questionnaire", icon="📝", url_path="questionnaire", default=True),
]
st.navigation(pages).run()
