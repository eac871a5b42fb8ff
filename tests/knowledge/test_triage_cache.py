"""The triage knowledge kept between runs: exactly what loading gives, read again whenever a file changes, never
trusted when damaged or writable by others, and kept in the per-user cache folder only."""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
from pathlib import Path

import pytest

from advisor import InputError, KnowledgeError, load_knowledge
from advisor.knowledge import triage_cache
from advisor.paths import CACHE_DIR_VARIABLE


@pytest.fixture
def folder(tmp_path: Path, repo_root: Path) -> Path:
    """A copy of the shipped knowledge that a test may change."""
    copy = tmp_path / "knowledge"
    shutil.copytree(repo_root / "knowledge", copy)
    return copy


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(folder))
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_the_kept_rules_are_the_rules_loading_gives(folder: Path, cache: Path) -> None:
    first = triage_cache.triage_rules(folder)  # loads and keeps
    kept = triage_cache.triage_rules(folder)  # read back

    assert (cache / triage_cache.CACHE_FILE).is_file()
    assert kept is not first
    assert kept == first == load_knowledge(folder).triage
    assert kept.lifecycle is not None
    assert kept.lifecycle.horizon_months == first.lifecycle.horizon_months
    assert dict(kept.disputes) == dict(first.disputes)
    assert kept.disputes
    assert kept.verdict_notes == first.verdict_notes
    assert kept.verdict_notes


def test_a_changed_rule_is_read_again(folder: Path, cache: Path) -> None:
    rules_file = folder / "triage" / "rules.yaml"
    before = triage_cache.triage_rules(folder)
    rule = before.rules[0]
    text = rules_file.read_text(encoding="utf-8")
    assert text.count(f"title: {rule.title}\n") == 1
    rules_file.write_text(text.replace(f"title: {rule.title}\n", "title: A title changed after the rules were kept\n"),
                          encoding="utf-8")  # fmt: skip

    after = triage_cache.triage_rules(folder)

    assert after.rules[0].title == "A title changed after the rules were kept"
    assert after == load_knowledge(folder).triage


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_change_inside_a_linked_folder_is_read_again(folder: Path, cache: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (folder / "triage").rename(elsewhere)
    (folder / "triage").symlink_to(elsewhere, target_is_directory=True)
    rule = triage_cache.triage_rules(folder).rules[0]
    rules_file = elsewhere / "rules.yaml"
    text = rules_file.read_text(encoding="utf-8")
    rules_file.write_text(text.replace(f"title: {rule.title}\n", "title: Changed behind a link\n"), encoding="utf-8")

    assert triage_cache.triage_rules(folder).rules[0].title == "Changed behind a link"


def test_a_folder_broken_after_a_kept_load_fails_as_loading_does(folder: Path, cache: Path) -> None:
    triage_cache.triage_rules(folder)
    tree = folder / "tree" / "general.yaml"
    tree.write_text(tree.read_text(encoding="utf-8") + "\nnot: [closed\n", encoding="utf-8")

    with pytest.raises(KnowledgeError) as kept:
        triage_cache.triage_rules(folder)
    with pytest.raises(KnowledgeError) as loaded:
        load_knowledge(folder)

    assert [str(p) for p in kept.value.problems] == [str(p) for p in loaded.value.problems]


def test_a_new_file_in_the_folder_is_a_change_too(folder: Path, cache: Path) -> None:
    triage_cache.triage_rules(folder)
    (folder / "versions" / "compute-tree-2099.yaml").write_text("id: [unfinished\n", encoding="utf-8")

    with pytest.raises(KnowledgeError):
        triage_cache.triage_rules(folder)


def test_nothing_is_written_into_the_knowledge_folder(folder: Path, cache: Path) -> None:
    before = _files(folder)

    triage_cache.triage_rules(folder)
    triage_cache.triage_rules(folder)

    assert _files(folder) == before
    assert [path.name for path in cache.iterdir()] == [triage_cache.CACHE_FILE]


def test_a_damaged_cache_file_is_loaded_over(folder: Path, cache: Path) -> None:
    triage_cache.triage_rules(folder)
    kept = cache / triage_cache.CACHE_FILE
    kept.write_bytes(kept.read_bytes()[:100])  # the key line and a torn pickle

    assert triage_cache.triage_rules(folder) == load_knowledge(folder).triage
    assert len(kept.read_bytes()) > 100  # kept whole again


def _plant(cache: Path, folder: Path, note: str) -> Path:
    """A cache file under the right key whose rules say ``note``: shows whether the file was trusted."""
    triage_cache.triage_rules(folder)
    kept = cache / triage_cache.CACHE_FILE
    key, _, body = kept.read_bytes().partition(b"\n")
    triage_cache._write(kept, key, dataclasses.replace(pickle.loads(body), source_note=note))
    return kept


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file modes")
def test_a_cache_file_others_may_write_is_not_trusted(folder: Path, cache: Path) -> None:
    kept = _plant(cache, folder, "planted")
    kept.chmod(0o600)
    assert triage_cache.triage_rules(folder).source_note == "planted"  # the planted file is read when private

    _plant(cache, folder, "planted").chmod(0o666)

    assert triage_cache.triage_rules(folder).source_note == load_knowledge(folder).triage.source_note


def test_an_unwritable_cache_folder_still_loads(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(blocker / "cache"))

    assert triage_cache.triage_rules(folder) == load_knowledge(folder).triage


def test_a_missing_folder_fails_as_loading_does(tmp_path: Path, cache: Path) -> None:
    with pytest.raises(InputError) as kept:
        triage_cache.triage_rules(tmp_path / "nowhere")
    with pytest.raises(InputError) as loaded:
        load_knowledge(tmp_path / "nowhere")

    assert type(kept.value) is type(loaded.value)
    assert str(kept.value) == str(loaded.value)
