"""knowledge/prices.yaml: the shipped meters, and each fault reported by `check` with its file, line and id."""

from __future__ import annotations

from pathlib import Path

from advisor import KnowledgeBase
from advisor.cli.main import main
from tests.knowledge.copies import edited_copy, faults


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    return edited_copy(tmp_path, "prices.yaml", old, new)


def test_the_shipped_meters_cover_every_general_purpose_candidate(kb: KnowledgeBase) -> None:
    assert kb.prices is not None
    by_service = {entry.service: entry for entry in kb.prices.services}
    assert list(by_service) == [
        "virtual-machines", "app-service", "container-apps", "container-instances", "aks", "functions", "batch",
        "vmware-solution",
    ]  # fmt: skip
    assert by_service["virtual-machines"].filter == "serviceName eq 'Virtual Machines'"
    assert by_service["batch"].filter is None
    assert kb.prices.endpoint == "https://prices.azure.com/api/retail/prices"
    assert (kb.prices.api_version, kb.prices.default_currency) == ("2023-01-01-preview", "USD")


def test_an_unknown_service_is_named_with_its_line(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "  - service: functions\n", "  - service: lambda\n")

    assert faults(folder) == ["knowledge/prices.yaml:30: lambda: not a service of the catalog"]


def test_a_service_listed_twice_is_named(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "  - service: functions\n", "  - service: aks\n")

    assert faults(folder) == ["knowledge/prices.yaml:30: aks: service listed twice"]


def test_a_service_without_filter_or_note_is_named(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "    note: Batch has no meters of its own; its pools are billed as the virtual "
                               "machines they run.\n", "")  # fmt: skip

    assert faults(folder) == [
        "knowledge/prices.yaml:32: batch: give the service's filter, or a note saying why it has none"
    ]


def test_a_default_currency_not_offered_and_a_filter_without_the_region_are_both_reported(
    tmp_path: Path, capsys
) -> None:
    folder = _broken(tmp_path, "default_currency: USD\n", "default_currency: XYZ\n")
    text = (folder / "prices.yaml").read_text(encoding="utf-8")
    (folder / "prices.yaml").write_text(text.replace("armRegionName eq '{region}' and ", ""), encoding="utf-8")

    assert faults(folder) == [
        "knowledge/prices.yaml:11: the sheet filter must hold {region}",
        "knowledge/prices.yaml:7: XYZ: the default currency is not among the currencies",
    ]
    assert main(["check", "--knowledge", str(folder)]) == 1
    assert "error: knowledge/prices.yaml:11: the sheet filter must hold {region}" in capsys.readouterr().err


def test_a_missing_field_is_a_schema_problem(tmp_path: Path) -> None:
    folder = _broken(tmp_path, "api_version: 2023-01-01-preview\n", "")

    # the top-level mapping begins on line 4, after the comments
    assert faults(folder) == ["knowledge/prices.yaml:4: schema: api_version: Field required"]
