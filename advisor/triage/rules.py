"""Loading and checking the triage knowledge: one rule per contract §7 row, fields that exist.

The checks report every problem with its file, line and rule id: a rule missing or extra against
contract §7, a test reading a field the rule does not declare in ``reads``, a field that is neither
a canonical VM field nor a VNet fact, a VNet fact read by a rule that is not VNet-scoped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from advisor.contract import ADVISORY_IDS, TRIAGE_RULE_IDS
from advisor.errors import KnowledgeError, Problem
from advisor.lifecycle.sizes import SizeAdvice
from advisor.models.triage_rules import VM_FIELDS, VNET_FIELDS, Advisory, KeyDate, TriageKnowledge, TriageRule

if TYPE_CHECKING:
    from advisor.lifecycle.entries import Lifecycle
    from advisor.lifecycle.judgement import Judgement
    from advisor.models.disagreements import Disagreement

TRIAGE_FILE = Path("triage") / "rules.yaml"


@dataclass(frozen=True)
class TriageRules:
    """The checked triage knowledge, ready to evaluate."""

    rules: tuple[TriageRule, ...]
    advisories: tuple[Advisory, ...]
    sizes: MappingProxyType[str, str]  # classic size, case-folded -> ARM size
    passthrough_prefixes: tuple[str, ...]
    source_note: str
    key_dates: tuple[KeyDate, ...]
    verdict_help: MappingProxyType[str, str]
    # Set by load_knowledge: which sizes are current (without it, every known size counts as current).
    lifecycle: Lifecycle | None = None
    # Set by load_knowledge: where Microsoft's sources disagree about what a rule or advisory describes (by id).
    disputes: Mapping[str, Disagreement] = dataclasses.field(default_factory=lambda: MappingProxyType({}))
    # Set by load_knowledge: what the key dates mean for the verdicts (e.g. that "tool ready" is historical).
    verdict_notes: tuple[str, ...] = ()

    def size_advice(self, judgement: Judgement | None = None) -> SizeAdvice:
        """Current and like-for-like sizes at ``judgement`` (default: today, the knowledge's horizon)."""
        view = self.lifecycle.view(judgement) if self.lifecycle is not None else None
        return SizeAdvice(view, self.like_for_like)

    def like_for_like(self, classic: str | None) -> str | None:
        """The direct ARM equivalent of a classic size (migration-tool.md §5.2), or None if not known."""
        if not classic:
            return None
        mapped = self.sizes.get(classic.casefold())
        if mapped:
            return mapped
        if classic.startswith(self.passthrough_prefixes):
            return classic
        return None


def check_triage_rules(knowledge_dir: Path) -> tuple[TriageRules | None, list[Problem]]:
    """The triage rules of ``knowledge_dir`` and every problem found in them."""
    from advisor.knowledge.loading import load_model  # here: the kept rules (triage_cache) need no YAML reader

    path = knowledge_dir / TRIAGE_FILE
    loaded = load_model(path, TriageKnowledge, str(Path(knowledge_dir.name) / TRIAGE_FILE))
    if loaded.model is None:
        return None, loaded.problems
    model = loaded.model
    problems: list[Problem] = []

    def fault(message: str, where: tuple[str | int, ...], ident: str) -> None:
        problems.append(Problem(message, file=loaded.path, line=loaded.line_of(where), ident=ident, check="triage"))

    _check_rules(model, fault)
    advisory_ids = [advisory.id for advisory in model.advisories]
    for missing in [i for i in ADVISORY_IDS if i not in advisory_ids]:
        fault("advisory row is missing (contract §7, or an errors-page advisory of advisor/contract.py)",
              ("advisories",), missing)  # fmt: skip
    for index, advisory in enumerate(model.advisories):
        if advisory.id not in ADVISORY_IDS:
            fault("not an advisory row of contract §7 nor an errors-page advisory", ("advisories", index), advisory.id)
    rules = TriageRules(
        rules=tuple(model.rules),
        advisories=tuple(model.advisories),
        sizes=MappingProxyType({m.classic.casefold(): m.arm for m in model.sizes}),
        passthrough_prefixes=tuple(model.size_passthrough_prefixes),
        source_note=model.source_note,
        key_dates=tuple(model.key_dates),
        verdict_help=MappingProxyType(dict(model.verdict_help)),
    )
    return (None if problems else rules), problems


def _check_rules(model: TriageKnowledge, fault: Callable[[str, tuple[str | int, ...], str], None]) -> None:
    ids = [rule.id for rule in model.rules]
    for missing in [i for i in TRIAGE_RULE_IDS if i not in ids]:
        fault("contract §7 rule has no rule in the file", ("rules",), missing)
    for index, rule in enumerate(model.rules):
        where = ("rules", index)
        if rule.id not in TRIAGE_RULE_IDS:
            fault("not a rule id of contract §7", where, rule.id)
        if ids.count(rule.id) > 1:
            fault("rule defined twice", where, rule.id)
        for field in rule.reads:
            if field not in VM_FIELDS and field not in VNET_FIELDS:
                fault(f"reads unknown field {field!r}", (*where, "reads"), rule.id)
        for position, test in enumerate(rule.when):
            at = (*where, "when", position)
            if test.field is not None and test.field not in rule.reads:
                fault(f"tests field {test.field!r}, which `reads` does not declare", at, rule.id)
            if test.field in VNET_FIELDS and rule.scope != "vnet":
                fault(f"reads VNet fact {test.field!r} but is not VNet-scoped", at, rule.id)


def load_triage_rules(knowledge_dir: Path) -> TriageRules:
    rules, problems = check_triage_rules(knowledge_dir)
    if rules is None:
        raise KnowledgeError(problems)
    return rules
