"""The real readers the export tests use, found or skipped: LibreOffice, markdownlint-cli2, markdown-it.

Locally a missing tool skips its test with a message saying how to install it; under ``CI=true`` it fails,
so CI never passes with a real reader silently missing (as tests/conftest.py does for PostgreSQL).
``.ci/run`` installs them: Debian's ``libreoffice-calc``, and the pinned Node tools of ``tools/`` with
``npm ci --prefix tools``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
NODE_TOOLS = REPO_ROOT / "tools" / "node_modules"


def missing(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI must run this real-reader test; .ci/run installs it)")
    pytest.skip(message)


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        missing("LibreOffice is not installed: apt-get install libreoffice-calc")
    return str(found)


def node() -> str:
    found = shutil.which("node")
    if found is None:
        missing("Node.js is not installed: apt-get install nodejs npm")
    return str(found)


def node_package(relative: str) -> Path:
    """A file of the pinned Node tools (``npm ci --prefix tools`` installs them)."""
    node()
    path = NODE_TOOLS / relative
    if not path.exists():
        missing(f"{relative} is missing: run `npm ci --prefix tools`")
    return path
