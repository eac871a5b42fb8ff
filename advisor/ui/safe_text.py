"""User text (names, notes, reasons, context) shown as text: Markdown and HTML in it are never rendered.

Streamlit renders ``st.markdown``, captions, alerts and headings as GitHub-flavoured Markdown: emphasis,
links, headings, tables, HTML, math, ``:red[...]`` directives, and bare URLs, ``www.`` addresses and
e-mail addresses turned into live links. :func:`md` makes user text inert in all of them: every character
Markdown gives a meaning is backslash-escaped (an escaped ``:`` or ``.`` also ends a would-be link, so
nothing is auto-linked), line breaks stay line breaks, and leading spaces cannot open a code block.
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=$:&])")
_LEADING_SPACE = re.compile(r"^[ \t]+", re.MULTILINE)


def md(text: str) -> str:
    """``text`` escaped for st.markdown, so `**x**`, links, bare URLs and tags show as typed."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    # Four leading spaces would start a code block: keep the indentation as no-break spaces instead.
    escaped = _LEADING_SPACE.sub(lambda m: "\u00a0" * len(m.group().expandtabs(4)), escaped)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "  \n")
