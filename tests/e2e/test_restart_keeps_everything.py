"""End to end, in Chromium: walk a workload to a recommendation, restart the server, find everything again.

A real ``streamlit run`` server on a fresh SQLite file; a person enters a name, creates a workload,
answers the 2026 tree one question at a time (with a note on one answer) and gets a recommendation.
The server is then stopped and started on the same database, and a new browser context (no cookies,
no storage, nothing carried over but the database) finds the workload, its recommendation, the note
on the walked path and every saved version. Labels and texts come from the shipped knowledge, so
rewording a question does not break the test. Screenshots of each step go to the test's tmp folder.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from advisor import KnowledgeBase, recommend
from tests.e2e.harness import IDLE, WAIT_MS, AppServer, Screenshots

pytestmark = pytest.mark.e2e

KNOWLEDGE_VERSION = "compute-tree-2026"
# A new build on a managed platform running large parallel jobs: four questions, ends at Azure Batch.
WALK = [
    ("specialty_workload", "none"),
    ("migrate_or_build", "build_new"),
    ("full_control", "no"),
    ("hpc", "yes"),
]
# What each answer of WALK saves as the version's change: the question's text and the answer's label (knowledge/).
WALK_CHANGES = [
    "answered “Is this one of the specialty workloads that Microsoft routes outside its general compute tree?”: None "
    "of these — general-purpose workload",
    "answered “Are you migrating an existing workload, or building a new one?”: Build a new workload",
    "answered “Do you need full control over the operating system and the virtual machine?”: No, a managed platform "
    "is fine",
    "answered “Is this a high-performance computing (HPC) or large-scale parallel batch workload?”: Yes, large "
    "parallel jobs",
]
NOTED_QUESTION = "full_control"
NOTE = "Risk runs need no OS agents; the team never patches servers."  # ';' and '.' are escaped by md()
AUTHOR = "Dana Rivera"
WORKLOAD = "Risk engine v2.1 (nightly)"
CONTEXT = "Monte Carlo risk simulations, run nightly on four classic VMs."


def settle(page: Page) -> None:
    """Wait for the rerun an interaction triggers: it starts a moment after the event, then must end."""
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=WAIT_MS)
    page.wait_for_timeout(300)
    no_error_shown(page)


def no_error_shown(page: Page) -> None:
    """Fail at once on an uncaught exception (shown, with showErrorDetails = "none", as a generic box)."""
    errors = page.get_by_test_id("stException")
    if errors.count():
        pytest.fail(f"the app shows an error on {page.url}: {errors.first.inner_text()!r} (see the server output)")


def open_app(page: Page, url: str) -> None:
    page.goto(url, timeout=WAIT_MS)
    page.wait_for_selector(IDLE, timeout=WAIT_MS)
    settle(page)


def enter_name(page: Page) -> None:
    # get_by_label("Your name") would also match the help button's tooltip target: use the textbox role
    name = page.get_by_role("textbox", name="Your name")
    name.fill(AUTHOR)
    name.press("Enter")
    settle(page)
    expect(page).to_have_url(re.compile(r"[?&]user=Dana(\+|%20)Rivera"))


def grid_rows(grid: Locator) -> list[dict[str, str]]:
    """A st.dataframe's rows, read from the accessibility table glide-data-grid keeps inside its canvas.

    The grid draws on a canvas, but it mirrors the header and the rendered rows in a ``role=grid``
    table (the canvas's fallback content), so the cell text is in the DOM though never "visible".
    """
    table = grid.get_by_test_id("data-grid-canvas").locator("table[role='grid']")
    expect(table).to_have_count(1)
    rows: list[dict[str, str]] = table.evaluate(
        """table => {
            const headers = [...table.querySelectorAll("thead th")].map(th => th.textContent.trim());
            return [...table.querySelectorAll("tbody tr")].map(tr => Object.fromEntries(
                [...tr.querySelectorAll("td")].map((td, i) => [headers[i], td.textContent.trim()])));
        }"""
    )
    return rows


def dataframe_with_column(page: Page, column: str) -> Locator:
    grid = page.get_by_test_id("stDataFrame").filter(
        has=page.locator("th[role='columnheader']", has_text=re.compile(f"^{re.escape(column)}$"))
    )
    expect(grid).to_have_count(1)
    return grid


def click_row_checkbox(grid: Locator, row: int, row_count: int) -> None:
    """Tick a row's selection checkbox: the first, narrow column of the canvas, a header row above.

    The checkbox is drawn on the canvas, so it is clicked by position; with no scrolling and a few
    rows the canvas is exactly (header + rows) rows of equal height. The caller checks the effect.
    """
    box = grid.get_by_test_id("data-grid-canvas").bounding_box()
    assert box is not None
    row_height = box["height"] / (row_count + 1)
    grid.page.mouse.click(box["x"] + 15, box["y"] + row_height * (row + 1.5))


def answer(page: Page, number: int, question_text: str, label: str, note: str = "") -> None:
    expect(page.get_by_role("heading", level=3).filter(has_text=f"{number}. {question_text}")).to_be_visible()
    form = page.get_by_test_id("stForm")
    form.get_by_text(label, exact=True).click()
    if note:
        form.get_by_role("textbox", name="Note (optional): why we answered this").fill(note)
    form.get_by_role("button", name="Save answer").click()
    settle(page)


def test_a_restart_keeps_workload_recommendation_note_and_every_version(
    app_server: AppServer, browser: Browser, shots: Screenshots, kb: KnowledgeBase
) -> None:
    version = kb.version(KNOWLEDGE_VERSION)
    steps = [(version.questions[q], a) for q, a in WALK]
    labels = [next(x.label for x in question.answers if x.id == a) for question, a in steps]
    result = recommend(kb, dict(WALK), KNOWLEDGE_VERSION)
    assert result.status == "complete", "the walk in WALK must reach an outcome"
    service = version.services[result.service].name
    noted = next(i for i, (q, _) in enumerate(WALK) if q == NOTED_QUESTION)

    # --- First server: create and walk -----------------------------------------------------------
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = shots.watch(context.new_page())
    open_app(page, app_server.url)
    expect(page.get_by_role("heading", name="Workloads", level=1)).to_be_visible()
    enter_name(page)
    shots(page, "name-entered")

    page.get_by_role("textbox", name="Name", exact=True).fill(WORKLOAD)
    page.get_by_role("textbox", name="Context", exact=True).fill(CONTEXT)
    shots(page, "create-form")
    page.get_by_role("button", name="Create workload").click()
    settle(page)
    expect(page).to_have_url(re.compile(r"/questionnaire\?(.*&)?workload=\d+"))
    workload_id = re.search(r"workload=(\d+)", page.url).group(1)
    expect(page.get_by_role("heading", name=WORKLOAD, level=1)).to_be_visible()
    if kb.default_version != KNOWLEDGE_VERSION:
        pytest.fail(f"the walk is written for {KNOWLEDGE_VERSION}; the default is now {kb.default_version}")

    for number, ((question, _), label) in enumerate(zip(steps, labels, strict=True), start=1):
        answer(page, number, question.text, label, NOTE if number - 1 == noted else "")
        shots(page, f"answered-{number}")
    expect(page.get_by_text(f"Recommended: {service}", exact=True)).to_be_visible()
    expect(page.get_by_text(f"Version {len(WALK)}, saved by {AUTHOR}")).to_be_visible()
    context.close()

    # --- Restart on the same database --------------------------------------------------------------
    app_server.restart()

    # --- A new browser context: nothing but the database is shared -------------------------------
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    assert context.cookies() == []
    page = shots.watch(context.new_page())
    open_app(page, app_server.url)
    expect(page.get_by_role("heading", name="Workloads", level=1)).to_be_visible()
    enter_name(page)
    shots(page, "after-restart-workloads")

    # The list: its text is read from the grid's accessibility table (see grid_rows), after
    # narrowing the list with the page's own search box so the workload is the single row.
    page.get_by_role("textbox", name="Search").fill("risk engine")
    page.get_by_role("textbox", name="Search").press("Enter")
    settle(page)
    workloads_grid = dataframe_with_column(page, "Workload")
    rows = grid_rows(workloads_grid)
    assert [(r["Workload"], r["Owner"], r["Status"], r["Service"], r["Versions"]) for r in rows] == [
        (WORKLOAD, AUTHOR, "recommended", service, str(len(WALK)))
    ]
    shots(page, "after-restart-search")

    # Open it as a person would: tick the row, see its details, press "Open questionnaire". The
    # details (name and context, shown only for a selected row) prove the click selected this row.
    click_row_checkbox(workloads_grid, row=0, row_count=len(rows))
    settle(page)
    expect(page.get_by_role("heading", name=WORKLOAD, level=4)).to_be_visible()
    expect(page.get_by_text(CONTEXT, exact=True)).to_be_visible()
    shots(page, "after-restart-selected")
    page.get_by_role("button", name="Open questionnaire").click()
    settle(page)
    expect(page).to_have_url(re.compile(rf"/questionnaire\?(.*&)?workload={workload_id}\b"))

    # The recommendation and the note on the walked path ("Why" tab)
    expect(page.get_by_role("heading", name=WORKLOAD, level=1)).to_be_visible()
    expect(page.get_by_text(f"Recommended: {service}", exact=True)).to_be_visible()
    expect(page.get_by_text(f"Tree complete: {len(WALK)} questions answered.")).to_be_visible()
    page.get_by_role("tab", name="Why").click()
    why = page.get_by_role("tabpanel").filter(has_text=f"1. {steps[0][0].text}")
    expect(why).to_be_visible()
    for number, ((question, _), label) in enumerate(zip(steps, labels, strict=True), start=1):
        expect(why.get_by_text(f"{number}. {question.text} → {label}")).to_be_visible()
    expect(why.get_by_text(f"Note: {NOTE}", exact=True)).to_be_visible()
    expect(page.get_by_text(f"Version {len(WALK)}, saved by {AUTHOR}")).to_be_visible()
    shots(page, "after-restart-questionnaire")

    # The Records page: the latest record, then the history with every version
    page.get_by_role("link", name="Records").click()
    settle(page)
    expect(page.get_by_role("heading", name="Records", level=1)).to_be_visible()
    records = grid_rows(dataframe_with_column(page, "Overridden"))
    assert [(r["Workload"], r["Version"], r["Service"], r["Author"]) for r in records] == [
        (WORKLOAD, str(len(WALK)), service, AUTHOR)
    ]
    expect(page.get_by_role("heading", name=f"History of {WORKLOAD}")).to_be_visible()
    # By default the versions that matter (the first, and the last: the first complete recommendation)...
    milestones = grid_rows(dataframe_with_column(page, "Change"))
    assert [r["Version"] for r in milestones] == [str(len(WALK)), "1"]
    # ... and every version on demand.
    page.get_by_text(f"Show every version ({len(WALK)})").click()
    settle(page)
    history = grid_rows(dataframe_with_column(page, "Change"))
    expected_history: list[dict[str, Any]] = [
        {"Version": str(n), "Author": AUTHOR, "Change": change} for n, change in enumerate(WALK_CHANGES, start=1)
    ][::-1]
    assert [{k: r[k] for k in ("Version", "Author", "Change")} for r in history] == expected_history
    # The history table shows the raw service id today, the other tables its name: either is accepted here
    assert history[0]["Service"] in (result.service, service)
    assert [r["Service"] for r in history[1:]] == ["(incomplete)"] * (len(WALK) - 1)

    # The diff pickers offer every version, and default to the last two
    expect(page.get_by_role("combobox", name="with version")).to_have_value(str(len(WALK)))
    older = page.get_by_role("combobox", name="Compare version")
    expect(older).to_have_value(str(len(WALK) - 1))
    older.click()
    options = page.get_by_role("option")
    expect(options).to_have_count(len(WALK))
    assert [o.inner_text().strip() for o in options.all()] == [str(n) for n in range(1, len(WALK) + 1)]
    shots(page, "after-restart-records-versions")
    page.keyboard.press("Escape")
    diff = dataframe_with_column(page, f"Version {len(WALK)}")
    expect(diff.locator("th[role='columnheader']", has_text=f"Version {len(WALK) - 1}")).to_have_count(1)
    expect(page.get_by_text(f"Version {len(WALK)} in full")).to_be_visible()
    shots(page, "after-restart-records")
    context.close()
