"""knowledge/access.yaml: the shipped roles (as issue 17 set them), each fault `check` reports with its file, line
and id, and the services following the file rather than code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor import KnowledgeBase, load_knowledge, services
from advisor.errors import AccessError
from advisor.services import ServiceContext
from advisor.store import Database
from tests.knowledge.copies import KNOWLEDGE, edited_copy, faults
from tests.services.builders import reviewed_workload
from tests.services.test_accounts_and_roles import sign


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    return edited_copy(tmp_path, "access.yaml", old, new)


def test_the_shipped_roles_are_the_ones_issue_17_set(kb: KnowledgeBase) -> None:
    rules = kb.access
    assert rules is not None
    granted = {role: rules.role_permissions(frozenset({role})) for role in ("viewer", "contributor", "reviewer")}

    assert granted == {
        "viewer": frozenset(),  # reads and exports need no permission
        "contributor": {
            "edit_workloads", "save_records", "import_inventory", "edit_profiles", "import_records", "reevaluate",
            "supersede",
        },
        "reviewer": {"run_sessions", "edit_agenda", "decide"},
    }  # fmt: skip
    assert len(rules.role_permissions(frozenset({"admin"}))) == 14, "admin holds every permission"
    assert (
        rules.role_permissions(frozenset({"contributor", "reviewer"})) == granted["contributor"] | granted["reviewer"]
    )
    assert (rules.words("decide"), rules.words("archive_workloads"), rules.words("save_records")) == (
        "sign off (reviewer)", "archive or restore workloads (admin)", "save record versions (contributor)",
    )  # fmt: skip
    assert rules.command_line_refusal("decide") == (
        "the command line cannot sign off: a decision maker signs off in the app"
    )
    assert rules.command_line_refusal("save_records") == ""


def test_a_permission_the_services_rely_on_left_out_is_named(tmp_path: Path) -> None:
    folder = _edited(tmp_path, "  - id: read_audit          # read and export the audit trail\n"
                               "    words: read the audit trail\n", "")  # fmt: skip

    assert faults(folder) == ["knowledge/access.yaml:21: read_audit: permission missing: the services rely on it"]


def test_a_role_listed_twice_and_an_unknown_permission_are_named(tmp_path: Path) -> None:
    twice = _edited(tmp_path / "twice", "  - id: reviewer\n", "  - id: contributor\n")
    unknown = _edited(tmp_path / "unknown", "may: [run_sessions, edit_agenda, decide]", "may: [run_sessions, rule]")

    assert faults(twice) == [
        "knowledge/access.yaml:14: contributor: role listed twice",
        "knowledge/access.yaml:7: reviewer: role missing: the services rely on it",
    ]
    assert faults(unknown) == [
        "knowledge/access.yaml:16: reviewer: schema: roles.2.may: Value error, 'rule' is not a permission (known: "
        "edit_workloads, archive_workloads, save_records, import_inventory, edit_profiles, run_sessions, "
        "edit_agenda, decide, reevaluate, supersede, import_records, load_prices, manage_accounts, read_audit, or all)"
    ]


def test_a_missing_file_stops_the_knowledge_from_loading(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    (folder / "access.yaml").unlink()

    [fault] = faults(folder)
    assert fault.startswith("knowledge/access.yaml: "), fault


@pytest.fixture
def contributors_archive(tmp_path: Path) -> KnowledgeBase:
    """The shipped knowledge with one change: contributors may archive and restore workloads."""
    folder = _edited(
        tmp_path, "may: [edit_workloads, save_records,", "may: [edit_workloads, archive_workloads, save_records,"
    )
    return load_knowledge(folder)


def test_the_services_follow_the_file(store_url: str, kb: KnowledgeBase, contributors_archive: KnowledgeBase) -> None:
    with ServiceContext(Database(store_url), kb) as shipped:
        admin = sign(shipped, "admin", "Ada Admin")
        alice = sign(shipped, "alice", "Alice Adams")
        services.grant_role(shipped, admin, services.find_account(shipped, "alice@example.com").id, "contributor")
        workload, _ = reviewed_workload(shipped)
        with pytest.raises(AccessError, match=r"may not archive or restore workloads \(admin\); nothing was saved"):
            services.archive_workload(shipped, alice, workload.id)

    with ServiceContext(Database(store_url), contributors_archive) as edited:
        services.archive_workload(edited, alice, workload.id)
        assert services.list_workloads(edited) == []
