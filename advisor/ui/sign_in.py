"""Team mode in the app: with an ``[auth]`` section in the secrets, Streamlit's ``st.login`` (OpenID Connect)
guards every page. Before sign-in only the sign-in screen is sent (the router runs nothing else); after it,
the person is the token's identity (issuer and subject), their account is kept in the database, and the
sidebar shows who they are and their roles.

Before ``st.login`` the provider's discovery document is fetched: when the provider does not answer the
screen says so instead of sending the person to an error page. Secrets are never shown.
"""

from __future__ import annotations

import streamlit as st

from advisor import services
from advisor.errors import AccessError, AdvisorError, Problem
from advisor.models.account import ROLES, Account
from advisor.models.actor import Actor
from advisor.services import TeamSettings, check_provider, read_secrets, team_settings
from advisor.ui import identity
from advisor.ui.safe_text import md
from advisor.ui.service_context import context

_SIGNED = "signed_in_subject"
_PROVIDER_PROBLEM = "sign_in_provider_problem"


def gate() -> TeamSettings | None:
    """None in local mode. In team mode: before sign-in the sign-in screen, and the script stops there; after
    it, the signed-in person is the acting person of this run."""
    team = settings()
    if team is None:
        return None
    if not st.user.is_logged_in:
        sign_in_screen(team)
        st.stop()
    signed_in(team)
    return team


def settings() -> TeamSettings | None:
    """Team mode's settings, None in local mode; a malformed secrets file or ``[auth]`` stops the app with one
    line naming the key (never falling back to local mode, which would give everyone every role)."""
    try:
        return team_settings(read_secrets(st.get_option("secrets.files")))
    except AdvisorError as exc:
        st.title("Compute Target Advisor")
        st.error(md(f"Sign-in is not set up correctly: {exc.problems[0]}"), icon="🛑")
        st.caption("An administrator must fix the secrets file and restart the app. Nothing else is shown until then.")
        st.stop()
        raise


def sign_in_screen(team: TeamSettings) -> None:
    """The only thing shown before sign-in: what the app is and a sign-in button (no app data)."""
    st.title("Compute Target Advisor")
    st.write("Sign in with your organization's account to continue.")
    st.button("Sign in", type="primary", on_click=_sign_in, args=(team,))
    problem = st.session_state.pop(_PROVIDER_PROBLEM, "")
    if problem:
        message = f"Cannot sign in now: {problem}. Try again in a moment, or tell your administrator."
        st.error(md(message), icon="🛑")


def _sign_in(team: TeamSettings) -> None:
    problem = check_provider(team.server_metadata_url)
    if problem:
        st.session_state[_PROVIDER_PROBLEM] = problem
        return
    if team.provider:
        st.login(team.provider)
    else:
        st.login()


def signed_in(team: TeamSettings) -> Actor:
    """The signed-in person as an actor (their account made or refreshed once per browser session); a removed
    account, or a token without issuer and subject, stops the page with a sign-out button."""
    user = st.user
    issuer, subject = str(user.get("iss") or ""), str(user.get("sub") or "")
    try:
        if st.session_state.get(_SIGNED) != (issuer, subject):
            settings_ = services.AccessSettings(team.admins, team.role_claim, team.claim_roles)
            claims = {key: user.get(key) for key in ("groups", "roles", team.role_claim) if key and key in user}
            services.sign_in(
                context(), issuer=issuer, subject=subject, name=str(user.get("name") or ""),
                email=str(user.get("email") or ""), claims=claims, settings=settings_,
            )  # fmt: skip
            st.session_state[_SIGNED] = (issuer, subject)
        actor = Actor.signed_in(issuer, subject, str(user.get("name") or ""), str(user.get("email") or ""))
        account = services.current_account(context(), actor)
        if account is None or account.removed:
            raise AccessError(Problem(f"the account of {actor.name} was removed; ask an admin", ident="account"))
    except AdvisorError as exc:
        st.session_state.pop(_SIGNED, None)
        st.title("Compute Target Advisor")
        st.error(md(f"You cannot use the app: {exc.problems[0].message}."), icon="🛑")
        st.button("Sign out", on_click=st.logout)
        st.stop()
        raise
    identity.use_signed_in(actor)
    _sidebar(account)
    return actor


def _sidebar(account: Account) -> None:
    roles = ", ".join(r for r in ROLES if r in account.roles) or "viewer"
    st.sidebar.markdown(f"Signed in as **{md(account.name)}**")
    st.sidebar.caption(f"{md(account.email)} · {roles}")
    if not account.roles - {"viewer"}:  # knowledge/access.yaml: a viewer holds no permission
        st.sidebar.caption("You can read and export. To change anything, ask an admin for a role.")
    st.sidebar.button("Sign out", on_click=st.logout, key="sign_out")
