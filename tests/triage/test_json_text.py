"""A text column turned into JSON values column-wise is, cell by cell, what ``json.dumps(cell,
ensure_ascii=False)`` writes: quotes, backslashes and control characters escaped, a missing cell ``null``."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.triage import json_rows

cells = st.one_of(st.none(), st.text(alphabet=st.sampled_from(list('ab "\\\t\n\x00\x1f\x7fé€\u2028𝄞/')), max_size=8))


@settings(max_examples=300, deadline=None)
@given(st.lists(cells, max_size=25))
def test_each_cell_is_what_json_dumps_writes(values: list[str | None]) -> None:
    column = pa.array(["padding", *values], type=pa.string())[1:]  # a slice, as a chunk of rows is

    written = bytes(json_rows.rows_json(json_rows.merged(["[", *json_rows.text_pieces(column), "]"]), first=True))

    assert written.decode("utf-8") == ", ".join(f"[{json.dumps(value, ensure_ascii=False)}]" for value in values)


def test_kind_and_size_pairs_are_numbered_once_each() -> None:
    numbers, kinds, sizes = json_rows.fragment_codes(np.array([2, 0, 2, 1, 0]), np.array([1, 0, 1, 1, 0]), 3)

    assert [(int(kinds[n]), int(sizes[n])) for n in numbers] == [(2, 1), (0, 0), (2, 1), (1, 1), (0, 0)]
    assert len(kinds) == 3
