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

# Triage rule ids (contract §7): the reference row ids, one rule each, and the rows no field can show.
TRIAGE_RULE_IDS: tuple[str, ...] = (
    "F3", "F4", "F5", "C2", "C3", "C5", "C6", "C7", "C8", "C9", "C10", "C11", "C12", "C13", "C14", "C15", "C16",
    "O1", "O3", "O6", "O7", "O8", "O11", "O13",
)  # fmt: skip
CONTRACT_ADVISORY_IDS: tuple[str, ...] = (
    "F1", "F2", "C1", "C4", "O2", "O4", "O5", "O9", "O10", "O12", "O14", "O15", "O16",
)  # fmt: skip
# Advisories beyond contract §7's list (issue 19): three errors of the migration errors page that no inventory field
# shows. E2 and E12 are the rows of the reference's error table (migration-tool.md §4: a PaaS web/worker deployment;
# a resource locked in the Prepared state); KV1 is ours, for moving a migrated VM with Key Vault certificates to
# another subscription (the errors page's mitigation, no row in that table). The contract's ids keep their meaning.
ERROR_ADVISORY_IDS: tuple[str, ...] = ("E2", "E12", "KV1")
ADVISORY_IDS: tuple[str, ...] = CONTRACT_ADVISORY_IDS + ERROR_ADVISORY_IDS
