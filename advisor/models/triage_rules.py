"""Pydantic models of the migration-tool triage knowledge (``knowledge/triage/*.yaml``).

A rule's condition is structured data: a list of tests that must all hold (no ``eval``, no code).
Each test reads one canonical inventory field (contract §6) or one VNet fact, or counts per
group. A test on an unknown value is *undetermined*, which is how a verdict becomes ``unknown``
(contract §7). Rows of the reference that no field can show are advisories, not rules.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from advisor.errors import RuleError
from advisor.models.tree import KnowledgeModel

Verdict = Literal["tool_ready", "ready_with_conditions", "not_supported", "unknown"]
# Worst first, per contract §7: not_supported > unknown > ready_with_conditions > tool_ready.
VERDICT_ORDER: tuple[str, ...] = ("not_supported", "unknown", "ready_with_conditions", "tool_ready")

VM_FIELDS: tuple[str, ...] = (
    "subscription_id", "cloud_service", "deployment", "vm_name", "location", "size", "os_type", "status", "vnet",
    "subnets", "availability_set", "endpoint_acls", "extensions", "os_disk_io_type", "boot_diagnostics",
    "agent_status", "disk_blob_names",
)  # fmt: skip
LIST_FIELDS: tuple[str, ...] = ("subnets", "extensions", "disk_blob_names")
BOOL_FIELDS: tuple[str, ...] = ("endpoint_acls", "boot_diagnostics")
# Fields whose empty cell means "none" (a known value); for the others it means unknown (contract §6).
EMPTY_MEANS_NONE: tuple[str, ...] = ("vnet", "subnets", "extensions", "availability_set")
VNET_FIELDS: tuple[str, ...] = (
    "has_app_gateway", "has_apim", "has_hdinsight", "has_app_service_environment", "has_dynamics_lcs",
    "has_web_worker_roles", "has_peering", "has_classic_expressroute", "gateways",
)  # fmt: skip
GATEWAY_VALUES: tuple[str, ...] = ("none", "vpn", "expressroute", "both")


class ExtensionPattern(KnowledgeModel):
    """An extension a rule matches, with where the name comes from (or that it is our assumption)."""

    name: str = Field(min_length=1, description="Extension name, compared case-insensitively.")
    version_prefix: str | None = Field(None, description="Only versions starting with this, e.g. `1.`.")
    source: str | None = Field(None, pattern=r"^https://", description="Where this name is documented.")
    assumption: str | None = Field(None, description="Why we match this name when no source states it.")

    @model_validator(mode="after")
    def _sourced(self) -> ExtensionPattern:
        if not self.source and not self.assumption:
            raise RuleError("give the name's `source`, or say it is our `assumption`")
        return self


class Test(KnowledgeModel):
    """One test; exactly one operator is set. ``per`` makes it a test over a group of VMs."""

    field: str | None = Field(None, description="Canonical VM field or VNet fact it reads.")
    per: Literal["vnet", "cloud_service"] | None = Field(None, description="Evaluate over each group of VMs.")
    equals: str | bool | None = None
    in_: list[str] | None = Field(None, alias="in")
    not_in: list[str] | None = None
    is_empty: bool | None = Field(None, description="True: the field is known to be empty (none).")
    count_above: int | None = Field(None, description="List field: more than this many items.")
    count_equals: int | None = Field(None, description="List field: exactly this many items.")
    has_item: list[ExtensionPattern] | None = Field(None, description="List field: some item matches.")
    item_contains: str | None = Field(None, description="List field: some item contains this text.")
    vm_count_above: int | None = Field(None, description="With `per`: the group has more VMs than this.")
    distinct_values_above: int | None = Field(
        None, description="With `per` and `field`: more distinct values (empty counts as one) than this."
    )

    @model_validator(mode="after")
    def _one_operator(self) -> Test:
        operators = [
            name for name in ("equals", "in_", "not_in", "is_empty", "count_above", "count_equals", "has_item",
                              "item_contains", "vm_count_above", "distinct_values_above")
            if getattr(self, name) is not None
        ]  # fmt: skip
        if len(operators) != 1:
            raise RuleError(f"a test needs exactly one operator, found {len(operators)}: {operators}")
        if self.vm_count_above is None and self.field is None:
            raise RuleError("a test needs a `field` (only `vm_count_above` counts without one)")
        if (self.vm_count_above is not None or self.distinct_values_above is not None) and self.per is None:
            raise RuleError("`vm_count_above` and `distinct_values_above` need `per`")
        return self


class TriageRule(KnowledgeModel):
    """One row of contract §7: when its tests all hold, the VMs in its scope get its verdict."""

    id: str = Field(description="Reference row id (migration-tool.md §3), e.g. C3.")
    title: str = Field(min_length=1)
    scope: Literal["vm", "cloud_service", "vnet"]
    behaviour: Literal["BLOCK", "DROP", "PARTIAL", "RESTART", "WARNING"]
    verdict: Literal["ready_with_conditions", "not_supported"]
    reads: list[str] = Field(min_length=1, description="The canonical or VNet fields the rule reads.")
    when: list[Test] = Field(min_length=1, description="All must hold for the rule to fire.")
    message: str = Field(min_length=1)
    workaround: str = Field(min_length=1)
    source: str = Field(pattern=r"^https://")
    note: str | None = Field(None, description="Caveat, e.g. a field that only stands in for the real fact.")


class Advisory(KnowledgeModel):
    """A reference row no inventory field can show: shown once per import, never changes a verdict."""

    id: str
    title: str = Field(min_length=1)
    behaviour: Literal["BLOCK", "DROP", "PARTIAL", "RESTART", "WARNING"]
    message: str = Field(min_length=1)
    workaround: str = Field(min_length=1)
    source: str = Field(pattern=r"^https://")


class SizeMapping(KnowledgeModel):
    classic: str
    arm: str = Field(description="The direct ARM equivalent (like for like; may be retired: see knowledge/sizes.yaml).")


class KeyDate(KnowledgeModel):
    """A date of the classic retirement that users plan around: a lifecycle entry (its date and source live in
    knowledge/lifecycle.yaml), with the words the Inventory page and the exports show for it."""

    entry: str = Field(description="Id of the entry of knowledge/lifecycle.yaml that dates it.")
    title: str = Field(min_length=1, description="What happens, in a few words, e.g. `Classic VMs retired`.")
    event: str = Field(min_length=1, description="What happens and what it means for the migration, in a sentence.")
    headline: bool = Field(False, description="Stated plainly at the top of the Inventory page.")
    verdict_note: str | None = Field(
        None,
        description="What the date means for the triage verdicts, said beside them; `{date}` stands for the date.",
    )


class TriageKnowledge(KnowledgeModel):
    """The triage rules, advisories and classic-to-ARM size map."""

    source_note: str = Field(description="What the rules model and how they were read.")
    rules: list[TriageRule]
    advisories: list[Advisory]
    sizes: list[SizeMapping] = Field(description="Classic size names and the ARM size each equals, like for like.")
    size_passthrough_prefixes: list[str] = Field(
        description="Classic sizes with these prefixes keep their name in ARM (e.g. Standard_, Basic_)."
    )
    key_dates: list[KeyDate] = Field(default_factory=list, description="Retirement dates shown with the triage.")
    verdict_help: dict[str, str] = Field(
        default_factory=dict, description="What each verdict means, in a sentence, for the Inventory page."
    )
