"""Generic knowledge-file loading: YAML text → a validated pydantic model, or located problems.

Every knowledge file (tree fragments, version manifests, later the service catalog and the
triage rules) goes through :func:`load_model`, so each kind gets the same safe YAML, the same
schema strictness and the same ``file:line: id: message`` reporting for free.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from advisor.errors import Problem
from advisor.knowledge.yaml_io import DocPath, YamlDocument, YamlError, load_file
from advisor.limits import KNOWLEDGE, Limits

ModelT = TypeVar("ModelT", bound=BaseModel)


class Loaded(Generic[ModelT]):
    """The outcome of loading one file: the model (when valid), its document and its problems."""

    def __init__(self, path: str, model: ModelT | None, doc: YamlDocument | None, problems: list[Problem]) -> None:
        self.path = path
        self.model = model
        self.doc = doc
        self.problems = problems

    def line_of(self, doc_path: DocPath) -> int | None:
        return self.doc.line_of(doc_path) if self.doc else None


def load_model(
    path: Path | str, model_type: type[ModelT], display: str | None = None, limits: Limits = KNOWLEDGE
) -> Loaded[ModelT]:
    """Load ``path`` as ``model_type`` within ``limits``; problems name the file (``display`` if given) and lines."""
    name = display or str(path)
    try:
        doc = load_file(path, limits)
    except YamlError as exc:
        problem = exc.problem
        return Loaded(name, None, None, [_renamed(problem, name)])
    doc.path = name
    if not isinstance(doc.data, dict):
        found = type(doc.data).__name__
        problem = Problem(f"top level must be a mapping, found {found}", file=name, line=1)
        return Loaded(name, None, doc, [problem])
    try:
        model = model_type.model_validate(doc.data)
    except ValidationError as exc:
        return Loaded(name, None, doc, validation_problems(exc, doc))
    return Loaded(name, model, doc, [])


def validation_problems(exc: ValidationError, doc: YamlDocument) -> list[Problem]:
    """One problem per pydantic error, with the line and the id of the item it sits in."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = _data_path(doc.data, tuple(error["loc"]))
        field = ".".join(str(part) for part in loc) or "(top level)"
        ident = enclosing_id(doc.data, loc)
        message = f"schema: {field}: {error['msg']}"
        problems.append(Problem(message, file=doc.path, line=doc.line_of(loc), ident=ident))
    return problems


def _data_path(data: Any, loc: DocPath) -> DocPath:
    """``loc`` without the segments pydantic adds that the file does not have (union tags like `tree`)."""
    path: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        if isinstance(node, dict) and part not in node and index + 1 < len(loc) and loc[index + 1] in node:
            continue  # a discriminator tag: the next segment is the real key
        path.append(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return tuple(path)


def enclosing_id(data: Any, loc: DocPath) -> str | None:
    """The ``id`` values of the mappings along ``loc``, joined by ``/`` (e.g. ``hpc/yes``)."""
    ids: list[str] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            ids.append(node["id"])
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    else:  # the whole location exists: the item it points at may have an id of its own
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            ids.append(node["id"])
    return "/".join(ids) or None


def _renamed(problem: Problem, name: str) -> Problem:
    return Problem(problem.message, file=name, line=problem.line, ident=problem.ident)
