"""End to end, in Chromium, in team mode: a real ``streamlit run`` server whose secrets turn sign-in on, and a
real test OpenID provider (``oidc-provider-mock``) on a free local port.

Before sign-in every page is the sign-in screen and nothing else (no app data in the page nor in its websocket
messages, ``?user=`` ignored). alice (contributor), bob (viewer), carol (reviewer, the session's decision maker)
and mallory (reviewer, not a decision maker) sign in; the server lets each do what their role allows and refuses
the rest; mallory cannot sign as carol; the audit shows each action with its identity. A tampered cookie is the
sign-in screen again, an account removed while signed in is refused, and a provider that does not answer is
said so on the sign-in screen.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from advisor import KnowledgeBase, services
from advisor.models.actor import Actor
from advisor.models.record import GivenAnswer
from tests.e2e.harness import IDLE, WAIT_MS, AppServer, Screenshots, free_port, steady
from tests.e2e.team import PEOPLE, Provider, secrets_file, sign_in_as
from tests.e2e.test_restart_keeps_everything import dataframe_with_column, grid_rows, settle
from tests.e2e.test_review_session import WALK, choose
from tests.services.builders import new_workload, open_ctx, person

pytestmark = pytest.mark.e2e

SECRET_WORKLOAD = "Payroll (confidential)"
PAGES = ("", "questionnaire", "records", "profiles", "inventory", "board", "sessions", "reevaluate",
         "admin", "sessions?user=Carol%20Clark", "questionnaire?workload=1&user=Ada%20Admin")  # fmt: skip
SHOTS = Path("/work/notes/shots/17")  # kept for the reviewer when it exists (never in the repository)


@pytest.fixture
def team_server(request: pytest.FixtureRequest, tmp_path: Path, provider: Provider) -> Iterator[AppServer]:
    port = free_port()
    secrets = secrets_file(tmp_path, port, provider)
    server = AppServer(f"sqlite:///{tmp_path / 'team.db'}", port, tmp_path, ["--secrets.files", str(secrets)])
    from tests.e2e.conftest import _SERVERS

    request.node.stash.setdefault(_SERVERS, []).append(server)
    try:
        server.start()
        yield server
    finally:
        server.stop()


def _keep(page: Page, name: str) -> None:
    if SHOTS.is_dir():
        page.screenshot(path=SHOTS / name, full_page=True)


def _seed_workload(url: str, kb: KnowledgeBase, name: str) -> int:
    with open_ctx(url, kb) as ctx:
        workload = new_workload(ctx, name, owner="Payroll team")
        services.save_answers(
            ctx, person("Seeder"), workload.id, base_version=0,
            answers={q: GivenAnswer(answer=a) for q, a in WALK.items()}, knowledge_version="compute-tree-2026",
        )  # fmt: skip
        return workload.id


def test_every_page_before_sign_in_is_the_sign_in_screen_only(
    team_server: AppServer, browser: Browser, shots: Screenshots, kb: KnowledgeBase
) -> None:
    _seed_workload(team_server.database_url, kb, SECRET_WORKLOAD)
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = shots.watch(context.new_page())
    received: list[bytes] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(
        frame if isinstance(frame, bytes) else frame.encode())))  # fmt: skip

    for path in PAGES:
        page.goto(f"{team_server.url}/{path}", timeout=WAIT_MS)
        page.wait_for_selector(IDLE, timeout=WAIT_MS)
        settle(page)
        expect(page.get_by_role("heading", name="Compute Target Advisor", level=1)).to_be_visible()
        expect(page.get_by_role("button", name="Sign in")).to_be_visible()
        body = page.inner_text("body")
        assert SECRET_WORKLOAD not in body, path
        for other in ("Workloads", "Review sessions", "Admin", "Your name", "Lifecycle dates"):
            assert other not in body, f"{other!r} shown before sign-in on /{path}"
    shots(page, "sign-in-screen")
    _keep(page, "01-sign-in-screen.png")

    assert received, "the websocket was watched"
    assert not any(SECRET_WORKLOAD.encode() in frame for frame in received), "app data sent before sign-in"
    assert not any(b"Payroll team" in frame for frame in received)


def test_roles_are_enforced_on_the_server_and_every_action_is_audited(
    team_server: AppServer, browser: Browser, shots: Screenshots, kb: KnowledgeBase, provider: Provider
) -> None:
    url = team_server.url
    workload_id = _seed_workload(team_server.database_url, kb, "Payroll web")
    pages = {sub: shots.watch(sign_in_as(browser, url, sub)) for sub in PEOPLE}  # each signs in once: an account
    with open_ctx(team_server.database_url, kb) as ctx:  # the admin grants roles (the CLI twin does the same)
        admin = provider.actor("admin")
        for sub, role in (("alice", "contributor"), ("carol", "reviewer"), ("mallory", "reviewer")):
            services.grant_role(ctx, admin, services.find_account(ctx, PEOPLE[sub][1]).id, role)
        attendees = [("carol@example.com", "decision_maker"), ("mallory@example.com", "consulted")]
        session = services.create_session(ctx, provider.actor("carol"), "Board", datetime.date(2026, 3, 2), attendees)
        services.set_agenda(ctx, provider.actor("carol"), session.id, [workload_id])

    # alice (contributor) creates a workload; bob (viewer) finds the button disabled, saying which role it needs
    for sub, allowed in (("alice", True), ("bob", False)):
        page = shots.watch(pages[sub])
        page.goto(f"{url}/?user=Ada%20Admin", timeout=WAIT_MS)  # the Workloads page; ?user= is ignored in team mode
        page.wait_for_selector(IDLE, timeout=WAIT_MS)
        settle(page)
        expect(page.get_by_test_id("stSidebar").get_by_text(f"Signed in as {PEOPLE[sub][0]}")).to_be_visible()
        expect(page.get_by_role("textbox", name="Your name")).to_have_count(0)
        viewer_note = page.get_by_test_id("stSidebar").get_by_text("You can read and export. To change anything")
        expect(viewer_note).to_have_count(0 if allowed else 1)
        page.get_by_text("➕ New workload").click()
        page.get_by_role("textbox", name="Name", exact=True).fill(f"{sub}'s workload")
        create = page.get_by_role("button", name="Create workload")
        steady(page, create)
        if allowed:
            create.click()
            settle(page)
            expect(page.get_by_text("alice's workload").first).to_be_visible()
        else:
            expect(create).to_be_disabled()
            shots(page, "viewer-create-disabled")

    # the server is the protection, not the button: alice's role is revoked while her page still offers Create
    page = shots.watch(pages["alice"])
    page.goto(url, timeout=WAIT_MS)
    page.wait_for_selector(IDLE, timeout=WAIT_MS)
    settle(page)
    page.get_by_text("➕ New workload").click()
    page.get_by_role("textbox", name="Name", exact=True).fill("alice's second workload")
    with open_ctx(team_server.database_url, kb) as ctx:
        services.revoke_role(ctx, _admin(ctx, provider), _id(ctx, "alice"), "contributor")
    create = page.get_by_role("button", name="Create workload")
    steady(page, create)
    create.click()
    settle(page)
    expect(page.get_by_text(re.compile(r"may not create or change workloads \(contributor\)"))).to_be_visible()
    shots(page, "revoked-refused")
    with open_ctx(team_server.database_url, kb) as ctx:
        services.grant_role(ctx, _admin(ctx, provider), _id(ctx, "alice"), "contributor")

    # mallory cannot sign off (not a decision maker, and no way to sign as carol); carol can, as herself
    for sub in ("mallory", "carol"):
        page = shots.watch(pages[sub])
        page.goto(f"{url}/sessions", timeout=WAIT_MS)
        page.wait_for_selector(IDLE, timeout=WAIT_MS)
        settle(page)
        choose(page, "Open a session", "Board · 2026-03-02 · open")
        form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Sign off"))
        expect(page.get_by_role("combobox", name="Sign off as")).to_have_count(0)
        expect(form.get_by_text(f"You sign off as {PEOPLE[sub][0]} ({PEOPLE[sub][1]}).")).to_be_visible()
        form.get_by_text("Accept", exact=True).click()  # no outcome is preselected (issue 14)
        form.get_by_role("button", name="Sign off").click()
        settle(page)
        shots(page, f"sign-off-{sub}")
    expect(pages["mallory"].get_by_text(re.compile(r"Mallory Mint <mallory@example.com> is not a decision maker of "
                                                    r"review session 'Board'"))).to_be_visible()  # fmt: skip
    expect(pages["carol"].get_by_text("Signed off by Carol Clark: saved as version 2 (accepted).")).to_be_visible()

    # the audit, on the admin page and in the database, shows each action with its identity
    page = shots.watch(pages["admin"])
    page.goto(f"{url}/admin", timeout=WAIT_MS)
    page.wait_for_selector(IDLE, timeout=WAIT_MS)
    settle(page)
    rows = grid_rows(dataframe_with_column(page, "Who"))
    seen = {(r["Who"], r["Action"], r["Outcome"]) for r in rows}
    assert {
        ("Alice Adams", "create workload", "done"), ("Alice Adams", "create workload", "refused"),
        ("Mallory Mint", "sign off", "refused"), ("Carol Clark", "sign off", "done"),
    } <= seen  # fmt: skip
    shots(page, "admin")
    _keep(page, "02-admin-page.png")
    with open_ctx(team_server.database_url, kb) as ctx:
        record = services.latest_record(ctx, workload_id)
        assert record is not None
        signed = "review session 'Board': accepted, signed off by Carol Clark, signed in as carol@example.com"
        assert (record.author, record.change) == ("Carol Clark", signed)
        assert [w.workload.name for w in services.list_workloads(ctx)] == ["alice's workload", "Payroll web"]


def test_a_tampered_cookie_a_removed_account_and_a_provider_down(
    team_server: AppServer, browser: Browser, shots: Screenshots, kb: KnowledgeBase, provider: Provider
) -> None:
    url = team_server.url
    alice = shots.watch(sign_in_as(browser, url, "alice"))
    bob = sign_in_as(browser, url, "bob")

    # a tampered session cookie: Streamlit's signature fails, and the sign-in screen is all there is
    cookies = alice.context.cookies()
    [user] = [c for c in cookies if c["name"] == "_streamlit_user"]
    value = user["value"]
    alice.context.add_cookies([{**user, "value": value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB")}])
    alice.goto(url, timeout=WAIT_MS)
    alice.wait_for_selector(IDLE, timeout=WAIT_MS)
    settle(alice)
    expect(alice.get_by_role("button", name="Sign in")).to_be_visible()
    expect(alice.get_by_text("Signed in as Alice Adams")).to_have_count(0)

    # an account removed while signed in: the next page load is refused, with a way to sign out
    with open_ctx(team_server.database_url, kb) as ctx:
        services.remove_account(ctx, _admin(ctx, provider), _id(ctx, "bob"))
    shots.watch(bob)
    bob.reload(timeout=WAIT_MS)
    bob.wait_for_selector(IDLE, timeout=WAIT_MS)
    settle(bob)
    expect(
        bob.get_by_text("You cannot use the app: the account of Bob Brown <bob@example.com> was removed; ask an admin.")
    ).to_be_visible()
    expect(bob.get_by_role("link", name="Workloads")).to_have_count(0)

    # the identity provider down at sign-in: said so on the sign-in screen, nobody sent to a dead page
    provider.stop()
    page = shots.watch(browser.new_context().new_page())
    page.goto(url, timeout=WAIT_MS)
    page.wait_for_selector(IDLE, timeout=WAIT_MS)
    page.get_by_role("button", name="Sign in").click()
    settle(page)
    expect(
        page.get_by_text(re.compile(r"Cannot sign in now: the sign-in provider at 127\.0\.0\.1:\d+ does not answer"))
    ).to_be_visible()
    assert page.url.startswith(url)
    shots(page, "provider-down")
    _keep(page, "03-provider-down.png")


def _admin(ctx: services.ServiceContext, provider: Provider) -> Actor:
    """The configured admin, who signed in once so the account exists."""
    actor, _ = services.sign_in(
        ctx, issuer=provider.issuer, subject="admin", name=PEOPLE["admin"][0], email=PEOPLE["admin"][1], claims={},
        settings=services.AccessSettings(admins=("admin@example.com",)),
    )  # fmt: skip
    return actor


def _id(ctx: services.ServiceContext, sub: str) -> int:
    return services.find_account(ctx, PEOPLE[sub][1]).id


def test_malformed_auth_settings_stop_the_app_with_one_line_naming_the_key(
    request: pytest.FixtureRequest, browser: Browser, shots: Screenshots, tmp_path: Path
) -> None:
    from tests.e2e.conftest import _SERVERS

    secret = "s3cret-cookie-value-0123456789abcdef-0123456789"
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f'[auth]\nredirect_uri = "http://127.0.0.1:1/oauth2callback"\ncookie_secret = "{secret}"\n'
        'client_id = "advisor"\nserver_metadata_url = "http://127.0.0.1:1/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    server = AppServer(f"sqlite:///{tmp_path / 'bad.db'}", free_port(), tmp_path, ["--secrets.files", str(secrets)])
    request.node.stash.setdefault(_SERVERS, []).append(server)
    server.start()
    try:
        page = shots.watch(browser.new_context().new_page())
        page.goto(f"{server.url}/sessions?user=Mallory", timeout=WAIT_MS)
        page.wait_for_selector(IDLE, timeout=WAIT_MS)
        settle(page)
        expect(
            page.get_by_text(f"Sign-in is not set up correctly: {secrets}: auth.client_secret: missing")
        ).to_be_visible()
        body = page.inner_text("body")
        assert secret not in body
        for other in ("Sign in", "Workloads", "Your name"):
            assert other not in body.replace("Sign-in is not set up", ""), f"{other!r} shown with broken settings"
        shots(page, "malformed-auth")
        _keep(page, "04-malformed-auth.png")
    finally:
        server.stop()
