"""What a decision record holds about costs: the Functions cost input the user gave, and the monthly estimate of
every candidate with its assumptions and the price sheet it came from (frozen into each version when it is saved).

These are part of the record's payload, so they travel with it into every export and import. Texts are words for
people (size names, tiers, meters); service ids appear only in ``service``.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_EXECUTIONS = 10**13  # a million a second all month is 2.6 x 10^12: more is a typing slip
MAX_DURATION_MS = 24 * 3600 * 1000.0
MAX_MEMORY_MB = 16_384

EstimateStatus = Literal["estimate", "no_estimate", "missing_price", "needs_input"]


class CostModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FunctionsUsage(CostModel):
    """The Functions cost input: executions a month, their average duration and the memory they use."""

    executions: int = Field(ge=0, le=MAX_EXECUTIONS, description="Executions a month.")
    duration_ms: float = Field(ge=0, le=MAX_DURATION_MS, description="Average duration of one execution (ms).")
    memory_mb: int = Field(ge=1, le=MAX_MEMORY_MB, description="Average memory of one execution (MB).")


class CostLine(CostModel):
    """One priced line: what is counted, in words, and what it costs a month."""

    text: str
    monthly: float


class CostOption(CostModel):
    """A commitment beside pay-as-you-go (a 1-year reservation, ...) and its monthly equivalent."""

    label: str
    monthly: float


class CandidateCost(CostModel):
    service: str
    status: EstimateStatus
    monthly: float | None = None
    lines: tuple[CostLine, ...] = ()
    assumptions: tuple[str, ...] = ()
    reason: str = Field("", description="Why there is no estimate (status other than `estimate`), in words.")
    options: tuple[CostOption, ...] = ()

    @property
    def yearly(self) -> float | None:
        return None if self.monthly is None else self.monthly * 12


class SheetRef(CostModel):
    """The price sheet an estimate came from."""

    sheet_id: int
    fetched_at: datetime.datetime
    region: str
    currency: str


class RecordCosts(CostModel):
    """Every candidate's estimate, the sheet they came from (None: no sheet could be used, ``reason`` says why),
    and how the workload was sized, in words."""

    sheet: SheetRef | None = None
    reason: str = ""
    sizing: tuple[str, ...] = ()
    hours_per_month: float | None = Field(None, description="The hours a month the estimates are made of.")
    candidates: tuple[CandidateCost, ...] = ()

    def of(self, service: str | None) -> CandidateCost | None:
        return next((c for c in self.candidates if c.service == service), None)
