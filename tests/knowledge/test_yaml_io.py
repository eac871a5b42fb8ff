"""Safe literal YAML: yes/no/on/off stay strings, and bad text is refused with the line at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.knowledge.yaml_io import YamlError, load_file, load_text


def test_yes_no_on_off_stay_strings_and_true_is_a_boolean() -> None:
    doc = load_text("a: yes\nb: no\nc: on\nd: off\ne: true\n", "x")

    assert doc.data == {"a": "yes", "b": "no", "c": "on", "d": "off", "e": True}


def test_capitalised_yes_no_on_off_stay_strings() -> None:
    doc = load_text("a: Yes\nb: NO\nc: On\nd: OFF\ne: y\nf: n\n", "x")

    assert doc.data == {"a": "Yes", "b": "NO", "c": "On", "d": "OFF", "e": "y", "f": "n"}


def test_only_true_and_false_are_booleans() -> None:
    doc = load_text("a: true\nb: false\nc: True\nd: FALSE\n", "x")

    assert doc.data == {"a": True, "b": False, "c": True, "d": False}


def test_yes_and_no_as_keys_stay_strings() -> None:
    doc = load_text("yes: 1\nno: 2\n", "x")

    assert doc.data == {"yes": 1, "no": 2}


def test_json_is_read_by_the_same_loader() -> None:
    doc = load_text('{"answers": {"hpc": "yes", "cots": false}}', "answers.json")

    assert doc.data == {"answers": {"hpc": "yes", "cots": False}}


def test_every_key_and_item_keeps_its_line() -> None:
    doc = load_text("# header\nanswers:\n  hpc: yes\n  cots: no\nlist:\n  - a\n  - b\n", "x")

    assert doc.line_of(("answers",)) == 2
    assert doc.line_of(("answers", "cots")) == 4
    assert doc.line_of(("list", 1)) == 7
    # an unknown path falls back to the deepest known prefix
    assert doc.line_of(("answers", "missing")) == 2


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\nb: 2\n  c: 3\n", 3),  # a mapping where a plain value continues
        ("a: 1\nb:\n\t- x\n", 3),  # a tab as indentation
    ],
    ids=["mapping-in-value", "tab-indent"],
)
def test_malformed_yaml_is_a_problem_with_its_line(text: str, line: int) -> None:
    with pytest.raises(YamlError) as info:
        load_text(text, "bad.yaml")

    assert info.value.problem.file == "bad.yaml"
    assert info.value.problem.line == line
    assert "malformed" in info.value.problem.message


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "a"),
        ("top:\n  x: 1\n  y: 2\n  x: 3\n", 4, "x"),
        ("answers:\n  hpc: yes\n  hpc: no\n", 3, "hpc"),
    ],
    ids=["top-level", "nested", "answers"],
)
def test_duplicate_key_is_refused_with_its_line(text: str, line: int, key: str) -> None:
    with pytest.raises(YamlError) as info:
        load_text(text, "dup.yaml")

    assert info.value.problem.file == "dup.yaml"
    assert info.value.problem.line == line
    assert info.value.problem.ident == key


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("base: &b\n  x: 1\nother: *b\n", {1, 3}),
        ("a: &v 1\nb: 2\nc: *v\n", {1, 3}),
        ("base: &b\n  x: 1\nother:\n  <<: *b\n  y: 2\n", {1, 4}),
    ],
    ids=["mapping-alias", "scalar-alias", "merge-key"],
)
def test_alias_is_refused_with_the_line_of_anchor_or_alias(text: str, lines: set[int]) -> None:
    with pytest.raises(YamlError) as info:
        load_text(text, "alias.yaml")

    assert info.value.problem.file == "alias.yaml"
    assert info.value.problem.line in lines
    assert "alias" in info.value.problem.message


def test_anchor_without_alias_is_refused_with_its_line() -> None:
    # yaml_io's docstring: "Anchors and aliases are refused".
    with pytest.raises(YamlError) as info:
        load_text("a: 1\nb: &unused 2\n", "anchor.yaml")

    assert info.value.problem.line == 2


def test_object_tags_are_refused() -> None:
    with pytest.raises(YamlError) as info:
        load_text("a: 1\nb: !!python/object/apply:os.getcwd []\n", "tag.yaml")

    assert info.value.problem.line == 2


def test_empty_file_is_a_problem_on_line_1(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("  \n", encoding="utf-8")

    with pytest.raises(YamlError) as info:
        load_file(empty)

    assert info.value.problem.file == str(empty)
    assert info.value.problem.line == 1


def test_missing_file_is_a_problem_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"

    with pytest.raises(YamlError) as info:
        load_file(missing)

    assert info.value.problem.file == str(missing)
    assert "does not exist" in info.value.problem.message


def test_file_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffanswers:\n  hpc: no\n".encode())

    doc = load_file(path)

    assert doc.data == {"answers": {"hpc": "no"}}
    assert doc.line_of(("answers", "hpc")) == 2
