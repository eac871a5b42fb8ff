"""knowledge/disagreements.yaml: the known disagreements between Microsoft's sources, and bad claims located by
file, line and id.

Hostile-corpus cases (issue 19): a conflict with one claim only; a claim without a source (no `sources`, or an
empty list); a default claim that is not one of the claims; a claim id used twice; two disagreements about the same
thing; a subject naming an unknown lifecycle entry, triage rule, fact, outcome or knowledge version; a lifecycle
date claim that is not a date, or whose default is not the entry's date; a key date naming an unknown lifecycle
entry; a key date's verdict note with a placeholder other than {date}.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from advisor import KnowledgeBase, check_knowledge, load_knowledge
from advisor.cli.main import main
from advisor.errors import KnowledgeError, Problem
from tests.lifecycle.knowledge_copy import knowledge_copy, line_of

FILE = "disagreements.yaml"
SHOWN = "knowledge/disagreements.yaml"
# A well-formed disagreement appended to the shipped file; each test spoils one part of it.
EXTRA = """
  - id: probe
    topic: A probe
    about: {kind: triage_rule, rule: C9}
    claims:
      - id: first
        value: one thing
        says: One page says one thing.
        sources:
          - {title: page one, ref: "https://learn.microsoft.com/azure/one", dated: 2023-01-25}
      - id: second
        value: another thing
        says: Another page says another thing.
        sources:
          - {title: page two, ref: "https://learn.microsoft.com/azure/two", dated: 2023-03-08}
    default: {claim: first, why: It is the first.}
"""
SECOND_CLAIM = """      - id: second
        value: another thing
        says: Another page says another thing.
        sources:
          - {title: page two, ref: "https://learn.microsoft.com/azure/two", dated: 2023-03-08}
"""


def _only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def _probe(tmp_path: Path, old: str = "", new: str = "") -> tuple[Path, list[Problem]]:
    extra = EXTRA.replace(old, new) if old else EXTRA
    assert not old or extra != EXTRA, "the edit must change the probe"
    folder = knowledge_copy(tmp_path, append={FILE: extra})
    return folder, check_knowledge(folder)


def test_the_shipped_disagreements_are_the_known_ones(kb: KnowledgeBase) -> None:
    """lifecycle.md, Corrections: the classic VM retirement date, the XML extensions (C5), the AKS minimum nodes of
    the two 2026 revisions, and Tanzu in the own-orchestration box."""
    found = {d.id: d for d in kb.disagreements.items}
    assert set(found) == {
        "classic-vm-retirement-date", "xml-extensions-at-migration", "aks-minimum-nodes-2026",
        "self-managed-orchestration-tanzu",
    }  # fmt: skip
    assert kb.disagreements.about_entry("classic-vms-retired") is found["classic-vm-retirement-date"]
    assert kb.disagreements.about_rule("C5") is found["xml-extensions-at-migration"]
    assert kb.disagreements.about_fact("aks", "minimum_nodes", "compute-tree-2026") is found["aks-minimum-nodes-2026"]
    assert kb.disagreements.about_fact("aks", "minimum_nodes", "compute-tree-2025") is None, "2025 said 3, alone"
    tanzu = found["self-managed-orchestration-tanzu"]
    assert kb.disagreements.about_outcome("self-managed-orchestration", "compute-tree-2026") is tanzu
    assert kb.disagreements.about_outcome("self-managed-orchestration", "compute-tree-2025") is None


def test_the_classic_vm_retirement_claims_match_the_reference(kb: KnowledgeBase) -> None:
    """2023-03-01: deprecation page (older commit), plan page, FAQ; 2023-09-06: overview and errors banners;
    2023-09-01: the later deprecation page, the date the tool goes by (lifecycle.yaml's entry)."""
    item = kb.disagreements.about_entry("classic-vms-retired")
    assert item is not None
    pages = {c.value: [s.ref.rsplit("/", 1)[1] for s in c.sources] for c in item.claims}
    assert pages == {
        "2023-03-01": ["classic-vm-deprecation.md", "migration-classic-resource-manager-plan.md",
                       "migration-classic-resource-manager-faq.yml"],
        "2023-09-06": ["migration-classic-resource-manager-overview.md",
                       "migration-classic-resource-manager-errors.md"],
        "2023-09-01": ["classic-vm-deprecation.md"],
    }  # fmt: skip
    assert item.default is not None
    [chosen] = [c for c in item.claims if c.id == item.default.claim]
    assert chosen.value == "2023-09-01"
    [entry] = [e for e in kb.lifecycle.entries if e.id == "classic-vms-retired"]
    assert entry.date == datetime.date(2023, 9, 1)


def test_the_probe_itself_is_valid(tmp_path: Path) -> None:
    _, problems = _probe(tmp_path)
    assert problems == []


def test_a_conflict_with_one_claim_only_is_located(tmp_path: Path) -> None:
    folder, problems = _probe(tmp_path, SECOND_CLAIM, "")
    problem = _only(problems)
    assert (problem.file, problem.ident) == (SHOWN, "probe")
    assert problem.line == line_of(folder, FILE, "id: first") - 1, "the line of `claims:`"
    assert "sources disagree only where there are two claims or more; found 1" in problem.message


def test_a_claim_without_sources_is_located(tmp_path: Path) -> None:
    old = """        sources:
          - {title: page two, ref: "https://learn.microsoft.com/azure/two", dated: 2023-03-08}
"""
    folder, problems = _probe(tmp_path, old, "")
    problem = _only(problems)
    assert (problem.file, problem.ident) == (SHOWN, "probe/second")
    assert problem.line == line_of(folder, FILE, "- id: second"), "the claim that lacks it"
    assert "claims.1.sources: Field required" in problem.message


def test_a_claim_with_an_empty_source_list_is_located(tmp_path: Path) -> None:
    old = """        sources:
          - {title: page two, ref: "https://learn.microsoft.com/azure/two", dated: 2023-03-08}
"""
    folder, problems = _probe(tmp_path, old, "        sources: []\n")
    problem = _only(problems)
    assert problem.ident == "probe/second"
    assert problem.line == line_of(folder, FILE, "sources: []")
    assert "a claim needs at least one source" in problem.message


def test_a_source_without_its_date_is_located(tmp_path: Path) -> None:
    folder, problems = _probe(tmp_path, ", dated: 2023-03-08}", "}")
    problem = _only(problems)
    assert problem.line == line_of(folder, FILE, "title: page two")
    assert "sources.0.dated: Field required" in problem.message


def test_a_default_claim_that_is_not_one_of_the_claims_is_located(tmp_path: Path) -> None:
    folder, problems = _probe(tmp_path, "default: {claim: first,", "default: {claim: third,")
    problem = _only(problems)
    assert (problem.file, problem.ident, problem.check) == (SHOWN, "probe", "disagreements")
    assert problem.line == line_of(folder, FILE, "default: {claim: third,")
    assert "the default claim 'third' is not one of the claims (first, second)" in problem.message


def test_a_claim_id_used_twice_is_located(tmp_path: Path) -> None:
    folder, problems = _probe(tmp_path, "      - id: second\n", "      - id: first\n")
    problem = _only(problems)
    assert problem.ident == "probe/first"
    assert problem.line == line_of(folder, FILE, "Another page says another thing.") - 2
    assert "claim id used twice" in problem.message


def test_two_disagreements_about_the_same_thing_are_located(tmp_path: Path) -> None:
    folder, problems = _probe(tmp_path, "rule: C9", "rule: C5")
    problem = _only(problems)
    assert problem.ident == "probe"
    lines = (folder / FILE).read_text(encoding="utf-8").splitlines()
    assert problem.line == max(n for n, line in enumerate(lines, start=1) if "{kind: triage_rule, rule: C5}" in line)
    assert "already disagree about this in xml-extensions-at-migration" in problem.message


@pytest.mark.parametrize(
    ("about", "message"),
    [
        ("{kind: triage_rule, rule: Z9}", "names unknown triage rule or advisory 'Z9'"),
        ("{kind: lifecycle_entry, entry: no-such-entry}", "names unknown lifecycle entry 'no-such-entry'"),
        (
            "{kind: catalog_fact, service: aks, fact: minimum_nodes, versions: [compute-tree-2030]}",
            "names unknown knowledge version 'compute-tree-2030'",
        ),
        (
            "{kind: catalog_fact, service: cyclecloud, fact: gpu}",
            "compute-tree-2026 states no fact gpu of service 'cyclecloud'",
        ),
        ("{kind: outcome, outcome: service-fabric-mesh}", "compute-tree-2025 has no outcome 'service-fabric-mesh'"),
    ],
)
def test_a_subject_naming_nothing_the_knowledge_holds_is_located(tmp_path: Path, about: str, message: str) -> None:
    folder, problems = _probe(tmp_path, "{kind: triage_rule, rule: C9}", about)
    wanted = [p for p in problems if message in p.message]
    assert wanted, [str(p) for p in problems]
    assert wanted[0].line == line_of(folder, FILE, about)
    assert wanted[0].ident == "probe"


def test_a_lifecycle_date_claim_must_be_a_date(tmp_path: Path) -> None:
    old = "about: {kind: triage_rule, rule: C9}"
    new = "about: {kind: lifecycle_entry, entry: classic-storage-accounts-retired}"
    extra = EXTRA.replace(old, new).replace("value: one thing", 'value: "2024-08-31"')
    folder = knowledge_copy(tmp_path, append={FILE: extra})
    problem = _only(check_knowledge(folder))
    assert problem.ident == "probe/second"
    assert problem.line == line_of(folder, FILE, "value: another thing")
    assert "gives the date as its value (YYYY-MM-DD)" in problem.message


def test_a_lifecycle_date_default_must_be_the_entry_date(tmp_path: Path) -> None:
    """The judgements use lifecycle.yaml's date: a default claiming another date contradicts them."""
    edits = {FILE: ("    default:\n      claim: september-1\n", "    default:\n      claim: september-6\n")}
    folder = knowledge_copy(tmp_path, edits=edits)
    problem = _only(check_knowledge(folder))
    assert (problem.ident, problem.line) == ("classic-vm-retirement-date", line_of(folder, FILE, "claim: september-6"))
    assert "the default claim says 2023-09-06, but lifecycle entry classic-vms-retired" in problem.message
    assert "says 2023-09-01" in problem.message


def test_a_key_date_naming_an_unknown_lifecycle_entry_is_located(tmp_path: Path) -> None:
    old = "  - entry: classic-resource-providers-retired\n"
    folder = knowledge_copy(tmp_path, edits={"triage/rules.yaml": (old, "  - entry: classic-providers-gone\n")})
    problem = _only(check_knowledge(folder))
    assert (problem.file, problem.ident) == ("knowledge/triage/rules.yaml", "classic-providers-gone")
    assert problem.line == line_of(folder, "triage/rules.yaml", "entry: classic-providers-gone")
    assert "names unknown lifecycle entry 'classic-providers-gone'" in problem.message


def test_a_verdict_note_with_another_placeholder_is_located(tmp_path: Path) -> None:
    old = "      providers were retired on {date}: since then"
    folder = knowledge_copy(tmp_path, edits={"triage/rules.yaml": (old, old.replace("{date}", "{when}"))})
    problem = _only(check_knowledge(folder))
    assert problem.ident == "classic-resource-providers-retired"
    assert "may use only {date}, not {when}" in problem.message


def test_loading_refuses_bad_claims_and_check_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, _ = _probe(tmp_path, SECOND_CLAIM, "")
    with pytest.raises(KnowledgeError):
        load_knowledge(folder)
    assert main(["check", "--knowledge", str(folder)]) == 1
    err = capsys.readouterr()
    assert "knowledge/disagreements.yaml:" in err.out + err.err
    assert "Traceback" not in err.out + err.err
