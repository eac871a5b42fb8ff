"""Minutes of a review session, as Markdown and as a PDF rendered from the same content.

:func:`minutes_content` lays the minutes out once, as headings, two-column tables and text blocks that
hold plain, unescaped text; :func:`minutes_markdown` and :func:`minutes_pdf` only render those blocks, so
the two exports cannot say different things. User text (title, names, reasons, notes) is escaped for each
format: in Markdown it cannot open a heading, a list, a link or a table cell, and HTML in it shows as
text; in the PDF it is never read as ReportLab markup.

The PDF uses ReportLab rather than WeasyPrint: ReportLab is pure Python (one pip install, its fonts
bundled), while WeasyPrint needs the system's Pango and Cairo libraries on every machine that runs the
app or CI. ReportLab's bundled Bitstream Vera font is embedded, so accented names survive.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape as xml_escape

from advisor.decide.reason_words import Words, chosen_conditions
from advisor.knowledge.assembly import KnowledgeBase
from advisor.models.record import DecisionRecord
from advisor.models.session import OUTCOME_LABELS, ROLE_LABELS, ROLES, ReviewSession, SessionItem

if TYPE_CHECKING:  # ReportLab itself is imported only when a PDF is made
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Flowable

NONE = "—"


@dataclass(frozen=True)
class Heading:
    level: int  # 1 to 3
    text: str


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Text:
    text: str  # may span lines; shown as typed


Block = Heading | Table | Text


def minutes_content(
    session: ReviewSession, records_by_workload: Mapping[int, DecisionRecord], kb: KnowledgeBase
) -> list[Block]:
    """The minutes as blocks: the session, its attendees by role, the agenda, then each item in full.

    ``records_by_workload`` maps a workload id to the record its item stands for (the version its
    outcome created, else the version it was taken at): ``services.agenda_records`` gives exactly that.
    """
    closed = f"closed on {_time(session.closed_at)} by {session.closed_by}" if session.closed_at else "open"
    blocks: list[Block] = [
        Heading(1, f"Review session minutes: {session.title}"),
        Table(
            ("Field", "Value"),
            (
                ("Date", session.date.isoformat()),
                ("Status", closed),
                ("Created by", session.created_by),
                ("Agenda items", str(len(session.items))),
            ),
        ),
        Heading(2, "Attendees"),
        Table(
            ("Name", "Role"),
            tuple((a.name, ROLE_LABELS[a.role]) for role in ROLES for a in session.attendees if a.role == role),
        ),
        Heading(2, "Agenda"),
        Table(
            ("Item", "Workload", "Outcome", "Signed off by"),
            tuple(
                (str(n), item.workload_name, _outcome(item, kb, records_by_workload), item.signed_off_by or NONE)
                for n, item in enumerate(session.items, start=1)
            ),
        ),
    ]
    for n, item in enumerate(session.items, start=1):
        blocks += _item_blocks(n, item, records_by_workload.get(item.workload_id), kb)
    return blocks


def minutes_markdown(
    session: ReviewSession, records_by_workload: Mapping[int, DecisionRecord], kb: KnowledgeBase
) -> str:
    """The minutes as Markdown (GitHub-flavoured tables)."""
    lines: list[str] = []
    for block in minutes_content(session, records_by_workload, kb):
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + md_inline(block.text), ""]
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(md_cell(cell) for cell in block.header) + " |")
            lines.append("|" + "|".join("---" for _ in block.header) + "|")
            lines += ["| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in block.rows]
            lines.append("")
        else:
            lines += [md_block(block.text), ""]
    return "\n".join(lines)


def minutes_pdf(session: ReviewSession, records_by_workload: Mapping[int, DecisionRecord], kb: KnowledgeBase) -> bytes:
    """The same minutes as a PDF: the headings as headings, each table as a ruled table."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as PdfTable

    styles = _pdf_styles()
    story: list[Flowable] = []
    for block in minutes_content(session, records_by_workload, kb):
        if isinstance(block, Heading):
            # one line, as in the Markdown: a heading of thousands of lines would be re-wrapped at every page
            story.append(Paragraph(_pdf_text(" ".join(block.text.splitlines())), styles[f"h{block.level}"]))
        elif isinstance(block, Table):
            widths = _widths(len(block.header), 170 * mm)
            data = [[Paragraph(_pdf_text(cell), styles["th"]) for cell in block.header]]
            for row in block.rows:
                data += _pdf_rows(row, widths, styles["td"])
            table = PdfTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
            table.setStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
            story += [table, Spacer(1, 4 * mm)]
        else:  # a few lines per paragraph: the page breaks fall between them, however long the text
            story += [Paragraph(_pdf_text(group), styles["td"]) for group in _line_groups(block.text)]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=f"Review session minutes: {session.title}", author=session.created_by,
        leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm, bottomMargin=18 * mm, invariant=1,
    )  # fmt: skip
    document.build(story)
    return buffer.getvalue()


# Markdown escaping

_MD_INLINE = re.compile(r"([\\`*_\[\]{}|~$#!])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+(?=[.)]))")  # ">" is already an entity


def md_inline(text: str) -> str:
    """One line of user text for Markdown: HTML as entities, emphasis, links, code and pipes escaped."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _MD_INLINE.sub(r"\\\1", " ".join(escaped.splitlines()))
    return _escape_line_start(escaped)


def md_cell(text: str) -> str:
    """User text for a table cell: each line escaped, lines joined with ``<br>``."""
    return "<br>".join(md_inline(line) for line in text.splitlines()) or " "


def md_block(text: str) -> str:
    """Multi-line user text as one paragraph: each line escaped, hard line breaks between lines."""
    return "  \n".join(md_inline(line) for line in text.splitlines())


def _escape_line_start(line: str) -> str:
    """Escape what would start a list, quote, setext underline or numbered item at the start of a line."""
    match = _MD_LINE_START.match(line)
    if match is None:
        return line
    lead, token = match.groups()
    if token.isdigit():  # "1." or "1)": escape the punctuation after the number
        end = match.end()
        return f"{line[:end]}\\{line[end:]}"
    return f"{lead}\\{line[len(lead) :]}"


# Content helpers


def _item_blocks(n: int, item: SessionItem, record: DecisionRecord | None, kb: KnowledgeBase) -> list[Block]:
    rows: list[tuple[str, str]] = []
    conditions: list[Block] = []
    if record is not None:
        tree = _service(kb, record, record.service) if record.service else _stop(kb, record)
        if record.override is not None:
            rows += [
                ("Chosen service", _service(kb, record, record.override.service)),
                ("The tree recommended", tree),
            ]
        else:
            rows.append(("Recommended service", tree))
        rows.append(("Knowledge version", record.knowledge_version))
        if record.chosen_service is not None:
            texts = chosen_conditions(record, Words.from_kb(kb), kb)
            conditions = [
                Heading(3, f"Conditions of {_service(kb, record, record.chosen_service)}"),
                Text("\n".join(f"- {text}" for text in texts) if texts else "No condition applies."),
            ]
    taken = f"version {item.base_version}"
    rows.append(
        ("Record version", f"{taken}, outcome saved as version {item.result_version}" if item.decided else taken)
    )
    rows.append(("Outcome", OUTCOME_LABELS[item.outcome] if item.outcome else "no outcome recorded"))
    if item.override_service:
        rows.append(("Override", _service(kb, record, item.override_service)))
    if record is not None and record.relied_on and item.decided:
        relied = "; ".join(f"{claim.topic}: {claim.value}" for claim in record.relied_on)
        rows.append(("Where sources disagree, relied on", relied))
    rows += [
        ("Reason", item.reason or NONE),
        ("Signed off by", item.signed_off_by or NONE),
        ("Signed at", _time(item.signed_at) if item.signed_at else NONE),
    ]
    if item.decided:
        rows.append(("Signature", item.signature))
    if item.archived:
        rows.append(("Workload", "archived after it was put on the agenda"))
    return [
        Heading(2, f"Item {n}: {item.workload_name}"),
        Table(("Field", "Value"), tuple(rows)),
        *conditions,
        Heading(3, "Notes"),
        Text(item.notes if item.notes.strip() else "No notes."),
    ]


def _outcome(item: SessionItem, kb: KnowledgeBase, records: Mapping[int, DecisionRecord]) -> str:
    if item.outcome is None:
        return "no outcome recorded"
    if item.outcome == "override" and item.override_service:
        return f"overridden to {_service(kb, records.get(item.workload_id), item.override_service)}"
    return OUTCOME_LABELS[item.outcome]


def _service(kb: KnowledgeBase, record: DecisionRecord | None, service: str) -> str:
    """The service's name in the record's version, else in any shipped version: never its id alone."""
    version = kb.versions.get(record.knowledge_version) if record else None
    view = version.services.get(service) if version else None
    return view.name if view else Words.from_kb(kb).service(service)


def _stop(kb: KnowledgeBase, record: DecisionRecord) -> str:
    return f"none yet (the questionnaire stops at “{Words.from_kb(kb).question(record.next_question or '')}”)"


def _time(moment: datetime.datetime | None) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else NONE


# PDF helpers


def _pdf_text(text: str) -> str:
    """User text as a ReportLab paragraph: markup characters escaped, line breaks kept."""
    return "<br/>".join(xml_escape(line) for line in text.splitlines()) or " "


# A table row cannot break across pages (ReportLab raises LayoutError when one is taller than the page), so
# a cell taller than this is split into continuation rows; a page holds about 740 points of text.
MAX_CELL_HEIGHT = 400.0
CELL_PADDING = 6.0  # ReportLab's default left and right padding in a table cell


def _pdf_rows(row: tuple[str, ...], widths: list[float], style: Any) -> list[list[Any]]:
    """One table row, or several when a cell is too tall: each long cell continues in the rows below it."""
    from reportlab.platypus import Paragraph

    pieces = [_cell_parts(cell, width - 2 * CELL_PADDING, style) for cell, width in zip(row, widths, strict=True)]
    rows = []
    for index in range(max(len(piece) for piece in pieces)):
        cells = [piece[index] if index < len(piece) else "" for piece in pieces]
        if index and cells[0] == "":
            cells[0] = Paragraph("(continued)", style)
        rows.append(cells)
    return rows


def _cell_parts(text: str, width: float, style: Any) -> list[Any]:
    """``text`` as paragraphs no taller than MAX_CELL_HEIGHT: a few lines each, long lines split where
    ReportLab breaks them (one paragraph of thousands of lines would be re-wrapped at every split)."""
    from reportlab.platypus import Paragraph

    parts: list[Any] = []
    for group in _line_groups(text):
        rest: Any = Paragraph(_pdf_text(group), style)
        while True:
            _, height = rest.wrap(width, MAX_CELL_HEIGHT)
            split = rest.split(width, MAX_CELL_HEIGHT) if height > MAX_CELL_HEIGHT else []
            if len(split) < 2:  # it fits (or cannot be split, which text always can): done
                parts.append(rest)
                break
            parts.append(split[0])
            rest = split[1]
    return parts


def _line_groups(text: str, lines: int = 20, characters: int = 2000) -> list[str]:
    """The text's lines in groups of at most ``lines`` lines and about ``characters`` characters."""
    groups: list[list[str]] = [[]]
    size = 0
    for line in text.splitlines() or [""]:
        if groups[-1] and (len(groups[-1]) >= lines or size + len(line) > characters):
            groups.append([])
            size = 0
        groups[-1].append(line)
        size += len(line)
    return ["\n".join(group) for group in groups]


def _widths(columns: int, total: float) -> list[float]:
    if columns == 2:
        return [total * 0.3, total * 0.7]
    if columns == 4:
        return [total * 0.1, total * 0.35, total * 0.35, total * 0.2]
    return [total / columns] * columns


def _pdf_styles() -> dict[str, ParagraphStyle]:
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    regular, bold = _register_fonts()
    sample = getSampleStyleSheet()
    return {
        "h1": ParagraphStyle("minutes-h1", parent=sample["Heading1"], fontName=bold),
        "h2": ParagraphStyle("minutes-h2", parent=sample["Heading2"], fontName=bold),
        "h3": ParagraphStyle("minutes-h3", parent=sample["Heading3"], fontName=bold),
        "th": ParagraphStyle("minutes-th", parent=sample["BodyText"], fontName=bold, fontSize=9, leading=11),
        "td": ParagraphStyle("minutes-td", parent=sample["BodyText"], fontName=regular, fontSize=9, leading=11),
    }


def _register_fonts() -> tuple[str, str]:
    """ReportLab's bundled Bitstream Vera (embedded, wider than the PDF base fonts); Helvetica if missing."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "MinutesVera" in pdfmetrics.getRegisteredFontNames():
        return "MinutesVera", "MinutesVeraBold"
    folder = Path(reportlab.__file__).resolve().parent / "fonts"
    if not (folder / "Vera.ttf").is_file() or not (folder / "VeraBd.ttf").is_file():
        return "Helvetica", "Helvetica-Bold"
    pdfmetrics.registerFont(TTFont("MinutesVera", str(folder / "Vera.ttf")))
    pdfmetrics.registerFont(TTFont("MinutesVeraBold", str(folder / "VeraBd.ttf")))
    return "MinutesVera", "MinutesVeraBold"
