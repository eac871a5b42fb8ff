"""Small helpers for driving the app through AppTest: find widgets by label, run, walk the tree."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from streamlit.testing.v1 import AppTest

from advisor import services
from advisor.models.actor import Actor
from advisor.models.record import DecisionRecord, GivenAnswer, Workload
from advisor.services import ServiceContext

ANSWER = "Your answer"
SAVE = "Save answer"
TREE_NOTE = "Note (optional): why we answered this"


def run(at: AppTest) -> AppTest:
    """Run the script and fail on any uncaught exception shown on the page."""
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def one(elements: Iterable[Any], label: str) -> Any:
    """The one widget with this label."""
    found = [e for e in elements if e.label == label]
    assert len(found) == 1, f"expected one {label!r}, found {len(found)} among {[e.label for e in elements]}"
    return found[0]


def labels(elements: Iterable[Any]) -> list[str]:
    return [e.label for e in elements]


def values(elements: Iterable[Any]) -> list[str]:
    return [e.value for e in elements]


_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~=$:&])")


def shown(markdown: str) -> str:
    """The text a Markdown body shows, backslash escapes removed (``Archived A\\.`` shows ``Archived A.``)."""
    return _ESCAPED.sub(r"\1", markdown)


def shown_values(elements: Iterable[Any]) -> list[str]:
    """The shown text of each element, so checks hold whether or not a message escapes its user text."""
    return [shown(e.value) for e in elements]


def click(at: AppTest, label: str) -> AppTest:
    one(at.button, label).click()
    return run(at)


def sign_in(at: AppTest, name: str) -> AppTest:
    one(at.sidebar.text_input, "Your name").set_value(name)
    return run(at)


def goto(at: AppTest, title: str) -> AppTest:
    """Open a page of the st.navigation menu by its title, as a click in the sidebar does.

    AppTest.switch_page only takes page files and the app's pages are callables, so this sets the
    page AppTest will request, from the pages the last run registered (a private AppTest field).
    """
    pages = {info["page_name"]: page_hash for page_hash, info in at._registered_pages.items()}
    assert title in pages, f"no page {title!r} in {sorted(pages)}"
    at._page_hash = pages[title]
    return run(at)


def open_workload(at: AppTest, workload_id: int) -> AppTest:
    """Open the questionnaire of a workload by its address (?workload=ID), as a shared link does."""
    at.query_params["workload"] = str(workload_id)
    return goto(at, "Questionnaire")


def create_workload(at: AppTest, name: str, owner: str = "", context: str = "", links: str = "") -> AppTest:
    """Fill in and submit the "New workload" form in one run (a run between would drop the values)."""
    one(at.text_input, "Name").set_value(name)
    one(at.text_input, "Owner").set_value(owner)
    one(at.text_area, "Context").set_value(context)
    one(at.text_area, "Inventory VMs (optional)").set_value(links)
    return click(at, "Create workload")


def answer(at: AppTest, answer_id: str, note: str | None = None) -> AppTest:
    """Answer the tree question on screen and press Save answer, in the same run."""
    one(at.radio, ANSWER).set_value(answer_id)
    if note is not None:
        one(at.text_area, TREE_NOTE).set_value(note)
    return click(at, SAVE)


def walk(at: AppTest, answers: Sequence[str]) -> AppTest:
    for answer_id in answers:
        answer(at, answer_id)
    return at


def question_heading(at: AppTest) -> str:
    """The heading of the tree question on screen ("### N. text")."""
    headings = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert len(headings) == 1, headings
    return headings[0]


def progress_text(at: AppTest) -> str:
    bars = at.get("progress")
    assert len(bars) == 1, bars
    return bars[0].proto.text


def page_text(at: AppTest) -> str:
    """Every text the page shows in markdown-like elements and alerts, one per line."""
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "success", "warning", "error"):
        parts.extend(str(e.value) for e in getattr(at, kind))
    parts.extend(labels(at.expander))
    return "\n".join(parts)


def save_version(
    ctx: ServiceContext,
    workload: Workload,
    answers: dict[str, str],
    version: int,
    author: str = "Seeder",
    **extra: Any,
) -> DecisionRecord:
    """Save version ``version`` through the records service, built exactly as the app builds it."""
    return services.save_answers(
        ctx,
        Actor.local(author),
        workload.id,
        base_version=version - 1,
        answers={q: GivenAnswer(answer=a) for q, a in answers.items()},
        knowledge_version=extra.pop("knowledge_version", None),
        change=extra.pop("change", "seeded"),
        override=extra.pop("override", None),
        **extra,
    )
