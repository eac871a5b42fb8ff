"""`python -m advisor prices fetch|import|list` in a child process, against a real local HTTP server: progress on
stderr, one line per fault, exit 2 and nothing stored on failure, the endpoint and backoff from the environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT
from tests.prices.api_server import VM_CONSUMPTION, Response, next_link, ok, page, running, two_pages


def advisor(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "ADVISOR_DATABASE_URL": f"sqlite:///{tmp_path}/advisor.db", **env}
    return subprocess.run([sys.executable, "-m", "advisor", *args], cwd=REPO_ROOT, env=environment,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


def test_fetch_stores_a_sheet_shows_progress_and_list_shows_it(tmp_path: Path) -> None:
    with running() as server:
        two_pages(server)
        fetched = advisor(tmp_path, "prices", "fetch", "--region", "westeurope", "--author", "Ann",
                          ADVISOR_PRICES_ENDPOINT=server.endpoint)  # fmt: skip

    assert fetched.returncode == 0, fetched.stderr
    assert fetched.stderr.splitlines() == [
        "fetching prices: page 1, 2 prices so far",
        "fetching prices: page 2, 3 prices so far",
    ]
    assert fetched.stdout.startswith("stored price sheet 1: westeurope in USD, 3 prices from 2 pages, read ")
    assert fetched.stdout.rstrip().endswith("UTC; it is the one in use for westeurope in USD")

    listed = advisor(tmp_path, "prices", "list")
    assert listed.returncode == 0, listed.stderr
    header, row = listed.stdout.splitlines()
    assert header.split() == ["sheet", "region", "currency", "prices", "age", "read", "origin", "loaded", "by", "in",
                              "use"]  # fmt: skip
    assert row.split()[:5] == ["1", "westeurope", "USD", "3", "today"]
    assert row.split()[-3:] == ["fetched", "Ann", "yes"]

    as_json = json.loads(advisor(tmp_path, "prices", "list", "--format", "json").stdout)
    assert [(s["region"], s["currency"], s["items"], s["in_use"], s["origin"]) for s in as_json] == [
        ("westeurope", "USD", 3, True, "fetched")
    ]


def test_the_endpoint_flag_wins_and_a_500_until_give_up_exits_2_with_the_offline_hint(tmp_path: Path) -> None:
    with running() as server:
        server.route(None, ok(page([VM_CONSUMPTION], next_link(server.base, 1))))
        server.route(1, Response(500))
        failed = advisor(tmp_path, "prices", "fetch", "--region", "westeurope", "--endpoint", server.endpoint,
                         "--backoff", "0", ADVISOR_PRICES_ENDPOINT="http://127.0.0.1:9/unused")  # fmt: skip
        asked = len(server.requests)

    assert failed.returncode == 2
    assert asked == 1 + 5  # the first page, then the second page's five tries (prices.yaml: attempts 5)
    errors = [line for line in failed.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {server.endpoint}: page 2 could not be fetched: HTTP 500 Internal Server Error after 5 tries; nothing "
        "was stored; without internet access, save the API's pages with curl where there is (README, 'Price "
        "sheets') and load them with `python -m advisor prices import FILE...` or on the Settings page"
    ]
    assert "Traceback" not in failed.stderr
    assert advisor(tmp_path, "prices", "list", "--format", "json").stdout.strip() == "[]"


def test_import_loads_saved_pages_all_or_nothing(tmp_path: Path) -> None:
    with running() as server:
        first, second = two_pages(server)
    (tmp_path / "page1.json").write_text(json.dumps(first), encoding="utf-8")
    (tmp_path / "page2.json").write_text(json.dumps(second)[:-20], encoding="utf-8")

    broken = advisor(tmp_path, "prices", "import", str(tmp_path / "page1.json"), str(tmp_path / "page2.json"))
    (tmp_path / "page2.json").write_text(json.dumps(second), encoding="utf-8")
    loaded = advisor(tmp_path, "prices", "import", str(tmp_path / "page1.json"), str(tmp_path / "page2.json"),
                     "--currency", "usd", "--format", "json")  # fmt: skip

    assert broken.returncode == 2
    assert broken.stderr.startswith(f"error: {tmp_path / 'page2.json'}:1: the JSON ends too early (at byte ")
    assert loaded.returncode == 0, loaded.stderr
    sheet = json.loads(loaded.stdout)
    assert (sheet["id"], sheet["region"], sheet["currency"], sheet["items"], sheet["pages"]) == (
        1, "westeurope", "USD", 3, 2,
    )  # fmt: skip


def test_a_bad_backoff_is_one_line(tmp_path: Path) -> None:
    failed = advisor(tmp_path, "prices", "fetch", "--region", "westeurope", ADVISOR_PRICES_BACKOFF="soon")

    assert failed.returncode == 2
    assert failed.stderr == "error: <input>: ADVISOR_PRICES_BACKOFF must be seconds from 0 to 3600, not 'soon'\n"
