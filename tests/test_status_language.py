"""One status language: the labels people read, each with a meaning, and the README table that maps them to the
stored values (which do not change)."""

from __future__ import annotations

import re
from pathlib import Path

from advisor.models.statuses import FILTER_STATUSES, STATUS_WORDS, status_label

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_status_has_one_label_and_a_one_line_meaning() -> None:
    assert {status: words.label for status, words in STATUS_WORDS.items()} == {
        "not_started": "not started",
        "in_progress": "in progress",
        "recommended": "recommended",
        "accepted": "accepted",
        "rejected": "rejected",
        "superseded": "superseded",
    }
    assert all(words.meaning.endswith(".") and "\n" not in words.meaning for words in STATUS_WORDS.values())


def test_the_stored_record_status_proposed_reads_as_the_two_labels_it_can_be() -> None:
    assert status_label("proposed") == "in progress or recommended"
    assert status_label("in_progress") == "in progress"


def test_filters_offer_every_status_a_record_can_have() -> None:
    assert FILTER_STATUSES == ("in_progress", "recommended", "accepted", "rejected", "superseded")


def test_the_readme_table_maps_each_label_to_its_stored_values() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Statuses") : text.index("## Quick start")]
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| Label") and not line.startswith("| ---")
    ]
    table = {row[0]: (row[1], row[2].strip("`"), row[3].strip("`"), row[4].strip("`")) for row in rows}

    assert table == {
        words.label: (
            words.meaning,
            status,
            words.record_status,
            "either" if words.walk_status == "complete or incomplete" else words.walk_status,
        )
        for status, words in STATUS_WORDS.items()
    }
    assert re.search(r"\| recommended \| .* \| `recommended` \| `proposed` \| `complete` \|", section)
