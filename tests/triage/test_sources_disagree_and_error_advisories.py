"""Issue 19 in the ``triage`` output: a C5 finding (XML extension) carries both (all three) claims of the pages that
disagree, in JSON and in text; the three documented migration errors no inventory field shows are advisories;
the "tool ready" verdict is said to be historical.

Expected values are written by hand from shared/reference/lifecycle.md ("Corrections") and migration-tool.md §4.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from advisor.cli.main import main
from tests.triage.build import vm, write_inventory

# lifecycle.md, "triage C5": the overview (dropped automatically), the errors page of 2023-03-08 (must be uninstalled
# before migration) and the plan page (BGInfo v1 skipped).
C5_CLAIMS = ["dropped automatically", "must be uninstalled before migration", "BGInfo 1.x skipped"]
C5_PAGES = [
    "migration-classic-resource-manager-overview.md",
    "migration-classic-resource-manager-errors.md",
    "migration-classic-resource-manager-plan.md",
]


@pytest.fixture
def inventory(tmp_path: Path) -> Path:
    return write_inventory(tmp_path, [vm("web01", extensions="BGInfo@1.*"), vm("db01", extensions="")])


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["triage", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_c5_finding_carries_every_claim_with_its_source_in_json(
    capsys: pytest.CaptureFixture[str], inventory: Path
) -> None:
    data = _json(capsys, str(inventory))
    by_name = {entry["vm_name"]: entry for entry in data["vms"]}
    [finding] = by_name["web01"]["findings"]
    assert finding["rule"] == "C5"
    disputed = finding["sources_disagree"]
    assert [claim["value"] for claim in disputed["claims"]] == C5_CLAIMS
    assert [claim["sources"][0]["ref"].rsplit("/", 1)[1] for claim in disputed["claims"]] == C5_PAGES
    assert disputed["claims"][1]["sources"][0]["dated"] == "2023-03-08"
    assert disputed["default"]["claim"] == "uninstall-before-migration"
    assert by_name["db01"]["findings"] == []
    [summary] = data["summary"]["sources_disagree"]
    assert (summary["rule"], [c["value"] for c in summary["claims"]]) == ("C5", C5_CLAIMS)


def test_the_text_output_shows_every_claim_of_a_c5_finding(capsys: pytest.CaptureFixture[str], inventory: Path) -> None:
    assert main(["triage", str(inventory)]) == 0
    lines = capsys.readouterr().out.splitlines()
    [head] = [n for n, line in enumerate(lines) if line.startswith("C5 ") and "Sources disagree on" in line]
    claims = lines[head + 1 : head + 4]
    assert [line.split(":")[0].strip() for line in claims] == [
        "dropped automatically",
        "must be uninstalled before migration [the tool goes by this]",
        "BGInfo 1.x skipped",
    ]
    assert "dated 2023-01-25" in claims[0]
    assert "dated 2023-03-08" in claims[1]


def test_an_import_without_a_disputed_finding_lists_none(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = _json(capsys, str(write_inventory(tmp_path, [vm("db01", extensions="")])))
    assert data["summary"]["sources_disagree"] == []


def test_the_three_documented_errors_are_advisories(capsys: pytest.CaptureFixture[str], inventory: Path) -> None:
    """migration-tool.md §4: E2 (PaaS web/worker deployment), E12 (a resource locked after Prepare); the errors page's
    mitigation for moving a migrated VM with Key Vault secrets to another subscription (KV1)."""
    advisories = {a["rule"]: a for a in _json(capsys, str(inventory))["summary"]["advisories"]}
    assert {"E2", "E12", "KV1"} <= set(advisories)
    assert all(not advisories[rule]["checkable_from_inventory"] for rule in ("E2", "E12", "KV1"))
    assert "web or worker roles" in advisories["E2"]["message"]
    assert "Cloud Services (extended support)" in advisories["E2"]["workaround"]
    assert "commit" in advisories["E12"]["workaround"]
    assert "abort" in advisories["E12"]["workaround"]
    assert "osProfile.secrets" in advisories["KV1"]["workaround"]
    assert "another subscription" in advisories["KV1"]["message"]
    assert main(["triage", str(inventory)]) == 0
    text = capsys.readouterr().out.splitlines()
    assert "  E2 Cloud service deployment with web or worker roles" in text
    assert "  E12 A resource left in the Prepared state" in text
    assert "  KV1 Moving a migrated VM with Key Vault certificates to another subscription" in text


def test_the_triage_says_tool_ready_is_historical(capsys: pytest.CaptureFixture[str], inventory: Path) -> None:
    """lifecycle.md: after 2024-08-31 (classic resource providers retired) validate, prepare and commit cannot run."""
    notes = _json(capsys, str(inventory))["summary"]["verdict_notes"]
    assert len(notes) == 1
    assert "before the classic resource providers were retired on 2024-08-31" in notes[0]
    assert main(["triage", str(inventory)]) == 0
    assert notes[0] in capsys.readouterr().out.splitlines()
