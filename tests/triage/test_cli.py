"""``python -m advisor triage`` and ``batch`` (contract §5): JSON shape, --out, bad input, profiles and prefill."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from advisor.cli.main import main
from tests.triage.build import ADVISORY_IDS, vm, write_inventory, write_vnets

Runner = Callable[..., subprocess.CompletedProcess[str]]

VM_KEYS = {"vm_name", "cloud_service", "vnet", "verdict", "findings", "unknown_fields", "arm_size",
           "arm_size_like_for_like"}  # fmt: skip
FINDING_KEYS = {"rule", "behaviour", "message", "workaround"}
VERDICTS = {"tool_ready", "ready_with_conditions", "not_supported", "unknown"}


def _strict_json(text: str) -> Any:
    """JSON as RFC 8259 has it: NaN and Infinity are not JSON."""

    def refuse(constant: str) -> Any:
        raise AssertionError(f"not JSON: {constant} in the output")

    return json.loads(text, parse_constant=refuse)


def _estate_rows() -> list[dict[str, str]]:
    return [
        vm("web01", cloud_service="cs-web", extensions="BGInfo@1.*"),
        vm("web02", cloud_service="cs-web", size="A7"),
        vm("db01", cloud_service="cs-db", vnet="vnet-data", subnets="data", os_type="Linux"),
        vm("legacy01", cloud_service="cs-legacy", vnet="", subnets="", size="ExtraSmall"),
        vm("odd01", cloud_service="cs-odd", vnet="vnet-unlisted", size="Basic_A2"),
    ]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    inventory = write_inventory(tmp_path, _estate_rows())
    vnets = write_vnets(tmp_path, {"vnet-a": {"gateways": "vpn"}, "vnet-data": {"has_hdinsight": "true"}})
    return inventory, vnets


def _check_triage_json(data: Any, vm_count: int) -> None:
    assert isinstance(data, dict)
    assert {"summary", "units", "vms"} <= set(data)
    assert len(data["vms"]) == vm_count
    for entry in data["vms"]:
        assert set(entry) >= VM_KEYS, entry
        assert entry["verdict"] in VERDICTS
        assert isinstance(entry["unknown_fields"], list)
        assert entry["arm_size"] is None or isinstance(entry["arm_size"], str)
        for finding in entry["findings"]:
            assert set(finding) >= FINDING_KEYS
            assert all(isinstance(finding[key], str) and finding[key] for key in FINDING_KEYS)
    for unit in data["units"]:
        assert {"unit", "kind", "verdict", "can_move_whole", "held_back_by"} <= set(unit)
        assert unit["kind"] in {"vnet", "cloud_service"}
    assert sorted(a["rule"] for a in data["summary"]["advisories"]) == sorted(ADVISORY_IDS)


def test_triage_json_has_summary_units_and_every_vm(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]
) -> None:
    inventory, vnets = files
    code = main(["triage", str(inventory), "--vnets", str(vnets), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = json.loads(captured.out)
    _check_triage_json(data, 5)
    by_name = {entry["vm_name"]: entry for entry in data["vms"]}
    assert by_name["web01"]["verdict"] == "ready_with_conditions"
    assert [f["rule"] for f in by_name["web01"]["findings"]] == ["C5"]
    # A7 (8 vCPU, 56 GiB; Av1, retired 2024-08-31) -> Edsv5 with 8 vCPU, 64 GiB (knowledge/sizes.yaml).
    assert (by_name["web02"]["arm_size"], by_name["web02"]["arm_size_like_for_like"]) == (
        "Standard_E8ds_v5",
        "Standard_A7",
    )
    assert by_name["db01"]["verdict"] == "not_supported"
    assert [f["rule"] for f in by_name["db01"]["findings"]] == ["C14"]
    assert by_name["legacy01"]["vnet"] is None or by_name["legacy01"]["vnet"] == ""
    assert (by_name["legacy01"]["arm_size"], by_name["legacy01"]["arm_size_like_for_like"]) == (
        "Standard_D2ds_v5",
        "Standard_A0",
    )
    assert by_name["odd01"]["verdict"] == "unknown"
    assert (by_name["odd01"]["arm_size"], by_name["odd01"]["arm_size_like_for_like"]) == (
        "Standard_D2ds_v5",
        "Basic_A2",
    )


def test_triage_out_writes_the_json_file(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], tmp_path: Path
) -> None:
    inventory, vnets = files
    out = tmp_path / "result.json"
    code = main(["triage", str(inventory), "--vnets", str(vnets), "--format", "json", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = json.loads(out.read_text(encoding="utf-8"))
    _check_triage_json(data, 5)


def test_triage_out_with_format_json_still_prints_one_json_object(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], tmp_path: Path
) -> None:
    """Contract §5: ``--format json`` prints one JSON object (``batch --out`` prints its summary as JSON)."""
    inventory, vnets = files
    out = tmp_path / "result.json"
    code = main(["triage", str(inventory), "--vnets", str(vnets), "--format", "json", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    try:
        printed = json.loads(captured.out)
    except ValueError:
        pytest.fail(f"--format json --out printed text, not JSON: {captured.out[:200]!r}")
    assert isinstance(printed, dict)


def test_triage_out_in_text_format_says_where_the_result_went(
    capsys: pytest.CaptureFixture[str], files: tuple[Path, Path], tmp_path: Path
) -> None:
    inventory, vnets = files
    out = tmp_path / "result.json"
    assert main(["triage", str(inventory), "--vnets", str(vnets), "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    _check_triage_json(json.loads(out.read_text(encoding="utf-8")), 5)


def test_triage_json_is_strict_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A VM whose size has no ARM mapping must give ``"arm_size": null``, not ``NaN`` (invalid JSON)."""
    inventory = write_inventory(tmp_path, [vm("huge", size="Huge"), vm("nosize", size=""), vm("small")])
    assert main(["triage", str(inventory), "--format", "json"]) == 0
    data = _strict_json(capsys.readouterr().out)
    sizes = {entry["vm_name"]: entry["arm_size"] for entry in data["vms"]}
    assert sizes == {"huge": None, "nosize": None, "small": "Standard_D2ds_v5"}  # Small: 1 vCPU, 1.75 GiB (Av1)


def test_triage_text_names_the_advisories(capsys: pytest.CaptureFixture[str], files: tuple[Path, Path]) -> None:
    """Contract §7: advisories are shown once per import, marked as not checkable from the inventory."""
    inventory, vnets = files
    code = main(["triage", str(inventory), "--vnets", str(vnets)])
    out = capsys.readouterr().out
    assert code == 0
    missing = [rule for rule in ADVISORY_IDS if rule not in out.split()]
    assert missing == [], f"the text output shows no advisory {missing}"


def test_triage_in_a_child_process(run_advisor: Runner, files: tuple[Path, Path]) -> None:
    inventory, vnets = files
    done = run_advisor("triage", inventory, "--vnets", vnets, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    _check_triage_json(json.loads(done.stdout), 5)


HEADER = (
    "subscription_id,cloud_service,deployment,vm_name,location,size,os_type,status,vnet,subnets,availability_set,"
    "endpoint_acls,extensions,os_disk_io_type,boot_diagnostics,agent_status,disk_blob_names"
)
BAD_INPUTS = {
    "missing-column.csv": b"cloud_service,size,vnet\ncs-a,Small,vnet-a\n",
    "latin1.csv": (HEADER + "\ns,cs-a,cs-a,v1,we,Small,Windows,ReadyRole,,,,false,,Standard,false,Ready,v1.vhd\n"
                   "s,cs-a,cs-a,caf\xe9,we,Small,Windows,ReadyRole,,,,false,,Standard,false,Ready,v2.vhd\n"
                   ).encode("latin-1"),
    "truncated.json": (b'{"data": [{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ClassicCompute/'
                       b'virtualMachines/v1", "name": "v1", "type": "microsoft.classiccompute/virtualmachines", '
                       b'"properties": {"hardwareProfile": {"size": "Small"}, "domainName": {"na'),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
@pytest.mark.parametrize("command", ["triage", "batch"])
def test_a_bad_inventory_exits_2_with_one_line_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, command: str
) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    argv = ["triage", str(path)]
    if command == "batch":
        profiles = tmp_path / "profiles.yaml"
        profiles.write_text("profiles:\n  web:\n    answers: {specialty_workload: none}\n", encoding="utf-8")
        argv = ["batch", str(path), "--profiles", str(profiles), "--out", str(tmp_path / "out.json")]
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2
    lines = [line for line in captured.err.splitlines() if line.strip()]
    assert len(lines) == 1, captured.err
    assert str(path) in lines[0]
    assert "Traceback" not in captured.err


def test_a_bad_inventory_in_a_child_process(run_advisor: Runner, tmp_path: Path) -> None:
    path = tmp_path / "truncated.json"
    path.write_bytes(BAD_INPUTS["truncated.json"])
    done = run_advisor("triage", path, "--format", "json")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert str(path) in lines[0]
    assert _strict_json(done.stdout)["errors"][0]["file"] == str(path)


# --- batch ----------------------------------------------------------------------------------------------------

PROFILES = """\
profiles:
  web:
    description: lift-and-shift web apps that are not COTS (2026 path to App Service; migrate_or_build left
      to the inventory)
    knowledge_version: compute-tree-2026
    answers:
      specialty_workload: none
      migration_approach: lift_and_shift
      containerizable: "no"
      cots: "no"
  batch:
    description: rebuilt as HPC batch jobs; answers migrate_or_build itself, against the inventory's suggestion
    knowledge_version: compute-tree-2026
    answers:
      specialty_workload: none
      migrate_or_build: build_new
      full_control: "no"
      hpc: "yes"
      windows_dependencies: "yes"
  broken:
    answers:
      hpc: maybe
"""


def _batch_rows() -> list[dict[str, str]]:
    return [
        vm("w-linux", cloud_service="cs-w", os_type="Linux", profile="web"),
        vm("w-windows", cloud_service="cs-w", profile="web", extensions="BGInfo@1.*"),
        vm("b-linux", cloud_service="cs-b", os_type="Linux", profile=""),
        vm("b-outside", cloud_service="cs-o", vnet="", subnets="", profile="batch"),
        vm("typo", cloud_service="cs-t", profile="webb"),
        vm("broken", cloud_service="cs-x", profile="broken"),
        vm("ns", cloud_service="cs-n", vnet="vnet-hd", profile="web"),
    ]


def _run_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, dict[str, Any]]:
    inventory = write_inventory(tmp_path, _batch_rows(), columns=[*HEADER.split(","), "profile"])
    vnets = write_vnets(tmp_path, {"vnet-a": {"gateways": "expressroute"}, "vnet-hd": {"has_hdinsight": "true"}})
    profiles = tmp_path / "profiles.yaml"
    profiles.write_text(PROFILES, encoding="utf-8")
    out = tmp_path / "batch.json"
    argv = ["batch", str(inventory), "--profiles", str(profiles), "--vnets", str(vnets), "--out", str(out), *extra]
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = _strict_json(out.read_text(encoding="utf-8"))
    assert {"summary", "vms"} <= set(data)
    assert len(data["vms"]) == len(_batch_rows())
    for entry in data["vms"]:
        assert set(entry) >= VM_KEYS
        assert (entry["recommendation"] is None) != (entry["reason"] is None), entry["vm_name"]
    return {entry["vm_name"]: entry for entry in data["vms"]}


def test_batch_recommends_for_every_vm_or_says_why_not(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    by_name = _run_batch(tmp_path, capsys, "--default-profile", "batch")

    for name in ("w-linux", "w-windows", "ns"):
        recommendation = by_name[name]["recommendation"]
        assert recommendation["status"] == "complete", name
        assert recommendation["service"] == "app-service", name
        path = {step["question"]: step["answer"] for step in recommendation["path"]}
        assert path["migrate_or_build"] == "migrate", name  # from the inventory
    assert by_name["ns"]["verdict"] == "not_supported"  # triage is kept next to the recommendation
    assert by_name["w-windows"]["verdict"] == "ready_with_conditions"
    for name in ("b-linux", "b-outside"):
        recommendation = by_name[name]["recommendation"]
        assert by_name[name]["profile"] == "batch", name
        assert recommendation["service"] == "batch", name
        path = {step["question"]: step["answer"] for step in recommendation["path"]}
        assert path["migrate_or_build"] == "build_new", name  # the profile wins over the prefill
    assert by_name["typo"]["recommendation"] is None
    assert "webb" in by_name["typo"]["reason"]
    assert by_name["broken"]["recommendation"] is None
    assert "hpc" in by_name["broken"]["reason"]


def test_batch_reports_the_answers_taken_from_the_inventory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    by_name = _run_batch(tmp_path, capsys, "--default-profile", "batch")
    linux = set(by_name["w-linux"]["answers_from_inventory"])
    windows = set(by_name["w-windows"]["answers_from_inventory"])
    assert {"migrate_or_build", "windows_dependencies", "vnet_integration", "hybrid_connectivity"} <= linux
    assert "migrate_or_build" in windows
    assert "windows_dependencies" not in windows
    # the batch profile answers migrate_or_build and windows_dependencies itself: they are not from inventory
    batch_linux = set(by_name["b-linux"]["answers_from_inventory"])
    assert "migrate_or_build" not in batch_linux
    assert "windows_dependencies" not in batch_linux
    assert "vnet_integration" in batch_linux
    outside = set(by_name["b-outside"]["answers_from_inventory"])
    assert "vnet_integration" not in outside
    assert "hybrid_connectivity" not in outside


def test_batch_without_a_default_profile_says_a_vm_has_none(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    by_name = _run_batch(tmp_path, capsys)
    assert by_name["b-linux"]["recommendation"] is None
    assert "no profile" in by_name["b-linux"]["reason"]
    assert by_name["w-linux"]["recommendation"]["service"] == "app-service"
    assert by_name["b-outside"]["recommendation"]["service"] == "batch"


def test_batch_with_an_unknown_default_profile_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inventory = write_inventory(tmp_path, [vm("v")])
    profiles = tmp_path / "profiles.yaml"
    profiles.write_text(PROFILES, encoding="utf-8")
    argv = ["batch", str(inventory), "--profiles", str(profiles), "--default-profile", "nope",
            "--out", str(tmp_path / "o.json")]  # fmt: skip
    code = main(argv)
    captured = capsys.readouterr()
    assert code == 2
    assert "nope" in captured.err
    assert "Traceback" not in captured.err


def test_batch_in_a_child_process(run_advisor: Runner, tmp_path: Path) -> None:
    inventory = write_inventory(tmp_path, _batch_rows(), columns=[*HEADER.split(","), "profile"])
    profiles = tmp_path / "profiles.yaml"
    profiles.write_text(PROFILES, encoding="utf-8")
    out = tmp_path / "batch.json"
    done = run_advisor("batch", inventory, "--profiles", profiles, "--default-profile", "web", "--out", out,
                       "--format", "json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    summary = _strict_json(done.stdout)
    assert summary["without_recommendation"] == 2  # typo and broken
    data = _strict_json(out.read_text(encoding="utf-8"))
    assert len(data["vms"]) == len(_batch_rows())
