"""Where the knowledge and the data folder are: a checkout's own folders, else per-user folders by system."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import paths
from advisor.knowledge.assembly import DEFAULT_KNOWLEDGE_DIR
from tests.conftest import REPO_ROOT

HOME = Path("/home/ana")


def test_a_checkout_uses_its_knowledge_and_data_folders() -> None:
    assert paths.is_installed() is False
    assert paths.bundled_knowledge_dir() == REPO_ROOT / "knowledge"
    assert DEFAULT_KNOWLEDGE_DIR == REPO_ROOT / "knowledge"
    assert paths.data_dir(environ={}) == REPO_ROOT / "data"


def test_advisor_data_dir_wins_over_the_default() -> None:
    assert paths.data_dir(environ={"ADVISOR_DATA_DIR": "/srv/advisor"}) == Path("/srv/advisor")
    assert paths.data_dir(environ={"ADVISOR_DATA_DIR": "  "}) == REPO_ROOT / "data"


def test_an_installed_copy_keeps_data_in_the_per_user_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bundled = tmp_path / "site-packages" / "advisor" / "bundled_knowledge"
    bundled.mkdir(parents=True)
    monkeypatch.setattr(paths, "INSTALLED_KNOWLEDGE_DIR", bundled)
    environ = {"XDG_DATA_HOME": "/data/ana"}

    assert paths.is_installed() is True
    assert paths.bundled_knowledge_dir() == bundled
    assert paths.data_dir(environ=environ) == Path("/data/ana/compute-target-advisor")
    assert paths.data_dir(environ={**environ, "ADVISOR_DATA_DIR": "/srv/advisor"}) == Path("/srv/advisor")


def test_linux_follows_xdg_data_home_else_local_share() -> None:
    assert paths.user_data_dir("linux", {"XDG_DATA_HOME": "/data/ana"}, HOME) == Path(
        "/data/ana/compute-target-advisor"
    )
    assert paths.user_data_dir("linux", {}, HOME) == Path("/home/ana/.local/share/compute-target-advisor")


def test_a_relative_xdg_data_home_is_ignored_as_the_specification_says() -> None:
    assert paths.user_data_dir("linux", {"XDG_DATA_HOME": "data"}, HOME) == Path(
        "/home/ana/.local/share/compute-target-advisor"
    )


def test_macos_uses_application_support() -> None:
    assert paths.user_data_dir("darwin", {"XDG_DATA_HOME": "/data/ana"}, Path("/Users/ana")) == Path(
        "/Users/ana/Library/Application Support/compute-target-advisor"
    )


def test_windows_uses_local_app_data() -> None:
    assert paths.user_data_dir("win32", {"LOCALAPPDATA": "/c/Users/ana/AppData/Local"}, HOME) == Path(
        "/c/Users/ana/AppData/Local/compute-target-advisor"
    )
    assert paths.user_data_dir("win32", {}, HOME) == Path("/home/ana/AppData/Local/compute-target-advisor")
