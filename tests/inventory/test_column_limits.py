"""JSON records' extra fields within the column and cell limits: beyond them they are dropped, with a warning."""

from __future__ import annotations

from advisor.inventory.frames import ColumnBuilder
from advisor.limits import Limits
from advisor.models.triage_rules import VM_FIELDS


def _limits(columns: int | None = None, cells: int | None = None) -> Limits:
    return Limits("test", "test", 10**9, max_columns=columns, max_cells=cells)


def test_extra_fields_beyond_the_column_limit_are_dropped_with_a_warning() -> None:
    builder = ColumnBuilder("in.json", "arg_json", limits=_limits(columns=len(VM_FIELDS) + 2))
    builder.add(1, {"vm_name": "a"}, extras={"x": 1, "y": 2, "z": 3})
    builder.add(2, {"vm_name": "b"}, extras={"w": 4, "x": 5})

    table = builder.table()

    assert table.extras == {"x": ["1", "5"], "y": ["2", None]}
    assert [str(p) for p in table.problems] == [
        "in.json: 2 extra fields were dropped (over the limit of 19 columns): w, z"
    ]


def test_extra_fields_beyond_the_cell_limit_are_all_dropped() -> None:
    builder = ColumnBuilder("in.json", "arg_json", limits=_limits(cells=2 * len(VM_FIELDS) + 1))
    builder.add(1, {"vm_name": "a"}, extras={"x": 1})
    builder.add(2, {"vm_name": "b"}, extras={"x": 2, "y": 3})

    table = builder.table()

    assert table.extras == {}, "kept for some rows and not others would be worse than not at all"
    assert [str(p) for p in table.problems] == [
        "in.json: 2 extra fields were dropped (over the limit of 35 cells): x, y"
    ]
