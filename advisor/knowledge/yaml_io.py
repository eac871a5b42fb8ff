"""Safe, literal YAML reading with a line for every key, so errors can point into the file.

* Only plain data is built (a safe loader, never object tags).
* ``yes``, ``no``, ``on`` and ``off`` stay strings: our answers are called ``yes`` and ``no``.
  Only ``true``/``false`` are booleans (YAML 1.2 style).
* Anchors and aliases are refused, and so are duplicate keys: knowledge files are
  edited by hand, and both hide mistakes.
* JSON files are read by the same loader, since JSON is YAML's flow style.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from advisor.errors import Problem, YamlError

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


def load_text(text: str, path: str) -> YamlDocument:
    """Parse ``text`` (named ``path`` in messages) into a :class:`YamlDocument`."""
    loader = _LiteralLoader(text)
    try:
        if "&" in text:
            _refuse_anchors(text, path)
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


def load_file(path: Path | str) -> YamlDocument:
    """Read and parse one file; a missing or empty file is a :class:`YamlError`."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise YamlError(Problem("file does not exist", file=name)) from None
    except IsADirectoryError:
        raise YamlError(Problem("is a folder, not a file", file=name)) from None
    except UnicodeDecodeError as exc:
        raise YamlError(Problem(f"not UTF-8 text ({exc.reason})", file=name)) from None
    except OSError as exc:
        raise YamlError(Problem(f"cannot be read: {exc.strerror}", file=name)) from None
    if not text.strip():
        raise YamlError(Problem("file is empty", file=name, line=1))
    return load_text(text, name)


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


def _refuse_anchors(text: str, path: str) -> None:
    scanner = _LiteralLoader(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if isinstance(token, yaml.AnchorToken):
                line = token.start_mark.line + 1
                raise YamlError(Problem("anchors and aliases are not allowed", file=path, line=line))
    finally:
        scanner.dispose()


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
