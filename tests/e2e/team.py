"""Team mode in the browser tests: a test OpenID provider (``oidc-provider-mock``) with five people, a secrets file
that turns sign-in on, and signing in as one of them in Chromium."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from advisor.models.actor import Actor
from tests.e2e.harness import IDLE, WAIT_MS
from tests.e2e.test_restart_keeps_everything import settle

PEOPLE = {  # subject -> (name, email); admin is the configured first admin
    "admin": ("Ada Admin", "admin@example.com"),
    "alice": ("Alice Adams", "alice@example.com"),
    "bob": ("Bob Brown", "bob@example.com"),
    "carol": ("Carol Clark", "carol@example.com"),
    "mallory": ("Mallory Mint", "mallory@example.com"),
}
COOKIE_SECRET = "e2e-cookie-secret-0123456789abcdef0123456789"


class Provider:
    """``python -m oidc_provider_mock`` on ``port`` with :data:`PEOPLE` as its predefined users."""

    def __init__(self, port: int, log: Path) -> None:
        self.port = port
        self.issuer = f"http://127.0.0.1:{port}"
        self.metadata_url = f"{self.issuer}/.well-known/openid-configuration"
        self._log = log
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        users = [
            arg
            for sub, (name, email) in PEOPLE.items()
            for arg in ("--user-claims", json.dumps({"sub": sub, "name": name, "email": email}))
        ]
        with self._log.open("wb") as out:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "oidc_provider_mock", "--port", str(self.port), *users],
                stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with opener.open(self.metadata_url, timeout=2) as response:
                    if json.loads(response.read())["issuer"] == self.issuer:
                        return
            except OSError:
                time.sleep(0.25)
        pytest.fail(f"the test OpenID provider did not start:\n{self._log.read_text(errors='replace')}")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait(timeout=15)

    def actor(self, sub: str) -> Actor:
        """The actor the app makes of ``sub``'s token (for seeding through the services)."""
        name, email = PEOPLE[sub]
        return Actor.signed_in(self.issuer, sub, name, email)


def secrets_file(folder: Path, app_port: int, provider: Provider) -> Path:
    """A secrets.toml turning team mode on: the provider, the app's callback, admin@example.com the first admin."""
    path = folder / f"secrets-{app_port}.toml"
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        f'cookie_secret = "{COOKIE_SECRET}"\n'
        'client_id = "compute-target-advisor"\n'
        'client_secret = "e2e-client-secret-not-used-by-the-mock"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n\n'
        "[access]\n"
        'admins = ["admin@example.com"]\n',
        encoding="utf-8",
    )
    return path


def sign_in_as(browser: Browser, url: str, sub: str, backend: str = "") -> Page:
    """A fresh browser (its own cookies) signed in as ``sub``: the sign-in screen, the provider, back signed in.
    ``backend`` sets the sticky proxy's affinity cookie."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    if backend:
        context.add_cookies([{"name": "backend", "value": backend, "url": url}])
    page = context.new_page()
    page.goto(url, timeout=WAIT_MS)
    page.wait_for_selector(IDLE, timeout=WAIT_MS)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/oauth2/authorize"), timeout=WAIT_MS)
    page.get_by_role("button", name=sub, exact=True).click()
    page.wait_for_url(re.compile(re.escape(url)), timeout=WAIT_MS)
    page.wait_for_selector(IDLE, timeout=WAIT_MS)
    settle(page)
    expect(page.get_by_test_id("stSidebar").get_by_text(f"Signed in as {PEOPLE[sub][0]}")).to_be_visible()
    return page
