"""Safe, literal YAML reading with a line for every key, so errors can point into the file.

* Only plain data is built (a safe loader, never object tags).
* ``yes``, ``no``, ``on`` and ``off`` stay strings: our answers are called ``yes`` and ``no``.
  Only ``true``/``false`` are booleans (YAML 1.2 style).
* Anchors and aliases are refused, and so are duplicate keys: knowledge files are
  edited by hand, and both hide mistakes.
* Files named ``.json`` are strict JSON (:mod:`.json_doc`), never YAML: a trailing comma is an error.
* The input limits (:mod:`advisor.limits`: size and nesting depth) are checked before anything is built:
  the composer recurses once per level, so a deeply nested file would otherwise end in a RecursionError.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from advisor.errors import Problem, YamlError
from advisor.json_scan import over_limit
from advisor.limits import KNOWLEDGE, Limits, size_text

__all__ = ["YamlDocument", "YamlError", "load_file", "load_text"]

try:  # libyaml's C loader when PyYAML was built with it: same results, much faster
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]  # the C loader's pure-Python twin

# A path into a loaded document: keys and list indexes from the top.
DocPath = tuple[str | int, ...]


class _LiteralLoader(_BaseLoader):
    """Safe loader whose booleans are only true/false."""


_LiteralLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_LiteralLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


class YamlDocument:
    """Loaded data plus the line of every key and list item."""

    def __init__(self, path: str, data: Any, lines: dict[DocPath, int]) -> None:
        self.path = path
        self.data = data
        self._lines = lines

    def line_of(self, doc_path: DocPath) -> int | None:
        """Line of the deepest known prefix of ``doc_path`` (1-based), or None."""
        for end in range(len(doc_path), -1, -1):
            line = self._lines.get(tuple(doc_path[:end]))
            if line is not None:
                return line
        return None


def load_text(text: str, path: str, limits: Limits = KNOWLEDGE) -> YamlDocument:
    """Parse ``text`` (named ``path`` in messages) into a :class:`YamlDocument`, within ``limits``."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise YamlError(over_limit(path, f"the file is {size:,} bytes, more than {size_text(limits.max_bytes)}")
                        .problems[0])  # fmt: skip
    loader = _LiteralLoader(text)
    try:
        _check_tokens(text, path, limits)
        node = loader.get_single_node()
        lines: dict[DocPath, int] = {}
        if node is not None:
            lines[()] = node.start_mark.line + 1
            _index_lines(loader, node, (), lines, set(), path)
        data = loader.construct_document(node) if node is not None else None
    except ValueError as exc:  # a scalar that looks like a date but is none (2026-02-30): name its line
        line, key = _bad_scalar(node)
        raise YamlError(Problem(f"not a valid date: {exc}", file=path, line=line, ident=key)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = exc.problem or exc.context or "malformed YAML"
        raise YamlError(Problem(f"malformed YAML: {what}", file=path, line=line)) from None
    except yaml.YAMLError as exc:
        raise YamlError(Problem(f"malformed YAML: {exc}", file=path)) from None
    finally:
        loader.dispose()
    return YamlDocument(path, data, lines)


def load_file(path: Path | str, limits: Limits = KNOWLEDGE) -> YamlDocument:
    """Read and parse one file (JSON when named ``.json``); a missing, empty or too large file is a YamlError."""
    path = Path(path)
    name = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)  # never more: a device or a pipe may not end
    except FileNotFoundError:
        raise YamlError(Problem("file does not exist", file=name)) from None
    except IsADirectoryError:
        raise YamlError(Problem("is a folder, not a file", file=name)) from None
    except OSError as exc:
        raise YamlError(Problem(f"cannot be read: {exc.strerror}", file=name)) from None
    if len(data) > limits.max_bytes:
        raise YamlError(over_limit(name, f"the file is larger than {size_text(limits.max_bytes)}").problems[0])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise YamlError(
            Problem(f"not UTF-8 text ({exc.reason} at byte offset {exc.start})", file=name, line=line)
        ) from None
    if not text.strip():
        raise YamlError(Problem("file is empty", file=name, line=1))
    if path.suffix.lower() == ".json":
        from advisor.knowledge.json_doc import load_json_text  # it builds on this module

        return load_json_text(text, name, limits)
    return load_text(text, name, limits)


def _bad_scalar(node: yaml.Node | None) -> tuple[int | None, str | None]:
    """The line and key of the first scalar under ``node`` that cannot be built (an impossible date)."""
    fresh = _LiteralLoader("")  # the failed loader keeps half-built state: build each scalar afresh
    stack: list[tuple[yaml.Node, str | None]] = [(node, None)] if node is not None else []
    try:
        while stack:
            current, key = stack.pop(0)
            if isinstance(current, yaml.ScalarNode):
                try:
                    fresh.construct_object(current)
                except ValueError:
                    return current.start_mark.line + 1, key
            elif isinstance(current, yaml.MappingNode):
                stack[0:0] = [(value, str(name.value)) for name, value in current.value]
            elif isinstance(current, yaml.SequenceNode):
                stack[0:0] = [(item, key) for item in current.value]
    finally:
        fresh.dispose()
    return None, None


_OPENING = (yaml.BlockMappingStartToken, yaml.BlockSequenceStartToken, yaml.FlowMappingStartToken,
            yaml.FlowSequenceStartToken)  # fmt: skip
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
_VALUES = (yaml.ScalarToken, *_OPENING)


def _check_tokens(text: str, path: str, limits: Limits) -> None:
    """One pass over the tokens (no tree): anchors are refused, and so are nesting deeper than the limit and
    more values than the limit (the tree of a small file of short values can take a thousand times its size)."""
    scanner = _LiteralLoader(text)
    depth = nodes = 0
    try:
        while _next_token(scanner, path, limits):
            token = scanner.get_token()
            if isinstance(token, _VALUES):
                nodes += 1
                if limits.max_nodes is not None and nodes > limits.max_nodes:
                    line = token.start_mark.line + 1
                    what = f"more than {limits.max_nodes:,} values (line {line})"
                    raise YamlError(over_limit(path, what, line).problems[0])
            if isinstance(token, _OPENING):
                depth += 1
                if limits.max_depth is not None and depth > limits.max_depth:
                    line = token.start_mark.line + 1
                    what = f"nested more than {limits.max_depth} levels deep (line {line})"
                    raise YamlError(over_limit(path, what, line).problems[0])
            elif isinstance(token, _CLOSING):
                depth -= 1
            elif isinstance(token, yaml.AnchorToken):
                line = token.start_mark.line + 1
                raise YamlError(Problem("anchors and aliases are not allowed", file=path, line=line))
    finally:
        scanner.dispose()


def _next_token(scanner: Any, path: str, limits: Limits) -> bool:
    """Whether a token follows; libyaml's own nesting limit (it scans ahead) is reported as ours."""
    try:
        return bool(scanner.check_token())
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" not in str(exc.problem) or exc.problem_mark is None:
            raise
        line = exc.problem_mark.line + 1
        what = f"nested more than {limits.max_depth} levels deep (line {line})"
        raise YamlError(over_limit(path, what, line).problems[0]) from None


def _index_lines(
    loader: Any, node: yaml.Node, at: DocPath, lines: dict[DocPath, int], seen: set[int], path: str
) -> None:
    if id(node) in seen:
        raise YamlError(Problem("anchors and aliases are not allowed", file=path, line=node.start_mark.line + 1))
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys_here: set[str] = set()
        for key_node, value_node in node.value:
            # Index by the key as it will be loaded (42, not "42"), so lookups by data keys work.
            key = loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else key_node.value
            if key in keys_here:
                raise YamlError(
                    Problem(
                        "duplicate key",
                        file=path,
                        line=key_node.start_mark.line + 1,
                        ident=str(key),
                    )
                )
            keys_here.add(key)
            lines[(*at, key)] = key_node.start_mark.line + 1
            _index_lines(loader, value_node, (*at, key), lines, seen, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*at, index)] = item.start_mark.line + 1
            _index_lines(loader, item, (*at, index), lines, seen, path)
