"""Minutes of a session: the Markdown written out in full by hand, user text escaped, and the PDF's
headings and tables read back with ``pdftotext`` (Debian's poppler-utils).
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from advisor import KnowledgeBase
from advisor.export.minutes import minutes_markdown, minutes_pdf
from advisor.models.record import DecisionRecord, Override, Workload
from advisor.models.session import Attendee, ReviewSession, SessionItem
from tests.services.builders import make_record

UTC = datetime.UTC
CLOSED = datetime.datetime(2026, 3, 2, 11, 30, tzinfo=UTC)
SIGNED = datetime.datetime(2026, 3, 2, 10, 15, tzinfo=UTC)
ATTENDEES = (  # deliberately not in role order
    Attendee("Ida Inform", "informed"),
    Attendee("Ann Arbiter", "decision_maker"),
    Attendee("Carl Consult", "consulted"),
    Attendee("Dora Decide", "decision_maker"),
)


def item(workload_id: int, name: str, position: int, **decided: object) -> SessionItem:
    values: dict[str, object] = {
        "workload_id": workload_id, "workload_name": name, "position": position, "base_version": 1, "notes": "",
        "outcome": None, "reason": "", "override_service": None, "signed_off_by": None, "signed_at": None,
        "result_version": None, "archived": False, "latest_version": 1,
    }  # fmt: skip
    return SessionItem(**(values | decided))  # type: ignore[arg-type]


def session(title: str, items: tuple[SessionItem, ...]) -> ReviewSession:
    return ReviewSession(
        id=3, title=title, date=datetime.date(2026, 3, 2), status="closed", created_by="Ann Arbiter",
        created_at=datetime.datetime(2026, 3, 1, 9, 0, tzinfo=UTC), closed_at=CLOSED, closed_by="Ann Arbiter",
        attendees=ATTENDEES, items=items,
    )  # fmt: skip


def records(kb: KnowledgeBase, names: dict[int, str]) -> dict[int, DecisionRecord]:
    moment = datetime.datetime(2026, 3, 1, tzinfo=UTC)
    return {
        wid: make_record(kb, Workload(id=wid, name=name, created_at=moment, updated_at=moment), 1)
        for wid, name in names.items()
    }


@pytest.fixture
def board(kb: KnowledgeBase) -> tuple[ReviewSession, dict[int, DecisionRecord]]:
    payroll = item(
        1, "Payroll", 0, notes="Licensing checked.\nTeam agrees.", outcome="override",
        reason="The team runs App Service already.", override_service="app-service", signed_off_by="Dora Decide",
        signed_at=SIGNED, result_version=2, latest_version=2,
    )  # fmt: skip
    found = records(kb, {1: "Payroll", 2: "Billing"})
    found[1] = found[1].model_copy(
        update={"version": 2, "override": Override(service="app-service", reason="The team runs App Service already.")}
    )
    return session("Board March", (payroll, item(2, "Billing", 1))), found


EXPECTED = """\
# Review session minutes: Board March

| Field | Value |
|---|---|
| Date | 2026-03-02 |
| Status | closed on 2026-03-02 11:30 UTC by Ann Arbiter |
| Created by | Ann Arbiter |
| Agenda items | 2 |

## Attendees

| Name | Role |
|---|---|
| Ann Arbiter | decision maker |
| Dora Decide | decision maker |
| Carl Consult | consulted |
| Ida Inform | informed |

## Agenda

| Item | Workload | Outcome | Signed off by |
|---|---|---|---|
| 1 | Payroll | overridden to Azure App Service | Dora Decide |
| 2 | Billing | no outcome recorded | — |

## Item 1: Payroll

| Field | Value |
|---|---|
| Chosen service | Azure App Service |
| The tree recommended | Azure Virtual Machines |
| Knowledge version | compute-tree-2026 |
| Record version | version 1, outcome saved as version 2 |
| Outcome | overridden |
| Override | Azure App Service |
| Reason | The team runs App Service already. |
| Signed off by | Dora Decide |
| Signed at | 2026-03-02 10:15 UTC |
| Signature | unverified (local mode) |

### Conditions of Azure App Service

\\- The instance ceilings shown for App Service are default figures from the comparison page; confirm the \
current limits of the tier you buy.

### Notes

Licensing checked.␣␣
Team agrees.

## Item 2: Billing

| Field | Value |
|---|---|
| Recommended service | Azure Virtual Machines |
| Knowledge version | compute-tree-2026 |
| Record version | version 1 |
| Outcome | no outcome recorded |
| Reason | — |
| Signed off by | — |
| Signed at | — |

### Conditions of Azure Virtual Machines

\\- Run at least two instances, in an availability set or across zones, to qualify for the stronger VM SLA; a \
lone VM is covered by a weaker one.␣␣
\\- Patching, hardening, backup and monitoring of every VM stay with your team; the platform takes none of them \
over.

### Notes

No notes.
""".replace("␣", " ")  # a Markdown hard line break is two trailing spaces


def test_markdown_minutes_list_attendees_by_role_and_every_item_in_full(kb: KnowledgeBase, board: tuple) -> None:
    assert minutes_markdown(*board, kb) == EXPECTED


def test_archived_item_and_missing_record_are_said(kb: KnowledgeBase) -> None:
    archived = item(5, "Legacy", 0, archived=True)
    text = minutes_markdown(session("Board", (archived,)), {}, kb)
    assert "| Workload | archived after it was put on the agenda |" in text
    assert "Recommended service" not in text  # no record was given for it


NASTY_TITLE = "# Q1 <script>alert(1)</script>"
NASTY_NAME = "Pay|roll [click](javascript:alert(1))"
NASTY_REASON = "*bold* _it_ `code`\n- not a list"
NASTY_NOTES = "# Heading\n- item\n1. one\n<img src=x onerror=alert(1)>\n| a | b |\n```code```\n===\n> quote &amp;"


@pytest.fixture
def nasty(kb: KnowledgeBase) -> tuple[ReviewSession, dict[int, DecisionRecord]]:
    decided = item(
        1, NASTY_NAME, 0, notes=NASTY_NOTES, outcome="reject", reason=NASTY_REASON, signed_off_by="Ann <b>Arbiter</b>",
        signed_at=SIGNED, result_version=2,
    )  # fmt: skip
    return session(NASTY_TITLE, (decided,)), records(kb, {1: NASTY_NAME})


def test_user_text_cannot_break_headings_or_tables_or_inject_html(kb: KnowledgeBase, nasty: tuple) -> None:
    text = minutes_markdown(*nasty, kb)
    lines = text.splitlines()

    headings = [line for line in lines if line.startswith("#")]
    assert headings == [
        "# Review session minutes: \\# Q1 &lt;script&gt;alert(1)&lt;/script&gt;",
        "## Attendees",
        "## Agenda",
        "## Item 1: Pay\\|roll \\[click\\](javascript:alert(1))",
        "### Conditions of Azure Virtual Machines",
        "### Notes",
    ]
    assert "<" not in text.replace("<br>", "")  # no tag but the line breaks we put in cells
    for line in lines:
        if line.startswith("|"):  # every table row keeps its column count: user pipes are escaped
            assert len(re.findall(r"(?<!\\)\|", line)) in (3, 5)
    assert "| Reason | \\*bold\\* \\_it\\_ \\`code\\`<br>\\- not a list |" in lines
    assert "| Signed off by | Ann &lt;b&gt;Arbiter&lt;/b&gt; |" in lines
    notes = text.split("### Notes\n\n", 1)[1]
    assert notes == (
        "\\# Heading  \n\\- item  \n1\\. one  \n&lt;img src=x onerror=alert(1)&gt;  \n\\| a \\| b \\|  \n"
        "\\`\\`\\`code\\`\\`\\`  \n\\===  \n&gt; quote &amp;amp;\n"
    )


def _pdftotext() -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        message = "pdftotext not installed (Debian package poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; .ci/run installs it")
        pytest.skip(message)
    return tool


def pdf_text(data: bytes, tmp_path: Path) -> str:
    tool = _pdftotext()
    path = tmp_path / "minutes.pdf"
    path.write_bytes(data)
    result = subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def test_pdf_has_the_same_headings_and_tables(kb: KnowledgeBase, board: tuple, tmp_path: Path) -> None:
    data = minutes_pdf(*board, kb)
    assert data.startswith(b"%PDF-")
    lines = [line.strip() for line in pdf_text(data, tmp_path).splitlines() if line.strip()]

    headings = [
        "Review session minutes: Board March", "Attendees", "Agenda", "Item 1: Payroll", "Notes", "Item 2: Billing",
    ]  # fmt: skip
    positions = [lines.index(heading) for heading in headings]
    assert positions == sorted(positions)

    def row(*cells: str) -> int | None:
        """The line number of a table row with these cells, in columns; None if there is none."""
        pattern = r"\s{2,}".join(re.escape(cell) for cell in cells)
        return next((n for n, line in enumerate(lines) if re.fullmatch(pattern, line)), None)

    assert row("Field", "Value") is not None
    assert row("Status", "closed on 2026-03-02 11:30 UTC by Ann Arbiter")
    assert row("Name", "Role")
    for name, role in [("Ann Arbiter", "decision maker"), ("Dora Decide", "decision maker")]:
        assert row(name, role)
    assert row("Carl Consult", "consulted")
    assert row("Ida Inform", "informed")
    assert row("Item", "Workload", "Outcome", "Signed off by")
    assert row("2", "Billing", "no outcome recorded", "—")
    assert row("Override", "Azure App Service")
    assert row("Reason", "The team runs App Service already.")
    assert row("Signed off by", "Dora Decide")
    assert row("Signed at", "2026-03-02 10:15 UTC")
    assert "Licensing checked." in lines
    assert "Team agrees." in lines
    attendee_rows = [
        row("Ann Arbiter", "decision maker"),
        row("Carl Consult", "consulted"),
        row("Ida Inform", "informed"),
    ]
    assert attendee_rows == sorted(attendee_rows)  # by role, as in the Markdown


def test_pdf_shows_html_and_markup_in_user_text_as_typed(kb: KnowledgeBase, nasty: tuple, tmp_path: Path) -> None:
    text = " ".join(pdf_text(minutes_pdf(*nasty, kb), tmp_path).split())  # a long heading wraps

    assert "Review session minutes: # Q1 <script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "Ann <b>Arbiter</b>" in text
    assert "> quote &amp;" in text
    assert "|a|b|" in text.replace(" ", "")  # pdftotext may drop the narrow spaces between pipes


# --- any text the forms accept (issue 16): reasons up to 5,000 characters, notes up to 20,000 -----------------

FORM_FIELDS = ("title", "creator", "closer", "attendee", "workload", "reason", "signer")


def _words(field: str, length: int) -> str:
    """Text of exactly ``length`` characters, words numbered so their order can be checked after pdftotext."""
    return " ".join(f"{field}{n}" for n in range(length))[:length].rsplit(" ", 1)[0]


def _long_session(text: dict[str, str]) -> ReviewSession:
    decided = item(
        1, text["workload"], 0, notes=text["notes"], outcome="reject", reason=text["reason"],
        signed_off_by=text["signer"], signed_at=SIGNED, result_version=2, latest_version=2,
    )  # fmt: skip
    return ReviewSession(
        id=3, title=text["title"], date=datetime.date(2026, 3, 2), status="closed", created_by=text["creator"],
        created_at=datetime.datetime(2026, 3, 1, 9, 0, tzinfo=UTC), closed_at=CLOSED, closed_by=text["closer"],
        attendees=(Attendee(text["attendee"], "decision_maker"),), items=(decided,),
    )  # fmt: skip


def test_pdf_renders_5000_character_text_in_every_field_across_pages(kb: KnowledgeBase, tmp_path: Path) -> None:
    text = {field: _words(field, 5000) for field in FORM_FIELDS} | {"notes": _words("notes", 20_000)}

    data = minutes_pdf(_long_session(text), records(kb, {1: "x"}), kb)
    words = pdf_text(data, tmp_path).split()

    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") >= 3, "the text runs over several pages"
    for field, typed in text.items():
        expected = typed.split()
        found = [word for word in words if re.fullmatch(rf"{field}\d+", word)]
        assert found, field
        # every word, in order: a field shown twice (the workload in the agenda and its heading) repeats whole
        assert found == expected * (len(found) // len(expected)), field


@pytest.mark.parametrize(
    "shape", ["one 5,000-character word", "5,000 characters of line breaks"], ids=["long-word", "line-breaks"]
)
def test_pdf_renders_long_text_of_any_shape(kb: KnowledgeBase, tmp_path: Path, shape: str) -> None:
    typed = "x" * 5000 if shape.startswith("one") else "\n".join(["y"] * 2500)
    session_text = dict.fromkeys(FORM_FIELDS, typed) | {"notes": (typed * 4)[:20_000]}

    data = minutes_pdf(_long_session(session_text), records(kb, {1: "x"}), kb)
    squeezed = "".join(pdf_text(data, tmp_path).split())

    # 7 fields, the workload and the signer shown twice (agenda and item), then the notes: none cut short
    shown = 9 * len(typed.replace("\n", "")) + len(session_text["notes"].replace("\n", ""))
    assert squeezed.count(typed[0]) >= shown
