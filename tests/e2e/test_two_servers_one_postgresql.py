"""Two app servers on one PostgreSQL, in team mode, behind one reverse proxy (sticky by cookie, websockets
passed through: :mod:`tests.e2e.sticky_proxy`), as a team deployment runs them.

Both servers read one secrets file (one public address, one cookie secret), so a person signed in through
server A is signed in on server B too. carol
is the decision maker of two sessions that both have Payroll on their agenda at version 1. On server A she signs
off session one; server B shows that sign-off; then, from a page of server B loaded before the sign-off, she signs
off session two: the server refuses it cleanly (a newer version was saved meanwhile, nothing overwritten) and the
database holds exactly one new version. Needs ADVISOR_TEST_POSTGRES_URL (``.ci/run`` sets it).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from advisor import KnowledgeBase, services
from tests.conftest import postgres_schema
from tests.e2e.harness import IDLE, WAIT_MS, AppServer, Screenshots, free_port
from tests.e2e.sticky_proxy import StickyProxy
from tests.e2e.team import Provider, secrets_file, sign_in_as
from tests.e2e.test_restart_keeps_everything import settle
from tests.e2e.test_review_session import choose
from tests.e2e.test_team_mode import _seed_workload
from tests.services.builders import open_ctx

pytestmark = pytest.mark.e2e


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with postgres_schema("e2e") as url:  # skips (or fails in CI) without PostgreSQL
        yield url


@pytest.fixture
def two_servers(
    request: pytest.FixtureRequest, tmp_path: Path, provider: Provider, postgres_url: str
) -> Iterator[tuple[StickyProxy, AppServer, AppServer]]:
    """Two servers behind one sticky proxy; one secrets file for both: the proxy's address, one cookie secret."""
    from tests.e2e.conftest import _SERVERS

    ports = {"a": free_port(), "b": free_port()}
    proxy = StickyProxy(free_port(), ports)
    secrets = secrets_file(tmp_path, proxy.port, provider)
    servers = []
    for name, port in ports.items():
        folder = tmp_path / name
        folder.mkdir()
        servers.append(AppServer(postgres_url, port, folder, ["--secrets.files", str(secrets)]))
    request.node.stash.setdefault(_SERVERS, []).extend(servers)
    try:
        for server in servers:
            server.start()
        proxy.start()
        yield proxy, servers[0], servers[1]
    finally:
        proxy.stop()
        for server in servers:
            server.stop()


def _open_session(page: Page, url: str, title: str) -> None:
    page.goto(f"{url}/sessions", timeout=WAIT_MS)
    page.wait_for_selector(IDLE, timeout=WAIT_MS)
    settle(page)
    choose(page, "Open a session", f"{title} · 2026-03-02 · open")


def test_a_sign_off_on_one_server_is_seen_on_the_other_and_a_concurrent_one_conflicts_cleanly(
    two_servers: tuple[AppServer, AppServer], browser: Browser, shots: Screenshots, kb: KnowledgeBase,
    provider: Provider, postgres_url: str,
) -> None:  # fmt: skip
    proxy, _a, _b = two_servers
    url = proxy.url
    workload_id = _seed_workload(postgres_url, kb, "Payroll")
    page_a = shots.watch(sign_in_as(browser, url, "carol", backend="a"))  # the account exists from here on
    with open_ctx(postgres_url, kb) as ctx:
        admin, _ = services.sign_in(
            ctx, issuer=provider.issuer, subject="admin", name="Ada Admin", email="admin@example.com", claims={},
            settings=services.AccessSettings(admins=("admin@example.com",)),
        )  # fmt: skip
        carol = services.find_account(ctx, "carol@example.com")
        services.grant_role(ctx, admin, carol.id, "reviewer")
        for title in ("Board one", "Board two"):
            session = services.create_session(
                ctx,
                provider.actor("carol"),
                title,
                datetime.date(2026, 3, 2),
                [("carol@example.com", "decision_maker")],
            )
            services.set_agenda(ctx, provider.actor("carol"), session.id, [workload_id])

    # The same person's browser sent to the other server (the affinity cookie says b): still signed in, since both
    # servers share the cookie secret.
    context_b = browser.new_context(viewport={"width": 1400, "height": 1000})
    signed = [c for c in page_a.context.cookies() if c["name"].startswith("_streamlit_user")]
    context_b.add_cookies([*signed, {"name": "backend", "value": "b", "url": url}])
    page_b = context_b.new_page()
    page_b.goto(url, timeout=WAIT_MS)
    page_b.wait_for_selector(IDLE, timeout=WAIT_MS)
    settle(page_b)
    expect(page_b.get_by_test_id("stSidebar").get_by_text("Signed in as Carol Clark")).to_be_visible()
    _open_session(page_b, url, "Board two")  # loaded before the sign-off on server A

    _open_session(page_a, url, "Board one")
    page_a.get_by_test_id("stForm").get_by_text("Accept", exact=True).click()  # no outcome is preselected
    page_a.get_by_test_id("stForm").get_by_role("button", name="Sign off").click()
    settle(page_a)
    expect(page_a.get_by_text("Signed off by Carol Clark: saved as version 2 (accepted).")).to_be_visible()
    shots(page_a, "server-a-signed")

    shots.watch(page_b)
    page_b.get_by_test_id("stForm").get_by_text("Accept", exact=True).click()
    page_b.get_by_test_id("stForm").get_by_role("button", name="Sign off").click()
    settle(page_b)
    expect(page_b.get_by_text("this sign-off was refused and nothing was overwritten", exact=False)).to_be_visible()
    shots(page_b, "server-b-conflict")
    _open_session(page_b, url, "Board one")  # server B sees server A's sign-off
    expect(page_b.get_by_text("Accepted, signed off by Carol Clark on", exact=False)).to_be_visible()
    expect(page_b.get_by_text("(signed in (team mode))", exact=False)).to_be_visible()

    assert proxy.connections["a"] > 0
    assert proxy.connections["b"] > 0, "server B served the second browser"
    with open_ctx(postgres_url, kb) as ctx:
        history = services.record_history(ctx, workload_id)
        versions = [(r.version, r.author, r.status) for r in history]
        assert versions == [(1, "Seeder", "proposed"), (2, "Carol Clark", "accepted")]
        refused = services.audit_events(ctx, admin, services.AuditFilter(outcome="refused"))
        assert refused == [], "a conflict is not a refusal of rights: it is reported, not audited as refused"
