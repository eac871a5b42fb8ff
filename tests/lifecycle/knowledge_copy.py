"""A copy of the shipped knowledge folder with edits, for tests that need a knowledge folder of their own."""

from __future__ import annotations

import shutil
from pathlib import Path

from advisor.knowledge.assembly import DEFAULT_KNOWLEDGE_DIR


def knowledge_copy(
    target: Path, *, edits: dict[str, tuple[str, str]] | None = None, append: dict[str, str] | None = None
) -> Path:
    """``target``/knowledge: the shipped knowledge, with ``edits`` ({file: (old, new)}, ``old`` found exactly once)
    and ``append`` ({file: text added at the end}) applied."""
    folder = target / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, folder)
    for name, (old, new) in (edits or {}).items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    for name, extra in (append or {}).items():
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return folder


def line_of(folder: Path, name: str, text: str) -> int:
    """The 1-based line of ``text`` in the knowledge file ``name`` (it must occur once)."""
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, start=1) if text in line]
    assert len(found) == 1, f"{text!r} must occur on exactly one line of {name}"
    return found[0]
