"""User text (names, notes, context) shown as text: Markdown and HTML in it are never rendered."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~=$:&])")


def md(text: str) -> str:
    """``text`` escaped for st.markdown, so `**x**`, links and tags show as typed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")
