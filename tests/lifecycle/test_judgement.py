"""The as-of date and horizon: month arithmetic, the three statuses, and the checks of typed-in values."""

from __future__ import annotations

import datetime

import pytest

from advisor.errors import InputError
from advisor.lifecycle.judgement import Judgement, add_months, parse_as_of, parse_horizon

D = datetime.date


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [(D(2026, 12, 1), 24, D(2028, 12, 1)), (D(2026, 1, 31), 1, D(2026, 2, 28)), (D(2027, 11, 30), 3, D(2028, 2, 29)),
     (D(2026, 5, 15), 0, D(2026, 5, 15)), (D(2026, 12, 31), 12, D(2027, 12, 31))],
)  # fmt: skip
def test_adding_months_keeps_the_day_or_takes_the_months_last(start: D, months: int, end: D) -> None:
    assert add_months(start, months) == end


def test_a_date_is_past_on_or_before_the_as_of_date_and_within_up_to_the_horizons_end() -> None:
    judged = Judgement(D(2026, 12, 1), 24)
    assert judged.horizon_end == D(2028, 12, 1)
    assert [judged.status(d) for d in (D(2026, 11, 10), D(2026, 12, 1), D(2026, 12, 2), D(2028, 12, 1),
                                       D(2028, 12, 2))] == ["past", "past", "within_horizon", "within_horizon",
                                                            "later"]  # fmt: skip


def test_typed_values_are_parsed_and_none_means_the_default() -> None:
    assert parse_as_of("2026-12-01") == D(2026, 12, 1)
    assert parse_as_of(None) is None
    assert parse_horizon("36") == 36
    assert parse_horizon(None) is None
    assert parse_horizon(0) == 0


@pytest.mark.parametrize("text", ["2026-13-01", "tomorrow", "01/12/2026", ""])
def test_an_as_of_that_is_not_a_date_is_refused_naming_the_option(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_as_of(text)
    assert str(caught.value).startswith("--as-of: not a date")
    assert "\n" not in str(caught.value)


BAD_HORIZONS = [("-1", "between 0 and 240"), ("abc", "not a whole number"), ("2.5", "not a whole number"),
                ("241", "between 0 and 240")]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), BAD_HORIZONS)
def test_a_negative_or_non_numeric_horizon_is_refused_naming_the_option(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        parse_horizon(text)
    assert str(caught.value).startswith("--horizon-months: ")


def test_the_default_judgement_is_today_and_the_knowledges_horizon(kb) -> None:  # type: ignore[no-untyped-def]
    judged = kb.lifecycle.judgement()
    assert (judged.as_of, judged.horizon_months) == (datetime.date.today(), 24)  # lifecycle.yaml: horizon_months 24
