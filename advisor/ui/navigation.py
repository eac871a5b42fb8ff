"""The app's pages, defined once, so the router and the pages that link to each other share them."""

from __future__ import annotations

import streamlit as st

from advisor.ui.pages import (
    board_page,
    inventory_page,
    profiles_page,
    questionnaire_page,
    records_page,
    reevaluation_page,
    sessions_page,
    settings_page,
    workloads_page,
)

WORKLOADS = st.Page(workloads_page.render, title="Workloads", icon="📋", url_path="workloads", default=True)
QUESTIONNAIRE = st.Page(questionnaire_page.render, title="Questionnaire", icon="📝", url_path="questionnaire")
RECORDS = st.Page(records_page.render, title="Records", icon="🗂️", url_path="records")
PROFILES = st.Page(profiles_page.render, title="Profiles", icon="🧩", url_path="profiles")
INVENTORY = st.Page(inventory_page.render, title="Inventory", icon="🖥️", url_path="inventory")
BOARD = st.Page(board_page.render, title="Board", icon="📊", url_path="board")
SESSIONS = st.Page(sessions_page.render, title="Review sessions", icon="🗳️", url_path="sessions")
REEVALUATION = st.Page(reevaluation_page.render, title="Re-evaluate", icon="🔁", url_path="reevaluate")
SETTINGS = st.Page(settings_page.render, title="Settings", icon="⚙️", url_path="settings")

PAGES = [INVENTORY, WORKLOADS, QUESTIONNAIRE, RECORDS, PROFILES, BOARD, SESSIONS, REEVALUATION, SETTINGS]
