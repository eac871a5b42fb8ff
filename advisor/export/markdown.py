"""Safe Markdown and YAML from any text, and safe file names from workload names.

* :func:`inline` makes one line of Markdown that shows the text as typed: whitespace (line breaks
  included) collapses to single spaces, control characters are dropped, and every character that
  Markdown or HTML could read as structure is backslash-escaped, so no text can open a heading, a
  list, a table cell, a link, an HTML tag or an entity. :func:`block` keeps the text's lines, joined
  by hard line breaks (a trailing backslash), and drops blank lines, which would end the block.
* :func:`yaml_string` is a double-quoted YAML scalar on one line, so no text can end the front matter.
* :func:`file_name` is ``NNNN-slug.md``: ASCII letters, digits and hyphens only (accents folded,
  other scripts dropped, ``workload`` when nothing is left), never a reserved device name, and unique
  by its number.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata

# Characters that mean something anywhere in a line: escapes, code, emphasis, links, HTML, tables, entities,
# strikethrough, math and e-mail autolinks.
_ANYWHERE = re.compile(r"([\\`*_{}\[\]<>|&~$@])")
# GFM's other autolinks: "www." and "scheme://".
_AUTOLINK = re.compile(r"(?i)(?<=www)\.|:(?=//)")
# What opens a block at the start of a line: a heading, a list item (bullet or "1." / "1)"), a setext underline.
_LINE_START = re.compile(r"^(?:[#=+\-]|\d+(?=[.)]))")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_SPACES = re.compile(r"[ \t]+")
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})
SLUG_LENGTH = 50


def _lines(text: str) -> list[str]:
    cleaned = _CONTROLS.sub("", _LINE_BREAKS.sub("\n", text))
    return [_SPACES.sub(" ", line).strip() for line in cleaned.split("\n")]


def escape(text: str) -> str:
    """``text`` with a backslash before every character that Markdown could read as structure here."""
    text = _AUTOLINK.sub(lambda found: "\\" + found.group(), _ANYWHERE.sub(r"\\\1", text))
    return _LINE_START.sub(_escape_start, text)


def _escape_start(found: re.Match[str]) -> str:
    opener = found.group()
    return f"{opener}\\" if opener[0].isdigit() else f"\\{opener}"


@functools.lru_cache(maxsize=8192)  # knowledge texts (rationale, reasons, labels) repeat across records
def inline(text: str) -> str:
    """The text as one line of Markdown that renders exactly as typed (whitespace collapsed)."""
    return escape(" ".join(line for line in _lines(text) if line))


def block(text: str, indent: str = "") -> str:
    """The text's non-blank lines, each escaped, joined by hard line breaks; later lines get ``indent``."""
    return ("\\\n" + indent).join(escape(line) for line in _lines(text) if line)


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar of ``text`` (JSON string syntax, which YAML reads the same)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted.translate({0x85: "\\N", 0x2028: "\\L", 0x2029: "\\P", 0xFEFF: "\\uFEFF"})


def yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(yaml_string(item) for item in items) + "]"


def slug(name: str) -> str:
    """Lower-case ASCII words of ``name`` joined by hyphens, at most SLUG_LENGTH characters."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:SLUG_LENGTH].strip("-")
    if not words:
        return "workload"
    return f"{words}-workload" if words in _RESERVED else words


def file_name(number: int, name: str) -> str:
    return f"{number:04d}-{slug(name)}.md"
