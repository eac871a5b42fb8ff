"""JSON Schemas of the knowledge files, exported from the pydantic models.

The exported files live in ``knowledge/schema/`` so editors can validate YAML as it is typed;
a test keeps them equal to a fresh export. Regenerate with ``python -m advisor.knowledge.schema_export``.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from advisor.knowledge.assembly import DEFAULT_KNOWLEDGE_DIR
from advisor.models.access_policy import AccessPolicy
from advisor.models.answer_profile import ProfileSet
from advisor.models.cost_rules import CostKnowledge
from advisor.models.disagreements import DisagreementKnowledge
from advisor.models.lifecycle import LifecycleKnowledge
from advisor.models.prefill_rules import PrefillKnowledge
from advisor.models.price_meters import PriceKnowledge
from advisor.models.service_catalog import Catalog, RequirementSet
from advisor.models.tree import TreeFragment, VersionManifest
from advisor.models.triage_rules import TriageKnowledge
from advisor.models.vm_sizes import SizeKnowledge

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "tree-fragment": TreeFragment,
    "version-manifest": VersionManifest,
    "requirement-set": RequirementSet,
    "catalog": Catalog,
    "triage-rules": TriageKnowledge,
    "prefill": PrefillKnowledge,
    "answer-profiles": ProfileSet,
    "lifecycle": LifecycleKnowledge,
    "sizes": SizeKnowledge,
    "disagreements": DisagreementKnowledge,
    "prices": PriceKnowledge,
    "access": AccessPolicy,
    "costs": CostKnowledge,
}


def schema_texts() -> dict[str, str]:
    """File name -> JSON text, for every knowledge file kind."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
        for name, model in SCHEMA_MODELS.items()
    }


def write_schemas(folder: Path = DEFAULT_KNOWLEDGE_DIR / "schema") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        target = folder / name
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    for path in write_schemas():
        print(f"wrote {path}")
