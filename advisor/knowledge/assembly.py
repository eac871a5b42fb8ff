"""Load the knowledge folder into checked, read-only knowledge versions.

``knowledge/versions/*.yaml`` each name one version; a version includes shared tree fragments
(``knowledge/tree/*.yaml``), adds its own questions and outcomes, and rewires a few answers.
:func:`check_knowledge` returns every problem found; :func:`load_knowledge` returns a
:class:`KnowledgeBase` or raises one :class:`~advisor.errors.KnowledgeError` listing them all.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import networkx as nx

from advisor.contract import DEFAULT_KNOWLEDGE_VERSION
from advisor.decide.engine import PathStep
from advisor.decide.fit import RuleIndex, build_rule_index
from advisor.decide.suggestions import check_prefill
from advisor.errors import InputError, KnowledgeError, Problem
from advisor.json_scan import over_limit
from advisor.knowledge.access import check_access
from advisor.knowledge.catalog import ServiceView, resolve_catalog, resolve_requirements
from advisor.knowledge.costs import check_costs
from advisor.knowledge.disagreements import Disputes, check_disagreements
from advisor.knowledge.graph import Location, VersionDraft, build_graph, structural_problems
from advisor.knowledge.key_dates import KeyDateView, resolve_key_dates
from advisor.knowledge.loading import Loaded, ModelT, load_model
from advisor.knowledge.prices import check_prices
from advisor.lifecycle.entries import Lifecycle
from advisor.lifecycle.loading import check_lifecycle, dated_problems
from advisor.limits import KNOWLEDGE, size_text
from advisor.models.access_policy import AccessPolicy
from advisor.models.cost_rules import CostKnowledge
from advisor.models.prefill_rules import PrefillSuggestion
from advisor.models.price_meters import PriceKnowledge
from advisor.models.service_catalog import UNKNOWN_ANSWER, Catalog, RequirementQuestion, RequirementSet
from advisor.models.tree import Outcome, TreeFragment, TreeQuestion, VersionManifest
from advisor.paths import bundled_knowledge_dir
from advisor.triage.rules import TriageRules, check_triage_rules

DEFAULT_KNOWLEDGE_DIR = bundled_knowledge_dir()


@dataclass(frozen=True)
class KnowledgeVersion:
    """One checked version of the tree: its questions, outcomes, graph and walk table."""

    manifest: VersionManifest
    questions: MappingProxyType[str, TreeQuestion]
    outcomes: MappingProxyType[str, Outcome]
    graph: nx.MultiDiGraph
    # question id -> answer id -> (next node id, rationale): the walk's only lookup.
    transitions: MappingProxyType[str, MappingProxyType[str, tuple[str, str]]]
    # The same table with each step prebuilt, so a walk allocates nothing per step.
    steps: MappingProxyType[str, MappingProxyType[str, tuple[str, PathStep]]]
    # Tree questions in the order a walk meets them (breadth first from the root).
    question_order: tuple[str, ...]
    # Requirement questions asked after the tree, in file order.
    requirements: MappingProxyType[str, RequirementQuestion]
    # The catalog entry of every outcome, as this version sees it.
    services: MappingProxyType[str, ServiceView]
    # The fit rules and conditions of every candidate, indexed for matching.
    rules: RuleIndex
    # Question id -> the most questions a walk can still ask from it, itself included.
    longest_remaining: MappingProxyType[str, int]
    # Every question of the version (tree and requirement) -> the answer ids it accepts.
    accepted: MappingProxyType[str, frozenset[str]]

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def root(self) -> str:
        return self.manifest.root

    def path_count(self) -> int:
        """How many distinct root-to-outcome paths the tree has."""
        counts: dict[str, int] = {}
        for node in reversed(list(nx.topological_sort(self.graph))):
            successors = [target for _, target in self.graph.out_edges(node)]
            counts[node] = sum(counts[t] for t in successors) if successors else 1
        return counts[self.root]

    def most_questions_from(self, node: str) -> int:
        """The most questions a walk can still ask from ``node`` (itself included) to an outcome."""
        return self.longest_remaining.get(node, 0)

    def is_requirement(self, question_id: str) -> bool:
        """True for the requirement questions asked after the tree."""
        return question_id in self.requirements

    def answer_ids(self, question_id: str) -> tuple[str, ...] | None:
        """The answer ids a question of this version offers, or None if it has no such question."""
        answers = self.transitions.get(question_id)
        if answers is not None:
            return tuple(answers)
        requirement = self.requirements.get(question_id)
        if requirement is not None:
            return (*(answer.id for answer in requirement.answers), UNKNOWN_ANSWER)
        return None

    @property
    def tree_outcomes(self) -> tuple[str, ...]:
        """The general-purpose outcomes: every one is a candidate of every recommendation."""
        return tuple(o.id for o in self.outcomes.values() if o.kind == "tree")


@dataclass(frozen=True)
class KnowledgeBase:
    """Every shipped knowledge version, and which one is the default."""

    directory: Path
    versions: MappingProxyType[str, KnowledgeVersion]
    default_version: str

    # Every question of every shipped version -> the answers any version accepts for it. An answer
    # to a question the walked version lacks is kept when another version accepts it (contract §2).
    answers_any_version: MappingProxyType[str, frozenset[str]]
    # The migration-tool triage rules (contract §7), shared by every version.
    triage: TriageRules
    # Answers an inventory row can suggest (knowledge/prefill.yaml).
    prefill: tuple[PrefillSuggestion, ...]
    # What retires when, and the VM size facts (knowledge/lifecycle.yaml, knowledge/sizes.yaml).
    lifecycle: Lifecycle
    # Where Microsoft's sources disagree, every claim with its sources (knowledge/disagreements.yaml).
    disagreements: Disputes = field(default_factory=Disputes)
    # The key dates of the classic retirement, each dated by its lifecycle entry (knowledge/triage/rules.yaml).
    key_dates: tuple[KeyDateView, ...] = ()
    # Where retail prices come from and which meters each candidate needs (knowledge/prices.yaml).
    prices: PriceKnowledge | None = None
    # Who may do what in team mode, and what local mode holds back (knowledge/access.yaml).
    access: AccessPolicy | None = None
    # How workloads are right-sized and each candidate priced (knowledge/costs.yaml).
    costs: CostKnowledge | None = None

    def version(self, version_id: str | None = None) -> KnowledgeVersion:
        """The version asked for, or the default; an unknown id is an :class:`InputError`."""
        wanted = version_id or self.default_version
        try:
            return self.versions[wanted]
        except KeyError:
            known = ", ".join(sorted(self.versions))
            raise InputError(Problem(f"unknown knowledge version (known: {known})", ident=wanted)) from None


def check_knowledge(directory: Path | str | None = None) -> list[Problem]:
    """Every problem of the knowledge folder: YAML, schema and structure, in file order."""
    folder = Path(directory) if directory else DEFAULT_KNOWLEDGE_DIR
    versions, problems = _assemble(folder)
    lifecycle, lifecycle_problems = check_lifecycle(folder, None if problems else _service_names(versions))
    dated = dated_problems(folder, lifecycle) if lifecycle is not None else []  # `check` only: see its docstring
    triage, triage_problems = check_triage_rules(folder)
    _, claim_problems = _claims(folder, None if problems else versions, triage, lifecycle)
    price_problems = check_prices(folder, None if problems else _service_names(versions))[1]
    sizes = lifecycle.sizes if lifecycle is not None else None
    cost_problems = check_costs(folder, None if problems else versions, sizes)[1]
    return (
        problems + triage_problems + check_prefill(folder, _answers_any_version(versions))[1]
        + lifecycle_problems + dated + claim_problems + price_problems + check_access(folder)[1] + cost_problems
    )  # fmt: skip


def load_knowledge(directory: Path | str | None = None) -> KnowledgeBase:
    """Load and check the knowledge folder; raise :class:`KnowledgeError` listing every problem."""
    folder = Path(directory) if directory else DEFAULT_KNOWLEDGE_DIR
    versions, problems = _assemble(folder)
    triage, triage_problems = check_triage_rules(folder)
    problems += triage_problems
    lifecycle, lifecycle_problems = check_lifecycle(folder, _service_names(versions))
    problems += lifecycle_problems
    (disputes, key_dates), claim_problems = _claims(folder, versions, triage, lifecycle)
    problems += claim_problems
    prices, price_problems = check_prices(folder, _service_names(versions))
    problems += price_problems
    access, access_problems = check_access(folder)
    problems += access_problems
    costs, cost_problems = check_costs(folder, versions, lifecycle.sizes if lifecycle is not None else None)
    problems += cost_problems
    if (
        problems or triage is None or lifecycle is None or disputes is None or prices is None or access is None
        or costs is None
    ):  # fmt: skip
        raise KnowledgeError(problems)
    triage = replace(
        triage,
        lifecycle=lifecycle,  # so every triage gives current sizes
        disputes=MappingProxyType(
            {rule_id: found for rule_id in _rule_ids(triage) if (found := disputes.about_rule(rule_id))}
        ),
        verdict_notes=tuple(key_date.verdict_note for key_date in key_dates if key_date.verdict_note),
    )
    defaults = [v.id for v in versions.values() if v.manifest.default]
    default = defaults[0] if defaults else DEFAULT_KNOWLEDGE_VERSION
    any_version = _answers_any_version(versions)
    prefill, prefill_problems = check_prefill(folder, any_version)
    if prefill is None:
        raise KnowledgeError(prefill_problems)
    return KnowledgeBase(
        folder, MappingProxyType(versions), default, MappingProxyType(any_version), triage, prefill, lifecycle,
        disputes, key_dates, prices, access, costs,
    )  # fmt: skip


def _rule_ids(triage: TriageRules) -> list[str]:
    """The ids of every triage rule and advisory."""
    return [rule.id for rule in triage.rules] + [advisory.id for advisory in triage.advisories]


def _claims(
    folder: Path,
    versions: Mapping[str, KnowledgeVersion] | None,
    triage: TriageRules | None,
    lifecycle: Lifecycle | None,
) -> tuple[tuple[Disputes | None, tuple[KeyDateView, ...]], list[Problem]]:
    """The disagreements and the key dates (which show the claims beside each date), and their problems."""
    rule_ids = _rule_ids(triage) if triage is not None else None
    entries = {entry.id: entry for entry in lifecycle.entries} if lifecycle is not None else None
    disputes, problems = check_disagreements(folder, versions, rule_ids, entries)
    if entries is None:
        return (disputes, ()), problems
    key_dates, date_problems = resolve_key_dates(folder, entries, disputes or Disputes())
    return (disputes, key_dates), problems + date_problems


def _service_names(versions: Mapping[str, KnowledgeVersion]) -> dict[str, str]:
    """Every catalog service id of every version, with its name (the first version's, where they differ)."""
    names: dict[str, str] = {}
    for version in versions.values():
        for service, view in version.services.items():
            names.setdefault(service, view.name)
    return names


def _answers_any_version(versions: Mapping[str, KnowledgeVersion]) -> dict[str, frozenset[str]]:
    any_version: dict[str, frozenset[str]] = {}
    for version in versions.values():
        for question, accepted in version.accepted.items():
            any_version[question] = any_version.get(question, frozenset()) | accepted
    return any_version


def _assemble(folder: Path) -> tuple[dict[str, KnowledgeVersion], list[Problem]]:
    if not folder.is_dir():
        raise InputError(Problem("knowledge folder does not exist", file=str(folder)))
    manifest_paths = sorted((folder / "versions").glob("*.yaml"))
    if not manifest_paths:
        raise InputError(Problem("no knowledge versions found in versions/*.yaml", file=str(folder)))
    _check_folder_size(folder)
    included = _IncludedFiles(folder)
    manifests = [load_model(path, VersionManifest, _display(folder, path)) for path in manifest_paths]
    known_versions = {m.model.id for m in manifests if m.model is not None}
    problems: list[Problem] = []
    versions: dict[str, KnowledgeVersion] = {}
    for loaded in manifests:
        problems.extend(loaded.problems)
        manifest = loaded.model
        if manifest is None:
            continue
        draft = VersionDraft(manifest.id, loaded.path, manifest.root, loaded.line_of(("root",)))
        for fragment in included.load(loaded, "includes", TreeFragment, draft.problems):
            if fragment.model is not None:  # always so (load() keeps only valid files); tells the type checker
                _add_items(draft, fragment, fragment.model.questions, fragment.model.outcomes)
        _add_items(draft, loaded, manifest.questions, manifest.outcomes)
        _apply_overrides(draft, loaded)
        graph = build_graph(draft)
        version_problems = draft.problems + structural_problems(draft, graph)
        requirement_files = included.load(loaded, "requirements", RequirementSet, version_problems)
        requirements, requirement_problems = resolve_requirements(requirement_files)
        version_problems += requirement_problems
        transitions = _transitions(draft)
        catalog_files = included.load(loaded, "catalog", Catalog, version_problems)
        catalog_problems: list[Problem] = []
        services: dict[str, ServiceView] = {}
        # A file that failed to load is already reported: resolving without it would only add
        # false "missing entry" and "unknown requirement" problems that bury the real one.
        if len(requirement_files) == len(manifest.requirements) and len(catalog_files) == len(manifest.catalog):
            services, catalog_problems = resolve_catalog(
                manifest.id,
                known_versions,
                draft.outcome_map(),
                transitions,
                requirements,
                catalog_files,
                (loaded.path, loaded.line_of(("catalog",)) or loaded.line_of(())),
            )
        version_problems += catalog_problems
        problems.extend(version_problems)
        if not version_problems:
            versions[manifest.id] = _freeze(manifest, draft, graph, transitions, requirements, services)
    defaults = [m.model.id for m in manifests if m.model is not None and m.model.default]
    if len(defaults) > 1:
        problems.append(Problem(f"more than one default version: {', '.join(defaults)}", file=str(folder)))
    return versions, _unique(problems + included.problems)


def _check_folder_size(folder: Path) -> None:
    """Refuse, before reading any, a knowledge folder of more files or bytes than its limits (a walk that
    stops at the first file over)."""
    files = total = 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            files += 1
            if KNOWLEDGE.max_files is not None and files > KNOWLEDGE.max_files:
                raise over_limit(str(folder), f"more than {KNOWLEDGE.max_files:,} files")
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                continue  # a broken link or a file gone: the loader says so if it needs it
            if KNOWLEDGE.max_total_bytes is not None and total > KNOWLEDGE.max_total_bytes:
                raise over_limit(str(folder), f"more than {size_text(KNOWLEDGE.max_total_bytes)} of files")


class _IncludedFiles:
    """Files that manifests include, each loaded (and its own faults reported) once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cache: dict[str, Loaded[Any]] = {}
        self.problems: list[Problem] = []

    def load(
        self, manifest: Loaded[VersionManifest], field: str, model_type: type[ModelT], problems: list[Problem]
    ) -> list[Loaded[ModelT]]:
        """The valid files that ``manifest.<field>`` names; a file that fails is a problem of the manifest."""
        assert manifest.model is not None
        valid = []
        for index, relative in enumerate(getattr(manifest.model, field)):
            if relative not in self.cache:
                path = self.folder / relative
                self.cache[relative] = load_model(path, model_type, _display(self.folder, path))
                self.problems.extend(self.cache[relative].problems)
            loaded = self.cache[relative]
            if loaded.model is None or not isinstance(loaded.model, model_type):
                line = manifest.line_of((field, index))
                problems.append(
                    Problem("included file could not be loaded", file=manifest.path, line=line, ident=relative)
                )
                continue
            valid.append(loaded)
        return valid


def _add_items(
    draft: VersionDraft, source: Loaded[Any], questions: list[TreeQuestion], outcomes: list[Outcome]
) -> None:
    for q_index, question in enumerate(questions):
        draft.questions.append((question, (source.path, source.line_of(("questions", q_index)))))
        for a_index, answer in enumerate(question.answers):
            line = source.line_of(("questions", q_index, "answers", a_index))
            draft.answer_lines.setdefault((question.id, answer.id), (source.path, line))
    for o_index, outcome in enumerate(outcomes):
        draft.outcomes.append((outcome, (source.path, source.line_of(("outcomes", o_index)))))


def _apply_overrides(draft: VersionDraft, loaded: Loaded[VersionManifest]) -> None:
    assert loaded.model is not None
    for index, override in enumerate(loaded.model.overrides):
        location: Location = (loaded.path, loaded.line_of(("overrides", index)))
        ident = f"{override.question}/{override.answer}"
        position = next((i for i, (q, _) in enumerate(draft.questions) if q.id == override.question), None)
        if position is None:
            draft.problems.append(_override_problem("override names no question of this version", location, ident))
            continue
        question, question_location = draft.questions[position]
        if override.answer not in {answer.id for answer in question.answers}:
            draft.problems.append(_override_problem("override names no answer of this question", location, ident))
            continue
        answers = [
            answer.model_copy(
                update={
                    "leads_to": override.leads_to,
                    "rationale": override.rationale,
                    "inferred": override.inferred,
                    "inference_note": override.inference_note,
                }
            )
            if answer.id == override.answer
            else answer
            for answer in question.answers
        ]
        draft.questions[position] = (question.model_copy(update={"answers": answers}), question_location)
        draft.answer_lines[(override.question, override.answer)] = location


def _override_problem(message: str, location: Location, ident: str) -> Problem:
    return Problem(message, file=location[0], line=location[1], ident=ident, check="dangling-reference")


def _transitions(draft: VersionDraft) -> dict[str, MappingProxyType[str, tuple[str, str]]]:
    return {
        question.id: MappingProxyType({a.id: (a.leads_to, a.rationale) for a in question.answers})
        for question, _ in draft.questions
    }


def _freeze(
    manifest: VersionManifest,
    draft: VersionDraft,
    graph: nx.MultiDiGraph,
    transitions: dict[str, MappingProxyType[str, tuple[str, str]]],
    requirements: dict[str, RequirementQuestion],
    services: dict[str, ServiceView],
) -> KnowledgeVersion:
    questions = draft.question_map()
    return KnowledgeVersion(
        manifest=manifest,
        questions=MappingProxyType(questions),
        outcomes=MappingProxyType(draft.outcome_map()),
        graph=nx.freeze(graph),
        transitions=MappingProxyType(transitions),
        steps=MappingProxyType(
            {
                q: MappingProxyType({a: (target, PathStep(q, a, why)) for a, (target, why) in table.items()})
                for q, table in transitions.items()
            }
        ),
        question_order=tuple(node for node in nx.bfs_tree(graph, manifest.root) if node in questions),
        requirements=MappingProxyType(requirements),
        services=MappingProxyType(services),
        rules=build_rule_index(
            {sid: view.fit_rules for sid, view in services.items()},
            {sid: view.conditions for sid, view in services.items()},
            {sid: view.relevant_requirements for sid, view in services.items()},
            transitions,
        ),
        longest_remaining=MappingProxyType(_longest_remaining(graph, questions)),
        accepted=MappingProxyType(
            {q: frozenset(table) for q, table in transitions.items()}
            | {q.id: frozenset([*(a.id for a in q.answers), UNKNOWN_ANSWER]) for q in requirements.values()}
        ),
    )


def _longest_remaining(graph: nx.MultiDiGraph, questions: Mapping[str, TreeQuestion]) -> dict[str, int]:
    longest: dict[str, int] = {}
    for node in reversed(list(nx.topological_sort(graph))):
        if node in questions:
            longest[node] = 1 + max((longest.get(target, 0) for _, target in graph.out_edges(node)), default=0)
    return longest


def _display(folder: Path, path: Path) -> str:
    try:
        return str(path.relative_to(folder.parent))
    except ValueError:
        return str(path)


def _unique(problems: list[Problem]) -> list[Problem]:
    # A fault in a shared fragment shows up once per version that includes it; report it once.
    return list(dict.fromkeys(problems))
