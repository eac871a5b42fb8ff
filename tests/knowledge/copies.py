"""A copy of the shipped knowledge folder with one edit, and what `check` says of it: for the bad-input tests of
each knowledge file."""

from __future__ import annotations

import shutil
from pathlib import Path

from advisor import check_knowledge

KNOWLEDGE = Path(__file__).resolve().parent.parent.parent / "knowledge"


def edited_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    """The knowledge folder copied under ``tmp_path`` with ``old`` (there exactly once) replaced in ``file``."""
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    target = folder / file
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    target.write_text(text.replace(old, new), encoding="utf-8")
    return folder


def faults(folder: Path) -> list[str]:
    """Every problem `check` finds in ``folder``, one line each."""
    return [str(problem) for problem in check_knowledge(folder)]
