"""``python -m advisor lifecycle``: the entries by date, what each touches, at an explicit as-of date and horizon;
and the ``--as-of`` / ``--horizon-months`` options of ``triage`` and ``recommend`` (bad values exit 2, one line)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from advisor.cli.main import main

Runner = Callable[..., CompletedProcess[str]]


def test_lifecycle_json_lists_the_entries_touching_a_service(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lifecycle", "--service", "aks", "--as-of", "2026-12-01", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["judgement"] == {"as_of": "2026-12-01", "horizon_months": 24, "horizon_end": "2028-12-01"}
    # AKS: Windows Server 2019 node pools (2026-03-01), kubenet (2028-03-31); and named by Microsoft as a
    # replacement for Azure Spring Apps (no new customers 2025-03-17, retired 2028-03-31).
    assert [(e["id"], e["date"], e["status"]) for e in data["entries"]] == [
        ("spring-apps-closed-to-new-customers", "2025-03-17", "past"),
        ("aks-windows-server-2019-support-ends", "2026-03-01", "past"),
        ("aks-kubenet-retired", "2028-03-31", "within_horizon"),
        ("spring-apps-retired", "2028-03-31", "within_horizon"),
    ]
    kubenet = data["entries"][2]
    assert kubenet["subject"] == {"kind": "feature", "id": "aks-kubenet", "name": "kubenet networking"}
    assert kubenet["touches"] == [{"id": "aks", "name": "Azure Kubernetes Service (AKS)"}]
    assert kubenet["source"] == "https://azure.microsoft.com/updates/?id=485172"
    assert data["entries"][3]["replacement_services"][1] == {"id": "aks", "name": "Azure Kubernetes Service (AKS)"}


def test_lifecycle_text_lists_every_entry_with_its_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lifecycle", "--as-of", "2026-12-01", "--horizon-months", "12"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Lifecycle lifecycle-2026-12-01: 25 entries, as of 2026-12-01, with a 12-month horizon")
    assert "2027-03-31  [WITHIN HORIZON]  Cloud Services (extended support) retires on 2027-03-31." in out
    assert "2028-09-30  [later]  Azure Functions: host Linux function apps" in out
    # lifecycle.md, Corrections: the docs give 2023-03-01, 2023-09-06 and 2023-09-01 for the classic VM retirement.
    [disagree] = [line for line in out.splitlines() if line.startswith("    sources disagree: ")]
    assert disagree.startswith("    sources disagree: 2023-03-01 (the classic VM deprecation page (earlier revision)")
    september_6 = "2023-09-06 (the banner of the migration overview; the banner of the migration errors page)"
    assert f" · {september_6} · " in disagree
    assert disagree.endswith(" · 2023-09-01 (the classic VM deprecation page (later revision))")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["lifecycle", "--as-of", "2026-02-30"], "--as-of: not a date"),
        (["lifecycle", "--horizon-months", "-1"], "--horizon-months: must be between 0 and 240"),
        (["lifecycle", "--horizon-months", "two"], "--horizon-months: not a whole number of months"),
        (["lifecycle", "--service", "spring-apps"], "--service: unknown service 'spring-apps'"),
    ],
)
def test_bad_options_exit_2_with_one_line_naming_the_option(
    capsys: pytest.CaptureFixture[str], args: list[str], field: str
) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert field in err[0]
    assert err[0].startswith("error: --")


def test_triage_and_recommend_take_the_options_too(run_advisor: Runner, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers: {specialty_workload: none}\n", encoding="utf-8")
    bad_date = run_advisor("recommend", answers, "--as-of", "yesterday")
    assert bad_date.returncode == 2
    assert "--as-of: not a date: 'yesterday'" in bad_date.stderr
    assert "Traceback" not in bad_date.stderr
    inventory = tmp_path / "inv.csv"
    inventory.write_text("cloud_service,vm_name,size\ncs,vm1,Small\n", encoding="utf-8")
    bad_horizon = run_advisor("triage", inventory, "--horizon-months", "-6")
    assert bad_horizon.returncode == 2
    assert "--horizon-months: must be between 0 and 240 months, found -6" in bad_horizon.stderr
    ok = run_advisor("triage", inventory, "--as-of", "2026-12-01", "--format", "json")
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    vm = data["vms"][0]
    assert (vm["arm_size"], vm["arm_size_like_for_like"]) == ("Standard_D2ds_v5", "Standard_A1")
    assert [(n["entry"], n["status"]) for n in vm["lifecycle"]] == [("av1-retired", "past")]
    assert data["summary"]["lifecycle"] == {"as_of": "2026-12-01", "horizon_months": 24, "horizon_end": "2028-12-01"}
    size = data["summary"]["sizes"][0]
    assert (size["classic"], size["vms"], size["arm"]["vcpus"], size["arm"]["memory_gib"]) == (
        "Small", 1, 2, 8
    )  # fmt: skip
    text = run_advisor("triage", inventory, "--as-of", "2026-12-01")
    assert ("  Small (1 VM): deploy Standard_D2ds_v5 (2 vCPU, 8 GiB); like for like Standard_A1 (1 vCPU, 1.75 GiB)"
            in text.stdout)  # fmt: skip
    assert "Av1-series (Basic and Standard A0 to A7) sizes retired on 2024-08-31" in text.stdout
