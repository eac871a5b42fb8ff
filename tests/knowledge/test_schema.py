"""The exported JSON Schemas match the models, and the models are frozen and refuse unknown keys."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from pydantic import BaseModel, ValidationError

from advisor import KnowledgeBase
from advisor.knowledge.schema_export import SCHEMA_MODELS, schema_texts
from advisor.knowledge.yaml_io import load_file
from advisor.models.tree import (
    Answer,
    AnswerOverride,
    KnowledgeModel,
    Outcome,
    TreeFragment,
    TreeQuestion,
    VersionManifest,
)

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent.parent / "knowledge"
SCHEMA_DIR = KNOWLEDGE_DIR / "schema"

ANSWER: dict[str, Any] = {
    "id": "yes",
    "label": "Yes",
    "leads_to": "batch",
    "rationale": "Big jobs need pools.",
}
QUESTION: dict[str, Any] = {
    "id": "hpc",
    "text": "HPC?",
    "help": "Large parallel jobs.",
    "source": "https://example.com/tree",
    "answers": [ANSWER],
}
OUTCOME: dict[str, Any] = {
    "id": "batch",
    "kind": "tree",
    "label": "Azure Batch",
    "help": "Pools of VMs for jobs.",
    "source": "https://example.com/batch",
}
OVERRIDE: dict[str, Any] = {
    "question": "hpc",
    "answer": "yes",
    "leads_to": "batch",
    "rationale": "Still pools.",
}
MANIFEST: dict[str, Any] = {
    "id": "compute-tree-test",
    "title": "Test tree",
    "date": "2026-01-01",
    "source": "https://example.com/tree",
    "root": "hpc",
}
# (model, valid data, a field to try to reassign)
MODELS: list[tuple[type[BaseModel], dict[str, Any], str]] = [
    (Answer, ANSWER, "leads_to"),
    (TreeQuestion, QUESTION, "text"),
    (Outcome, OUTCOME, "label"),
    (TreeFragment, {"questions": [QUESTION], "outcomes": [OUTCOME]}, "questions"),
    (AnswerOverride, OVERRIDE, "leads_to"),
    (VersionManifest, MANIFEST, "root"),
]


def _model_id(value: object) -> str:
    return value.__name__ if isinstance(value, type) else ""


def test_exported_schema_files_equal_a_fresh_export() -> None:
    on_disk = {path.name: path.read_text(encoding="utf-8") for path in SCHEMA_DIR.glob("*.schema.json")}

    assert on_disk == schema_texts()


def test_every_schema_model_has_an_exported_file() -> None:
    assert {f"{name}.schema.json" for name in SCHEMA_MODELS} == set(schema_texts())


def _accepted_by_some_schema_model(data: object) -> bool:
    for model in SCHEMA_MODELS.values():
        try:
            model.model_validate(data)
        except ValidationError:
            continue
        return True
    return False


@pytest.mark.parametrize(
    "path",
    sorted(KNOWLEDGE_DIR.rglob("*.yaml")),
    ids=lambda path: path.relative_to(KNOWLEDGE_DIR).as_posix(),
)
def test_every_shipped_knowledge_file_has_an_exported_schema(path: Path) -> None:
    # schema.py exports a schema "for every knowledge file kind", so editors can validate each file.
    assert _accepted_by_some_schema_model(load_file(path).data)


@pytest.mark.parametrize(("model", "data", "field"), MODELS, ids=[m.__name__ for m, _, _ in MODELS])
def test_model_accepts_valid_data(model: type[BaseModel], data: dict[str, Any], field: str) -> None:
    assert model.model_validate(data) is not None


@pytest.mark.parametrize(("model", "data", "field"), MODELS, ids=[m.__name__ for m, _, _ in MODELS])
def test_model_refuses_an_unknown_key(model: type[BaseModel], data: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        model.model_validate({**data, "colour": "blue"})

    assert [error["loc"] for error in info.value.errors()] == [("colour",)]


@pytest.mark.parametrize(("model", "data", "field"), MODELS, ids=[m.__name__ for m, _, _ in MODELS])
def test_model_refuses_assignment(model: type[BaseModel], data: dict[str, Any], field: str) -> None:
    instance = model.model_validate(data)

    with pytest.raises(ValidationError):
        setattr(instance, field, getattr(instance, field))


def test_nested_unknown_key_is_refused_with_its_location() -> None:
    bad_answer = {**ANSWER, "colour": "blue"}

    with pytest.raises(ValidationError) as info:
        TreeFragment.model_validate({"questions": [{**QUESTION, "answers": [bad_answer]}]})

    assert [error["loc"] for error in info.value.errors()] == [("questions", 0, "answers", 0, "colour")]


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


@pytest.mark.parametrize("model", sorted(set(_subclasses(KnowledgeModel)), key=lambda m: m.__name__), ids=_model_id)
def test_every_knowledge_model_is_frozen_and_forbids_extra_keys(model: type[BaseModel]) -> None:
    assert model.model_config.get("frozen") is True
    assert model.model_config.get("extra") == "forbid"


def test_loaded_knowledge_version_is_read_only(kb: KnowledgeBase) -> None:
    version = kb.version("compute-tree-2026")

    with pytest.raises(dataclasses.FrozenInstanceError):
        version.graph = None  # type: ignore[misc]
    with pytest.raises(TypeError):
        version.questions["hpc"] = version.questions["cots"]  # type: ignore[index]
    with pytest.raises(TypeError):
        version.transitions["hpc"]["yes"] = ("functions", "")  # type: ignore[index]
    with pytest.raises(nx.NetworkXError):
        version.graph.add_edge("hpc", "functions")
