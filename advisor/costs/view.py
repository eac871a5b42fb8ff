"""A record's estimates as a person sees them: computed now, or kept from the sign-off, and how to say so.

Shared by the app, the exports and the command line, so every one of them words the sheet, the figures and the
reasons the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.models.cost_estimates import CandidateCost, RecordCosts

STATUS_WORDS = {
    "estimate": "estimate",
    "no_estimate": "no estimate",
    "missing_price": "no estimate: a price is missing",
    "needs_input": "depends on executions",
}


@dataclass(frozen=True)
class CostView:
    """A record's estimates as a person sees them: computed now, or kept from the sign-off (``frozen``)."""

    costs: RecordCosts
    frozen: bool = False
    sheet_deleted: bool = False

    @property
    def sheet_words(self) -> str:
        """Where the figures come from, in words (the sheet's region, currency and date, and whether kept)."""
        sheet = self.costs.sheet
        if sheet is None:
            return self.costs.reason
        date = sheet.fetched_at.date().isoformat()
        head = f"price sheet of {date}, {sheet.region}, {sheet.currency}"
        if self.sheet_deleted:
            return f"the price sheet of {date} ({sheet.region}, {sheet.currency}) was deleted; figures as frozen"
        return f"{head}, kept from the sign-off" if self.frozen else head

    def of(self, service: str | None) -> CandidateCost | None:
        return self.costs.of(service)

    @property
    def currency(self) -> str:
        return self.costs.sheet.currency if self.costs.sheet else ""

    def money(self, amount: float | None) -> str:
        """``1,234.50 USD``; ``""`` for None."""
        return "" if amount is None else f"{amount:,.2f} {self.currency}".strip()

    def summary(self, service: str | None) -> str:
        """One line for people about a candidate: its monthly figure, or why there is none."""
        candidate = self.of(service)
        if candidate is None:
            return self.costs.reason or "no estimate"
        if candidate.monthly is not None:
            return f"{self.money(candidate.monthly)} a month"
        return f"{STATUS_WORDS[candidate.status]}: {candidate.reason}" if candidate.reason else "no estimate"

    def short(self, service: str | None) -> str:
        """A few words: ``about 167.90 USD a month``, ``no estimate``, ``cost depends on executions``."""
        candidate = self.of(service)
        if candidate is None or candidate.status in ("no_estimate", "missing_price"):
            return "no estimate"
        if candidate.monthly is None:
            return f"cost {STATUS_WORDS[candidate.status]}"
        return f"about {self.money(candidate.monthly)} a month"

    def assumptions(self, service: str | None, *, with_sheet: bool = True) -> list[str]:
        """What the candidate's figure is made of and assumes, then (``with_sheet``) where the prices come from."""
        candidate = self.of(service)
        if candidate is None:
            return []
        lines = [line.text for line in candidate.lines]
        lines += [f"{option.label}: {self.money(option.monthly)} a month" for option in candidate.options]
        lines += list(candidate.assumptions)
        if with_sheet and self.costs.sheet is not None and candidate.monthly is not None:
            words = self.sheet_words
            lines.append(
                f"{words[0].upper()}{words[1:]}." if self.sheet_deleted else f"Pay-as-you-go prices from the {words}."
            )
        return lines
