"""Browser-test fixtures: the app as a real ``streamlit run`` server, and Chromium driven by Playwright.

The server runs from the repository root on a free port with its own SQLite database. It is always
stopped at teardown, and a failed test's report carries the output of every server it started
and the folder of its screenshots. Without Chromium the tests are skipped locally but fail in CI
(``CI=true``; ``.ci/run`` installs Chromium), so CI never passes with the browser half missing.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect, sync_playwright

from tests.e2e.harness import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, AppServer, Screenshots, free_port
from tests.e2e.team import Provider

_SERVERS = pytest.StashKey[list[AppServer]]()
_SHOTS = pytest.StashKey[Screenshots]()


@pytest.fixture
def app_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AppServer]:
    """A started server on a fresh SQLite database in tmp_path; stopped at teardown whatever happened."""
    server = AppServer(f"sqlite:///{tmp_path / 'e2e.db'}", free_port(), tmp_path)
    request.node.stash.setdefault(_SERVERS, []).append(server)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def provider(tmp_path: Path) -> Iterator[Provider]:
    """A test OpenID provider (oidc-provider-mock) on a free local port, for the team-mode tests."""
    started = Provider(free_port(), tmp_path / "provider.log")
    started.start()
    try:
        yield started
    finally:
        started.stop()


@pytest.fixture
def shots(request: pytest.FixtureRequest, tmp_path: Path) -> Screenshots:
    folder = tmp_path / "screenshots"
    folder.mkdir()
    request.node.stash[_SHOTS] = Screenshots(folder)
    return request.node.stash[_SHOTS]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"no Chromium at {CHROMIUM}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI must run the browser tests; .ci/run installs it)")
        pytest.skip(message)
    expect.set_options(timeout=WAIT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """On failure: a screenshot of the last page, and each server's output and the screenshot folder in the report."""
    report = yield
    if report.failed:
        shots = item.stash.get(_SHOTS, None)
        if shots is not None and call.when == "call":
            shots.failure()
        for server in item.stash.get(_SERVERS, []):
            report.sections.append((f"Streamlit server on port {server.port}", server.output()))
        if shots is not None:
            report.sections.append(("Screenshots", str(shots.folder)))
    return report
