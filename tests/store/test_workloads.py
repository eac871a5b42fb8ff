"""Workloads in the store: create, rename, update, archive and restore, search and the status list."""

from __future__ import annotations

import pytest

from advisor import KnowledgeBase
from advisor.errors import InputError
from advisor.models.record import MAX_NAME_LENGTH, Override, VmLink
from advisor.store import Store
from tests.store.builders import INCOMPLETE_ANSWERS, make_record


def _names(store: Store, **kwargs: object) -> list[str]:
    return [summary.workload.name for summary in store.list_workloads(**kwargs)]  # type: ignore[arg-type]


def test_created_workload_reads_back_with_its_details(store: Store) -> None:
    created = store.create_workload(
        "Payroll", owner="Ann", context="runs nightly", vm_links=[VmLink(cloud_service="pay-cs", vm_name="pay-vm1")]
    )

    fetched = store.get_workload(created.id)

    assert fetched == created
    assert (fetched.name, fetched.owner, fetched.context, fetched.archived) == ("Payroll", "Ann", "runs nightly", False)
    assert fetched.vm_links == (VmLink(cloud_service="pay-cs", vm_name="pay-vm1"),)
    assert fetched.created_at.tzinfo is not None


def test_new_workload_is_listed_as_not_started(store: Store) -> None:
    store.create_workload("Payroll", owner="Ann")

    [summary] = store.list_workloads()

    assert summary.workload.name == "Payroll"
    assert (summary.status, summary.status_label) == ("not_started", "not started")
    assert (summary.service, summary.version, summary.knowledge_version, summary.author) == (None, None, None, None)


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert('x')</script>",
        "**Payroll** _v2_ [docs](https://example.com) # not a heading",
        "Ünïcode ßtraße & <b>bold</b> &amp; `code`",
    ],
)
def test_names_with_html_or_markdown_are_stored_byte_exact(store: Store, name: str) -> None:
    created = store.create_workload(name)

    assert store.get_workload(created.id).name == name
    assert store.get_workload(created.id).name.encode() == name.encode()
    assert _names(store) == [name]


def test_name_is_stripped_of_surrounding_space(store: Store) -> None:
    assert store.create_workload("  Payroll \t").name == "Payroll"


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_empty_name_is_refused_and_nothing_is_created(store: Store, name: str) -> None:
    with pytest.raises(InputError, match="a workload needs a name") as caught:
        store.create_workload(name)

    assert caught.value.problems[0].ident == "name"
    assert store.list_workloads(include_archived=True) == []


def test_overlong_name_is_refused_naming_the_limit(store: Store) -> None:
    with pytest.raises(InputError, match=f"at most {MAX_NAME_LENGTH} characters \\(this one has 121\\)"):
        store.create_workload("x" * (MAX_NAME_LENGTH + 1))

    assert store.list_workloads(include_archived=True) == []
    assert store.create_workload("x" * MAX_NAME_LENGTH).name == "x" * MAX_NAME_LENGTH


def test_duplicate_name_is_refused_case_insensitively_naming_the_existing_workload(store: Store) -> None:
    store.create_workload("Payroll", owner="Ann")

    with pytest.raises(InputError, match="a workload named 'Payroll' already exists"):
        store.create_workload("  PAYROLL ", owner="Bob")

    [summary] = store.list_workloads()
    assert (summary.workload.name, summary.workload.owner) == ("Payroll", "Ann")


def test_archived_workload_still_holds_its_name(store: Store) -> None:
    payroll = store.create_workload("Payroll")
    store.archive_workload(payroll.id)

    with pytest.raises(InputError, match="'Payroll' already exists \\(archived: restore it instead\\)"):
        store.create_workload("payroll")

    assert _names(store, include_archived=True) == ["Payroll"]


def test_rename_changes_the_name_and_keeps_the_rest(store: Store) -> None:
    payroll = store.create_workload("Payroll", owner="Ann")

    renamed = store.rename_workload(payroll.id, " Payroll (EU) ")

    assert (renamed.id, renamed.name, renamed.owner) == (payroll.id, "Payroll (EU)", "Ann")
    assert store.get_workload(payroll.id).name == "Payroll (EU)"
    assert renamed.updated_at >= payroll.updated_at


def test_rename_may_change_only_the_case_of_its_own_name(store: Store) -> None:
    payroll = store.create_workload("payroll")

    assert store.rename_workload(payroll.id, "PAYROLL").name == "PAYROLL"


@pytest.mark.parametrize(
    ("new_name", "message"),
    [
        ("BILLING", "a workload named 'Billing' already exists"),
        ("  ", "a workload needs a name"),
        ("y" * (MAX_NAME_LENGTH + 1), f"at most {MAX_NAME_LENGTH} characters"),
    ],
)
def test_bad_rename_is_refused_and_nothing_changes(store: Store, new_name: str, message: str) -> None:
    store.create_workload("Billing")
    payroll = store.create_workload("Payroll")

    with pytest.raises(InputError, match=message):
        store.rename_workload(payroll.id, new_name)

    assert _names(store) == ["Billing", "Payroll"]
    assert store.get_workload(payroll.id) == payroll


def test_update_changes_only_the_fields_given(store: Store) -> None:
    payroll = store.create_workload("Payroll", owner="Ann", context="nightly")

    updated = store.update_workload(payroll.id, vm_links=[{"cloud_service": "cs1", "vm_name": "vm1"}])
    assert (updated.owner, updated.context) == ("Ann", "nightly")
    assert updated.vm_links == (VmLink(cloud_service="cs1", vm_name="vm1"),)

    updated = store.update_workload(payroll.id, owner="Bob", context="")
    assert (updated.owner, updated.context) == ("Bob", "")
    assert updated.vm_links == (VmLink(cloud_service="cs1", vm_name="vm1"),)
    assert store.get_workload(payroll.id) == updated


def test_bad_vm_link_is_refused_and_nothing_changes(store: Store) -> None:
    payroll = store.create_workload("Payroll", vm_links=[{"cloud_service": "cs1", "vm_name": "vm1"}])

    with pytest.raises(InputError, match="bad VM link") as caught:
        store.update_workload(payroll.id, owner="Bob", vm_links=[{"cloud_service": "cs1", "vm_name": ""}])

    assert caught.value.problems[0].ident == "vm_links"
    assert store.get_workload(payroll.id) == payroll


def test_unknown_workload_id_is_an_input_error(store: Store) -> None:
    with pytest.raises(InputError, match="no workload with id 999"):
        store.get_workload(999)
    with pytest.raises(InputError, match="no workload with id 999"):
        store.rename_workload(999, "Anything")


def test_archive_hides_the_workload_and_keeps_its_history(store: Store, kb: KnowledgeBase) -> None:
    payroll = store.create_workload("Payroll")
    store.create_workload("Billing")
    store.append_record(make_record(kb, payroll, 1))

    archived = store.archive_workload(payroll.id)

    assert archived.archived
    assert _names(store) == ["Billing"]
    assert [(s.workload.name, s.workload.archived) for s in store.list_workloads(include_archived=True)] == [
        ("Billing", False),
        ("Payroll", True),
    ]
    assert [record.version for record in store.record_history(payroll.id)] == [1]
    assert store.latest_records() == []


def test_restore_undoes_archive(store: Store, kb: KnowledgeBase) -> None:
    payroll = store.create_workload("Payroll")
    store.append_record(make_record(kb, payroll, 1))
    store.archive_workload(payroll.id)

    restored = store.restore_workload(payroll.id)

    assert not restored.archived
    [summary] = store.list_workloads()
    assert (summary.workload.name, summary.status, summary.version) == ("Payroll", "recommended", 1)
    assert store.restore_workload(payroll.id) == restored, "restoring twice changes nothing"


def test_archived_workload_refuses_new_versions(store: Store, kb: KnowledgeBase) -> None:
    payroll = store.create_workload("Payroll")
    store.archive_workload(payroll.id)

    with pytest.raises(InputError, match="'Payroll' is archived; restore it to save"):
        store.append_record(make_record(kb, payroll, 1))

    assert store.record_history(payroll.id) == []


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("pay", ["Payroll"]),
        ("PAYROLL", ["Payroll"]),
        ("ann", ["Payroll"]),
        ("NIGHTLY", ["Billing"]),
        ("ll", ["Billing", "Payroll"]),
        ("  ", ["Billing", "Intranet", "Payroll"]),
        ("nothing like it", []),
    ],
)
def test_search_matches_name_owner_or_context_ignoring_case(store: Store, search: str, expected: list[str]) -> None:
    store.create_workload("Payroll", owner="Ann Lee")
    store.create_workload("Billing", owner="Bob", context="Runs nightly")
    store.create_workload("Intranet", owner="Cy")

    assert _names(store, search=search) == expected


def test_list_derives_each_workload_status_from_its_latest_version(store: Store, kb: KnowledgeBase) -> None:
    workloads = {name: store.create_workload(name) for name in ("A", "B", "C", "D", "E", "F")}
    store.append_record(make_record(kb, workloads["B"], 1, answers=INCOMPLETE_ANSWERS, author="Bob"))
    store.append_record(make_record(kb, workloads["C"], 1, answers=INCOMPLETE_ANSWERS))
    store.append_record(make_record(kb, workloads["C"], 2, author="Cy"))
    override = Override(service="app-service", reason="the team runs web apps already")
    store.append_record(make_record(kb, workloads["D"], 1, status="accepted", override=override))
    store.append_record(make_record(kb, workloads["E"], 1))
    store.append_record(make_record(kb, workloads["E"], 2, status="rejected", author="Eve"))
    store.append_record(make_record(kb, workloads["F"], 1, status="accepted"))
    store.append_record(make_record(kb, workloads["F"], 2, status="superseded"))

    rows = [
        (s.workload.name, s.status, s.service, s.version, s.knowledge_version, s.author) for s in store.list_workloads()
    ]

    assert rows == [
        ("A", "not_started", None, None, None, None),
        ("B", "in_progress", None, 1, "compute-tree-2026", "Bob"),
        ("C", "recommended", "virtual-machines", 2, "compute-tree-2026", "Cy"),
        ("D", "accepted", "app-service", 1, "compute-tree-2026", "Ann"),
        ("E", "rejected", "virtual-machines", 2, "compute-tree-2026", "Eve"),
        ("F", "superseded", "virtual-machines", 2, "compute-tree-2026", "Ann"),
    ]
    assert [s.status_label for s in store.list_workloads()] == [
        "not started",
        "in progress",
        "recommended",
        "accepted",
        "rejected",
        "superseded",
    ]


def test_saving_a_version_moves_the_workload_updated_time(store: Store, kb: KnowledgeBase) -> None:
    payroll = store.create_workload("Payroll")

    store.append_record(make_record(kb, payroll, 1))

    [summary] = store.list_workloads()
    assert summary.updated_at > payroll.updated_at


def test_list_is_sorted_by_name_ignoring_case(store: Store) -> None:
    for name in ("beta", "Alpha", "gamma", "Delta"):
        store.create_workload(name)

    assert _names(store) == ["Alpha", "beta", "Delta", "gamma"]
