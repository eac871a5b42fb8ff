"""Strict JSON documents with lines, and the limits of YAML documents (size, depth, values)."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.knowledge.yaml_io import YamlError, load_file, load_text
from advisor.limits import Limits

LIMITS = Limits("test", "test", 10_000, max_depth=4, max_nodes=12, max_containers=5)


def _json(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_key_and_item_of_a_json_file_has_its_line(tmp_path: Path) -> None:
    doc = load_file(
        _json(
            tmp_path,
            '{\n  "answers": {\n    "hpc": "no",\n    "cots": "yes"\n  },\n  "l": [\n    1,\n    {"x": 2}\n  ]\n}\n',
        ),
        LIMITS,
    )

    assert doc.data == {"answers": {"hpc": "no", "cots": "yes"}, "l": [1, {"x": 2}]}
    assert doc.line_of(("answers",)) == 2
    assert doc.line_of(("answers", "cots")) == 4
    assert doc.line_of(("l", 1, "x")) == 8
    assert doc.line_of(("answers", "missing")) == 2  # the deepest known prefix


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('{\n  "answers": {\n    "hpc": "no",\n  }\n}\n', "a.json:4: malformed JSON: "),  # YAML would take it
        ('{"a": 1}\n// note\n', "a.json:2: malformed JSON: Extra data"),
        ('{"a": NaN}', "a.json: malformed JSON: NaN is not a JSON number"),
        ('{\n "a": 1,\n "a": 2\n}', "a.json:3: a: duplicate key"),
        ('{"a": [[[[[1]]]]]}', "a.json:1: nested more than 4 levels deep at byte offset 9 (line 1)"),
        ("[{}, {}, {}, {}, {}]", "a.json:1: more than 5 objects and lists at byte offset 17 (line 1)"),
    ],
)
def test_a_json_file_is_json_only(tmp_path: Path, text: str, shown: str) -> None:
    with pytest.raises(YamlError) as raised:
        load_file(_json(tmp_path, text), LIMITS)
    found = str(raised.value.problem).replace(f"{tmp_path}/", "")
    assert found.startswith(shown), found


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a:\n  b:\n    c:\n      d:\n        e: 1\n", "x.yaml:5: nested more than 4 levels deep (line 5)"),
        ("a: [[[[[[1]]]]]]\n", "x.yaml:1: nested more than 4 levels deep (line 1)"),
        ("a: " + "[" * 2000 + "]" * 2000 + "\n", "x.yaml:1: nested more than 4 levels deep (line 1)"),
        ("a: [" + "x, " * 12 + "x]\n", "x.yaml:1: more than 12 values (line 1)"),
        ("a: '" + "x" * 10_000 + "'\n", "x.yaml: the file is 10,006 bytes, more than 10,000 bytes"),
    ],
)
def test_a_yaml_document_within_its_limits(text: str, shown: str) -> None:
    with pytest.raises(YamlError) as raised:
        load_text(text, "x.yaml", LIMITS)
    assert str(raised.value.problem).startswith(shown), str(raised.value.problem)


def test_a_device_that_never_ends_is_read_no_further_than_the_limit() -> None:
    with pytest.raises(YamlError, match="/dev/zero: the file is larger than 10,000 bytes"):
        load_file("/dev/zero", LIMITS)
