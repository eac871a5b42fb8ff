"""The app's pages, defined once, so the router and the pages that link to each other share them."""

from __future__ import annotations

from typing import Any

import streamlit as st

from advisor import services
from advisor.models.actor import Actor
from advisor.ui import address
from advisor.ui.pages import (
    admin_page,
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
from advisor.ui.service_context import context

# The root address is a hidden page that opens Workloads: the default page has no path of its own, so Workloads
# gets one (``/workloads``) that can be typed and bookmarked like every other page's.
HOME = st.Page(address.home, title="Start", url_path="start", default=True, visibility="hidden")
WORKLOADS = st.Page(workloads_page.render, title="Workloads", icon="📋", url_path="workloads")
QUESTIONNAIRE = st.Page(questionnaire_page.render, title="Questionnaire", icon="📝", url_path="questionnaire")
RECORDS = st.Page(records_page.render, title="Records", icon="🗂️", url_path="records")
PROFILES = st.Page(profiles_page.render, title="Profiles", icon="🧩", url_path="profiles")
INVENTORY = st.Page(inventory_page.render, title="Inventory", icon="🖥️", url_path="inventory")
BOARD = st.Page(board_page.render, title="Board", icon="📊", url_path="board")
SESSIONS = st.Page(sessions_page.render, title="Review sessions", icon="🗳️", url_path="sessions")
REEVALUATION = st.Page(reevaluation_page.render, title="Re-evaluate", icon="🔁", url_path="reevaluate")
SETTINGS = st.Page(settings_page.render, title="Settings", icon="⚙️", url_path="settings")

ADMIN = st.Page(admin_page.render, title="Admin", icon="🛡️", url_path="admin")

PAGES = [HOME, INVENTORY, WORKLOADS, QUESTIONNAIRE, RECORDS, PROFILES, BOARD, SESSIONS, REEVALUATION, SETTINGS]


def pages_for(actor: Actor) -> list[Any]:
    """The pages this person sees: every page, and Admin for admins (in local mode, the one person)."""
    if not actor.verified:  # local mode: the one person is admin; no database needed to say so
        return [*PAGES, ADMIN]
    allowed = services.permissions(context(), actor)
    return [*PAGES, ADMIN] if {"manage_accounts", "read_audit"} & allowed else PAGES
