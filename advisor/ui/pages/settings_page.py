"""Settings page: the price sheets (Azure's retail prices) loaded, their age, region, currency and item count, and
the two ways to load one: fetch from the Retail Prices API, or import pages saved with curl elsewhere.

The newest sheet per region and currency is the one in use; older ones are kept. Loading needs a name (in team
mode, an admin's: sign-in brings the roles); every load goes through one service call and is stored whole or not
at all.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from advisor import services
from advisor.errors import AdvisorError
from advisor.services import FetchedPage, PriceSheetView
from advisor.ui import identity, permits
from advisor.ui.safe_text import md
from advisor.ui.service_context import context

_OUTCOME = "prices_outcome"
_REGION = "prices_region"
_CURRENCY = "prices_currency"
DEFAULT_REGION = "westeurope"


def render() -> None:
    st.title("Settings")
    st.header("Price sheets")
    st.caption(
        "Azure's public retail prices for the candidate services (virtual machines, App Service, Container Apps, "
        "Container Instances, AKS, Functions, VMware Solution; Batch is billed as the VMs it runs), one sheet per "
        "region and currency. The newest sheet of each region and currency is the one used; older sheets are kept. "
        "Loading a sheet records who loaded it (in team mode, with sign-in, only admins may)."
    )
    _outcome()
    ctx = context()
    views = services.list_price_sheets(ctx)
    _sheets(views)
    left, right = st.columns(2)
    with left:
        _fetch_form()
    with right:
        _import_form()
    _offline_help()


def _outcome() -> None:
    found = st.session_state.pop(_OUTCOME, None)
    if found is None:
        return
    kind, text = found
    if kind == "error":
        st.error(md(text), icon="🛑")
    else:
        st.success(md(text), icon="✅")


def _sheets(views: list[PriceSheetView]) -> None:
    if not views:
        st.info(services.prices_hint(context()), icon="💶")
        return
    now = context().now()
    table = pd.DataFrame(
        [
            {
                "Region": v.sheet.region,
                "Currency": v.sheet.currency,
                "Prices": v.sheet.item_count,
                "Age": v.age(now),
                "Prices read": v.sheet.fetched_at.strftime("%Y-%m-%d %H:%M UTC"),
                "In use": "yes" if v.in_use else "no (older)",
                "How": "fetched" if v.sheet.origin == "fetched" else "imported",
                "Loaded by": v.sheet.author,
                "From": v.sheet.source,
            }
            for v in views
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")


def _fetch_form() -> None:
    st.subheader("Fetch from Azure")
    kb = context().kb
    currencies = list(kb.prices.currencies) if kb.prices else ["USD"]
    with st.form("prices_fetch"):
        region = st.text_input("Region", value=DEFAULT_REGION, key=_REGION, max_chars=50,
                               help="As Resource Manager names it: westeurope, eastus2, ...")  # fmt: skip
        currency = st.selectbox("Currency", currencies, key=_CURRENCY)
        why = permits.blocked("load_prices")
        pressed = st.form_submit_button("Fetch prices", type="primary", disabled=bool(why), help=why)
    if pressed:
        _fetch(region, currency)


def _fetch(region: str, currency: str) -> None:
    bar = st.progress(0.0, text="Asking the Retail Prices API…")

    def progress(page: FetchedPage, items: int) -> None:
        # The API does not say how many pages will come: the bar moves a little less with each page.
        bar.progress(page.number / (page.number + 1), text=f"Page {page.number:,}: {items:,} prices so far")

    try:
        sheet = services.fetch_price_sheet(context(), identity.actor(), region, currency, progress=progress)
    except AdvisorError as exc:
        bar.empty()
        st.session_state[_OUTCOME] = ("error", exc.messages())
    else:
        stored = f"{sheet.item_count:,} prices from {sheet.page_count:,} pages"
        text = f"Stored a price sheet for {sheet.region} in {sheet.currency}: {stored}."
        st.session_state[_OUTCOME] = ("success", text)
    st.rerun()


def _import_form() -> None:
    st.subheader("Import saved pages")
    with st.form("prices_import", clear_on_submit=True):
        uploads = st.file_uploader("API pages (JSON)", type=["json"], accept_multiple_files=True,
                                   help="The pages saved by the curl lines below, all of one sheet. They are "
                                        "taken in file-name order (page0001.json, page0002.json, ...).")  # fmt: skip
        why = permits.blocked("load_prices")
        pressed = st.form_submit_button("Import pages", disabled=bool(why), help=why)
    if pressed:
        if not uploads:
            st.session_state[_OUTCOME] = ("error", "Choose the saved pages first.")
        else:
            files = sorted(((u.name, u.getvalue()) for u in uploads), key=lambda f: _natural(f[0]))
            try:
                sheet = services.import_price_pages(context(), identity.actor(), files)
            except AdvisorError as exc:
                st.session_state[_OUTCOME] = ("error", str(exc))
            else:
                stored = f"{sheet.item_count:,} prices from {sheet.page_count:,} pages"
                text = f"Imported a price sheet for {sheet.region} in {sheet.currency}: {stored}."
                st.session_state[_OUTCOME] = ("success", text)
        st.rerun()


def _natural(name: str) -> list[object]:
    """page2 before page10."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def _offline_help() -> None:
    with st.expander("No internet here? Save the pages elsewhere with curl"):
        region = str(st.session_state.get(_REGION) or DEFAULT_REGION)
        currency = str(st.session_state.get(_CURRENCY) or "USD")
        try:
            script = services.offline_script(context(), region, currency)
        except AdvisorError as exc:
            st.caption(md(exc.messages()))
            return
        st.caption(f"On a machine with internet access (bash and curl), for {region} in {currency}:")
        st.code(script, language="bash")
        st.caption("Then import the page files here, or with `python -m advisor prices import page*.json`.")
