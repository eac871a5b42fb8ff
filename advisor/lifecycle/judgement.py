"""The as-of date and horizon every lifecycle judgement takes, and what a dated event is under them.

An event dated on or before the as-of date is ``past``; one after it but no later than the as-of date plus
the horizon is ``within_horizon``; a later one is ``later``. The horizon is whole months (a knowledge setting,
``horizon_months`` in lifecycle.yaml); adding months keeps the day of the month, or the month's last day.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import Literal

from advisor.errors import InputError, Problem

Status = Literal["past", "within_horizon", "later"]
STATUS_WORDS: dict[str, str] = {"past": "already past", "within_horizon": "within the horizon", "later": "later"}


@dataclass(frozen=True)
class Judgement:
    """The as-of date and horizon (in months) a lifecycle judgement is made at."""

    as_of: datetime.date
    horizon_months: int

    @property
    def horizon_end(self) -> datetime.date:
        return add_months(self.as_of, self.horizon_months)

    def status(self, date: datetime.date) -> Status:
        if date <= self.as_of:
            return "past"
        return "within_horizon" if date <= self.horizon_end else "later"

    def describe(self) -> str:
        """In words: `as of 2026-12-01, with a 24-month horizon (to 2028-12-01)`."""
        return f"as of {self.as_of.isoformat()}, with a {self.horizon_months}-month horizon (to {self.horizon_end})"

    def to_dict(self) -> dict[str, object]:
        return {
            "as_of": self.as_of.isoformat(),
            "horizon_months": self.horizon_months,
            "horizon_end": self.horizon_end.isoformat(),
        }


def add_months(date: datetime.date, months: int) -> datetime.date:
    """``date`` plus whole ``months``; a day the target month lacks becomes its last day (Jan 31 + 1 = Feb 28)."""
    index = date.year * 12 + (date.month - 1) + months
    year, month = divmod(index, 12)
    day = min(date.day, calendar.monthrange(year, month + 1)[1])
    return datetime.date(year, month + 1, day)


def parse_as_of(text: str | datetime.date | None, where: str = "--as-of") -> datetime.date | None:
    """An ISO date (YYYY-MM-DD), or None for "today"; anything else is an InputError naming ``where``."""
    if text is None or isinstance(text, datetime.date):
        return text
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        message = f"not a date: {text!r} (write it as YYYY-MM-DD, e.g. 2026-12-01)"
        raise InputError(Problem(message, ident=where)) from None


def parse_horizon(text: str | int | None, where: str = "--horizon-months") -> int | None:
    """A whole number of months, 0 or more (at most 240), or None for the knowledge default."""
    if text is None:
        return None
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    else:
        try:
            value = int(str(text).strip())
        except ValueError:
            message = f"not a whole number of months: {text!r}"
            raise InputError(Problem(message, ident=where)) from None
    if not 0 <= value <= 240:
        raise InputError(Problem(f"must be between 0 and 240 months, found {value}", ident=where))
    return value
