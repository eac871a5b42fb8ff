"""Decision-record numbers never move: a workload's MADR file keeps its number whatever else is exported.

Golden: three workloads created in the order Payroll, Billing, Intranet are 0001, 0002 and 0003. Exported, then
three workloads whose names sort before all of them are added and exported with them, and then one is exported
alone: each of the first three keeps its file name, and the newcomers get 0004 to 0006 (the order they were made).
"""

from __future__ import annotations

from pathlib import Path

from advisor import KnowledgeBase, services
from advisor.export import madr_files
from tests.services.builders import ANN, new_workload, open_ctx, save


def _names(ctx, names=None) -> list[str]:
    return [name for name in madr_files(services.select_records(ctx, names=names)) if name != "index.md"]


def test_numbers_stay_when_workloads_that_sort_first_are_added(tmp_path: Path, kb: KnowledgeBase) -> None:
    with open_ctx(f"sqlite:///{tmp_path / 'numbers.db'}", kb) as ctx:
        for name in ("Payroll", "Billing", "Intranet"):
            save(ctx, new_workload(ctx, name), 1)
        before = _names(ctx)
        for name in ("Aardvark", "Accounts", "Archive"):
            save(ctx, new_workload(ctx, name), 1)
        after = _names(ctx)
        alone = _names(ctx, names=["Intranet"])

    assert before == ["0002-billing.md", "0003-intranet.md", "0001-payroll.md"]
    assert after == [
        "0004-aardvark.md", "0005-accounts.md", "0006-archive.md", "0002-billing.md", "0003-intranet.md",
        "0001-payroll.md",
    ]  # fmt: skip
    assert alone == ["0003-intranet.md"]


def test_the_index_links_each_record_by_its_number(tmp_path: Path, kb: KnowledgeBase) -> None:
    with open_ctx(f"sqlite:///{tmp_path / 'numbers.db'}", kb) as ctx:
        for name in ("Zeta", "Alpha"):
            save(ctx, new_workload(ctx, name), 1)
        index = madr_files(services.select_records(ctx))["index.md"]
    assert "| [0002](0002-alpha.md) | Alpha |" in index
    assert "| [0001](0001-zeta.md) | Zeta |" in index


def test_a_workload_created_through_any_service_gets_the_next_number(tmp_path: Path, kb: KnowledgeBase) -> None:
    with open_ctx(f"sqlite:///{tmp_path / 'numbers.db'}", kb) as ctx:
        first = new_workload(ctx, "First")
        services.archive_workload(ctx, ANN, first.id)  # archived: its number stays taken
        recorded = services.record_answers(ctx, ANN, "From the command line", {"specialty_workload": "none"})
        second = services.find_workload(ctx, recorded.workload_name)
    assert first.number == 1
    assert second is not None
    assert second.number == 2
