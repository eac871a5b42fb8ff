"""Strict JSON files with a line for every key, read into the same :class:`YamlDocument` as YAML files.

A file named ``.json`` is JSON and nothing else: a trailing comma, a comment, ``NaN`` or a duplicate key
is an error naming its line (YAML would accept some of them and read something else). The limits'
scan runs first, so ``json`` never recurses deeper than the limit.
"""

from __future__ import annotations

import json
import re
from typing import Any

from advisor.errors import InputError, Problem, RuleError
from advisor.json_scan import scan_json_bytes
from advisor.knowledge.yaml_io import DocPath, YamlDocument, YamlError
from advisor.limits import Limits

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+|\s+')


def load_json_text(text: str, path: str, limits: Limits) -> YamlDocument:
    """Parse ``text`` as JSON (after the limits' scan); errors are :class:`YamlError` with the line."""
    try:
        scan_json_bytes(text.encode("utf-8"), path, limits)
    except InputError as exc:
        raise YamlError(exc.problems[0]) from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        message = f"malformed JSON: {exc.msg} (column {exc.colno})"
        raise YamlError(Problem(message, file=path, line=exc.lineno)) from None
    except ValueError as exc:
        raise YamlError(Problem(f"malformed JSON: {exc}", file=path)) from None
    return YamlDocument(path, data, _lines(text, path))


def _no_constant(name: str) -> Any:
    raise RuleError(f"{name} is not a JSON number")  # a ValueError, as json's hooks need


class _Container:
    def __init__(self, kind: str, at: DocPath) -> None:
        self.kind, self.at = kind, at
        self.index = 0
        self.key: str | None = None
        self.keys: set[str] = set()


def _lines(text: str, path: str) -> dict[DocPath, int]:
    """The line of every key and list item of valid JSON ``text``; a duplicate key is a :class:`YamlError`."""
    lines: dict[DocPath, int] = {}
    stack: list[_Container] = []
    line = 1
    expect_key = False
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token.isspace():
            line += token.count("\n")
            continue
        top = stack[-1] if stack else None
        if top is not None and top.kind == "object" and expect_key and token.startswith('"'):
            key = json.loads(token)
            if key in top.keys:
                raise YamlError(Problem("duplicate key", file=path, line=line, ident=key))
            top.keys.add(key)
            top.key = key
            lines[(*top.at, key)] = line
            continue
        if token in ":,}]":
            if token == "," and top is not None and top.kind == "object":
                expect_key = True
            elif token in "}]":
                stack.pop()
            continue
        at = _value_path(top, lines, line)
        if token in "{[":
            stack.append(_Container("object" if token == "{" else "array", at))
            expect_key = token == "{"
    return lines


def _value_path(top: _Container | None, lines: dict[DocPath, int], line: int) -> DocPath:
    """Where the value that starts here sits; list items get their line recorded."""
    if top is None:
        lines[()] = line
        return ()
    if top.kind == "array":
        at = (*top.at, top.index)
        lines[at] = line
        top.index += 1
        return at
    return (*top.at, top.key or "")
