"""Hand-written scenarios (tests/scenarios/*.yaml): recommend() meets each one, and together they cover the catalog."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

import advisor
from advisor import KnowledgeBase
from tests.contract_ids import CONTRACT_QUESTIONS, TREE_OUTCOMES

REPO = Path(__file__).resolve().parent.parent.parent
SCENARIO_DIR = REPO / "tests" / "scenarios"
KNOWLEDGE = REPO / "knowledge"
VERSIONS = ("compute-tree-2025", "compute-tree-2026")
FIT_VALUES = ("fit", "fit_with_effort", "unknown", "no_fit")
UNKNOWN = "unknown"
EXPECT_KEYS = frozenset(
    {"service", "status", "fits", "reasons_contain", "conflicts", "best_alternative", "conditions_contain"}
    | {"confidence"}
)


@dataclass(frozen=True)
class Scenario:
    """One hand-written scenario file."""

    name: str
    path: Path
    cites: list[Any]
    version: str
    answers: dict[str, Any]
    expect: dict[str, Any]
    extra_keys: frozenset[str] = field(default_factory=frozenset)

    @property
    def fits(self) -> dict[str, str]:
        return self.expect.get("fits") or {}

    @property
    def reasons_contain(self) -> dict[str, list[str]]:
        return self.expect.get("reasons_contain") or {}

    @property
    def conditions_contain(self) -> list[str]:
        return self.expect.get("conditions_contain") or []


def _load(path: Path) -> Scenario:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Scenario(
        name=path.stem,
        path=path,
        cites=data.get("cites") or [],
        version=data.get("knowledge_version"),
        answers=data.get("answers") or {},
        expect=data.get("expect") or {},
        extra_keys=frozenset(set(data) - {"cites", "knowledge_version", "answers", "expect"}),
    )


SCENARIOS: list[Scenario] = [_load(path) for path in sorted(SCENARIO_DIR.glob("*.yaml"))]


def _read_yaml(relative: str) -> Any:
    return yaml.safe_load((KNOWLEDGE / relative).read_text(encoding="utf-8"))


def _tree_services_by_version() -> dict[str, set[str]]:
    """The tree outcomes of each version, read from the manifests and the fragments they include."""
    result: dict[str, set[str]] = {}
    for manifest_path in sorted((KNOWLEDGE / "versions").glob("*.yaml")):
        manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
        outcomes = list(manifest.get("outcomes") or [])
        for fragment in manifest.get("includes") or []:
            outcomes += _read_yaml(fragment).get("outcomes") or []
        result[manifest["id"]] = {o["id"] for o in outcomes if o.get("kind") == "tree"}
    return result


TREE_SERVICES = _tree_services_by_version()
CATALOG: list[dict[str, Any]] = _read_yaml("catalog/services.yaml")["services"]
REQUIREMENTS: dict[str, list[str]] = {
    q["id"]: [str(a["id"]) for a in q["answers"]] for q in _read_yaml("requirements.yaml")["requirements"]
}


def _applies(item: dict[str, Any], version: str) -> bool:
    return item.get("versions") is None or version in item["versions"]


def _conditions(service: str, version: str) -> list[str]:
    entry = next(e for e in CATALOG if e["id"] == service)
    return [c["text"] for c in entry.get("conditions") or [] if _applies(c, version)]


def _relevant_requirements(service: str, version: str) -> set[str]:
    """The requirements that the service's fit rules (for that version) mention."""
    entry = next(e for e in CATALOG if e["id"] == service)
    rules = [rule for rule in entry.get("fit_rules") or [] if _applies(rule, version)]
    return {question for rule in rules for question in rule["when"] if question in REQUIREMENTS}


# --------------------------------------------------------------------------------------------------
# Each scenario, run


def _mismatches(scenario: Scenario, result: advisor.Recommendation) -> Iterator[str]:
    """Every way ``result`` differs from what the scenario expects, one line each."""
    expect = scenario.expect
    for key in ("service", "status"):
        if getattr(result, key) != expect[key]:
            yield f"{key}: expected {expect[key]!r}, got {getattr(result, key)!r}"
    yield from _candidate_mismatches(scenario, result)
    if "conflicts" in expect and bool(result.conflicts) is not expect["conflicts"]:
        yield f"conflicts: expected {'some' if expect['conflicts'] else 'none'}, got {list(result.conflicts)}"
    if "best_alternative" in expect and result.best_alternative != expect["best_alternative"]:
        yield f"best_alternative: expected {expect['best_alternative']!r}, got {result.best_alternative!r}"
    for part in scenario.conditions_contain:
        if not any(part in condition for condition in result.conditions):
            yield f"conditions: none contains {part!r}; conditions: {list(result.conditions)}"
    if "confidence" in expect and result.confidence != expect["confidence"]:
        yield f"confidence: expected {expect['confidence']}, got {result.confidence}"


def _candidate_mismatches(scenario: Scenario, result: advisor.Recommendation) -> Iterator[str]:
    candidates = {c.service: c for c in result.candidates}
    for service, fit in scenario.fits.items():
        got = candidates.get(service)
        if got is None:
            yield f"{service}: not among the candidates {sorted(candidates)}"
        elif got.fit != fit:
            yield f"{service}: expected {fit}, got {got.fit} because {list(got.reasons)}"
    for service, parts in scenario.reasons_contain.items():
        reasons = "\n".join(candidates[service].reasons) if service in candidates else ""
        for part in parts:
            if part not in reasons:
                yield f"{service}: no reason mentions {part!r}; reasons: {reasons!r}"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_recommendation_meets_hand_derived_scenario(kb: KnowledgeBase, scenario: Scenario) -> None:
    result = advisor.recommend(kb, scenario.answers, scenario.version)

    assert result.knowledge_version == scenario.version
    problems = list(_mismatches(scenario, result))
    assert problems == [], f"{scenario.path.name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_scenario_cites_the_catalog_facts_it_exercises(scenario: Scenario) -> None:
    assert isinstance(scenario.cites, list)
    assert scenario.cites, f"{scenario.path.name} has no cites"
    assert all(isinstance(cite, str) and cite.strip() for cite in scenario.cites)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_scenario_file_is_well_formed(scenario: Scenario) -> None:
    first_line = scenario.path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("# "), "first line: a comment saying what it shows"
    assert len(first_line) > 10
    assert scenario.extra_keys == frozenset()
    assert scenario.version in VERSIONS
    assert scenario.name.endswith(scenario.version[-4:]), "file names end with the version year"
    # Unquoted yes/no would load as booleans here: every answer must be written as a string id.
    assert all(isinstance(q, str) and isinstance(a, str) for q, a in scenario.answers.items())
    known = set(CONTRACT_QUESTIONS[scenario.version]) | set(REQUIREMENTS)
    assert set(scenario.answers) <= known
    assert set(scenario.expect) <= EXPECT_KEYS
    assert {"service", "status"} <= set(scenario.expect)
    assert set(scenario.fits.values()) <= set(FIT_VALUES)
    assert set(scenario.fits) | set(scenario.reasons_contain) <= TREE_SERVICES[scenario.version]


# --------------------------------------------------------------------------------------------------
# Together, the scenarios cover the catalog


def test_tree_services_read_from_knowledge_match_the_contract() -> None:
    expected = {
        "compute-tree-2025": set(TREE_OUTCOMES) | {"service-fabric"},
        "compute-tree-2026": set(TREE_OUTCOMES),
    }
    assert expected == TREE_SERVICES


@pytest.mark.parametrize("version", VERSIONS)
def test_every_tree_service_is_ruled_out_with_a_reason_by_some_scenario_of_the_version(version: str) -> None:
    ruled_out = {
        service
        for s in SCENARIOS
        if s.version == version
        for service, fit in s.fits.items()
        if fit == "no_fit" and s.reasons_contain.get(service)
    }
    assert sorted(TREE_SERVICES[version] - ruled_out) == []


def _condition_entries() -> Iterator[tuple[str, int, str, list[str]]]:
    """(service, position, text, versions it applies to) for every condition of every tree entry."""
    for entry in CATALOG:
        if entry.get("kind") != "tree":
            continue
        tree_versions = sorted(v for v, services in TREE_SERVICES.items() if entry["id"] in services)
        for position, condition in enumerate(entry.get("conditions") or []):
            yield entry["id"], position, condition["text"], condition.get("versions") or tree_versions


CONDITION_ENTRIES = list(_condition_entries())


def test_catalog_has_conditions_to_cover() -> None:
    assert len(CONDITION_ENTRIES) > 50
    assert {service for service, *_ in CONDITION_ENTRIES} == TREE_SERVICES["compute-tree-2025"]


@pytest.mark.parametrize(
    ("service", "position", "text", "versions"),
    CONDITION_ENTRIES,
    ids=[f"{service}[{position}]" for service, position, *_ in CONDITION_ENTRIES],
)
def test_every_catalog_condition_is_asserted_by_a_scenario_choosing_its_service(
    service: str, position: int, text: str, versions: list[str]
) -> None:
    asserting = [
        s.name
        for s in SCENARIOS
        if s.expect.get("service") == service
        and s.version in versions
        and any(part in text for part in s.conditions_contain)
    ]
    assert asserting, f"no scenario of {service} ({', '.join(versions)}) asserts: {text}"


@pytest.mark.parametrize("scenario", [s for s in SCENARIOS if s.conditions_contain], ids=lambda s: s.name)
def test_each_asserted_condition_substring_names_exactly_one_condition(scenario: Scenario) -> None:
    texts = _conditions(scenario.expect["service"], scenario.version)
    vague = [part for part in scenario.conditions_contain if sum(part in text for text in texts) != 1]
    assert vague == []


def test_scenarios_expect_every_fit_value_several_times() -> None:
    counts = {value: sum(value in s.fits.values() for s in SCENARIOS) for value in FIT_VALUES}
    assert all(count >= 3 for count in counts.values()), counts


def test_scenarios_show_a_conflict_with_its_best_alternative_in_both_versions() -> None:
    versions = {s.version for s in SCENARIOS if s.expect.get("conflicts") is True and s.expect.get("best_alternative")}
    assert versions == set(VERSIONS)


def test_a_scenario_expects_fit_with_every_relevant_requirement_answered() -> None:
    complete_fits = [
        (s.name, service)
        for s in SCENARIOS
        for service, fit in s.fits.items()
        if fit == "fit"
        and all(s.answers.get(q, UNKNOWN) != UNKNOWN for q in _relevant_requirements(service, s.version))
    ]
    assert complete_fits


def test_scenarios_show_unknown_from_an_unanswered_and_from_a_dont_know_requirement() -> None:
    unanswered, dont_know = [], []
    for s in SCENARIOS:
        for service, fit in s.fits.items():
            if fit != "unknown":
                continue
            for part in s.reasons_contain.get(service, []):
                if part in REQUIREMENTS and part not in s.answers:
                    unanswered.append((s.name, service, part))
                elif s.answers.get(part) == UNKNOWN:
                    dont_know.append((s.name, service, part))
    assert unanswered
    assert dont_know
