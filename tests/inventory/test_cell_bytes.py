"""Reading decides from the cells' bytes whether a column needs trimming or its lists tidying, and which cells
are empty: the same answers as the regexes they stand for (contract §6: a cell's surrounding blanks are not
part of its value; a list's items are separated by ";", blanks and empty items ignored), on random columns."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.inventory.frames import bool_column
from advisor.inventory.reader import _cell_bytes, _edge_space, _loose_items

# What str.strip() removes from ASCII text, as the reader's regex spells it, and the loose-list regex.
EDGE_SPACE = re.compile(r"^[ \t\n\x0b\f\r\x1c-\x1f]|[ \t\n\x0b\f\r\x1c-\x1f]$")
LOOSE_ITEMS = re.compile(r"[ \t\r\n];|;[ \t\r\n;]|^;|;$")

cells = st.text(alphabet=st.sampled_from(list(" \t\r\n\x0b\x1c;,ab@1.é\u00a0")), max_size=12)
columns = st.lists(cells, max_size=30)


def _chunks(values: list[str], cut: int) -> pa.ChunkedArray:
    """The column as a file reader gives it: large strings, in chunks, maybe a slice of a bigger array."""
    whole = pa.array(["padding", *values], type=pa.large_string())[1:]
    cut = min(cut, len(values))
    return pa.chunked_array([whole[:cut], whole[cut:]], type=pa.large_string())


@settings(max_examples=300, deadline=None)
@given(columns, st.integers(0, 30))
def test_blanks_at_the_edges_are_found_as_the_regex_finds_them(values: list[str], cut: int) -> None:
    found = any(_edge_space(offsets, data) for offsets, data in _cell_bytes(_chunks(values, cut)) or [])
    expected = any(not value.isascii() for value in values) or any(EDGE_SPACE.search(value) for value in values)

    assert found == expected


@settings(max_examples=300, deadline=None)
@given(columns, st.integers(0, 30))
def test_loose_list_items_are_found_as_the_regex_finds_them(values: list[str], cut: int) -> None:
    found = any(_loose_items(offsets, data) for offsets, data in _cell_bytes(_chunks(values, cut)) or [])

    assert found == any(LOOSE_ITEMS.search(value) for value in values)


def test_a_column_with_a_missing_cell_is_left_to_the_regexes() -> None:
    assert _cell_bytes(pa.array(["a", None, "b"], type=pa.large_string())) is None
    assert _cell_bytes(pa.array(["a", "b"], type=pa.large_string())) is not None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from(["true", "false", "TRUE", "False", "tRuE", "", "yes", "1",
                                                     "truE ", "ﬁ", "TRUÉ"])), max_size=20))  # fmt: skip
def test_true_and_false_in_any_case_and_nothing_else(values: list[str | None]) -> None:
    typed, invalid = bool_column(pd.Series(values, dtype="string"))

    expected = [None if v is None else {"true": True, "false": False}.get(v.lower()) for v in values]
    assert [None if pd.isna(v) else bool(v) for v in typed] == expected
    assert str(typed.dtype) == "boolean"
    assert invalid.tolist() == [i for i, v in enumerate(values) if v not in (None, "") and expected[i] is None]
    assert isinstance(invalid, np.ndarray)
