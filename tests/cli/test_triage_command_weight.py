"""``python -m advisor triage`` loads only what triage needs, and its JSON is written while it is built: the
store, SQLAlchemy, the decision tree and networkx stay unimported once the triage knowledge is kept, and a
write that fails (a full disk) still ends in one line naming the file."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from advisor.cli.inventory import _write_while_building
from tests.triage.build import vm, write_inventory

Runner = Callable[..., subprocess.CompletedProcess[str]]
NOT_FOR_TRIAGE = ("sqlalchemy", "alembic", "networkx", "openpyxl", "streamlit", "advisor.store", "advisor.decide",
                  "advisor.knowledge.assembly")  # fmt: skip


def test_triage_imports_neither_the_store_nor_the_decision_tree(run_advisor: Runner, tmp_path: Path,
                                                              repo_root: Path) -> None:  # fmt: skip
    inventory = write_inventory(tmp_path, [vm("web01"), vm("web02", extensions="BGInfo@1.5")])
    first = run_advisor("triage", inventory, "--format", "json", "--out", tmp_path / "first.json")
    assert first.returncode == 0, first.stderr  # the first run loads the whole knowledge, and keeps the rules
    probe = (
        "import json, sys\n"
        "from advisor.cli.main import main\n"
        f"code = main(['triage', {str(inventory)!r}, '--format', 'json', '--out', {str(tmp_path / 'out.json')!r}])\n"
        "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=repo_root, capture_output=True, text=True, timeout=120,
                          check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])

    assert report["code"] == 0
    assert [m for m in report["modules"] if m.startswith(NOT_FOR_TRIAGE)] == []
    assert (tmp_path / "out.json").read_bytes() == (tmp_path / "first.json").read_bytes()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (a device that is always full)")
def test_a_full_disk_is_one_line_naming_the_file(run_advisor: Runner, tmp_path: Path) -> None:
    inventory = write_inventory(tmp_path, [vm(f"vm{n:03d}") for n in range(50)])

    done = run_advisor("triage", inventory, "--format", "json", "--out", "/dev/full")

    assert done.returncode == 2
    assert done.stderr == "error: /dev/full: cannot write the result: No space left on device\n"


class _FailingFile:
    def __init__(self, fail_at: int) -> None:
        self.written: list[bytes] = []
        self.fail_at = fail_at

    def write(self, chunk: bytes) -> int:
        if len(self.written) == self.fail_at:
            raise OSError(28, "No space left on device")
        self.written.append(bytes(chunk))
        return len(chunk)


def test_the_writer_keeps_the_order_of_the_chunks() -> None:
    out = _FailingFile(fail_at=-1)
    chunks = [f"chunk {n};".encode() for n in range(25)]

    _write_while_building(out, iter(chunks))

    assert out.written == chunks


def test_a_failed_write_stops_the_building_and_is_raised() -> None:
    built: list[int] = []

    def chunks() -> Iterator[bytes]:
        for n in range(1000):
            built.append(n)
            yield b"x" * 10

    out = _FailingFile(fail_at=2)
    with pytest.raises(OSError, match="No space left"):
        _write_while_building(out, chunks())

    assert len(out.written) == 2
    assert len(built) < 1000  # at most the chunks waiting when the write failed were built in vain


def test_a_regular_file_holds_exactly_what_was_written_after_the_space_reserved_ahead(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    chunks = [b"x" * 70_000, memoryview(b"y" * 5), b"z" * 123_457]
    with target.open("wb") as raw:
        raw.write(b'{"vms": [')  # the text before the chunks: the reservations start where it ends
        _write_while_building(raw, iter(chunks))
        raw.write(b"]}")

    assert target.read_bytes() == b'{"vms": [' + b"x" * 70_000 + b"yyyyy" + b"z" * 123_457 + b"]}"
