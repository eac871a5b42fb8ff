r"""User text (names, context, notes, author, VM links) is shown as typed: never as HTML, links or emphasis.

Expected bodies are written by hand: every Markdown/HTML special character backslash-escaped
(``<`` → ``\<``, ``*`` → ``\*``, ``(`` → ``\(``, ``:`` → ``\:`` …), so Streamlit shows the characters
themselves. No element may be sent with ``allow_html`` and no ``st.html`` element may appear.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from advisor import services
from tests.services.builders import new_workload
from tests.ui.uihelp import (
    answer,
    click,
    create_workload,
    goto,
    open_workload,
    run,
    save_version,
    sign_in,
    values,
    walk,
)

NAME = "<script>alert(1)</script> **bold** [x](http://evil)"
NAME_SHOWN = r"\<script\>alert\(1\)\</script\> \*\*bold\*\* \[x\]\(http\://evil\)"
CONTEXT = "<b>Payroll</b> _for_ # everyone"
CONTEXT_SHOWN = r"\<b\>Payroll\</b\> \_for\_ \# everyone"
NOTE = "<img src=x onerror=alert(1)> **really** [click](javascript:alert(1))"
NOTE_SHOWN = r"\<img src\=x onerror\=alert\(1\)\> \*\*really\*\* \[click\]\(javascript\:alert\(1\)\)"


def _nodes(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def _fields(node: Any) -> dict[str, Any]:
    proto = getattr(node, "proto", None)
    descriptor = getattr(proto, "DESCRIPTOR", None)
    return {name: getattr(proto, name) for name in descriptor.fields_by_name} if descriptor else {}


def assert_no_html(at) -> None:
    """No element is rendered with unsafe_allow_html, and there is no st.html element."""
    nodes = list(_nodes(at._tree))
    assert not [n for n in nodes if getattr(n, "type", None) == "html"], "an st.html element is on the page"
    assert [f["body"] for f in map(_fields, nodes) if f.get("allow_html")] == []
    markdown_count = sum(1 for n in nodes if getattr(n, "type", None) in {"markdown", "caption"})
    assert markdown_count > 0, "the walk found no markdown at all: the tree walk is broken"


def _no_raw(at, raw: str) -> None:
    """The raw (unescaped) text appears in no Markdown-rendered body (markdown, headings, alerts)."""
    bodies = [f["body"] for f in map(_fields, _nodes(at._tree)) if isinstance(f.get("body"), str)]
    assert bodies, "no element with a body found"
    assert [b for b in bodies if raw in b] == []


@pytest.fixture
def at(new_app):
    app = sign_in(run(new_app()), "Dana")
    create_workload(app, NAME, owner="Ops", context=CONTEXT)
    return app


def test_name_and_note_are_shown_escaped_in_the_questionnaire(at, ctx):
    assert values(at.title) == [NAME_SHOWN]
    assert_no_html(at)
    walk(at, ["none", "build_new"])
    answer(at, "yes", note=NOTE)  # full control: Virtual Machines
    record = services.latest_record(ctx, services.find_workload(ctx, NAME).id)
    assert record.answers["full_control"].note == NOTE, "the note is saved as typed"
    assert record.workload_name == NAME
    assert f"Note: {NOTE_SHOWN}" in values(at.caption), "under the answered step"
    assert f"> Note: {NOTE_SHOWN}" in values(at.markdown), "in the Why path"
    assert values(at.title) == [NAME_SHOWN]
    _no_raw(at, "**really**")
    _no_raw(at, "<script>")
    assert_no_html(at)


def test_override_reason_is_shown_escaped(at):
    walk(at, ["none", "build_new", "yes"])
    at.selectbox(key="override_service").set_value("app-service")
    at.text_area(key="override_reason").set_value(NOTE)
    click(at, "Save override")
    [overridden] = [w for w in values(at.warning) if w.startswith("Overridden")]
    assert overridden.endswith(f"Reason: {NOTE_SHOWN}")
    assert_no_html(at)


def test_name_is_shown_escaped_on_the_records_page(at):
    answer(at, "none")
    goto(at, "Records")  # the workload stays selected across the page switch
    assert f"History of {NAME_SHOWN}" in values(at.subheader)
    assert list(at.dataframe[0].value["Workload"]) == [NAME], "a table cell is plain text: shown as typed"
    _no_raw(at, "**bold**")
    assert_no_html(at)


def _select_first_row(at):
    at.session_state["workload_table"] = {"selection": {"rows": [0], "columns": []}}
    return run(at)


def test_name_and_context_are_shown_escaped_on_the_workloads_page(at):
    goto(at, "Workloads")
    assert list(at.dataframe[0].value["Workload"]) == [NAME]
    _select_first_row(at)
    assert f"#### {NAME_SHOWN}" in values(at.markdown)
    assert CONTEXT_SHOWN in values(at.markdown)
    assert_no_html(at)


def test_messages_naming_the_workload_show_it_escaped(at):
    goto(at, "Workloads")
    _select_first_row(at)
    click(at, "Archive")
    [archived] = values(at.success)
    assert archived.startswith("Archived ")
    assert NAME_SHOWN in archived
    _no_raw(at, "**bold**")
    assert_no_html(at)


def test_duplicate_name_error_shows_the_name_escaped(at):
    goto(at, "Workloads")
    create_workload(at, NAME)
    [error] = values(at.error)
    assert NAME_SHOWN in error
    _no_raw(at, "**bold**")


def test_vm_links_are_shown_escaped(new_app):
    at = sign_in(run(new_app()), "Dana")
    create_workload(at, "Payroll web", links="cs_*one*/[vm](http://evil)")
    goto(at, "Workloads")
    _select_first_row(at)
    assert r"Inventory VMs: cs\_\*one\*/\[vm\]\(http\://evil\)" in values(at.caption)
    assert_no_html(at)


def test_author_name_is_shown_escaped(new_app):
    at = sign_in(run(new_app()), "**Dana** <i>R</i>")
    create_workload(at, "Payroll web")
    answer(at, "none")
    saved_by = [c for c in values(at.caption) if c.startswith("Version 1, saved by")]
    assert len(saved_by) == 1, values(at.caption)
    assert saved_by[0].startswith(r"Version 1, saved by \*\*Dana\*\* \<i\>R\</i\> at ")
    assert_no_html(at)


def test_conflict_message_shows_the_name_escaped(new_app, ctx, kb):
    first, second = sign_in(run(new_app()), "Ana"), sign_in(run(new_app()), "Ben")
    workload = new_workload(ctx, NAME)
    save_version(ctx, workload, {"specialty_workload": "none"}, version=1)
    open_workload(first, workload.id)
    open_workload(second, workload.id)
    answer(first, "build_new")
    answer(second, "migrate")
    [conflict] = [w.value for w in second.warning if w.icon == "🔀"]
    assert NAME_SHOWN in conflict
    _no_raw(second, "**bold**")
