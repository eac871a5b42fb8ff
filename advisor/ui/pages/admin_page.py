"""Admin: accounts and their roles, linking a session's free-text attendee to an account, and the audit trail
(filtered, exported as CSV or JSON). Shown to admins (in local mode, to the one person); the services check
again on every change, so hiding the page is not the protection.
"""

from __future__ import annotations

import datetime

import pandas as pd
import streamlit as st

from advisor import services
from advisor.errors import AdvisorError
from advisor.models.account import ROLES, Account
from advisor.ui import identity
from advisor.ui.service_context import context

_FLASH = "admin_flash"
_HEADERS = {
    "when": "When (UTC)", "who": "Who", "email": "Email", "os_user": "OS user", "from": "From", "action": "Action",
    "target": "What", "outcome": "Outcome", "detail": "Detail",
}  # fmt: skip


def render() -> None:
    st.title("Admin")
    flash = st.session_state.pop(_FLASH, None)
    if flash:
        (st.success if flash[0] == "ok" else st.error)(flash[1])
    allowed = services.permissions(context(), identity.actor())
    if "manage_accounts" not in allowed and "read_audit" not in allowed:
        local = identity.signed_in() is None
        st.info("Enter your name in the sidebar first: in local mode you have every role." if local else
                "Only admins see this page.")  # fmt: skip
        return
    if "manage_accounts" in allowed:
        _accounts()
        _link_attendee()
    if "read_audit" in allowed:
        _audit()


def _accounts() -> None:
    st.subheader("Accounts and roles")
    accounts = services.list_accounts(context())
    if identity.signed_in() is None:
        st.caption("Local mode: you have every role. Accounts appear here once people sign in (team mode).")
    rules = context().kb.access
    if rules is not None:  # knowledge/access.yaml: what each role is for (worth knowing before team mode too)
        st.caption("; ".join(f"{role}: {rules.help(role)}" for role in ROLES) + ". No role at all reads as viewer.")
    if not accounts:
        return
    table = pd.DataFrame(
        [
            {
                "Name": a.name,
                "Email": a.email,
                "Roles": ", ".join(r for r in ROLES if r in a.roles) or "viewer",
                "Last sign-in": a.last_seen_at.strftime("%Y-%m-%d %H:%M UTC") if a.last_seen_at else "—",
                "Removed": a.removed_at.strftime("%Y-%m-%d %H:%M UTC") if a.removed_at else "",
            }
            for a in accounts
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")
    live = {a.id: a for a in accounts if not a.removed}
    chosen = st.selectbox("Account", list(live), format_func=lambda i: live[i].label, index=None,
                          placeholder="Choose an account", key="admin_account")  # fmt: skip
    if chosen is None:
        return
    account = live[chosen]
    with st.form("admin_roles", border=True):
        st.multiselect("Roles", ROLES, default=[r for r in ROLES if r in account.roles], key="admin_roles_chosen")
        st.form_submit_button("Save roles", type="primary", on_click=_save_roles, args=(account,))
    confirm = st.checkbox(f"Yes, remove {account.label}: their next action is refused", key="admin_remove_ok")
    st.button("Remove account", disabled=not confirm, on_click=_remove, args=(account,))


def _save_roles(account: Account) -> None:
    wanted = set(st.session_state.get("admin_roles_chosen", []))
    try:
        for role in ROLES:
            if role in wanted and role not in account.roles:
                services.grant_role(context(), identity.actor(), account.id, role)
            elif role not in wanted and role in account.roles:
                services.revoke_role(context(), identity.actor(), account.id, role)
    except AdvisorError as exc:
        st.session_state[_FLASH] = ("error", f"Roles not changed: {exc.messages()}")
        return
    st.session_state[_FLASH] = ("ok", f"Roles of {account.label}: {', '.join(sorted(wanted)) or 'viewer'}.")


def _remove(account: Account) -> None:
    try:
        services.remove_account(context(), identity.actor(), account.id)
    except AdvisorError as exc:
        st.session_state[_FLASH] = ("error", f"Not removed: {exc.messages()}")
        return
    st.session_state.pop("admin_account", None)
    st.session_state.pop("admin_remove_ok", None)
    st.session_state[_FLASH] = ("ok", f"Removed {account.label}.")


def _link_attendee() -> None:
    sessions = [s for s in services.list_sessions(context()) if any(not a.linked for a in s.attendees)]
    accounts = {a.id: a for a in services.list_accounts(context()) if not a.removed}
    if not sessions or not accounts:
        return
    st.subheader("Attendees not linked to an account")
    by_id = {s.id: s for s in sessions}
    chosen = st.selectbox(
        "Review session", list(by_id), index=None, placeholder="Choose a session",
        format_func=lambda i: f"{by_id[i].title} · {by_id[i].date.isoformat()}", key="admin_link_session",
    )  # fmt: skip
    if chosen is None:
        return
    names = [a.name for a in by_id[chosen].attendees if not a.linked]
    with st.form("admin_link", border=True):
        st.selectbox("Attendee", names, key="admin_link_attendee")
        st.selectbox("Account", list(accounts), format_func=lambda i: accounts[i].label, key="admin_link_account")
        st.form_submit_button("Link", on_click=_link, args=(chosen,))


def _link(session_id: int) -> None:
    state = st.session_state
    try:
        services.link_attendee(context(), identity.actor(), session_id, str(state.get("admin_link_attendee", "")),
                               int(state["admin_link_account"]))  # fmt: skip
    except (AdvisorError, KeyError, TypeError, ValueError) as exc:
        message = exc.messages() if isinstance(exc, AdvisorError) else "choose an attendee and an account"
        state[_FLASH] = ("error", f"Not linked: {message}")
        return
    state[_FLASH] = ("ok", f"Linked {state.get('admin_link_attendee')}.")


def _audit() -> None:
    st.subheader("Audit trail")
    search_col, outcome_col, since_col, until_col = st.columns([3, 1, 1, 1])
    text = search_col.text_input("Search (person, action or what)", key="audit_search")
    outcome = outcome_col.selectbox("Outcome", ["", "done", "refused"], format_func=lambda o: o or "any",
                                    key="audit_outcome")  # fmt: skip
    since = since_col.date_input("From", value=None, key="audit_since")
    until = until_col.date_input("Until (excluded)", value=None, key="audit_until")
    wanted = services.AuditFilter(text=text, outcome=outcome, since=_moment(since), until=_moment(until))
    try:
        events = services.audit_events(context(), identity.actor(), wanted)
    except AdvisorError as exc:
        st.error(exc.messages())
        return
    rows = services.audit_rows(events)
    st.caption(f"{len(rows):,} lines, newest first.")
    table = pd.DataFrame(rows, columns=list(services.AUDIT_COLUMNS)).rename(columns=_HEADERS)
    st.dataframe(table, hide_index=True, width="stretch")
    csv_col, json_col = st.columns(2)
    csv_col.download_button("Download CSV", services.audit_csv(events), "audit.csv", "text/csv")
    json_col.download_button("Download JSON", services.audit_json(events), "audit.json", "application/json")


def _moment(day: object) -> datetime.datetime | None:
    if not isinstance(day, datetime.date):
        return None
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
