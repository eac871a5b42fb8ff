"""The strict first pass over a CSV file: quoting faults named by line, the limits, the columns kept."""

from __future__ import annotations

import csv
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.errors import InputError
from advisor.inventory.csv_scan import FIELD_LIMIT, CsvScan, scan_csv
from advisor.limits import Limits

SMALL = Limits("test", "test", 10_000, max_rows=3, max_columns=4, max_cells=9, max_cell=10, max_row_bytes=40)


def _file(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "in.csv"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'a,b\n1,"2\n3,4"\n',
            "in.csv:2: the quoted value that starts on line 2 runs on to line 3: an unbalanced quote",
        ),
        ('a,b\n1,2\n3,"4\n', "in.csv:3: the quote opened on line 3 is never closed"),
        ('a,b\n1,"2"x\n', "in.csv:2: malformed quoting on line 2"),
        ("a,b\n1,0123456789x\n", "in.csv:2: a cell longer than 10 characters on line 2: over the limit"),
        ("a,b\n" + "1,2\n" * 4, "in.csv:5: more than 3 rows (line 5): over the limit"),
        ("a,b\n1," + "2" * 50 + "\n", "in.csv:2: line 2 is longer than 40 bytes: over the limit"),
        (b"a,b\n1,\xff\n", "in.csv:2: not UTF-8: byte 0xff at byte offset 6 (line 2)"),
        ("a,b,a\n1,2,3\n", "in.csv:1: a: the column appears twice in the header"),
    ],
)
def test_a_fault_is_one_problem_naming_the_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        scan_csv(_file(tmp_path, text), "in.csv", SMALL)
    [problem] = raised.value.problems
    assert str(problem).startswith(message), str(problem)


def test_a_quote_inside_an_unquoted_value_is_text(tmp_path: Path) -> None:
    scan = scan_csv(_file(tmp_path, 'a,b\n1,say "hi"\n'), "in.csv", SMALL)
    assert (scan.rows, scan.problems) == (1, [])


def test_rows_with_too_many_fields_are_skipped_with_their_line(tmp_path: Path) -> None:
    scan = scan_csv(_file(tmp_path, "a,b\n1,2\n3,4,5\n"), "in.csv", SMALL)

    assert scan.skipped_lines == [3]
    assert str(scan.problems[0]).startswith("in.csv:3: row skipped: it has 3 fields but the header has 2")


def test_columns_beyond_the_limit_are_dropped_the_format_s_own_kept(tmp_path: Path) -> None:
    scan = scan_csv(_file(tmp_path, "x1,x2,x3,x4,x5,vm\n1,2,3,4,5,6\n"), "in.csv", SMALL, priority=("vm",))

    assert scan.keep == [0, 1, 2, 5]  # vm kept whatever its place, then the others in order
    assert str(scan.problems[0]) == (
        "in.csv:1: 2 columns beyond the first 4 were dropped (the limit is 4 columns and 9 cells): x4, x5"
    )


def test_rows_times_columns_beyond_the_cells_limit_drop_columns(tmp_path: Path) -> None:
    scan = scan_csv(_file(tmp_path, "a,b,c,d\n1,2,3,4\n1,2,3,4\n1,2,3,4\n"), "in.csv", SMALL)

    assert scan.keep == [0, 1, 2]  # 3 rows x 3 columns: 9 cells
    assert "1 column beyond the first 3 were dropped" in str(scan.problems[0])


def test_a_small_cell_limit_is_checked_per_row_not_set_for_the_whole_process(tmp_path: Path) -> None:
    """csv.field_size_limit is global to the process (every thread of the app): the scan only ever sets one
    value there, the largest cell any CSV input admits."""
    with pytest.raises(InputError):
        scan_csv(_file(tmp_path, "a,b\n1,0123456789x\n"), "in.csv", SMALL)

    assert csv.field_size_limit() == FIELD_LIMIT == 1024 * 1024
    assert csv.field_size_limit() > (SMALL.max_cell or 0)


# --- the plain scan: whole-array checks of a file without quotes give what the strict scan gives ------------

_CELL = st.text(alphabet=st.sampled_from(list("ab ;@/é\t")), max_size=6)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.lists(_CELL, min_size=1, max_size=4), max_size=6),
    ending=st.sampled_from(["\n", "\r\n"]),
    last_break=st.booleans(),
    bom=st.booleans(),
)
def test_a_file_without_quotes_scans_the_same_either_way(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], ending: str, last_break: bool, bom: bool
) -> None:
    path = tmp_path_factory.mktemp("plain") / "in.csv"
    lines = ["a,b,c", *(",".join(row) for row in rows)]
    text = ending.join(lines) + (ending if last_break else "")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    limits = Limits("test", "test", 10_000, max_rows=4, max_columns=2, max_cells=9, max_cell=10, max_row_bytes=40)

    def strict() -> object:
        with patch("advisor.inventory.csv_scan._plain_scan", return_value=None):
            return _outcome(path, limits)

    plain = _outcome(path, limits)
    expected = strict()
    if isinstance(plain, CsvScan) and isinstance(expected, CsvScan):
        plain.uniform = False  # only the plain scan can prove it; every other field must agree
    assert plain == expected


def _outcome(path: Path, limits: Limits) -> object:
    try:
        return scan_csv(path, "in.csv", limits)
    except InputError as exc:
        return [str(problem) for problem in exc.problems]


def test_a_file_with_quotes_or_a_lone_carriage_return_gets_the_strict_scan(tmp_path: Path) -> None:
    assert _outcome(_file(tmp_path, 'a,b\n1,"2"x\n'), SMALL) == [
        "in.csv:2: malformed quoting on line 2 (',' expected after '\"'): a quoted value must end with a quote "
        "and then a comma"
    ]
    scan = scan_csv(_file(tmp_path, "a,b\r1,2\r"), "in.csv", SMALL)
    assert (scan.rows, scan.uniform) == (1, False)


def test_only_a_file_whose_rows_all_have_the_header_fields_is_uniform(tmp_path: Path) -> None:
    assert scan_csv(_file(tmp_path, "a,b\n1,2\n3,4\n"), "in.csv", SMALL).uniform is True
    assert scan_csv(_file(tmp_path, "a,b\n1,2\n3\n"), "in.csv", SMALL).uniform is False
    assert scan_csv(_file(tmp_path, "a,b\n1,2\n\n"), "in.csv", SMALL).uniform is False
