"""The stable ids of shared/reference/contract.md that saved files and other tools rely on.

Knowledge may add questions, answers and services, but the ids here keep their meaning; the
``check`` command reports an outcome the contract does not know, so an id cannot be invented
or misspelt in a knowledge file unnoticed.
"""

from __future__ import annotations

DEFAULT_KNOWLEDGE_VERSION = "compute-tree-2026"

TREE_OUTCOME_IDS: frozenset[str] = frozenset(
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
        "service-fabric",
    }
)

SPECIALTY_OUTCOME_IDS: frozenset[str] = frozenset(
    {
        "sap-on-azure",
        "oracle-on-azure",
        "cyclecloud",
        "mainframe-migration",
        "virtual-desktop",
        "dedicated-host",
        "azure-quantum",
        "marketplace-offer",
        "service-fabric",
    }
)

OUTCOME_IDS: frozenset[str] = TREE_OUTCOME_IDS | SPECIALTY_OUTCOME_IDS
