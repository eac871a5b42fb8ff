"""The golden re-evaluation: all 30 paths of 2025 re-run under 2026, against tests/data/reevaluation_2025_to_2026.yaml.

The table is written by hand from the contract (see its header); this test only builds each 2025 record
as the questionnaire would and compares what :func:`advisor.review.reevaluation.reevaluate` reports.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from advisor import KnowledgeBase
from advisor.decide.record_builder import build_record
from advisor.models.record import DecisionRecord, GivenAnswer, Workload
from advisor.review.reevaluation import Reevaluation, reevaluate
from tests.paths_table import TABLE

GOLDEN = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "data" / "reevaluation_2025_to_2026.yaml").read_text(encoding="utf-8")
)
SECTIONS = list(GOLDEN["sections"])
CASES = [
    pytest.param(section, index, entry, id=f"{section}-{index + 1:02d}-{entry['before']}")
    for section in SECTIONS
    for index, entry in enumerate(GOLDEN["sections"][section]["entries"])
]
MOMENT = datetime.datetime(2025, 6, 1, 12, 0, tzinfo=datetime.UTC)


def record_2025(kb: KnowledgeBase, answers: dict[str, str], number: int) -> DecisionRecord:
    workload = Workload(id=number, name=f"Path {number}", created_at=MOMENT, updated_at=MOMENT)
    return build_record(
        kb,
        workload=workload,
        answers={question: GivenAnswer(answer=answer) for question, answer in answers.items()},
        knowledge_version=GOLDEN["from"],
        author="Golden",
        version=1,
        now=MOMENT,
    )


def rerun(kb: KnowledgeBase, section: str, entry: dict[str, Any], number: int) -> tuple[DecisionRecord, Reevaluation]:
    answers = {**entry["path"], **GOLDEN["sections"][section]["extra_answers"]}
    record = record_2025(kb, answers, number)
    [result] = reevaluate(kb, [record], GOLDEN["to"])
    return record, result


def test_each_section_covers_the_30_paths_of_2025_in_table_order() -> None:
    expected = [(row.outcome, row.answers) for row in TABLE["compute-tree-2025"]]
    assert len(expected) == 30
    for section in SECTIONS:
        entries = GOLDEN["sections"][section]["entries"]
        assert [(entry["before"], entry["path"]) for entry in entries] == expected


@pytest.mark.parametrize(("section", "index", "entry"), CASES)
def test_reevaluation_matches_the_hand_written_table(
    kb: KnowledgeBase, section: str, index: int, entry: dict[str, Any]
) -> None:
    record, result = rerun(kb, section, entry, index + 1)

    assert (record.walk_status, record.service) == ("complete", entry["before"])  # the 2025 decision
    after = entry["after"]
    assert (result.after_status, result.after_service, result.next_question) == (
        after["status"],
        after["service"],
        after["next_question"],
    )
    assert result.new_questions == tuple(entry["new_questions"])
    assert result.outcome_changed is entry["outcome_changed"]
    assert result.changed is entry["changed"]
    assert result.unused_questions == tuple(entry["unused"])
    assert {c.service: [c.before, c.after] for c in result.fit_changes} == entry["fit_changes"]
    assert list(result.candidates_removed) == GOLDEN["every_entry"]["candidates_removed"]
    assert list(result.candidates_added) == GOLDEN["every_entry"]["candidates_added"]
    conditions = entry["conditions"]
    assert (len(result.conditions_removed), len(result.conditions_added)) == (
        conditions["removed"],
        conditions["added"],
    )
    if "removed_mentions" in conditions:
        assert conditions["removed_mentions"] in result.conditions_removed[0]
        assert conditions["added_mentions"] in result.conditions_added[0]
    assert result.error is None
    assert (result.from_version, result.target_version, result.version) == (GOLDEN["from"], GOLDEN["to"], 1)


def test_every_record_that_reached_service_fabric_shows_as_changed(kb: KnowledgeBase) -> None:
    for section in SECTIONS:
        entries = GOLDEN["sections"][section]["entries"]
        fabric = [(n, e) for n, e in enumerate(entries, start=1) if e["before"] == "service-fabric"]
        assert len(fabric) == 3
        for number, entry in fabric:
            _, result = rerun(kb, section, entry, number)
            assert result.changed
            assert result.outcome_changed
            assert result.before_service == "service-fabric"
            assert result.after_service is None


def test_unchanged_ones_are_flagged_unchanged_and_the_rest_counted(kb: KnowledgeBase) -> None:
    entries = GOLDEN["sections"]["with_specialty_none"]["entries"]
    results = [rerun(kb, "with_specialty_none", entry, n)[1] for n, entry in enumerate(entries, start=1)]

    # 30 paths: 3 reached Service Fabric (outcome changed), 3 AKS and 3 Container Apps (conditions changed).
    assert sum(r.changed for r in results) == 9
    assert sum(not r.changed for r in results) == 21


def test_a_2025_record_never_gets_a_guessed_specialty_answer(kb: KnowledgeBase) -> None:
    entry = GOLDEN["sections"]["without_specialty"]["entries"][0]
    record, result = rerun(kb, "without_specialty", entry, 1)

    assert "specialty_workload" not in record.answers
    assert result.after_service is None
    assert result.new_questions == ("specialty_workload",)
