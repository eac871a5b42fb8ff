"""The browser-test harness: the app as a real ``streamlit run`` server, screenshots, and waits."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")  # Debian's; `playwright install` is not used
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 15
WAIT_MS = 30_000  # any single wait in the browser: a rerun, an element, a navigation
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """``streamlit run app.py`` on ``port`` with ``ADVISOR_DATABASE_URL=database_url``; start/stop/restart."""

    def __init__(self, database_url: str, port: int, log_dir: Path, extra_args: Sequence[str] = ()) -> None:
        self.database_url = database_url
        self.port = port
        self.extra_args = list(extra_args)  # e.g. --secrets.files for team mode
        self.url = f"http://127.0.0.1:{port}"
        self._log_dir = log_dir
        self._process: subprocess.Popen[bytes] | None = None
        self.logs: list[Path] = []

    def start(self) -> None:
        assert self._process is None, "the server is already running"
        log = self._log_dir / f"server-{len(self.logs) + 1}.log"
        self.logs.append(log)
        env = {**os.environ, "ADVISOR_DATABASE_URL": self.database_url, "PYTHONUNBUFFERED": "1"}
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(self.port),
            "--server.headless",
            "true",
            *self.extra_args,
        ]
        with log.open("wb") as out:  # a file, not a pipe: a chatty server can never block on a full pipe
            self._process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        self._wait_healthy()

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT_S)

    def restart(self) -> None:
        self.stop()
        self.start()

    def output(self) -> str:
        return "\n".join(f"--- {log.name} ---\n{log.read_text(errors='replace')}" for log in self.logs if log.exists())

    def _wait_healthy(self) -> None:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via an HTTP proxy
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                pytest.fail(f"the server exited with code {self._process.returncode}:\n{self.output()}")
            try:
                with opener.open(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        return
            except OSError:
                pass
            time.sleep(0.25)
        self.stop()
        pytest.fail(f"the server did not report healthy within {START_TIMEOUT_S} s:\n{self.output()}")


class Screenshots:
    """Numbered full-page screenshots in a pytest tmp folder (never in the repository)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._count = 0
        self._last: Page | None = None

    def __call__(self, page: Page, step: str) -> None:
        self._count += 1
        self._last = page
        page.screenshot(path=self.folder / f"{self._count:02}-{step}.png", full_page=True)

    def watch(self, page: Page) -> Page:
        """The page a failure screenshot is taken of."""
        self._last = page
        return page

    def failure(self) -> None:
        if self._last is not None and not self._last.is_closed():
            try:
                self(self._last, "failure")
            except Exception as exc:  # the browser may be the thing that failed
                (self.folder / "failure-screenshot-error.txt").write_text(repr(exc))


def steady(page: Page, locator: Locator) -> None:
    """Wait until ``locator`` stops moving: an expander opens with an animation, slower on a loaded machine, and a
    click while the content still slides can land beside the button (the click is then lost, no rerun at all)."""
    box = None
    for _ in range(100):
        now = locator.bounding_box()
        if now is not None and now == box:
            return
        box = now
        page.wait_for_timeout(100)
