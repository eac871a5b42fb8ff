"""Team mode in the services: accounts keyed by issuer and subject, roles read from the database at every
call, refusals audited, only a linked decision maker signs off and only as themselves; local mode unchanged.

Expected texts are written from issue 17 and the services' words, not produced by running the code."""

from __future__ import annotations

from typing import Any

import pytest

from advisor import services
from advisor.errors import AccessError, InputError
from advisor.models.actor import Actor
from advisor.services import AccessSettings, ServiceContext
from tests.services.builders import ANN, BOARD_DATE, COMPLETE_ANSWERS, at_minute, given, reviewed_workload

ISSUER = "http://127.0.0.1:9400"
SETTINGS = AccessSettings(admins=("admin@example.com",))


def sign(ctx: ServiceContext, sub: str, name: str, claims: dict[str, Any] | None = None, **kw: Any) -> Actor:
    actor, _account = services.sign_in(
        ctx, issuer=ISSUER, subject=sub, name=name, email=f"{sub}@example.com", claims=claims or {},
        settings=kw.get("settings", SETTINGS),
    )  # fmt: skip
    return actor


@pytest.fixture
def team(ctx: ServiceContext) -> dict[str, Actor]:
    """admin (from configuration), alice contributor, bob viewer, carol and mallory reviewers."""
    people = {
        "admin": sign(ctx, "admin", "Ada Admin"),
        "alice": sign(ctx, "alice", "Alice Adams"),
        "bob": sign(ctx, "bob", "Bob Brown"),
        "carol": sign(ctx, "carol", "Carol Clark"),
        "mallory": sign(ctx, "mallory", "Mallory Mint"),
    }
    accounts = {a.subject: a for a in services.list_accounts(ctx)}
    services.grant_role(ctx, people["admin"], accounts["alice"].id, "contributor")
    for who in ("carol", "mallory"):
        services.grant_role(ctx, people["admin"], accounts[who].id, "reviewer")
    return people


def _refusals(ctx: ServiceContext, admin: Actor) -> list[tuple[str, str, str]]:
    return [
        (e.actor_name, e.action, e.detail)
        for e in services.audit_events(ctx, admin, services.AuditFilter(outcome="refused"))
    ]


def test_an_account_is_keyed_by_issuer_and_subject_and_shows_name_and_email(ctx: ServiceContext) -> None:
    sign(ctx, "alice", "Alice Adams")
    actor = sign(ctx, "alice", "Alice A. Adams")  # the name changed at the provider: same account

    [account] = services.list_accounts(ctx)
    assert (account.issuer, account.subject, account.name, account.email) == (
        ISSUER, "alice", "Alice A. Adams", "alice@example.com",
    )  # fmt: skip
    assert account.roles == frozenset(), "without configuration a signed-in person is a viewer"
    assert actor.id == f"oidc:{ISSUER}|alice"
    assert actor.verified


def test_the_first_admin_comes_from_configuration_and_claims_map_to_roles(ctx: ServiceContext) -> None:
    settings = AccessSettings(admins=("ADMIN@example.com",), role_claim="groups",
                              claim_roles={"architects": ("reviewer",), "devs": ("contributor",)})  # fmt: skip
    sign(ctx, "admin", "Ada Admin", settings=settings)
    sign(ctx, "dora", "Dora Dev", {"groups": ["devs", "architects", "unknown"]}, settings=settings)

    roles = {a.subject: a.roles for a in services.list_accounts(ctx)}
    assert roles == {"admin": frozenset({"admin"}), "dora": frozenset({"contributor", "reviewer"})}


def test_a_viewer_calling_a_contributors_service_is_refused_and_audited(
    ctx: ServiceContext, team: dict[str, Actor]
) -> None:
    with pytest.raises(AccessError, match=r"Bob Brown <bob@example.com> \(viewer\) may not create or change "
                                          r"workloads \(contributor\); nothing was saved$"):  # fmt: skip
        services.create_workload(ctx, team["bob"], "Payroll")

    assert services.list_workloads(ctx) == []
    assert _refusals(ctx, team["admin"]) == [
        ("Bob Brown", "create workload", "Bob Brown <bob@example.com> (viewer) may not create or change workloads "
                                         "(contributor)"),
    ]  # fmt: skip


def test_a_contributor_works_and_every_write_is_audited_with_the_identity(
    ctx: ServiceContext, team: dict[str, Actor]
) -> None:
    workload = services.create_workload(ctx, team["alice"], "Payroll")
    services.save_answers(ctx, team["alice"], workload.id, base_version=0, answers=given(COMPLETE_ANSWERS))

    lines = [(e.actor_name, e.actor_email, e.source, e.action, e.target, e.outcome, e.detail)
             for e in services.audit_events(ctx, team["admin"], services.AuditFilter(text="alice"))]  # fmt: skip
    assert lines[:2] == [
        ("Alice Adams", "alice@example.com", "app", "save record version", "Payroll", "done", "version 1"),
        ("Alice Adams", "alice@example.com", "app", "create workload", "Payroll", "done", ""),
    ]
    assert services.latest_record(ctx, workload.id).author == "Alice Adams"  # type: ignore[union-attr]


def test_a_contributor_cannot_archive_nor_sign_off(ctx: ServiceContext, team: dict[str, Actor]) -> None:
    workload, _ = reviewed_workload(ctx)
    with pytest.raises(AccessError, match=r"may not archive or restore workloads \(admin\)"):
        services.archive_workload(ctx, team["alice"], workload.id)
    session = services.create_session(
        ctx, team["carol"], "Board", BOARD_DATE, [("carol@example.com", "decision_maker")]
    )
    services.set_agenda(ctx, team["carol"], session.id, [workload.id])

    with pytest.raises(AccessError, match=r"Alice Adams <alice@example.com> \(contributor\) may not sign off"):
        services.decide_item(ctx, team["alice"], session.id, workload.id, "accept", "", None, "Alice Adams")
    assert services.get_session(ctx, session.id).items[0].outcome is None


def test_only_a_linked_decision_maker_signs_off_and_only_as_themselves(
    ctx: ServiceContext, team: dict[str, Actor]
) -> None:
    workload, _ = reviewed_workload(ctx)
    attendees = [("carol@example.com", "decision_maker"), ("Mallory Mint", "consulted"), ("Dana Rivera", "informed")]
    session = services.create_session(ctx, team["carol"], "Board", BOARD_DATE, attendees)
    services.set_agenda(ctx, team["carol"], session.id, [workload.id])

    assert [(a.name, a.role, a.linked) for a in session.attendees] == [
        ("Carol Clark", "decision_maker", True),
        ("Mallory Mint", "consulted", True),
        ("Dana Rivera", "informed", False),
    ]  # fmt: skip
    with pytest.raises(AccessError, match=r"Mallory Mint <mallory@example.com> may sign off only as themselves, "
                                          r"not as 'Carol Clark'; nothing was saved$"):  # fmt: skip
        services.decide_item(ctx, team["mallory"], session.id, workload.id, "accept", "", None, "Carol Clark")
    with pytest.raises(
        AccessError,
        match=r"Mallory Mint <mallory@example.com> is not a decision maker of review "
        r"session 'Board' \(decision makers: Carol Clark\); only they sign off$",
    ):
        services.decide_item(ctx, team["mallory"], session.id, workload.id, "accept", "", None, "")

    record = services.decide_item(at_minute(ctx, 30), team["carol"], session.id, workload.id, "accept", "", None, "")

    assert record.author == "Carol Clark"
    assert (
        record.change == "review session 'Board': accepted, signed off by Carol Clark, signed in as carol@example.com"
    )
    assert record.signature == "Carol Clark, signed in as carol@example.com"
    item = services.get_session(ctx, session.id).items[0]
    assert (item.signed_off_by, item.signature_verified) == ("Carol Clark", True)
    refused = _refusals(ctx, team["admin"])
    assert [(who, action) for who, action, _ in refused] == [("Mallory Mint", "sign off"), ("Mallory Mint", "sign off")]


def test_an_admin_links_a_free_text_attendee_who_may_then_sign_off(ctx: ServiceContext, team: dict[str, Actor]) -> None:
    workload, _ = reviewed_workload(ctx)
    session = services.create_session(ctx, ANN, "Old board", BOARD_DATE, [("C. Clark", "decision_maker")])
    services.set_agenda(ctx, ANN, session.id, [workload.id])
    carol = services.find_account(ctx, "carol@example.com")
    with pytest.raises(AccessError, match="is not a decision maker"):
        services.decide_item(ctx, team["carol"], session.id, workload.id, "accept", "", None, "")

    services.link_attendee(ctx, team["admin"], session.id, "c. clark", carol.id)
    services.decide_item(ctx, team["carol"], session.id, workload.id, "accept", "", None, "")

    assert services.get_session(ctx, session.id).items[0].signed_off_by == "Carol Clark"
    with pytest.raises(AccessError, match=r"\(reviewer\) may not manage accounts and roles \(admin\)"):
        services.link_attendee(ctx, team["carol"], session.id, "C. Clark", carol.id)


def test_an_account_removed_while_signed_in_is_refused_at_its_next_action(
    ctx: ServiceContext, team: dict[str, Actor]
) -> None:
    alice = services.find_account(ctx, "alice@example.com")
    services.create_workload(ctx, team["alice"], "Payroll")

    services.remove_account(ctx, team["admin"], alice.id)

    with pytest.raises(AccessError, match=r"^<input>: actor: the account of Alice Adams <alice@example.com> was "
                                          r"removed; nothing was saved$"):  # fmt: skip
        services.create_workload(ctx, team["alice"], "Billing")
    with pytest.raises(AccessError, match="was removed; ask an admin"):
        sign(ctx, "alice", "Alice Adams")
    assert [w.workload.name for w in services.list_workloads(ctx)] == ["Payroll"]


def test_the_last_admin_keeps_the_role(ctx: ServiceContext, team: dict[str, Actor]) -> None:
    admin = services.find_account(ctx, "admin@example.com")
    with pytest.raises(InputError, match=r"Ada Admin <admin@example.com> is the last admin; make someone else admin"):
        services.revoke_role(ctx, team["admin"], admin.id, "admin")
    with pytest.raises(InputError, match=r"unknown role 'owner' \(roles: viewer, contributor, reviewer, admin\)"):
        services.grant_role(ctx, team["admin"], admin.id, "owner")


def test_local_mode_gives_the_one_person_every_role_and_the_command_line_all_but_signing_off(
    ctx: ServiceContext,
) -> None:
    workload, _ = reviewed_workload(ctx)
    session = services.create_session(ctx, ANN, "Board", BOARD_DATE, [("Ann", "decision_maker")])
    services.set_agenda(ctx, ANN, session.id, [workload.id])
    cli = Actor.command_line("dana", "Dana R.")
    with pytest.raises(AccessError, match="the command line cannot sign off: a decision maker signs off in the app"):
        services.decide_item(ctx, cli, session.id, workload.id, "accept", "", None, "Ann")

    record = services.decide_item(ctx, ANN, session.id, workload.id, "accept", "", None, "Ann")
    services.archive_workload(ctx, cli, workload.id)

    assert record.change == "review session 'Board': accepted, signed off by Ann, unverified (local mode)"
    assert record.signature == "Ann, unverified (local mode)"
    assert services.get_session(ctx, session.id).items[0].signature_verified is False
    [archived, *_] = services.audit_events(ctx, ANN)
    assert (archived.actor_name, archived.os_user, archived.source, archived.action, archived.target) == (
        "Dana R.", "dana", "cli", "archive workload", "Payroll",
    )  # fmt: skip


def test_only_admins_load_price_sheets_in_team_mode_and_refusals_are_audited(
    ctx: ServiceContext, team: dict[str, Actor]
) -> None:
    with pytest.raises(AccessError, match=r"Alice Adams <alice@example.com> \(contributor\) may not load price "
                                          r"sheets \(admin\); nothing was saved$"):  # fmt: skip
        services.import_price_pages(ctx, team["alice"], [("page0001.json", b"{}")])

    assert [(who, action) for who, action, _ in _refusals(ctx, team["admin"])] == [
        ("Alice Adams", "import price sheet")
    ]
