"""Right-sizing a workload from its linked VMs: the vCPUs and memory each VM needs.

Without utilization, a VM needs its classic size's vCPUs and memory (its like-for-like size's facts in
``knowledge/sizes.yaml``). Where the canonical inventory CSV gives the CPU and memory utilization at the
knowledge's percentile, a VM needs that share of its size times the comfort factor (Azure Migrate's
performance-based sizing); a VM with only one of the two keeps its size's figure for the other. The other
inventory formats have no utilization: their VMs are sized as-is.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from advisor.lifecycle.sizes import SizeTable
from advisor.models.cost_rules import Sizing


@dataclass(frozen=True)
class VmFacts:
    """What the inventory says about one linked VM (None: unknown)."""

    name: str
    size: str | None
    windows: bool | None = None
    location: str | None = None
    cpu_percent: float | None = None
    memory_percent: float | None = None


@dataclass(frozen=True)
class SizedVm:
    name: str
    vcpus: float
    memory_gib: float
    windows: bool
    basis: str  # how the need was found, in words


@dataclass(frozen=True)
class Sized:
    vms: tuple[SizedVm, ...]
    unsized: tuple[str, ...]  # why a VM could not be sized, one line each
    words: tuple[str, ...]  # the sizing, in words, one line per VM

    @functools.cached_property
    def largest(self) -> tuple[float, float]:
        """The most vCPUs and the most memory any VM needs."""
        return max(vm.vcpus for vm in self.vms), max(vm.memory_gib for vm in self.vms)

    @functools.cached_property
    def total(self) -> tuple[float, float]:
        return sum(vm.vcpus for vm in self.vms), sum(vm.memory_gib for vm in self.vms)

    @functools.cached_property
    def windows(self) -> bool:
        return any(vm.windows for vm in self.vms)


def size_vms(
    vms: Sequence[VmFacts],
    sizing: Sizing,
    table: SizeTable,
    like_for_like: Callable[[str | None], str | None],
    cache: dict[tuple[object, ...], tuple[float, float, str] | str] | None = None,
) -> Sized:
    """Each VM's need; a VM without a known size is listed in ``unsized`` with why. ``cache`` keeps the need of
    each (size, OS, utilization) seen, for the estimates of many records."""
    sized: list[SizedVm] = []
    unsized: list[str] = []
    words: list[str] = []
    for vm in vms:
        key = (vm.size, vm.windows, vm.cpu_percent, vm.memory_percent)
        need = cache.get(key) if cache is not None else None
        if need is None:
            need = _need(vm, sizing, table, like_for_like)
            if cache is not None:
                if len(cache) > _CACHE_SIZE:
                    cache.clear()
                cache[key] = need
        if isinstance(need, str):
            unsized.append(f"{vm.name}: {need}")
            continue
        cpu, memory, basis = need
        sized.append(SizedVm(vm.name, cpu, memory, bool(vm.windows), basis))
        words.append(f"{vm.name}: {basis}")
    return Sized(tuple(sized), tuple(unsized), tuple(words))


_CACHE_SIZE = 100_000


def _need(
    vm: VmFacts, sizing: Sizing, table: SizeTable, like_for_like: Callable[[str | None], str | None]
) -> tuple[float, float, str] | str:
    """The vCPUs and memory ``vm`` needs and how they were found, or why it cannot be sized."""
    row = table.get(like_for_like(vm.size) or vm.size)
    if row is None:
        return "no size in the inventory" if not vm.size else f"its size {vm.size} has no vCPU and memory facts"
    cpu, memory = float(row.vcpus), float(row.memory_gib)
    os_word = "Windows" if vm.windows else "Linux"
    if vm.cpu_percent is None and vm.memory_percent is None:
        return cpu, memory, f"{vm.size} as it is ({_n(cpu)} vCPU, {_n(memory)} GiB, {os_word})"
    factor = sizing.comfort_factor
    parts = []
    if vm.cpu_percent is not None:
        cpu = row.vcpus * vm.cpu_percent / 100 * factor
        parts.append(f"CPU {_n(vm.cpu_percent)}% of {row.vcpus} vCPU × {_n(factor)} = {_n(cpu)} vCPU")
    if vm.memory_percent is not None:
        memory = row.memory_gib * vm.memory_percent / 100 * factor
        parts.append(f"memory {_n(vm.memory_percent)}% of {_n(row.memory_gib)} GiB × {_n(factor)} = {_n(memory)} GiB")
    return cpu, memory, f"{vm.size} at its {_ordinal(sizing.percentile)} percentile: {'; '.join(parts)} ({os_word})"


def round_up(value: float, step: float) -> float:
    """``value`` up to the next multiple of ``step`` (a tiny excess from float arithmetic does not count)."""
    return math.ceil(round(value / step, 9)) * step


@functools.lru_cache(maxsize=65_536)  # the same figures recur across a portfolio
def _n(value: float) -> str:
    """A figure for people: at most two decimals, no trailing zeros."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
