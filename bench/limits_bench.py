"""Memory at the input limits: the worst shapes a file may have and still be within them (issue 16).

Each file is made in a temporary folder (removed at the end) and read by the command line in a FRESH
interpreter; the figure is that process's peak resident memory (``ru_maxrss`` of the child), with the time.
The limits are chosen so that every row stays near or under 1 GiB, except the triage of a 1,000,000-VM
estate, which this bench reports as it is (reading it is the first row). Figures only, nothing is asserted.

* a realistic 1,000,000-VM canonical CSV (the triage bench's estate): ``triage --out``;
* 1,000,000 rows of 25 one-character columns, the most cells the inventory CSV limits keep;
* 400,000 compact Resource Graph records (the record limit), every canonical field a distinct value;
* a 64 MiB import of one object with millions of keys (the import's size limit, no other limit passed);
* a 2 MiB answer-profiles file of 199,999 values in one flow list (the YAML values limit).

``LIMITS_BENCH_SCALE`` (default 1) shrinks the row counts, to try the bench quickly.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.triage_bench import COLUMNS, canonical_row, estate

SCALE = float(os.environ.get("LIMITS_BENCH_SCALE", "1"))
ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024


def _count(full: int) -> int:
    return max(10, int(full * SCALE))


def realistic_csv(folder: Path) -> list[str]:
    path = folder / "estate.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(canonical_row(vm) for vm in estate(_count(1_000_000)))
    return ["triage", str(path), "--out", str(folder / "estate.json")]


def grid_csv(folder: Path) -> list[str]:
    path = folder / "grid.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(",".join(["cloud_service", "vm_name", *(f"c{i}" for i in range(23))]) + "\n")
        tail = ",x" * 23 + "\n"
        handle.writelines(f"cs{i // 40},vm{i}{tail}" for i in range(_count(1_000_000)))
    return ["triage", str(path), "--out", str(folder / "grid.json")]


def compact_json(folder: Path) -> list[str]:
    path = folder / "records.json"
    record = (
        '{{"name":"v{0}","location":"l{0}","subscriptionId":"s{0}","properties":{{"domainName":{{"name":"c{0}"}},'
        '"hardwareProfile":{{"deploymentName":"d{0}","size":"z{0}","availabilitySet":"a{0}"}},"instanceView":'
        '{{"status":"t{0}","guestAgentStatus":{{"status":"g{0}"}}}},"storageProfile":{{"operatingSystemDisk":'
        '{{"operatingSystem":"o{0}","ioType":"i{0}","vhdUri":"https://x/vhds/b{0}.vhd"}}}},"extensions":'
        '[{{"extension":"BGInfo","version":"1.{0}"}}],"networkProfile":{{"virtualNetwork":{{"name":"n{0}",'
        '"subnetNames":["s{0}"]}},"inputEndpoints":[{{"acl":"x{0}"}}]}}}}}}'
    )
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[" + ",".join(record.format(i) for i in range(_count(400_000))) + "]")
    return ["triage", str(path), "--out", str(folder / "records.out.json")]


def import_keys(folder: Path) -> list[str]:
    path = folder / "import.json"
    budget, parts, size, number = int(64 * MIB * SCALE) - 64, [], 2, 0
    while size < budget:
        part = f'"k{number}":0'
        parts.append(part)
        size += len(part) + 1
        number += 1
    path.write_text("{" + ",".join(parts) + "}", encoding="utf-8")
    return ["import", str(path)]


def profiles_flow(folder: Path) -> list[str]:
    path = folder / "profiles.yaml"
    path.write_text("profiles: [" + "a," * (_count(200_000) - 2) + "a]\n", encoding="utf-8")
    return ["batch", str(ROOT / "tests" / "data" / "golden_inventory.csv"), "--profiles", str(path),
            "--out", str(folder / "batch.json")]  # fmt: skip


CASES = (
    ("1,000,000-VM canonical CSV, triaged", realistic_csv),
    ("1,000,000 rows x 25 one-character columns, triaged", grid_csv),
    ("400,000 compact Resource Graph records, triaged", compact_json),
    ("64 MiB import: one object of millions of keys", import_keys),
    ("2 MiB answer profiles: 199,999 values in a flow list", profiles_flow),
)


# `python -m advisor ARGS` in this child, then its own peak resident memory (KiB) as the last stderr line.
_CHILD = """
import resource, runpy, sys
sys.argv = ["advisor", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("advisor", run_name="__main__")
except SystemExit as exit:
    code = exit.code
print(code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def _run(argv: list[str]) -> tuple[int, float, float]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _CHILD, *argv], cwd=ROOT, capture_output=True, text=True,
                          check=False)  # fmt: skip
    seconds = time.monotonic() - started
    code, peak_kib = done.stderr.strip().splitlines()[-1].split()
    return int(code), seconds, int(peak_kib) / 1024


def main() -> None:
    print(f"limits bench (scale {SCALE}): peak resident memory of the command line per file")
    with tempfile.TemporaryDirectory() as folder:
        for title, build in CASES:
            case_folder = Path(folder) / build.__name__
            case_folder.mkdir()
            argv = build(case_folder)
            size = sum(p.stat().st_size for p in case_folder.iterdir()) / MIB
            code, seconds, peak = _run(argv)
            print(f"  {title}: {size:,.0f} MiB file, exit {code}, {seconds:,.1f} s, peak {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
