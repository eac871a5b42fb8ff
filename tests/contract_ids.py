"""The stable ids of contract.md §2, §3 and §5, copied by hand, never read from knowledge/."""

from __future__ import annotations

YES_NO = ("yes", "no")

# Contract §2, copied by hand: every decision point of each version and the answer ids it offers.
_SHARED_QUESTIONS: dict[str, tuple[str, ...]] = {
    "migrate_or_build": ("migrate", "build_new"),
    "migration_approach": ("lift_and_shift", "cloud_optimized"),
    "containerizable": YES_NO,
    "cots": YES_NO,
    "vmware": YES_NO,
    "full_control": YES_NO,
    "hpc": YES_NO,
    "event_driven": YES_NO,
    "managed_web_hosting": YES_NO,
    "full_orchestration": YES_NO,
    "managed_orchestration": YES_NO,
    "openshift": YES_NO,
    "full_kubernetes": YES_NO,
}
SPECIALTY_ANSWERS: tuple[str, ...] = (
    "none",
    "sap",
    "oracle",
    "hpc_scheduling",
    "mainframe",
    "virtual_desktop",
    "bare_metal",
    "quantum",
    "marketplace",
    "stateful_microservices",
)
CONTRACT_QUESTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "compute-tree-2025": {**_SHARED_QUESTIONS, "service_fabric_or_legacy_dotnet": YES_NO},
    "compute-tree-2026": {"specialty_workload": SPECIALTY_ANSWERS, **_SHARED_QUESTIONS},
}
CONTRACT_ROOTS: dict[str, str] = {
    "compute-tree-2025": "migrate_or_build",
    "compute-tree-2026": "specialty_workload",
}

# Contract §3, copied by hand.
TREE_OUTCOMES: frozenset[str] = frozenset(
    {
        "virtual-machines",
        "vmware-solution",
        "app-service",
        "batch",
        "functions",
        "container-instances",
        "self-managed-orchestration",
        "red-hat-openshift",
        "aks",
        "container-apps",
    }
)
SPECIALTY_OUTCOMES: dict[str, str] = {
    "sap": "sap-on-azure",
    "oracle": "oracle-on-azure",
    "hpc_scheduling": "cyclecloud",
    "mainframe": "mainframe-migration",
    "virtual_desktop": "virtual-desktop",
    "bare_metal": "dedicated-host",
    "quantum": "azure-quantum",
    "marketplace": "marketplace-offer",
    "stateful_microservices": "service-fabric",
}

# Contract §5: the keys every `recommend --format json` object has.
RECOMMENDATION_KEYS: frozenset[str] = frozenset(
    {
        "status",
        "service",
        "next_question",
        "knowledge_version",
        "path",
        "candidates",
        "conditions",
        "conflicts",
        "best_alternative",
        "confidence",
        "unused_answers",
    }
)
