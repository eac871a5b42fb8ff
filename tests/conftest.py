"""Shared fixtures: the shipped knowledge base, the repository root and a ``python -m advisor`` runner."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import advisor
from advisor import KnowledgeBase

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return advisor.load_knowledge()


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def run_advisor() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m advisor ARGS`` in a child process from the repository root."""

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "advisor", *map(str, args)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    return run
