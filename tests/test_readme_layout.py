"""The README's Layout section and the tree agree, both ways: every path it names exists, and every package
under ``advisor/`` is named there.

The Layout is the code block under ``## Layout``: one entry a line, ``PATH  description`` (two spaces or
more between them), folders ending in ``/``, two spaces of indent per level below the folder above; a line
may name several paths of one level, ``a.py, b.py``.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO_ROOT

README = REPO_ROOT / "README.md"


def _layout_lines(text: str) -> list[str]:
    section = text.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"^```\n(.*?)^```$", section, re.DOTALL | re.MULTILINE)
    assert block, "the Layout section has a code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def layout_paths(text: str) -> list[str]:
    """Every path the Layout names, relative to the repository, folders ending in ``/``."""
    parents: list[str] = []
    named = []
    for line in _layout_lines(text):
        indent = len(line) - len(line.lstrip(" "))
        assert indent % 2 == 0, f"indent of two spaces per level: {line!r}"
        depth = indent // 2
        assert depth <= len(parents), f"indented below no folder: {line!r}"
        del parents[depth:]
        entry = re.split(r" {2,}", line.strip(), maxsplit=1)[0]
        names = entry.split(", ")
        named += ["".join(parents) + name for name in names]
        folders = [name for name in names if name.endswith("/")]
        parents.append(folders[-1] if folders else "")
    return named


def packages_under_advisor() -> list[str]:
    """Every folder of ``advisor/`` that holds Python code (namespace folders such as Alembic's included)."""
    return sorted(
        folder.relative_to(REPO_ROOT).as_posix() + "/"
        for folder in [REPO_ROOT / "advisor", *(REPO_ROOT / "advisor").rglob("*")]
        if folder.is_dir() and folder.name != "__pycache__" and any(folder.glob("*.py"))
    )


def test_the_layout_parser_reads_nesting_and_lists() -> None:
    text = "# T\n\n## Layout\n\n```\na/  first\n  b.py, c/  two\n    d.py  in c\n  e.py  in a\nf.py  top\n```\n"

    assert layout_paths(text) == ["a/", "a/b.py", "a/c/", "a/c/d.py", "a/e.py", "f.py"]


def test_every_path_the_layout_names_exists() -> None:
    named = layout_paths(README.read_text(encoding="utf-8"))

    assert "advisor/decide/" in named, "the Layout names the stage packages"
    missing = [path for path in named if not (REPO_ROOT / path).exists()]
    assert missing == []
    folders_as_files = [path for path in named if path.endswith("/") != (REPO_ROOT / path).is_dir()]
    assert folders_as_files == [], "folders end in /, files do not"


def test_every_package_under_advisor_is_named_in_the_layout() -> None:
    named = set(layout_paths(README.read_text(encoding="utf-8")))

    assert [package for package in packages_under_advisor() if package not in named] == []


@pytest.mark.parametrize("package", ["advisor/", "advisor/ui/pages/", "advisor/knowledge/"])
def test_packages_are_found_at_every_depth(package: str) -> None:
    assert package in packages_under_advisor()
