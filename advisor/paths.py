"""Where the knowledge and the data folder live, for a repository checkout and an installed copy alike.

* A **checkout** (the ``advisor`` package beside ``knowledge/``): the knowledge is ``knowledge/`` and the
  data folder ``data/``, both beside the package, as ``make run`` has always used them.
* An **installed copy** (``pip install`` of the wheel): the wheel carries the knowledge inside the
  package, as ``advisor/bundled_knowledge/`` (pyproject.toml maps ``knowledge/`` there at build time),
  and the data folder is a per-user folder, since the package's own folder may be read-only and is
  replaced on every upgrade.

``ADVISOR_DATA_DIR`` names the data folder in both cases.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CHECKOUT_DIR = PACKAGE_DIR.parent
# The knowledge inside an installed package; a checkout has no such folder (see pyproject.toml).
INSTALLED_KNOWLEDGE_DIR = PACKAGE_DIR / "bundled_knowledge"
DATA_DIR_VARIABLE = "ADVISOR_DATA_DIR"
# The folder name under the per-user data folder of an installed copy.
APP_FOLDER = "compute-target-advisor"


def is_installed() -> bool:
    """True for an installed copy (the wheel's bundled knowledge is there), False for a checkout."""
    return INSTALLED_KNOWLEDGE_DIR.is_dir()


def bundled_knowledge_dir() -> Path:
    """The knowledge shipped with the code: inside the package when installed, ``knowledge/`` in a checkout."""
    return INSTALLED_KNOWLEDGE_DIR if is_installed() else CHECKOUT_DIR / "knowledge"


def checkout_data_dir() -> Path:
    """``data/`` in the repository checkout."""
    return CHECKOUT_DIR / "data"


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """``ADVISOR_DATA_DIR`` if set; else ``data/`` in a checkout, or the per-user data folder when installed."""
    configured = environ.get(DATA_DIR_VARIABLE, "").strip()
    if configured:
        return Path(configured).expanduser()
    return user_data_dir(environ=environ) if is_installed() else checkout_data_dir()


def user_data_dir(
    platform: str = sys.platform, environ: Mapping[str, str] = os.environ, home: Path | None = None
) -> Path:
    """The per-user data folder of an installed copy, as each system's conventions place it.

    Linux and other Unix: ``$XDG_DATA_HOME/compute-target-advisor`` (the XDG Base Directory
    specification; a relative ``XDG_DATA_HOME`` is ignored, as it says), else
    ``~/.local/share/compute-target-advisor``. macOS: ``~/Library/Application Support/compute-target-advisor``.
    Windows: ``%LOCALAPPDATA%\\compute-target-advisor`` (a database is not roamed between machines).
    """
    home = home if home is not None else Path.home()
    if platform == "win32":
        local = environ.get("LOCALAPPDATA", "").strip()
        return (Path(local) if local else home / "AppData" / "Local") / APP_FOLDER
    if platform == "darwin":
        return home / "Library" / "Application Support" / APP_FOLDER
    xdg = environ.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".local" / "share"
    return base / APP_FOLDER


CACHE_DIR_VARIABLE = "ADVISOR_CACHE_DIR"


def user_cache_dir(
    platform: str = sys.platform, environ: Mapping[str, str] = os.environ, home: Path | None = None
) -> Path:
    """Where derived files that can be rebuilt at any time are kept (never in the checkout): ``ADVISOR_CACHE_DIR``
    if set, else ``$XDG_CACHE_HOME/compute-target-advisor`` or ``~/.cache/compute-target-advisor`` (Linux and
    other Unix), ``~/Library/Caches/compute-target-advisor`` (macOS), ``%LOCALAPPDATA%\\compute-target-advisor\\Cache``
    (Windows)."""
    configured = environ.get(CACHE_DIR_VARIABLE, "").strip()
    if configured:
        return Path(configured).expanduser()
    home = home if home is not None else Path.home()
    if platform == "win32":
        local = environ.get("LOCALAPPDATA", "").strip()
        return (Path(local) if local else home / "AppData" / "Local") / APP_FOLDER / "Cache"
    if platform == "darwin":
        return home / "Library" / "Caches" / APP_FOLDER
    xdg = environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".cache"
    return base / APP_FOLDER
