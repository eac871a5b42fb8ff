"""Bad lifecycle and size knowledge: each fault is one problem naming the file, the line and the field or id.

Hostile-corpus cases (issue 16): an entry naming an unknown service, plan or size family; a date that is not a
date; an entry without a source; a retired size-map target; a negative or non-numeric horizon.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import check_knowledge, load_knowledge
from advisor.cli.main import main
from advisor.errors import KnowledgeError, Problem
from tests.lifecycle.knowledge_copy import knowledge_copy, line_of

LIFECYCLE = "lifecycle.yaml"
SIZES = "sizes.yaml"
KUBENET = "  - id: aks-kubenet-retired\n    subject: {kind: feature, id: aks-kubenet}\n"


def _only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def _faults(tmp_path: Path, file: str, old: str, new: str) -> tuple[Path, list[Problem]]:
    folder = knowledge_copy(tmp_path, edits={file: (old, new)})
    return folder, check_knowledge(folder)


@pytest.mark.parametrize(
    ("subject", "message"),
    [
        ("{kind: service, id: no-such-service}", "names unknown service 'no-such-service'"),
        ("{kind: plan, id: no-such-plan}", "names unknown plan 'no-such-plan' (not among `parts`)"),
        ("{kind: plan, id: aks-kubenet}", "names unknown plan 'aks-kubenet'"),  # a feature, not a plan
        ("{kind: size_family, id: h-series}", "names unknown size family 'h-series' (not in knowledge/sizes.yaml)"),
    ],
)
def test_an_entry_naming_an_unknown_subject_is_located(tmp_path: Path, subject: str, message: str) -> None:
    folder, problems = _faults(tmp_path, LIFECYCLE, KUBENET, KUBENET.replace("{kind: feature, id: aks-kubenet}",
                                                                              subject))  # fmt: skip
    problem = _only(problems)
    assert (problem.file, problem.ident) == ("knowledge/lifecycle.yaml", "aks-kubenet-retired")
    assert problem.line == line_of(folder, LIFECYCLE, subject)
    assert message in problem.message


def test_an_entry_touching_an_unknown_service_is_located(tmp_path: Path) -> None:
    old = "    touches: [batch]\n"
    folder, problems = _faults(tmp_path, LIFECYCLE, old, "    touches: [batch-service]\n")
    problem = _only([p for p in problems if "batch-service" in p.message])
    assert (problem.file, problem.line, problem.ident) == (
        "knowledge/lifecycle.yaml", line_of(folder, LIFECYCLE, "touches: [batch-service]"),
        "batch-low-priority-vms-retired",
    )  # fmt: skip
    assert "names unknown service 'batch-service'" in problem.message


@pytest.mark.parametrize("bad", ["2028-02-30", "soon", "31/03/2028"])
def test_a_date_that_is_not_a_date_is_located(tmp_path: Path, bad: str) -> None:
    folder, problems = _faults(tmp_path, LIFECYCLE, "    date: 2028-03-31\n    touches: [aks]\n",
                               f"    date: {bad}\n    touches: [aks]\n")  # fmt: skip
    problem = _only(problems)
    assert (problem.file, problem.line) == ("knowledge/lifecycle.yaml", line_of(folder, LIFECYCLE, f"date: {bad}"))
    assert "date" in (problem.ident or "") + problem.message
    assert "\n" not in str(problem)


def test_an_entry_without_a_source_is_located(tmp_path: Path) -> None:
    old = "    source: https://azure.microsoft.com/updates/?id=485172\n"
    folder, problems = _faults(tmp_path, LIFECYCLE, old, "")
    problem = _only(problems)
    assert problem.file == "knowledge/lifecycle.yaml"
    assert problem.line == line_of(folder, LIFECYCLE, "- id: aks-kubenet-retired")
    assert problem.ident == "aks-kubenet-retired"
    assert "source: Field required" in problem.message


@pytest.mark.parametrize(("horizon", "message"), [("-1", "greater than or equal to 0"), ("soon", "valid integer"),
                                                  ("2.5", "valid integer")])  # fmt: skip
def test_a_negative_or_non_numeric_horizon_in_the_file_is_located(tmp_path: Path, horizon: str, message: str) -> None:
    folder, problems = _faults(tmp_path, LIFECYCLE, "horizon_months: 24\n", f"horizon_months: {horizon}\n")
    problem = _only(problems)
    assert (problem.file, problem.line) == ("knowledge/lifecycle.yaml", line_of(folder, LIFECYCLE, "horizon_months:"))
    assert "horizon_months" in problem.message
    assert message in problem.message


def test_a_retired_size_map_target_fails_check_naming_file_and_line(tmp_path: Path) -> None:
    """Ddsv5 retired in 2025 (a fixture): every legacy size whose current size is a Ddsv5 is named, at its line."""
    retired = (
        "  - id: ddsv5-retired-fixture\n    subject: {kind: size_family, id: ddsv5}\n    event: retired\n"
        "    date: 2025-01-31\n    touches: [virtual-machines]\n    source: https://example.com/test-fixture\n"
    )
    folder = knowledge_copy(tmp_path, append={LIFECYCLE: retired})
    problems = check_knowledge(folder)
    a0 = [p for p in problems if p.ident == "Standard_A0"]
    assert len(a0) == 1
    assert a0[0].file == "knowledge/sizes.yaml"
    assert a0[0].line == line_of(folder, SIZES, "{name: Standard_A0,")
    assert "current size Standard_D2ds_v5 is retired" in a0[0].message
    assert "2025-01-31" in a0[0].message
    # Small, Medium, Large, ExtraLarge, D1-D4, DS1-DS4 and the v2 ones: every legacy size mapped to a Ddsv5.
    assert {p.ident for p in problems} >= {"Standard_A1", "Standard_D4", "Standard_DS5_v2", "Basic_A4"}
    assert all(p.file == "knowledge/sizes.yaml" for p in problems)
    load_knowledge(folder)  # a load does not fail on a date: the triage falls back to another current size


def test_check_command_fails_with_exit_1_on_a_retired_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                             ) -> None:  # fmt: skip
    retired = (
        "  - id: edsv5-retiring-fixture\n    subject: {kind: size_family, id: edsv5}\n    event: retired\n"
        "    date: 2099-01-31\n    touches: [virtual-machines]\n    source: https://example.com/test-fixture\n"
    )
    folder = knowledge_copy(tmp_path, append={LIFECYCLE: retired})
    assert main(["check", "--knowledge", str(folder)]) == 0, "2099 lies beyond the horizon: nothing to say yet"
    capsys.readouterr()
    text = (folder / LIFECYCLE).read_text(encoding="utf-8").replace("2099-01-31", "2020-01-31")
    (folder / LIFECYCLE).write_text(text, encoding="utf-8")
    assert main(["check", "--knowledge", str(folder)]) == 1
    err = capsys.readouterr().err
    line = line_of(folder, SIZES, "{name: Standard_A5,")
    assert (
        f"error: knowledge/sizes.yaml:{line}: Standard_A5: [lifecycle] current size Standard_E2ds_v5 is retired" in err
    )


def test_a_legacy_size_whose_current_size_is_smaller_or_not_current_is_located(tmp_path: Path) -> None:
    old = "{name: Standard_A7, vcpus: 8, memory_gib: 56, current: Standard_E8ds_v5}"
    folder, problems = _faults(tmp_path, SIZES, old, old.replace("Standard_E8ds_v5", "Standard_D8ds_v5"))
    problem = _only(problems)
    where = ("knowledge/sizes.yaml", line_of(folder, SIZES, "Standard_A7,"), "Standard_A7")
    assert (problem.file, problem.line, problem.ident) == where
    assert "Standard_D8ds_v5 (8 vCPU, 32 GiB) has less than 8 vCPU and 56 GiB" in problem.message
    _, problems = _faults(tmp_path / "x", SIZES, old, old.replace("Standard_E8ds_v5", "Standard_G3"))
    assert "is not of a current family" in _only(problems).message


def test_a_size_map_target_without_size_facts_is_located(tmp_path: Path) -> None:
    folder, problems = _faults(tmp_path, "triage/rules.yaml", "{classic: A9, arm: Standard_A9}",
                               "{classic: A9, arm: Standard_A9x}")  # fmt: skip
    problem = _only(problems)
    assert (problem.file, problem.line, problem.ident) == (
        "knowledge/triage/rules.yaml", line_of(folder, "triage/rules.yaml", "Standard_A9x"), "A9"
    )  # fmt: skip


def test_load_refuses_bad_lifecycle_knowledge_listing_the_problem(tmp_path: Path) -> None:
    folder = knowledge_copy(tmp_path, edits={LIFECYCLE: ("horizon_months: 24\n", "horizon_months: -5\n")})
    with pytest.raises(KnowledgeError, match=r"lifecycle\.yaml:[0-9]+: schema: horizon_months"):
        load_knowledge(folder)
