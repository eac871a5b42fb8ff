"""Where the bundled knowledge and the data folder live, for a repository checkout and an installed copy alike."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_DIR = PACKAGE_DIR.parent


def bundled_knowledge_dir() -> Path:
    """The knowledge folder shipped with the code: ``knowledge/`` beside the package in a checkout."""
    return CHECKOUT_DIR / "knowledge"


def checkout_data_dir() -> Path:
    """``data/`` in the repository checkout."""
    return CHECKOUT_DIR / "data"
