"""Markdown decision records (MADR 4.0): front matter, sections, supersession links, safe text and file names."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
import yaml

from advisor import KnowledgeBase
from advisor.export import ExportSet, Glossary, WorkloadExport, madr_files, to_madr_zip
from advisor.export.markdown import block, file_name, inline, slug, yaml_string
from tests.export.records import TO_VIRTUAL_MACHINES, at, golden_set, record, workload

SECTIONS = [  # MADR 4.0, in its order
    "## Context and Problem Statement",
    "## Decision Drivers",
    "## Considered Options",
    "## Decision Outcome",
    "### Consequences",
    "### Confirmation",
    "## Pros and Cons of the Options",
    "## More Information",
]


@pytest.fixture(scope="module")
def golden(kb: KnowledgeBase) -> ExportSet:
    return golden_set(kb)


@pytest.fixture(scope="module")
def files(golden: ExportSet) -> dict[str, str]:
    return madr_files(golden)


def front_matter(text: str) -> dict:
    head, _, _ = text.removeprefix("---\n").partition("\n---\n")
    return yaml.safe_load(head)


def test_one_file_per_workload_and_an_index(files: dict[str, str]) -> None:
    assert list(files) == [
        "index.md",
        "0003-hyperlink-http-x-y.md",
        "0002-nightly-ledger-batch.md",
        "0001-payroll-api.md",
    ]  # fmt: skip, export order (by name), each file named by its workload's stored number
    index = files["index.md"]
    assert "| [0001](0001-payroll-api.md) | Payroll API | accepted | Azure Container Apps | 2026-03-03 |" in index


def test_front_matter_has_the_madr_fields(files: dict[str, str]) -> None:
    assert front_matter(files["0001-payroll-api.md"]) == {
        "status": "accepted",
        "date": "2026-03-03",
        "decision-makers": ["Ann Lee", "Ben Okafor", "Chloé Martin"],
        "consulted": [],
        "informed": ["Ann Lee"],
    }
    assert front_matter(files["0003-hyperlink-http-x-y.md"])["decision-makers"] == ["@SUM(A1)"]


def test_sections_come_in_madr_order(files: dict[str, str]) -> None:
    for name, text in files.items():
        if name == "index.md":
            continue
        headings = [line for line in text.splitlines() if re.match(r"#{2,3} ", line) and line in SECTIONS]
        assert headings == SECTIONS, name
        assert text.count("\n# ") == 1, "one title"


def test_outcome_says_chosen_option_because(files: dict[str, str]) -> None:
    payroll = files["0001-payroll-api.md"]
    ledger = files["0002-nightly-ledger-batch.md"]

    assert (
        "Chosen option: “Azure Container Apps”, because Serverless GPUs on Container Apps, as the conflict advises. "
        "(overriding the decision tree: the tree recommended “Azure Functions”)." in payroll
    )
    tree_chosen = "Chosen option: “Azure Virtual Machines”, because the decision tree leads there from these answers:"
    assert tree_chosen in ledger
    assert (
        "2. Are you migrating an existing workload, or building a new one? **Migrate an existing workload**: "
        "An application that already exists" in ledger
    )  # fmt: skip  (the inventory's suggestion, confirmed)
    assert "4. Can the application be containerized? **No, it needs a whole server** (answer from the profile): " \
           "Without an image" in ledger  # fmt: skip
    assert "   - Note: Triggered by the HR system's events." in payroll
    conflict = (
        "- “Does the workload need graphics processors (GPUs)?” answered “GPU required”: GPU required: Azure "
        "Functions offers no GPU (2026 comparison table)."
    )
    assert conflict in payroll
    assert "Best alternative: Azure Container Apps." in payroll


def test_an_unfinished_walk_chooses_nothing_yet(kb: KnowledgeBase) -> None:
    owner = workload(1, "Half done")
    made = record(kb, owner, 1, {"specialty_workload": "none"}, at(1, 9))
    text = madr_files(ExportSet((WorkloadExport(owner, (made,)),), Glossary.from_kb(kb)))["0001-half-done.md"]

    assert "No option is chosen yet: the questionnaire stopped at “Are you migrating an existing workload, " \
           "or building a new one?”." in text  # fmt: skip


def test_an_unconfirmed_suggestion_is_where_the_walk_waits(kb: KnowledgeBase) -> None:
    owner = workload(1, "Started from a VM")
    answers = {"specialty_workload": "none", "migrate_or_build": "migrate"}
    made = record(kb, owner, 1, answers, at(1, 9), sources={"migrate_or_build": "inventory"})
    text = madr_files(ExportSet((WorkloadExport(owner, (made,)),), Glossary.from_kb(kb)))["0001-started-from-a-vm.md"]

    assert (made.service, made.next_question, [step.question for step in made.path]) == (
        None, "migrate_or_build", ["specialty_workload"],
    )  # fmt: skip
    assert "No option is chosen yet: the questionnaire stopped at “Are you migrating an existing workload, or " \
           "building a new one?”, where the inventory suggests “Migrate an existing workload” for a person to " \
           "confirm. The answers so far:" in text  # fmt: skip


def test_drivers_options_consequences_and_pros_and_cons(files: dict[str, str]) -> None:
    payroll = files["0001-payroll-api.md"]
    ledger = files["0002-nightly-ledger-batch.md"]

    assert "- Does the workload need graphics processors (GPUs)? **GPU required** (note: The fraud model " \
           "scores on GPUs.)" in payroll  # fmt: skip
    # The tree's outcome first, then the chosen service, then the rest.
    options = payroll.split("## Considered Options\n\n", 1)[1].splitlines()
    assert options[:2] == [  # with the costs frozen into version 3 (records.py): no VM linked, no Functions input
        "- Azure Functions: no fit, the decision tree's outcome, cost depends on executions",
        "- Azure Container Apps: fit, chosen by override, no estimate",
    ]
    # The consequences are the chosen service's (knowledge/catalog/services.yaml, container-apps conditions: the
    # 2026 default-quota one that always holds, and gpu: required), not the tree outcome's (Functions' plan limits).
    consequences = payroll.split("### Consequences\n\n", 1)[1].split("\n\n### Confirmation", 1)[0]
    assert consequences.splitlines() == [
        "Conditions of the chosen option, “Azure Container Apps”:",
        "",
        "- Condition: The figures of 1,000 replicas per revision and 15 environments per region are default quotas; "
        "confirm the current ones for your subscription.",
        "- Condition: “Does the workload need graphics processors (GPUs)?” answered “GPU required”: GPU work needs a "
        "serverless GPU workload profile, which only some regions offer and which has a quota of its own.",
    ]
    assert "Per-plan instance limits for Functions" not in payroll
    # Every option has a reason: a fit one says where the tree left it.
    assert (
        "### Azure Container Apps\n\n- Bad, because the decision tree turned away from it at “Is it an event-driven "
        "workload made of short-lived processes?” answered “Yes, brief runs triggered by events”\n- Good, because no "
        "answered requirement rules it out or asks extra work of it\n"
    ) in payroll
    functions = (
        "### Azure Functions\n\n- Good, because the decision tree leads here from these answers\n- Bad, because "
        "“Does the workload need graphics processors (GPUs)?” answered “GPU required”"
    )
    assert functions in payroll
    assert "- Does the workload depend on Windows-only features? **No** (suggested by the inventory, not confirmed " \
           "yet, so not counted) (note: From inventory: The classic VM runs Linux.)" in ledger  # fmt: skip


def test_context_holds_the_workload_and_its_triage(files: dict[str, str]) -> None:
    ledger = files["0002-nightly-ledger-batch.md"]
    payroll = files["0001-payroll-api.md"]

    assert "Pays 4,000 staff each month.\\\nRuns on two VMs." in payroll, "lines kept as hard line breaks"
    assert "as import 7 of the estate “Contoso classic” triaged them for the migration tool on 2026-02-27 " \
           "(overall verdict: not supported):" in ledger  # fmt: skip
    assert "| ledger-vm1 | ledger-cs | ledger-vnet | not supported | C3, F3 |" in ledger
    assert "| ledger-vm2 | ledger-cs | ledger-vnet | unknown | none; not known: agent\\_status |" in ledger
    assert "- C3 VM in a VNet but in no explicit subnet (BLOCK): The VM belongs to a VNet" in ledger


def test_version_history_links_supersession_both_ways(files: dict[str, str]) -> None:
    payroll = files["0001-payroll-api.md"]
    history = payroll[payroll.index("### Version history") :]

    assert [line for line in history.splitlines() if line.startswith("#### ")] == [
        "#### Version 3", "#### Version 2", "#### Version 1", "#### Every version",
    ]  # fmt: skip
    assert "- Supersedes [version 2](#version-2)" in history
    assert "- Superseded by [version 3](#version-3)" in history
    assert "- Saved 2026-03-02 14:30 UTC by Ben Okafor" in history


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Heading", r"\# Heading"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("12. item", r"12\. item"),
        ("3) item", r"3\) item"),
        ("=== ", r"\==="),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("![i](http://e/x.png)", r"!\[i\](http\://e/x.png)"),
        ("**b** _e_ `c` ~~s~~", r"\*\*b\*\* \_e\_ \`c\` \~\~s\~\~"),
        ("a | b", r"a \| b"),
        ("&lt;b&gt;", r"\&lt;b\&gt;"),
        ("see www.evil.example or a@b.example", r"see www\.evil.example or a\@b.example"),
        ("$x$ {y}", r"\$x\$ \{y\}"),
        ("back\\slash\\", "back\\\\slash\\\\"),
        ("two\n\nlines\n    indented", "two lines indented"),
        ("tab\there\x00nul\x1b[31m", r"tab herenul\[31m"),
        ("line\u2028separator", "line separator"),
        ("Payroll = 1+1 (v2).", "Payroll = 1+1 (v2)."),
    ],
)
def test_inline_text_cannot_open_structure(text: str, expected: str) -> None:
    assert inline(text) == expected


def test_block_text_keeps_lines_as_hard_breaks_without_blank_lines() -> None:
    assert block("first\n\n# second\n---\n1. third", indent="  ") == "first\\\n  \\# second\\\n  \\---\\\n  1\\. third"


@pytest.mark.parametrize(
    "text",
    ["plain", 'quote " and backslash \\', "new\nline\n---\nstatus: hacked", "\u2028\u2029\x85 \ufeff", "#: [x] {y}"],
)
def test_yaml_strings_read_back_exactly_on_one_line(text: str) -> None:
    quoted = yaml_string(text)

    assert "\n" not in quoted
    assert yaml.safe_load(f"key: {quoted}") == {"key": text}


def test_front_matter_survives_hostile_names(kb: KnowledgeBase) -> None:
    author = 'Eve"\n---\nstatus: accepted\n# x'
    owner = workload(1, "Hostile", owner="---\ninformed: [all]")
    made = record(kb, owner, 1, TO_VIRTUAL_MACHINES, at(1, 9), author=author)
    text = madr_files(ExportSet((WorkloadExport(owner, (made,)),)))["0001-hostile.md"]

    assert front_matter(text) == {
        "status": "proposed", "date": "2026-03-01", "decision-makers": [author.strip()], "consulted": [],
        "informed": ["---\ninformed: [all]"],
    }  # fmt: skip
    assert text.count("\n---\n") == 1, "only the front matter's closing line"


@pytest.mark.parametrize(
    ("number", "name", "expected"),
    [
        (1, "Payroll API", "0001-payroll-api.md"),
        (2, "../../etc/passwd", "0002-etc-passwd.md"),
        (3, "a/b\\c:d*e?f", "0003-a-b-c-d-e-f.md"),
        (4, "CON", "0004-con-workload.md"),
        (5, "nul", "0005-nul-workload.md"),
        (6, "LPT1", "0006-lpt1-workload.md"),
        (7, "Café Ünïcode", "0007-cafe-unicode.md"),
        (8, "支付系统", "0008-workload.md"),
        (9, "...", "0009-workload.md"),
        (10, "x" * 200, "0010-" + "x" * 50 + ".md"),
        (11, '=HYPERLINK("http://x")', "0011-hyperlink-http-x.md"),
        (12345, "big", "12345-big.md"),
    ],
)
def test_file_names_are_safe(number: int, name: str, expected: str) -> None:
    assert file_name(number, name) == expected


def test_slug_never_ends_or_starts_with_a_hyphen() -> None:
    assert slug("-" * 49 + "a" + "-" * 10 + "b") == "a-b"
    assert slug(" spaced out ") == "spaced-out"


def test_names_that_slug_alike_still_get_unique_files(kb: KnowledgeBase) -> None:
    names = ["A/B", "a b", "A:B", "支付", "付款"]
    items = []
    for number, name in enumerate(names, start=1):
        owner = workload(number, name)
        items.append(WorkloadExport(owner, (record(kb, owner, 1, TO_VIRTUAL_MACHINES, at(1, 9)),)))
    with zipfile.ZipFile(io.BytesIO(to_madr_zip(ExportSet(tuple(items))))) as archive:
        members = archive.namelist()

    assert members == [
        "decision-records/index.md", "decision-records/0001-a-b.md", "decision-records/0002-a-b.md",
        "decision-records/0003-a-b.md", "decision-records/0004-workload.md", "decision-records/0005-workload.md",
    ]  # fmt: skip
    assert all(re.fullmatch(r"decision-records/(index|\d{4}-[a-z0-9-]+)\.md", member) for member in members)


def test_an_empty_selection_gives_only_the_index() -> None:
    files = madr_files(ExportSet(()))

    assert list(files) == ["index.md"]
    assert "No records were chosen for this export." in files["index.md"]
