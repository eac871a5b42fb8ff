"""Triage at estate scale: a 100,000-VM inventory read and triaged, against pandas reading the same CSV.

A seeded generator writes, into a temporary folder (removed at the end):

* a canonical CSV (contract §6) of ``VMS`` classic VMs with a realistic mix: most VMs in ~300 VNets of
  up to ~400 VMs (two VNets above 400, so O6 fires), ~10% in cloud services outside any VNet, ~5% with
  BGInfo 1.x, ~2% with the Azure Backup snapshot extension, some multi-subnet and subnet-less VMs,
  a few ProvisioningTimeout / RoleStateUnknown, some empty status / agent / ACL cells (unknown), mixed
  and split availability sets, Premium disks with boot diagnostics, disk blobs in folders;
* the VNet facts CSV of those VNets (a few facts true, a few cells empty, a few VNets left out);
* the same VMs as a Resource Graph JSON export (``{"count", "data": [...]}``, nested ``properties`` as in
  migration-tool.md §5.1, one record per line), about 3.5 KB a VM: ~340 MB for 100,000.

Each measurement runs in a FRESH interpreter, so its peak memory (``ru_maxrss``) is its own; the peak of
an interpreter that imported the same modules (and loaded the knowledge) and did nothing else is
subtracted. Figures are the median of ``REPEATS`` runs (one run for the JSON import):

(a) floor: ``pandas.read_csv(file, dtype=str, keep_default_na=False)``;
(b) end to end in process: ``read_inventory`` + ``read_vnet_facts`` + ``triage`` + the JSON the CLI writes
    (``--out``), with the split per step; run side by side with (a), a floor run then a triage run each
    repeat, and the ratio taken per pair (the machine is shared: a pair sees the same load); target:
    within 3x of (a);
(c) import of the Resource Graph JSON export (``read_inventory``); target: under 2 GiB;
(d) whole processes, warm file cache: ``python -m advisor triage FILE --format json --out OUT`` against
    ``python -c "import pandas; pandas.read_csv(FILE, dtype=str, keep_default_na=False)"``, alternated,
    ``PROCESS_REPEATS`` (5) of each, medians and the median of the per-pair ratios; target: within 2x. The
    command keeps the triage knowledge in a per-user cache (here a temporary folder); its first run, which loads
    the whole knowledge and keeps it, is printed apart;
(e) a million VMs (``TRIAGE_BENCH_MILLION``, 0 skips it): (b) and (a) once each, time and peak memory
    above the baseline interpreter; target: peak under 1 GiB above the baseline.

When triage (+ JSON) takes longer than the reading, a cProfile run of it prints its top entries.
Figures only, nothing is asserted. ``TRIAGE_BENCH_VMS`` and ``TRIAGE_BENCH_REPEATS`` override the size
and the repeats. The load average is printed before and after: figures from a shared machine are noisy,
and the ratios (measured side by side) are what to compare.
"""

from __future__ import annotations

import csv
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

VMS = int(os.environ.get("TRIAGE_BENCH_VMS", "100000"))
REPEATS = int(os.environ.get("TRIAGE_BENCH_REPEATS", "3"))
PROCESS_REPEATS = 5
WARM_PAIRS = 7
MILLION = int(os.environ.get("TRIAGE_BENCH_MILLION", "1000000"))
SEED = 20261201
GIB = 1024**3
ROOT = Path(__file__).resolve().parent.parent

COLUMNS = (
    "subscription_id", "cloud_service", "deployment", "vm_name", "location", "size", "os_type", "status", "vnet",
    "subnets", "availability_set", "endpoint_acls", "extensions", "os_disk_io_type", "boot_diagnostics",
    "agent_status", "disk_blob_names",
)  # fmt: skip
FACTS = (
    "has_app_gateway", "has_apim", "has_hdinsight", "has_app_service_environment", "has_dynamics_lcs",
    "has_web_worker_roles", "has_peering", "has_classic_expressroute",
)  # fmt: skip
SIZES = ("Small", "Medium", "Large", "ExtraLarge", "ExtraSmall", "A5", "A6", "A7", "Basic_A2", "Standard_D2",
         "Standard_D3", "Standard_DS3", "Standard_D12_v2", "Standard_G2")  # fmt: skip
SIZE_WEIGHTS = (20, 18, 10, 4, 3, 3, 2, 1, 3, 10, 8, 8, 6, 1)
LOCATIONS = ("westeurope", "northeurope", "eastus", "eastus2", "westus", "southeastasia")
STATUSES = ("ReadyRole", "StoppedDeallocated", "StoppedVM", "", "ProvisioningTimeout", "RoleStateUnknown")
STATUS_WEIGHTS = (845, 100, 30, 15, 3, 7)


# --- the estate ----------------------------------------------------------------------------------------------


def _plan(rng: random.Random, count: int) -> list[tuple[str, str, int]]:
    """(vnet or "", subscription, VM count) per cloud service: ~300 VNets, two of them above 400 VMs."""
    subscriptions = [f"{rng.getrandbits(32):08x}-{i:04x}-4{i:03x}-8000-{rng.getrandbits(48):012x}" for i in range(20)]
    scale = count / 100_000
    vnet_sizes = [rng.randint(200, 400) for _ in range(max(1, round(298 * scale)))]
    vnet_sizes += [430, 520] if count >= 10_000 else []
    total = sum(vnet_sizes)
    if total > 0.92 * count:  # keep ~8-10% of the VMs outside VNets
        factor = 0.9 * count / total
        vnet_sizes = [max(1, int(size * factor)) for size in vnet_sizes[:-2]] + vnet_sizes[-2:]
    services: list[tuple[str, str, int]] = []
    for index, size in enumerate(vnet_sizes):
        subscription = subscriptions[index % len(subscriptions)]
        vnet = f"Group rg-{index % 40:02d} vnet-{index:03d}" if index % 3 == 0 else f"vnet-{index:03d}"
        while size > 0:
            take = min(size, rng.randint(2, 12))
            services.append((vnet, subscription, take))
            size -= take
    remaining = count - sum(n for _, _, n in services)
    while remaining > 0:
        take = min(remaining, rng.choice((1, 1, 2, 2, 3, 4, 6, 8)))
        services.append(("", rng.choice(subscriptions), take))
        remaining -= take
    return services


def _extensions(rng: random.Random, linux: bool) -> list[tuple[str, str]]:
    if rng.random() < 0.10:
        return []
    items = [("VMAccessForLinux", "1.5") if linux else ("VMAccessAgent", "2.4")]
    roll = rng.random()
    if not linux and roll < 0.05:
        items.append(("BGInfo", "1.*"))
    elif not linux and roll < 0.7:
        items.append(("BGInfo", "2.1"))
    if rng.random() < 0.02:
        items.append(("VMSnapshotLinux", "1.0.9") if linux else ("VMSnapshot", "1.0.9"))
    if rng.random() < 0.03:
        items.append(("OmsAgentForLinux", "1.13") if linux else ("MicrosoftMonitoringAgent", "1.0"))
    if rng.random() < 0.005:
        items.append(("SiteRecovery-Linux", "1.0") if linux else ("SiteRecovery-Windows", "1.0"))
    if rng.random() < 0.2:
        items.append(("IaaSDiagnostics", "1.5"))
    return items


def estate(count: int = VMS, seed: int = SEED) -> Iterator[dict[str, object]]:
    """The VMs, each as its canonical fields plus the details the Resource Graph record needs."""
    rng = random.Random(seed)
    number = 0
    for service_index, (vnet, subscription, size) in enumerate(_plan(rng, count)):
        service = f"cs-{service_index:05d}"
        shape = rng.random()  # availability sets: one for all, none, mixed (C7), two sets (C7)
        location = LOCATIONS[zlib.crc32((vnet or service).encode()) % len(LOCATIONS)]
        subnets_of_vnet = ("web", "app", "data", "mgmt")
        for position in range(size):
            number += 1
            name = f"vm{number:06d}"
            linux = rng.random() < 0.4
            if shape < 0.70:
                availability_set = f"{service}-as"
            elif shape < 0.90:
                availability_set = ""
            elif shape < 0.98:
                availability_set = f"{service}-as" if position % 2 == 0 else ""
            else:
                availability_set = f"{service}-as{position % 2}"
            subnets: list[str] = []
            if vnet:
                roll = rng.random()
                subnets = [] if roll < 0.003 else rng.sample(subnets_of_vnet, 2 if roll < 0.013 else 1)
            premium = rng.random() < 0.15
            disks = [f"{name}-os.vhd"] + [f"{name}-data{d}.vhd" for d in range(rng.choice((0, 0, 1, 1, 2, 3)))]
            if rng.random() < 0.005:
                disks[-1] = "old/" + disks[-1]
            acl_roll = rng.random()
            agent_roll = rng.random()
            yield {
                "subscription_id": subscription,
                "cloud_service": service,
                "deployment": service,
                "vm_name": name,
                "location": location,
                "size": rng.choices(SIZES, SIZE_WEIGHTS)[0],
                "os_type": "Linux" if linux else "Windows",
                "status": rng.choices(STATUSES, STATUS_WEIGHTS)[0],
                "vnet": vnet,
                "subnets": subnets,
                "availability_set": availability_set,
                "endpoint_acls": "" if acl_roll < 0.05 else ("true" if acl_roll < 0.10 else "false"),
                "extensions": _extensions(rng, linux),
                "os_disk_io_type": "Premium" if premium else "Standard",
                "boot_diagnostics": "true" if rng.random() < 0.2 else "false",
                "agent_status": "" if agent_roll < 0.02 else ("NotReady" if agent_roll < 0.05 else "Ready"),
                "disk_blob_names": disks,
                "ip": f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}",
            }


def canonical_row(vm: dict[str, object]) -> dict[str, str]:
    row = {column: vm[column] for column in COLUMNS}
    row["subnets"] = ";".join(vm["subnets"])  # type: ignore[arg-type]
    row["extensions"] = ";".join(f"{n}@{v}" for n, v in vm["extensions"])  # type: ignore[attr-defined]
    row["disk_blob_names"] = ";".join(vm["disk_blob_names"])  # type: ignore[arg-type]
    return row  # type: ignore[return-value]


def arg_record(vm: dict[str, object]) -> dict[str, object]:
    """The VM as Resource Graph returns a ``microsoft.classiccompute/virtualmachines`` resource (§5.1)."""
    sub, service, name = vm["subscription_id"], vm["cloud_service"], vm["vm_name"]
    rg = f"rg-{service}"
    base = f"/subscriptions/{sub}/resourceGroups/{rg}/providers"
    storage = f"st{str(service).replace('-', '')}"
    network: dict[str, object] = {
        "inputEndpoints": [
            {"endpointName": endpoint, "publicIpAddress": "40.68.1.1", "publicPort": port, "privatePort": port,
             "protocol": "tcp", "enableDirectServerReturn": False}
            for endpoint, port in (("RemoteDesktop" if vm["os_type"] == "Windows" else "SSH", 3389), ("HTTPS", 443))
        ],
    }  # fmt: skip
    if vm["vnet"]:
        network["virtualNetwork"] = {
            "id": f"{base}/Microsoft.ClassicNetwork/virtualNetworks/{vm['vnet']}",
            "name": vm["vnet"], "type": "Microsoft.ClassicNetwork/virtualNetworks",
            "subnetNames": vm["subnets"], "staticIpAddress": vm["ip"],
        }  # fmt: skip
    disks = list(vm["disk_blob_names"])  # type: ignore[call-overload]
    io_type = vm["os_disk_io_type"]
    properties: dict[str, object] = {
        "provisioningState": "Succeeded",
        "hardwareProfile": {
            "size": vm["size"], "platformGuestAgent": True, "deploymentName": vm["deployment"],
            "deploymentLabel": vm["deployment"], "deploymentId": f"{zlib.crc32(str(service).encode()):032x}",
            "deploymentLocked": False, "availabilitySet": vm["availability_set"] or None,
        },
        "domainName": {"id": f"{base}/Microsoft.ClassicCompute/domainNames/{service}", "name": service,
                       "type": "Microsoft.ClassicCompute/domainNames"},
        "instanceView": {
            "updateDomain": 0, "faultDomain": 1, "status": vm["status"] or None,
            "powerState": "Started" if vm["status"] == "ReadyRole" else "Stopped",
            "privateIpAddress": vm["ip"], "publicIpAddresses": ["40.68.1.1"],
            "fullyQualifiedDomainName": f"{service}.cloudapp.net", "computerName": name,
            "guestAgentStatus": {
                "protocolVersion": "1.0", "timestamp": "2025-11-28T09:14:03Z", "guestAgentVersion": "2.7.41491.1010",
                "status": vm["agent_status"] or None,
                "formattedMessage": {"language": "en-US",
                                     "message": "GuestAgent is running and accepting new configurations."},
            },
        },
        "networkProfile": network,
        "storageProfile": {
            "operatingSystemDisk": {
                "diskName": f"{service}-{name}-os", "caching": "ReadWrite", "operatingSystem": vm["os_type"],
                "ioType": io_type, "sourceImageName": "a699494373c04fc0bc8f2bb1389d6106__Windows-Server-2012-R2",
                "vhdUri": f"https://{storage}.blob.core.windows.net/vhds/{disks[0]}",
                "storageAccount": {"id": f"{base}/Microsoft.ClassicStorage/storageAccounts/{storage}",
                                   "name": storage, "type": "Microsoft.ClassicStorage/storageAccounts"},
            },
            "dataDisks": [
                {"diskName": f"{service}-{name}-data{lun}", "caching": "None", "diskSize": 128, "lun": lun,
                 "ioType": io_type, "vhdUri": f"https://{storage}.blob.core.windows.net/vhds/{disk}",
                 "storageAccount": {"id": f"{base}/Microsoft.ClassicStorage/storageAccounts/{storage}",
                                    "name": storage, "type": "Microsoft.ClassicStorage/storageAccounts"}}
                for lun, disk in enumerate(disks[1:])
            ],
        },
        "extensions": [
            {"extension": ext, "publisher": "Microsoft.Compute", "version": version, "state": "Enable",
             "referenceName": ext}
            for ext, version in vm["extensions"]  # type: ignore[attr-defined]
        ],
        "debugProfile": {"bootDiagnosticsEnabled": vm["boot_diagnostics"] == "true",
                         "serialOutputBlobUri": None, "consoleScreenshotBlobUri": None},
    }  # fmt: skip
    return {
        "id": f"{base}/Microsoft.ClassicCompute/virtualMachines/{name}", "name": name,
        "type": "microsoft.classiccompute/virtualmachines", "tenantId": "72f988bf-0000-4000-8000-2d7cd011db47",
        "kind": "", "location": vm["location"], "resourceGroup": rg, "subscriptionId": sub, "managedBy": "",
        "sku": None, "plan": None, "properties": properties, "tags": None, "identity": None, "zones": None,
        "extendedLocation": None,
    }  # fmt: skip


def write_files(folder: Path, count: int, with_arg: bool = True) -> tuple[Path, Path, Path]:
    inventory, vnets, arg = folder / "inventory.csv", folder / "vnets.csv", folder / "arg.json"
    seen_vnets: dict[str, None] = {}
    with inventory.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for vm in estate(count):
            writer.writerow(canonical_row(vm))
            if vm["vnet"]:
                seen_vnets[str(vm["vnet"])] = None
    rng = random.Random(SEED + 1)
    with vnets.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["vnet", *FACTS, "gateways"])
        for vnet in seen_vnets:
            if rng.random() < 0.03:
                continue  # a VNet left out of the facts: its VMs are unknown
            facts = ["" if rng.random() < 0.01 else ("true" if rng.random() < 0.02 else "false") for _ in FACTS]
            gateways = rng.choices(("none", "vpn", "expressroute", "both", ""), (50, 30, 15, 2, 3))[0]
            writer.writerow([vnet, *facts, gateways])
    if not with_arg:
        return inventory, vnets, arg
    with arg.open("w", encoding="utf-8") as handle:
        handle.write(f'{{\n  "count": {count},\n  "data": [\n')
        for index, vm in enumerate(estate(count)):
            text = json.dumps(arg_record(vm), ensure_ascii=False, separators=(", ", ": "))
            handle.write(("" if index == 0 else ",\n") + "    " + text)
        handle.write('\n  ],\n  "skip_token": null\n}\n')
    return inventory, vnets, arg


# --- measurements in fresh interpreters -----------------------------------------------------------------------

_CHILD = r"""
import json, resource, sys, time
mode, baseline = sys.argv[1], sys.argv[2] == "baseline"
paths = sys.argv[3:]
if mode == "floor":
    import pandas as pd
else:
    import pandas as pd
    from advisor.inventory.reader import read_inventory, read_vnet_facts
    from advisor.knowledge.assembly import load_knowledge
    from advisor.triage.verdicts import triage
    from advisor.cli.inventory import _stream_triage
    import os, tempfile
    kb = load_knowledge()
out = {}
if not baseline:
    if mode == "floor":
        t0 = time.perf_counter()
        frame = pd.read_csv(paths[0], dtype=str, keep_default_na=False)
        out["read"] = time.perf_counter() - t0
        out["rows"] = len(frame)
    elif mode == "triage":
        t0 = time.perf_counter()
        inventory = read_inventory([paths[0]])
        facts = read_vnet_facts(paths[1])
        t1 = time.perf_counter()
        result = triage(inventory.vms, facts.frame, kb.triage)
        t2 = time.perf_counter()
        summary = dict(result.summary())
        handle, target = tempfile.mkstemp(suffix=".json")
        with open(handle, "w", encoding="utf-8") as written:
            _stream_triage(written, summary, result)
        t3 = time.perf_counter()
        size = os.path.getsize(target)
        os.unlink(target)
        out.update(read=t1 - t0, triage=t2 - t1, json=t3 - t2, rows=summary["vms"], json_mb=size / 1024**2,
                   verdicts=summary["verdicts"], units=summary["units"],
                   movable=summary["units_movable_whole"], problems=len(inventory.problems))
    elif mode == "pairs":
        # one warm interpreter: the floor and the whole triage alternated, each pair under the same load
        pairs = []
        for _ in range(int(paths[2])):
            t0 = time.perf_counter()
            pd.read_csv(paths[0], dtype=str, keep_default_na=False)
            t1 = time.perf_counter()
            inventory = read_inventory([paths[0]])
            result = triage(inventory.vms, read_vnet_facts(paths[1]).frame, kb.triage)
            with open(os.devnull, "w", encoding="utf-8") as written:
                _stream_triage(written, dict(result.summary()), result)
            t2 = time.perf_counter()
            pairs.append([t1 - t0, t2 - t1])
            del inventory, result
        out["pairs"] = pairs
    elif mode == "arg":
        t0 = time.perf_counter()
        inventory = read_inventory([paths[0]])
        out.update(read=time.perf_counter() - t0, rows=len(inventory.vms), problems=len(inventory.problems),
                   missing=list(inventory.missing_columns))
    elif mode == "profile":
        import cProfile, io, pstats
        inventory = read_inventory([paths[0]])
        facts = read_vnet_facts(paths[1])
        profiler = cProfile.Profile()
        profiler.enable()
        result = triage(inventory.vms, facts.frame, kb.triage)
        with open(os.devnull, "w", encoding="utf-8") as written:
            _stream_triage(written, dict(result.summary()), result)
        profiler.disable()
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(20)
        out["profile"] = text.getvalue()
out["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(out))
"""


def _child(mode: str, paths: list[Path], baseline: bool = False) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, "baseline" if baseline else "run", *map(str, paths)],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"{mode} child failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(mode: str, paths: list[Path], repeats: int) -> tuple[dict[str, object], float, float]:
    """(last run's figures, median seconds per key in a dict, peak MiB above the baseline)."""
    base = _child(mode, paths, baseline=True)["maxrss_kib"]
    runs = [_child(mode, paths) for _ in range(repeats)]
    return _summarised(runs, int(base))  # type: ignore[call-overload]


def _summarised(runs: list[dict[str, object]], base: int) -> tuple[dict[str, object], float, float]:
    medians = {key: statistics.median(float(r[key]) for r in runs)  # type: ignore[arg-type]
               for key in ("read", "triage", "json") if key in runs[0]}  # fmt: skip
    peak = statistics.median(int(r["maxrss_kib"]) for r in runs)  # type: ignore[call-overload]
    last = runs[-1] | {"median": medians}
    return last, peak / 1024, (peak - base) / 1024


def side_by_side(inventory: Path, vnets: Path, repeats: int) -> tuple[dict[str, object], ...]:
    """Floor and triage children alternated: (floor figures, floor peak, floor net, triage figures, triage
    peak, triage net, the per-pair ratios)."""
    floor_base = int(_child("floor", [inventory], baseline=True)["maxrss_kib"])  # type: ignore[call-overload]
    triage_base = int(_child("triage", [inventory, vnets], baseline=True)["maxrss_kib"])  # type: ignore[call-overload]
    floors, triages = [], []
    for _ in range(repeats):
        floors.append(_child("floor", [inventory]))
        triages.append(_child("triage", [inventory, vnets]))
    ratios = [
        (float(t["read"]) + float(t["triage"]) + float(t["json"])) / float(f["read"])  # type: ignore[arg-type]
        for f, t in zip(floors, triages, strict=True)
    ]
    return (*_summarised(floors, floor_base), *_summarised(triages, triage_base), {"ratios": ratios})  # type: ignore[return-value]


def processes(inventory: Path, repeats: int) -> tuple[list[float], list[float], float]:
    """Wall seconds of the triage command and of the bare read_csv interpreter, alternated (warm cache), and of
    the command's first run, before it kept the triage knowledge (its cache folder is a new temporary one)."""
    floor_code = f"import pandas; pandas.read_csv({str(inventory)!r}, dtype=str, keep_default_na=False)"
    with tempfile.TemporaryDirectory(prefix="triage-out-") as folder:
        out = Path(folder) / "out.json"
        command = [sys.executable, "-m", "advisor", "triage", str(inventory), "--format", "json", "--out", str(out)]
        floor_cmd = [sys.executable, "-c", floor_code]
        # Both as a user's machine runs them: bytecode kept in __pycache__ (a sandbox may set PYTHONDONTWRITEBYTECODE,
        # and then every run compiles the app's modules again, while pandas' were compiled when it was installed).
        plain = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env = {**plain, "ADVISOR_CACHE_DIR": str(Path(folder) / "cache")}
        _timed(floor_cmd, plain)  # warm the file cache and the imports' .pyc files
        cold = _timed(command, env)  # loads the whole knowledge once and keeps the triage rules; writes the .pyc files
        floors, triages = [], []
        for _ in range(repeats):
            floors.append(_timed(floor_cmd, plain))
            triages.append(_timed(command, env))
    return floors, triages, cold


def _timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{command[:4]} failed:\n{done.stderr[-2000:]}")
    return elapsed


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1024**2:,.0f} MB"


def _load() -> str:
    return "load average " + ", ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


def main() -> None:
    print(f"== triage of {VMS:,} classic VMs (median of {REPEATS} fresh interpreters; JSON import: 1) ==")
    print(f"machine shared with other work: {_load()} at the start; compare the ratios, measured side by side")
    with tempfile.TemporaryDirectory(prefix="triage-bench-") as folder:
        start = time.perf_counter()
        inventory, vnets, arg = write_files(Path(folder), VMS)
        print(f"generated in {time.perf_counter() - start:.1f} s: canonical CSV {_size(inventory)}, "
              f"VNet facts {_size(vnets)}, Resource Graph JSON {_size(arg)}")  # fmt: skip

        floor, floor_peak, floor_net, full, full_peak, full_net, pairs = side_by_side(inventory, vnets, REPEATS)
        floor_s = floor["median"]["read"]  # type: ignore[index]
        print(f"(a) pandas.read_csv floor: {floor_s:.2f} s, peak {floor_peak:,.0f} MiB "
              f"({floor_net:,.0f} MiB above a pandas-only interpreter)")  # fmt: skip
        times = full["median"]  # type: ignore[assignment]
        total = sum(times.values())  # type: ignore[attr-defined]
        ratio = statistics.median(pairs["ratios"])  # type: ignore[index, call-overload]
        shown = ", ".join(f"{r:.2f}" for r in pairs["ratios"])  # type: ignore[index]
        print(f"(b) read_inventory + read_vnet_facts {times['read']:.2f} s + triage {times['triage']:.2f} s "  # type: ignore[index]
              f"+ JSON {times['json']:.2f} s ({full['json_mb']:,.0f} MB) = {total:.2f} s against the floor's "  # type: ignore[index]
              f"{floor_s:.2f} s -> {ratio:.2f}x the floor, median of the pairs [{shown}] "
              f"(target within 3x: {'met' if ratio <= 3 else 'NOT met'})")  # fmt: skip
        print(f"    peak {full_peak:,.0f} MiB, {full_net:,.0f} MiB above the baseline (imports + knowledge); "
              f"read alone {times['read'] / floor_s:.2f}x the floor")  # type: ignore[index]  # fmt: skip
        print(f"    {full['rows']:,} VMs, {full['units']:,} units ({full['movable']:,} movable whole), "
              f"verdicts {full['verdicts']}, {full['problems']} row problems")  # fmt: skip

        warm = _child("pairs", [inventory, vnets, Path(str(WARM_PAIRS))])["pairs"]
        warm_ratios = [work / floor for floor, work in warm]  # type: ignore[union-attr]
        print(f"(b') the same in one warm interpreter, {WARM_PAIRS} pairs alternated: floor "
              f"{statistics.median(f for f, _ in warm):.2f} s, read + triage + JSON "  # type: ignore[union-attr]
              f"{statistics.median(w for _, w in warm):.2f} s -> {statistics.median(warm_ratios):.2f}x, median of the "  # type: ignore[union-attr]
              f"pairs [{', '.join(f'{r:.2f}' for r in warm_ratios)}] "
              f"(target within 3x: {'met' if statistics.median(warm_ratios) <= 3 else 'NOT met'})")  # fmt: skip

        floors, commands, cold = processes(inventory, PROCESS_REPEATS)
        process_ratios = [c / f for f, c in zip(floors, commands, strict=True)]
        process_ratio = statistics.median(process_ratios)
        print(f"(d) whole processes, warm cache, {PROCESS_REPEATS} of each alternated: `python -m advisor triage "
              f"--format json --out` {statistics.median(commands):.2f} s, bare read_csv interpreter "
              f"{statistics.median(floors):.2f} s -> {process_ratio:.2f}x, median of the pairs "
              f"[{', '.join(f'{r:.2f}' for r in process_ratios)}] "
              f"(target within 2x: {'met' if process_ratio <= 2 else 'NOT met'})")  # fmt: skip
        print(f"    first run, before the triage knowledge was kept (after a knowledge or code change): {cold:.2f} s")

        arg_run, arg_peak, arg_net = measure("arg", [arg], 1)
        arg_s = arg_run["median"]["read"]  # type: ignore[index]
        print(f"(c) Resource Graph JSON import ({_size(arg)}): {arg_s:.1f} s, peak {arg_peak:,.0f} MiB, "
              f"{arg_net:,.0f} MiB above the baseline (target under 2,048 MiB); {arg_run['rows']:,} VMs, "
              f"missing columns {arg_run['missing']}, {arg_run['problems']} problems")  # fmt: skip

        if times["triage"] + times["json"] > times["read"]:  # type: ignore[index]
            print("triage + JSON take longer than reading; cProfile of triage + the JSON, top by cumulative:")
            print(_child("profile", [inventory, vnets])["profile"])
    if MILLION:
        million()
    print(f"load at the end: {_load()}")


def million() -> None:
    """(e): a million VMs, once each side by side: time and peak memory above the baseline interpreter."""
    with tempfile.TemporaryDirectory(prefix="triage-bench-1m-") as folder:
        start = time.perf_counter()
        inventory, vnets, _ = write_files(Path(folder), MILLION, with_arg=False)
        print(
            f"(e) {MILLION:,} VMs: canonical CSV {_size(inventory)}, generated in {time.perf_counter() - start:.0f} s"
        )
        floor, _, floor_net, full, full_peak, full_net, pairs = side_by_side(inventory, vnets, 1)
        times = full["median"]  # type: ignore[assignment]
        total = sum(times.values())  # type: ignore[attr-defined]
        floor_s = floor["median"]["read"]  # type: ignore[index]
        print(f"    read {times['read']:.1f} s + triage {times['triage']:.1f} s + JSON {times['json']:.1f} s "  # type: ignore[index]
              f"({full['json_mb']:,.0f} MB) = {total:.1f} s; floor {floor_s:.1f} s (peak {floor_net:,.0f} MiB "
              f"above its baseline) -> {pairs['ratios'][0]:.2f}x")  # type: ignore[index]  # fmt: skip
        print(f"    peak {full_peak:,.0f} MiB, {full_net:,.0f} MiB above the baseline interpreter "
              f"(target under 1,024 MiB: {'met' if full_net < 1024 else 'NOT met'}); {full['units']:,} units, "
              f"verdicts {full['verdicts']}")  # fmt: skip


if __name__ == "__main__":
    main()
