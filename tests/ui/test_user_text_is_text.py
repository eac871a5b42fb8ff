"""User text is text (issue 16): a bare URL, an address and Markdown typed into names, notes and reasons show
exactly as typed, never as a link, emphasis, heading, directive or HTML.

Every Markdown body the page sends (markdown, captions, alerts, headings) that holds the typed text is parsed
the way Streamlit's frontend parses it (micromark with GFM bare-link detection, tables and ``:name[...]``
directives: ``tests/ui/render_gfm.mjs``), and the HTML must hold no element made from the user's text, while
its visible text holds the text as typed.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path
from typing import Any

from advisor import services
from tests.export.tools import node, node_package
from tests.services.builders import COMPLETE_ANSWERS, new_workload, person
from tests.ui.test_text_safety import _fields, _nodes
from tests.ui.uihelp import answer, click, create_workload, goto, one, run, save_version, sign_in, walk

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"
MARKER = "evil.example"
TYPED = (  # a workload name: at most 120 characters
    "Pay https://evil.example/x www.evil.example e@evil.example **b** _i_ [x](http://evil.example) <b>t</b> :red[a] $x$"
)
NOTE = "see https://evil.example/notes\n# not a heading\n    not code\n- not a list"
REASON = "per https://evil.example/reason and **policy** [link](javascript:alert(1))"
AUTHOR = "Dana https://evil.example/me"
ESTATE = "Contoso https://evil.example/estate **big**"
# Elements no body holding user text may contain (the app's own markup around user text has none of them);
# emphasis, headings or code made of the user's text would consume its characters: the text check sees that.
ELEMENTS = ("<a ", "<directive", "<b>", "<img", "<script")


def render_gfm(bodies: list[str]) -> list[str]:
    """The HTML of each body, as Streamlit's Markdown parser makes it."""
    modules = node_package("micromark/index.js").parent.parent
    done = subprocess.run(
        [node(), str(HERE / "render_gfm.mjs"), str(modules)], input=json.dumps(bodies), capture_output=True,
        text=True, check=True, timeout=60,
    )  # fmt: skip
    return json.loads(done.stdout)


def _bodies(at: Any) -> list[str]:
    return [f["body"] for f in map(_fields, _nodes(at._tree)) if isinstance(f.get("body"), str)]


def _as_text(rendered: str) -> str:
    """The rendered HTML with only paragraph and line-break tags gone and entities decoded: markup the user's
    text turned into (a link, emphasis, a directive) would still be there and break the text's run."""
    plain = re.sub(r"</?p>|<br\s*/?>", " ", rendered)
    return " ".join(html.unescape(plain).replace("\u00a0", " ").split())


def assert_shown_as_text(at: Any, *typed: str) -> int:
    """Every body holding user text shows it as typed and makes no element of it; how many bodies there were."""
    bodies = [body for body in _bodies(at) if MARKER in body.replace("\\", "")]
    for body, rendered in zip(bodies, render_gfm(bodies), strict=True):
        made = [element for element in ELEMENTS if element in rendered]
        assert made == [], (body, rendered)
        text = _as_text(rendered)
        assert any(" ".join(t.split()) in text for t in typed), (body, text)
    return len(bodies)


def test_the_renderer_would_link_and_format_unescaped_text() -> None:
    """The check can fail: the same text sent unescaped does become links, emphasis and a directive."""
    [rendered] = render_gfm([TYPED])
    assert '<a href="https://evil.example/x">' in rendered
    assert '<a href="http://www.evil.example">' in rendered
    assert '<a href="mailto:e@evil.example">' in rendered
    assert "<strong>b</strong>" in rendered
    assert "<directive>" in rendered


def test_names_notes_and_reasons_show_as_typed(new_app) -> None:
    at = sign_in(run(new_app()), AUTHOR)
    create_workload(at, TYPED, owner="Ops", context=f"context {TYPED}")
    walk(at, ["none", "build_new"])
    answer(at, "yes", note=NOTE)  # full control: Virtual Machines
    at.selectbox(key="override_service").set_value("app-service")
    at.text_area(key="override_reason").set_value(REASON)
    click(at, "Save override")

    typed = (TYPED, NOTE, REASON, AUTHOR, f"context {TYPED}")
    assert assert_shown_as_text(at, *typed) >= 4, "the title, the note under the step and in the path, the reason"
    goto(at, "Records")
    assert assert_shown_as_text(at, *typed) >= 2, "the history heading and the reason"
    goto(at, "Workloads")
    at.session_state["workload_table"] = {"selection": {"rows": [0], "columns": []}}
    run(at)
    assert assert_shown_as_text(at, *typed) >= 2, "the name and the context"


def test_an_estate_name_on_the_board_shows_as_typed(new_app, ctx) -> None:
    workload = new_workload(ctx, "Payroll")
    save_version(ctx, workload, COMPLETE_ANSWERS, 1)
    golden, vnets = DATA / "golden_inventory.csv", DATA / "golden_vnets.csv"
    services.import_estate(ctx, person("Ann"), ESTATE, [golden], vnets, names=[golden.name], vnet_name=vnets.name)
    at = goto(sign_in(run(new_app()), "Ann"), "Board")
    one(at.selectbox, "Estate").set_value(ESTATE)
    run(at)

    assert assert_shown_as_text(at, f"VMs of the latest import of estate {ESTATE}") == 1
