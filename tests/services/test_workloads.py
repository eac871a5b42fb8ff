"""Workloads through the services: create, rename, update, archive and restore, search and the status list."""

from __future__ import annotations

import pytest

from advisor import KnowledgeBase, services
from advisor.errors import InputError
from advisor.models.record import MAX_NAME_LENGTH, Override, VmLink
from advisor.services import ServiceContext
from tests.services.builders import ANN, INCOMPLETE_ANSWERS, at_minute, new_workload, save


def _names(ctx: ServiceContext, **kwargs: object) -> list[str]:
    return [summary.workload.name for summary in services.list_workloads(ctx, **kwargs)]  # type: ignore[arg-type]


def test_created_workload_reads_back_with_its_details(ctx: ServiceContext) -> None:
    created = new_workload(
        ctx,
        "Payroll",
        owner="Ann",
        context="runs nightly",
        vm_links=[VmLink(cloud_service="pay-cs", vm_name="pay-vm1")],
    )

    fetched = services.get_workload(ctx, created.id)

    assert fetched == created
    assert (fetched.name, fetched.owner, fetched.context, fetched.archived) == ("Payroll", "Ann", "runs nightly", False)
    assert fetched.vm_links == (VmLink(cloud_service="pay-cs", vm_name="pay-vm1"),)
    assert fetched.created_at.tzinfo is not None


def test_new_workload_is_listed_as_not_started(ctx: ServiceContext) -> None:
    new_workload(ctx, "Payroll", owner="Ann")

    [summary] = services.list_workloads(ctx)

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
def test_names_with_html_or_markdown_are_stored_byte_exact(ctx: ServiceContext, name: str) -> None:
    created = new_workload(ctx, name)

    assert services.get_workload(ctx, created.id).name == name
    assert services.get_workload(ctx, created.id).name.encode() == name.encode()
    assert _names(ctx) == [name]


def test_name_is_stripped_of_surrounding_space(ctx: ServiceContext) -> None:
    assert new_workload(ctx, "  Payroll \t").name == "Payroll"


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_empty_name_is_refused_and_nothing_is_created(ctx: ServiceContext, name: str) -> None:
    with pytest.raises(InputError, match="a workload needs a name") as caught:
        new_workload(ctx, name)

    assert caught.value.problems[0].ident == "name"
    assert services.list_workloads(ctx, include_archived=True) == []


def test_overlong_name_is_refused_naming_the_limit(ctx: ServiceContext) -> None:
    with pytest.raises(InputError, match=f"at most {MAX_NAME_LENGTH} characters \\(this one has 121\\)"):
        new_workload(ctx, "x" * (MAX_NAME_LENGTH + 1))

    assert services.list_workloads(ctx, include_archived=True) == []
    assert new_workload(ctx, "x" * MAX_NAME_LENGTH).name == "x" * MAX_NAME_LENGTH


def test_duplicate_name_is_refused_case_insensitively_naming_the_existing_workload(ctx: ServiceContext) -> None:
    new_workload(ctx, "Payroll", owner="Ann")

    with pytest.raises(InputError, match="a workload named 'Payroll' already exists"):
        new_workload(ctx, "  PAYROLL ", owner="Bob")

    [summary] = services.list_workloads(ctx)
    assert (summary.workload.name, summary.workload.owner) == ("Payroll", "Ann")


def test_archived_workload_still_holds_its_name(ctx: ServiceContext) -> None:
    payroll = new_workload(ctx, "Payroll")
    services.archive_workload(ctx, ANN, payroll.id)

    with pytest.raises(InputError, match="'Payroll' already exists \\(archived: restore it instead\\)"):
        new_workload(ctx, "payroll")

    assert _names(ctx, include_archived=True) == ["Payroll"]


def test_rename_changes_the_name_and_keeps_the_rest(ctx: ServiceContext) -> None:
    payroll = new_workload(ctx, "Payroll", owner="Ann")

    renamed = services.rename_workload(ctx, ANN, payroll.id, " Payroll (EU) ")

    assert (renamed.id, renamed.name, renamed.owner) == (payroll.id, "Payroll (EU)", "Ann")
    assert services.get_workload(ctx, payroll.id).name == "Payroll (EU)"
    assert renamed.updated_at >= payroll.updated_at


def test_rename_may_change_only_the_case_of_its_own_name(ctx: ServiceContext) -> None:
    payroll = new_workload(ctx, "payroll")

    assert services.rename_workload(ctx, ANN, payroll.id, "PAYROLL").name == "PAYROLL"


@pytest.mark.parametrize(
    ("new_name", "message"),
    [
        ("BILLING", "a workload named 'Billing' already exists"),
        ("  ", "a workload needs a name"),
        ("y" * (MAX_NAME_LENGTH + 1), f"at most {MAX_NAME_LENGTH} characters"),
    ],
)
def test_bad_rename_is_refused_and_nothing_changes(ctx: ServiceContext, new_name: str, message: str) -> None:
    new_workload(ctx, "Billing")
    payroll = new_workload(ctx, "Payroll")

    with pytest.raises(InputError, match=message):
        services.rename_workload(ctx, ANN, payroll.id, new_name)

    assert _names(ctx) == ["Billing", "Payroll"]
    assert services.get_workload(ctx, payroll.id) == payroll


def test_update_changes_only_the_fields_given(ctx: ServiceContext) -> None:
    payroll = new_workload(ctx, "Payroll", owner="Ann", context="nightly")

    updated = services.update_workload(ctx, ANN, payroll.id, vm_links=[{"cloud_service": "cs1", "vm_name": "vm1"}])
    assert (updated.owner, updated.context) == ("Ann", "nightly")
    assert updated.vm_links == (VmLink(cloud_service="cs1", vm_name="vm1"),)

    updated = services.update_workload(ctx, ANN, payroll.id, owner="Bob", context="")
    assert (updated.owner, updated.context) == ("Bob", "")
    assert updated.vm_links == (VmLink(cloud_service="cs1", vm_name="vm1"),)
    assert services.get_workload(ctx, payroll.id) == updated


def test_bad_vm_link_is_refused_and_nothing_changes(ctx: ServiceContext) -> None:
    payroll = new_workload(ctx, "Payroll", vm_links=[{"cloud_service": "cs1", "vm_name": "vm1"}])

    with pytest.raises(InputError, match="bad VM link") as caught:
        services.update_workload(ctx, ANN, payroll.id, owner="Bob", vm_links=[{"cloud_service": "cs1", "vm_name": ""}])

    assert caught.value.problems[0].ident == "vm_links"
    assert services.get_workload(ctx, payroll.id) == payroll


def test_unknown_workload_id_is_an_input_error(ctx: ServiceContext) -> None:
    with pytest.raises(InputError, match="no workload with id 999"):
        services.get_workload(ctx, 999)
    with pytest.raises(InputError, match="no workload with id 999"):
        services.rename_workload(ctx, ANN, 999, "Anything")


def test_archive_hides_the_workload_and_keeps_its_history(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    payroll = new_workload(ctx, "Payroll")
    new_workload(ctx, "Billing")
    save(ctx, payroll, 1)

    archived = services.archive_workload(ctx, ANN, payroll.id)

    assert archived.archived
    assert _names(ctx) == ["Billing"]
    assert [(s.workload.name, s.workload.archived) for s in services.list_workloads(ctx, include_archived=True)] == [
        ("Billing", False),
        ("Payroll", True),
    ]
    assert [record.version for record in services.record_history(ctx, payroll.id)] == [1]
    assert services.latest_records(ctx) == []


def test_restore_undoes_archive(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    payroll = new_workload(ctx, "Payroll")
    save(ctx, payroll, 1)
    services.archive_workload(ctx, ANN, payroll.id)

    restored = services.restore_workload(ctx, ANN, payroll.id)

    assert not restored.archived
    [summary] = services.list_workloads(ctx)
    assert (summary.workload.name, summary.status, summary.version) == ("Payroll", "recommended", 1)
    assert services.restore_workload(ctx, ANN, payroll.id) == restored, "restoring twice changes nothing"


def test_archived_workload_refuses_new_versions(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    payroll = new_workload(ctx, "Payroll")
    services.archive_workload(ctx, ANN, payroll.id)

    with pytest.raises(InputError, match="'Payroll' is archived; restore it to save"):
        save(ctx, payroll, 1)

    assert services.record_history(ctx, payroll.id) == []


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
def test_search_matches_name_owner_or_context_ignoring_case(
    ctx: ServiceContext, search: str, expected: list[str]
) -> None:
    new_workload(ctx, "Payroll", owner="Ann Lee")
    new_workload(ctx, "Billing", owner="Bob", context="Runs nightly")
    new_workload(ctx, "Intranet", owner="Cy")

    assert _names(ctx, search=search) == expected


def test_list_derives_each_workload_status_from_its_latest_version(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    workloads = {name: new_workload(ctx, name) for name in ("A", "B", "C", "D", "E", "F")}
    save(ctx, workloads["B"], 1, answers=INCOMPLETE_ANSWERS, author="Bob")
    save(ctx, workloads["C"], 1, answers=INCOMPLETE_ANSWERS)
    save(ctx, workloads["C"], 2, author="Cy")
    override = Override(service="app-service", reason="the team runs web apps already")
    save(ctx, workloads["D"], 1, status="accepted", override=override)
    save(ctx, workloads["E"], 1)
    save(ctx, workloads["E"], 2, status="rejected", author="Eve")
    save(ctx, workloads["F"], 1, status="accepted")
    save(ctx, workloads["F"], 2, status="superseded")

    rows = [
        (s.workload.name, s.status, s.service, s.version, s.knowledge_version, s.author)
        for s in services.list_workloads(ctx)
    ]

    assert rows == [
        ("A", "not_started", None, None, None, None),
        ("B", "in_progress", None, 1, "compute-tree-2026", "Bob"),
        ("C", "recommended", "virtual-machines", 2, "compute-tree-2026", "Cy"),
        ("D", "accepted", "app-service", 1, "compute-tree-2026", "Ann"),
        ("E", "rejected", "virtual-machines", 2, "compute-tree-2026", "Eve"),
        ("F", "superseded", "virtual-machines", 2, "compute-tree-2026", "Ann"),
    ]
    assert [s.status_label for s in services.list_workloads(ctx)] == [
        "not started",
        "in progress",
        "recommended",
        "accepted",
        "rejected",
        "superseded",
    ]


def test_saving_a_version_moves_the_workload_updated_time(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    payroll = new_workload(at_minute(ctx, 0), "Payroll")

    save(ctx, payroll, 1, minute=1)

    [summary] = services.list_workloads(ctx)
    assert summary.updated_at > payroll.updated_at


def test_list_is_sorted_by_name_ignoring_case(ctx: ServiceContext) -> None:
    for name in ("beta", "Alpha", "gamma", "Delta"):
        new_workload(ctx, name)

    assert _names(ctx) == ["Alpha", "beta", "Delta", "gamma"]
