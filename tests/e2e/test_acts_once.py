"""End to end, in Chromium: pages that act once and tell the truth.

Double clicks on Create workload, Save answer, Create session and Sign off each store one thing and show one
success. A journey: an estate imported after another one is the one shown; a workload started from its VMs
asks the inventory's suggestion (preselected, with its reason) and counts it once confirmed; a what-if that
rules the service out shows the conflict with the best alternative; every page's typed address opens that page
with the name and the workload of the address. Screenshots go to /work/notes/shots/15/ when that folder exists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from advisor import KnowledgeBase, services
from advisor.models.record import GivenAnswer
from tests.e2e.harness import AppServer, Screenshots, steady
from tests.e2e.test_restart_keeps_everything import AUTHOR, enter_name, open_app, settle
from tests.e2e.test_review_session import WALK, choose
from tests.services.builders import new_workload, open_ctx, person

pytestmark = pytest.mark.e2e

DATA = Path(__file__).resolve().parents[1] / "data"
GOLDEN = DATA / "golden_inventory.csv"
NOTES = Path("/work/notes/shots/15")
APP_SERVICE_WALK = {  # 2026: a new web app on managed hosting -> Azure App Service
    "specialty_workload": "none", "migrate_or_build": "build_new", "full_control": "no", "hpc": "no",
    "event_driven": "no", "managed_web_hosting": "yes",
}  # fmt: skip
IMPORTED = "Imported 44 VMs into estate Contoso (44 rows read, 0 skipped): shown below."
ADDRESSES = [  # every page's path, typed, and the heading it opens on (the questionnaire: the workload's name)
    ("", "Workloads"), ("workloads", "Workloads"), ("inventory", "Inventory"), ("questionnaire", "Intranet web"),
    ("records", "Records"), ("profiles", "Profiles"), ("board", "Board"), ("sessions", "Review sessions"),
    ("reevaluate", "Re-evaluate"), ("settings", "Settings"),
]  # fmt: skip


def keep(page: Page, name: str, target: Locator | None = None) -> None:
    """A screenshot for the people reviewing this work, when their folder exists (never in the repository),
    with ``target`` scrolled into view (the app scrolls inside its own frame, so a full-page shot would not)."""
    if NOTES.is_dir():
        if target is not None:
            target.scroll_into_view_if_needed()
            page.wait_for_timeout(300)
        page.screenshot(path=NOTES / f"{name}.png")


def seed(url: str, kb: KnowledgeBase, name: str, walk: dict[str, str]) -> int:
    with open_ctx(url, kb) as ctx:
        workload = new_workload(ctx, name, owner="Payroll team")
        services.save_answers(
            ctx, person("Seeder"), workload.id, base_version=0,
            answers={q: GivenAnswer(answer=a) for q, a in walk.items()}, knowledge_version="compute-tree-2026",
            change="walked",
        )  # fmt: skip
        return workload.id


def test_double_clicks_store_one_workload_one_answer_one_session_and_one_sign_off(
    app_server: AppServer, browser: Browser, shots: Screenshots, kb: KnowledgeBase
) -> None:
    reviewed = seed(app_server.database_url, kb, "Payroll web", WALK)
    version = kb.version("compute-tree-2026")
    first = version.questions["specialty_workload"]
    none = next(a.label for a in first.answers if a.id == "none")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = shots.watch(context.new_page())
    open_app(page, app_server.url)
    enter_name(page)

    # --- Create workload, double-clicked --------------------------------------------------------------
    page.get_by_text("New workload", exact=False).first.click()
    page.get_by_role("textbox", name="Name", exact=True).fill("Ledger batch")
    create = page.get_by_role("button", name="Create workload")
    steady(page, create)  # the expander has stopped sliding: both clicks land on the button
    create.dblclick()
    settle(page)
    expect(page.get_by_role("heading", name="Ledger batch", level=1)).to_be_visible()
    expect(page.get_by_text("Created workload Ledger batch: answer its first question.")).to_be_visible()
    keep(page, "questionnaire-created")
    with open_ctx(app_server.database_url, kb) as ctx:
        assert sorted(s.workload.name for s in services.list_workloads(ctx)) == ["Ledger batch", "Payroll web"]
        ledger = services.find_workload(ctx, "Ledger batch")
        assert ledger is not None

    # --- Save answer, double-clicked ------------------------------------------------------------------
    form = page.get_by_test_id("stForm")
    form.get_by_text(none, exact=True).click()
    form.get_by_role("button", name="Save answer").dblclick()
    settle(page)
    with open_ctx(app_server.database_url, kb) as ctx:
        assert [r.version for r in services.record_history(ctx, ledger.id)] == [1], "one click, one version"

    # --- Create session, double-clicked ---------------------------------------------------------------
    page.get_by_role("link", name="Review sessions").click()
    settle(page)
    page.get_by_role("textbox", name="Title", exact=True).fill("Board April")
    page.get_by_role("textbox", name="Attendee 1", exact=True).fill(AUTHOR)
    page.get_by_role("button", name="Create session").dblclick()
    settle(page)
    expect(page.get_by_text("Created review session Board April: now pick its agenda.")).to_be_visible()
    with open_ctx(app_server.database_url, kb) as ctx:
        assert [s.title for s in services.list_sessions(ctx)] == ["Board April"]

    page.get_by_role("tab", name="By hand").click()
    choose(page, "Workloads on the agenda, in order", "Payroll web")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Save agenda").click()
    settle(page)

    # --- Sign off, double-clicked: the success, not "already decided" ---------------------------------
    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Sign off"))
    form.get_by_text("Accept", exact=True).click()  # no outcome is preselected (issue 14)
    expect(form.get_by_role("radio", name="Accept")).to_be_checked()  # the choice registered before the clicks
    form.get_by_role("button", name="Sign off").dblclick()
    settle(page)
    expect(page.get_by_text(f"Signed off by {AUTHOR}: saved as version 2 (accepted).")).to_be_visible()
    expect(page.get_by_text("was already decided in this session")).to_have_count(0)
    keep(page, "sessions-signed-off", page.get_by_text(f"Signed off by {AUTHOR}: saved as version 2 (accepted)."))
    with open_ctx(app_server.database_url, kb) as ctx:
        assert [(r.version, r.status) for r in services.record_history(ctx, reviewed)] == [
            (1, "proposed"), (2, "accepted"),
        ]  # fmt: skip
    context.close()


def test_a_new_estate_a_confirmed_suggestion_a_ruled_out_service_and_typed_addresses(
    app_server: AppServer, browser: Browser, shots: Screenshots, kb: KnowledgeBase, tmp_path: Path
) -> None:
    web = seed(app_server.database_url, kb, "Intranet web", APP_SERVICE_WALK)
    with open_ctx(app_server.database_url, kb) as ctx:
        services.import_estate(ctx, person("Ann"), "Fabrikam", [GOLDEN], names=[GOLDEN.name])
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = shots.watch(context.new_page())
    open_app(page, app_server.url)
    enter_name(page)

    # --- Import a new estate: the page shows it, not the other one ------------------------------------
    page.get_by_role("link", name="Inventory").click()
    settle(page)
    page.get_by_text("Import an inventory", exact=False).first.click()
    page.get_by_role("textbox", name="Estate", exact=True).fill("Contoso")
    page.get_by_test_id("stFileUploaderDropzoneInput").first.set_input_files(str(GOLDEN))
    settle(page)
    page.get_by_role("button", name="Import and triage").click()
    settle(page)
    expect(
        page.get_by_text("Imported 44 VMs into estate Contoso (44 rows read, 0 skipped): shown below.")
    ).to_be_visible()
    expect(page.get_by_role("combobox", name="Estate")).to_have_value("Contoso")
    keep(page, "inventory-new-estate")

    # --- Start workloads from its VMs; walk one confirming the suggestion ----------------------------
    page.get_by_role("button", name="Start the questionnaire for them").click()
    settle(page)
    expect(page.get_by_text("Created 5 workloads", exact=False)).to_be_visible()
    with open_ctx(app_server.database_url, kb) as ctx:
        started = next(s.workload for s in services.list_workloads(ctx) if "/" in s.workload.name)
        first = services.latest_record(ctx, started.id)
        assert first is not None
        assert first.answers["migrate_or_build"].source == "inventory", "stored as a suggestion"
    page.goto(f"{app_server.url}/questionnaire?user=Dana+Rivera&workload={started.id}")
    settle(page)
    version = kb.version("compute-tree-2026")
    specialty = version.questions["specialty_workload"]
    form = page.get_by_test_id("stForm")
    form.get_by_text(next(a.label for a in specialty.answers if a.id == "none"), exact=True).click()
    form.get_by_role("button", name="Save answer").click()
    settle(page)
    migrate = version.questions["migrate_or_build"]
    expect(page.get_by_role("heading", level=3).filter(has_text=migrate.text)).to_be_visible()
    expect(page.get_by_text("Suggested by the inventory: “Migrate an existing workload”.", exact=False)).to_be_visible()
    keep(page, "questionnaire-suggestion", page.get_by_role("heading", level=3))
    page.get_by_test_id("stForm").get_by_role("button", name="Save answer").click()
    settle(page)
    with open_ctx(app_server.database_url, kb) as ctx:
        confirmed = services.latest_record(ctx, started.id)
        assert confirmed is not None
        assert [(s.question, s.answer) for s in confirmed.path] == [
            ("specialty_workload", "none"), ("migrate_or_build", "migrate"),
        ]  # fmt: skip
        assert confirmed.answers["migrate_or_build"].source == "user"

    # --- What-if that rules the service out ----------------------------------------------------------
    page.goto(f"{app_server.url}/questionnaire?user=Dana+Rivera&workload={web}")
    settle(page)
    page.get_by_text("What if…", exact=True).click()
    settle(page)
    gpu = version.requirements["gpu"]
    choose(page, gpu.text, next(a.label for a in gpu.answers if a.id == "required"))
    expect(page.get_by_text("What if: Azure App Service, ruled out", exact=True)).to_be_visible()
    conflict = page.get_by_text("Conflict: the answers rule Azure App Service out", exact=False)
    expect(conflict).to_be_visible()
    expect(conflict).to_contain_text("Best alternative:")
    keep(page, "what-if-ruled-out", conflict)

    # --- Typed addresses: every page, the name and the workload kept --------------------------------
    for path, heading in ADDRESSES:
        fresh = context.new_page()
        fresh.goto(f"{app_server.url}/{path}?user=Ann+Lee&workload={web}")
        fresh.wait_for_timeout(500)
        settle(fresh)
        expect(fresh.get_by_role("heading", name=heading, level=1)).to_be_visible()
        expect(fresh.get_by_text("Page not found")).to_have_count(0)
        expect(fresh.get_by_role("textbox", name="Your name")).to_have_value("Ann Lee")
        expect(fresh).to_have_url(re.compile(r"[?&]user=Ann(\+|%20)Lee"))
        expect(fresh).to_have_url(re.compile(rf"[?&]workload={web}\b"))
        fresh.close()
    unknown = context.new_page()
    unknown.goto(f"{app_server.url}/records?user=Ann+Lee&workload=9999")
    settle(unknown)
    expect(unknown.get_by_text("There is no workload 9999. Choose one on the Workloads page.")).to_be_visible()
    unknown.close()
    context.close()
