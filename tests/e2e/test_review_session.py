"""End to end, in Chromium: one whole review session, from creation to signed minutes.

A real ``streamlit run`` server on a fresh SQLite file holds one workload with a complete 2026 walk to Azure
Virtual Machines (seeded through the services, as the questionnaire would have saved it). A person enters a
name, creates a session with themselves as the decision maker, puts the workload on the agenda by hand,
runs a what-if (VMware: yes → Azure VMware Solution, nothing saved), overrides the outcome to Azure App
Service with a reason, signs off, closes the session, and downloads the minutes: the Markdown file names
the outcome, the reason and the sign-off; the PDF is a PDF. The database is checked at each step.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from advisor import KnowledgeBase, services
from advisor.models.record import GivenAnswer
from tests.e2e.harness import AppServer, Screenshots
from tests.e2e.test_restart_keeps_everything import AUTHOR, enter_name, open_app, settle
from tests.services.builders import new_workload, open_ctx, person

pytestmark = pytest.mark.e2e

WALK = {  # 2026: a vendor product lifted and shifted, not on VMware -> Azure Virtual Machines
    "specialty_workload": "none",
    "migrate_or_build": "migrate",
    "migration_approach": "lift_and_shift",
    "containerizable": "no",
    "cots": "yes",
    "vmware": "no",
}
WORKLOAD = "Payroll web"
TITLE = "Architecture board, March"
REASON = "The payroll team already runs App Service; the vendor certifies it."


def seed(url: str, kb: KnowledgeBase) -> int:
    with open_ctx(url, kb) as ctx:
        workload = new_workload(ctx, WORKLOAD, owner="Payroll team")
        record = services.save_answers(
            ctx, person("Seeder"), workload.id, base_version=0,
            answers={q: GivenAnswer(answer=a) for q, a in WALK.items()}, knowledge_version="compute-tree-2026",
            change="walked",
        )  # fmt: skip
        assert record.service == "virtual-machines"
        return workload.id


def choose(page: Page, box: str, option: str) -> None:
    """Pick an option of a selectbox or multiselect (a combobox with this accessible name).

    A click that lands while the page still moves (an expander unfolding) can focus the box without opening
    its list: then it is clicked once more.
    """
    combobox = page.get_by_role("combobox", name=box)
    choice = page.get_by_role("option", name=option, exact=True)
    combobox.click()
    try:
        expect(choice).to_be_visible(timeout=3000)
    except AssertionError:
        combobox.click()
    choice.click()
    settle(page)


def test_a_whole_review_session_ends_in_signed_minutes(
    app_server: AppServer, browser: Browser, shots: Screenshots, kb: KnowledgeBase, tmp_path: Path
) -> None:
    workload_id = seed(app_server.database_url, kb)
    version = kb.version("compute-tree-2026")
    vmware = version.questions["vmware"]
    vmware_yes = next(a.label for a in vmware.answers if a.id == "yes")

    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = shots.watch(context.new_page())
    open_app(page, app_server.url)
    enter_name(page)
    page.get_by_role("link", name="Review sessions").click()
    settle(page)
    expect(page.get_by_role("heading", name="Review sessions", level=1)).to_be_visible()

    # --- Create the session -------------------------------------------------------------------------
    page.get_by_role("textbox", name="Title", exact=True).fill(TITLE)
    page.get_by_role("textbox", name="Attendee 1", exact=True).fill(AUTHOR)
    page.get_by_role("textbox", name="Attendee 2", exact=True).fill("Carl Consult")
    shots(page, "create-session")
    page.get_by_role("button", name="Create session").click()
    settle(page)
    expect(page.get_by_text(f"Created review session {TITLE}: now pick its agenda.")).to_be_visible()
    expect(page.get_by_role("heading", name=TITLE, level=2)).to_be_visible()
    with open_ctx(app_server.database_url, kb) as ctx:
        [session] = services.list_sessions(ctx)
        assert [(a.name, a.role) for a in session.attendees] == [(AUTHOR, "decision_maker"),
                                                                 ("Carl Consult", "consulted")]  # fmt: skip

    # --- The agenda, by hand --------------------------------------------------------------------------
    page.get_by_role("tab", name="By hand").click()
    choose(page, "Workloads on the agenda, in order", WORKLOAD)
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Save agenda").click()
    settle(page)
    expect(page.get_by_text("The agenda has 1 workload.")).to_be_visible()
    expect(page.get_by_text("Item 1 of 1", exact=True)).to_be_visible()
    expect(page.get_by_text("Recommended: Azure Virtual Machines", exact=True)).to_be_visible()
    shots(page, "agenda")

    # --- What if it ran on VMware? Shown side by side, nothing saved ----------------------------------
    page.get_by_text("What if…", exact=True).click()
    settle(page)
    choose(page, vmware.text, vmware_yes)
    expect(page.get_by_text("What if: Azure VMware Solution", exact=True)).to_be_visible()
    expect(page.get_by_text("Current: Azure Virtual Machines", exact=True)).to_be_visible()
    shots(page, "what-if")
    with open_ctx(app_server.database_url, kb) as ctx:
        assert [r.version for r in services.record_history(ctx, workload_id)] == [1], "a what-if saves nothing"

    # --- Override with a reason, signed off -----------------------------------------------------------
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Sign off"))
    form.get_by_text("Override to another service", exact=True).click()
    choose(page, "Override to", "Azure App Service")
    form.get_by_role("textbox", name="Reason (required to reject or override)").fill(REASON)
    expect(page.get_by_role("combobox", name="Sign off as")).to_have_value(AUTHOR)
    shots(page, "outcome")
    form.get_by_role("button", name="Sign off").click()
    settle(page)
    expect(page.get_by_text(f"Signed off by {AUTHOR}: saved as version 2 (accepted).")).to_be_visible()
    with open_ctx(app_server.database_url, kb) as ctx:
        record = services.latest_record(ctx, workload_id)
        assert (record.version, record.status, record.author, record.session_id) == (2, "accepted", AUTHOR, session.id)
        assert record.override is not None
        assert (record.override.service, record.override.reason) == ("app-service", REASON)
    shots(page, "signed-off")

    # --- Close the session ---------------------------------------------------------------------------
    page.get_by_role("button", name="Close the session…").click()
    settle(page)
    page.get_by_role("button", name="Yes, close the session").click()
    settle(page)
    expect(page.get_by_text(f"Closed review session {TITLE}: it is read-only now.")).to_be_visible()
    expect(page.get_by_text("A closed session is read-only.", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Sign off")).to_have_count(0)
    expect(page.get_by_role("textbox", name="Discussion notes")).to_have_count(0)
    shots(page, "closed")

    # --- The minutes ---------------------------------------------------------------------------------
    with page.expect_download() as markdown_download:
        page.get_by_role("button", name="Download minutes (Markdown)").click()
    markdown = Path(markdown_download.value.path()).read_text(encoding="utf-8")
    assert markdown_download.value.suggested_filename.endswith(".md")
    assert markdown.startswith("# Review session minutes: Architecture board, March")
    today = datetime.date.today().isoformat()
    assert f"| Date | {today} |" in markdown
    assert f"| {AUTHOR} | decision maker |" in markdown
    assert f"| 1 | {WORKLOAD} | overridden to Azure App Service | {AUTHOR} |" in markdown
    assert "| Reason | The payroll team already runs App Service; the vendor certifies it. |" in markdown
    assert f"| Signed off by | {AUTHOR} |" in markdown
    assert f"closed on {today}" in markdown
    with page.expect_download() as pdf_download:
        page.get_by_role("button", name="Download minutes (PDF)").click()
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF")
    context.close()
