"""Pydantic model of ``knowledge/costs.yaml``: how a workload is right-sized and how each candidate is priced.

Every number that is a rule lives in the YAML with the page that states it: the hours in a month, the
percentile and comfort factor of the right-sizing, the free grants of the consumption plans, the VM size families
each candidate may use, the App Service plan tiers, the reservation terms, and which Retail Prices API meter
prices what. A candidate is priced by one ``method``:

* ``vm``: each linked VM at its right-sized current size (Virtual Machines);
* ``nodes``: a pool of nodes of one size that fits the largest VM, as many as the VMs and at least the catalog's
  minimum node count of the record's knowledge version (AKS, Batch);
* ``plan``: App Service plan instances of the smallest tier that fits the largest VM, one per VM;
* ``usage``: metered usage all month (Container Apps, Container Instances: vCPU and memory) less the free grant;
* ``executions``: the Functions consumption plan, from the executions, duration and memory the user gives;
* ``none``: no estimate, with the reason in words.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from advisor.models.lifecycle import SOURCE_PATTERN
from advisor.models.tree import KnowledgeModel

Quantity = Literal["vcpu_hours", "gib_hours", "vcpu_seconds", "gib_seconds", "gb_seconds", "executions"]
Method = Literal["vm", "nodes", "plan", "usage", "executions", "none"]


class Sizing(KnowledgeModel):
    """Right-sizing from utilization, as Azure Migrate's performance-based sizing does it."""

    percentile: int = Field(
        ge=1,
        le=100,
        description="The utilization percentile the inventory's cpu_p95_percent and memory_p95_percent hold.",
    )
    comfort_factor: float = Field(ge=1, le=5, description="Headroom multiplied onto the utilization.")
    source: str = Field(pattern=SOURCE_PATTERN)


class VmMeters(KnowledgeModel):
    """How a VM size is found in a sheet: the service, the unit, and the variants that are not pay-as-you-go."""

    service_name: str = Field(min_length=1, description="The API's serviceName of VM prices.")
    unit_of_measure: str = Field(min_length=1, description="The unit a VM price is per (`1 Hour`).")
    exclude_sku_words: list[str] = Field(description="skuName words of prices that are not the plain ones (Spot).")
    windows_product_word: str = Field(min_length=1, description="productName word of the Windows prices.")
    source: str = Field(pattern=SOURCE_PATTERN)


class ReservationTerm(KnowledgeModel):
    term: str = Field(min_length=1, description="The API's reservationTerm (`1 Year`).")
    months: int = Field(ge=1, le=120, description="Months the reservation's price covers.")
    label: str = Field(min_length=1, description="How people read it (`1-year reservation`).")


class Reservations(KnowledgeModel):
    price_type: str = Field(min_length=1, description="The API's type of reservation prices (`Reservation`).")
    terms: list[ReservationTerm] = Field(min_length=1)
    source: str = Field(pattern=SOURCE_PATTERN)


class UsageMeter(KnowledgeModel):
    """One metered quantity of a consumption service, its meter in the sheet and its free monthly grant."""

    quantity: Quantity
    service_name: str = Field(min_length=1)
    meter_name: str = Field(min_length=1)
    unit_of_measure: str = Field(min_length=1, description="The unit the API prices it per, as the sheet says.")
    units: float = Field(gt=0, description="How many of the quantity one price covers (the unit's number).")
    free_per_month: float = Field(0, ge=0, description="Free grant per month and subscription, in the quantity.")


class PlanTier(KnowledgeModel):
    name: str = Field(min_length=1, description="The tier as people read it (`P1v3`).")
    sku_name: str = Field(min_length=1, description="The API's skuName.")
    product_name: str = Field(min_length=1, description="The API's productName (OS and plan family).")
    meter_name: str = Field(min_length=1)
    vcpus: float = Field(gt=0)
    memory_gib: float = Field(gt=0)


class CandidatePricing(KnowledgeModel):
    service: str = Field(min_length=1, description="The catalog id of the candidate.")
    method: Method
    source: str | None = Field(None, pattern=SOURCE_PATTERN, description="The pricing page the method follows.")
    families: list[str] = Field([], description="vm and nodes: the size families (sizes.yaml ids) allowed.")
    minimum_nodes_fact: str | None = Field(
        None, description="nodes: the catalog fact whose `count` is the minimum node count of the record's version."
    )
    service_name: str | None = Field(None, min_length=1, description="plan: the API's serviceName of the tiers.")
    tiers: list[PlanTier] = Field([], description="plan: the tiers, smallest first; the first that fits is used.")
    meters: list[UsageMeter] = Field([], description="usage and executions: the metered quantities.")
    vcpu_step: float | None = Field(None, gt=0, description="usage: vCPU is allocated in steps of this much.")
    memory_step_gib: float | None = Field(None, gt=0, description="usage: memory is allocated in steps (GiB).")
    minimum_duration_ms: float | None = Field(None, ge=0, description="executions: the shortest billed execution.")
    memory_step_mb: int | None = Field(None, ge=1, description="executions: memory is billed in steps of this.")
    default_memory_mb: int | None = Field(
        None, ge=1, description="executions: the memory the cost input offers until a person gives theirs."
    )
    assumptions: list[str] = Field([], description="What the estimate assumes, in words, shown with it.")
    reason: str | None = Field(None, min_length=1, description="none: why there is no estimate, in words.")


class CostKnowledge(KnowledgeModel):
    hours_per_month: float = Field(gt=0, le=744, description="Hours a monthly price is made of.")
    hours_source: str = Field(pattern=SOURCE_PATTERN)
    sizing: Sizing
    vm_meters: VmMeters
    reservations: Reservations
    pay_as_you_go_type: str = Field(min_length=1, description="The API's type of pay-as-you-go prices.")
    savings_plans_note: str = Field(min_length=1, description="Why savings plans are or are not beside the estimate.")
    candidates: list[CandidatePricing] = Field(min_length=1)
    other_reason: str = Field(
        min_length=1, description="Why a candidate not listed here (a specialty outcome) has no estimate."
    )

    def default_memory_mb(self) -> int | None:
        """The memory a per-execution cost input starts with, until a person gives theirs."""
        return next((c.default_memory_mb for c in self.candidates if c.default_memory_mb is not None), None)
