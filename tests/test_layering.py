"""Layering and public surface: the core never imports Streamlit, and ``advisor.__all__`` is pinned."""

from __future__ import annotations

import ast
import importlib
import types
from pathlib import Path

import pytest

import advisor

PACKAGE = Path(advisor.__file__).resolve().parent
CORE_FILES = sorted(path for path in PACKAGE.rglob("*.py") if "ui" not in path.relative_to(PACKAGE).parts[:-1])


def _imported_modules(source: str, filename: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_files_are_found() -> None:
    names = {path.relative_to(PACKAGE).as_posix() for path in CORE_FILES}
    assert {"decide/engine.py", "cli/main.py", "knowledge/assembly.py", "models/tree.py"} <= names
    assert not any(name.startswith("ui/") for name in names)


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_core_module_does_not_import_streamlit(path: Path) -> None:
    imported = _imported_modules(path.read_text(encoding="utf-8"), str(path))

    assert not {name for name in imported if name == "streamlit" or name.startswith("streamlit.")}


def test_import_scan_sees_streamlit_imports() -> None:
    source = "import os\nimport streamlit as st\nfrom streamlit.testing import v1\n"
    assert {"streamlit", "streamlit.testing"} <= _imported_modules(source, "<probe>")


def test_all_is_sorted_and_lists_every_public_name() -> None:
    public = sorted(
        name
        for name, value in vars(advisor).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    )

    assert advisor.__all__ == sorted(advisor.__all__)
    assert advisor.__all__ == public


def test_every_name_in_all_is_importable() -> None:
    module = importlib.import_module("advisor")
    for name in advisor.__all__:
        assert getattr(module, name) is not None
    namespace: dict[str, object] = {}
    exec("from advisor import *", namespace)
    assert set(advisor.__all__) <= set(namespace)


def test_all_exposes_the_decision_core() -> None:
    assert {"load_knowledge", "check_knowledge", "recommend", "KnowledgeError", "AnswersError"} <= set(advisor.__all__)
