"""Inventory imports through the estates service: saved whole, read back exactly, listed by estate, and compared."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from advisor import KnowledgeBase, services
from advisor.errors import InputError, Problem, StoreError
from advisor.inventory.frames import Inventory, VnetFacts
from advisor.inventory.reader import read_inventory, read_vnet_facts
from advisor.models.answer_profile import AnswerProfile
from advisor.services import ServiceContext
from advisor.services.estates import save_import
from advisor.store import inventory_repository
from advisor.triage.verdicts import TriageResult, triage
from tests.services.builders import open_ctx, person

DATA = Path(__file__).resolve().parents[1] / "data"
GOLDEN = DATA / "golden_inventory.csv"
VNETS = DATA / "golden_vnets.csv"
SUBSCRIPTION = "0f5c2a7e-1d3b-4c8a-9e21-6b7d4f3a2c10"


@dataclasses.dataclass
class Triaged:
    inventory: Inventory
    facts: VnetFacts | None
    result: TriageResult


def _triaged(kb: KnowledgeBase, paths: list[Path], vnets: Path | None = VNETS) -> Triaged:
    inventory = read_inventory(paths, [path.name for path in paths])
    facts = read_vnet_facts(vnets, vnets.name) if vnets is not None else None
    return Triaged(inventory, facts, triage(inventory.vms, facts.frame if facts else None, kb.triage))


def _as_listed(vms: pd.DataFrame) -> pd.DataFrame:
    """TriageResult.vms as import_vms() gives it: every text column pandas ``str`` (missing = NaN)."""
    return vms.astype({name: "str" for name in vms.columns if name not in ("rules", "unknown_fields")})


def _save(ctx: ServiceContext, estate: str, triaged: Triaged, author: str = "Ann") -> int:
    return save_import(ctx, person(author), estate, triaged.inventory, triaged.facts, triaged.result).id


@pytest.fixture(scope="module")
def golden(kb: KnowledgeBase) -> Triaged:
    return _triaged(kb, [GOLDEN])


def test_saved_import_reads_back_with_its_counts_summary_and_units(ctx: ServiceContext, golden: Triaged) -> None:
    saved = save_import(ctx, person("Ann"), "Contoso", golden.inventory, golden.facts, golden.result)

    fetched = services.get_import(ctx, saved.id)

    assert fetched == saved
    assert (fetched.estate, fetched.author, fetched.files, fetched.formats) == (
        "Contoso", "Ann", ("golden_inventory.csv",), ("canonical_csv",),
    )  # fmt: skip
    assert (fetched.rows_read, fetched.rows_skipped, fetched.vm_count) == (44, 0, 44)
    assert (fetched.problem_count, fetched.problems, fetched.vnet_file) == (0, (), "golden_vnets.csv")
    assert fetched.verdict_counts == golden.result.verdict_counts()
    assert fetched.verdict_counts == {"tool_ready": 3, "ready_with_conditions": 21, "unknown": 13, "not_supported": 7}
    assert fetched.summary == golden.result.summary()
    assert fetched.units == [unit.to_dict() for unit in golden.result.units]
    assert fetched.imported_at.tzinfo is not None


def test_canonical_frame_and_vnet_facts_round_trip_exactly(ctx: ServiceContext, golden: Triaged) -> None:
    import_id = _save(ctx, "Contoso", golden)

    canonical = services.import_canonical(ctx, import_id)
    facts = services.import_vnet_facts(ctx, import_id)

    assert_frame_equal(canonical, golden.inventory.vms)  # values, <NA>s, dtypes and index
    assert dict(canonical.dtypes.astype(str)) == dict(golden.inventory.vms.dtypes.astype(str))
    assert golden.facts is not None
    assert facts is not None
    assert_frame_equal(facts, golden.facts.frame)


def test_import_vms_are_the_triage_result_and_filter_by_verdict(ctx: ServiceContext, golden: Triaged) -> None:
    import_id = _save(ctx, "Contoso", golden)

    assert_frame_equal(services.import_vms(ctx, import_id), _as_listed(golden.result.vms))
    blocked = services.import_vms(ctx, import_id, ["not_supported", "unknown"])
    expected = golden.result.vms[golden.result.vms["verdict"].isin(["not_supported", "unknown"])]
    assert_frame_equal(blocked, _as_listed(expected.reset_index(drop=True)))
    assert (blocked["verdict"] == "not_supported").sum() == 7
    assert services.import_vms(ctx, import_id, []).empty
    with pytest.raises(InputError, match="unknown verdict 'blocked'"):
        services.import_vms(ctx, import_id, ["blocked"])


def test_canonical_rows_of_chosen_vms_come_in_import_order(ctx: ServiceContext, golden: Triaged) -> None:
    import_id = _save(ctx, "Contoso", golden)

    chosen = services.import_canonical(ctx, import_id, [("web-legacy", "iis02"), ("corp-app", "app01"), ("nope", "x")])

    expected = golden.inventory.vms.iloc[[0, 37]].reset_index(drop=True)
    assert_frame_equal(chosen, expected)
    assert services.import_canonical(ctx, import_id, []).columns.tolist() == golden.inventory.vms.columns.tolist()


def test_import_without_vnet_facts_has_none(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    import_id = _save(ctx, "Contoso", _triaged(kb, [GOLDEN], vnets=None))

    assert services.import_vnet_facts(ctx, import_id) is None
    assert services.get_import(ctx, import_id).vnet_file is None


def test_two_files_make_one_import_with_their_extra_column(
    ctx: ServiceContext, kb: KnowledgeBase, tmp_path: Path
) -> None:
    header, *rows = GOLDEN.read_text(encoding="utf-8").splitlines()
    first, second = tmp_path / "sub-a.csv", tmp_path / "sub-b.csv"
    first.write_text("\n".join([header, *rows[:20]]) + "\n", encoding="utf-8")
    owners = [f"team-{i}" if i % 2 else "" for i in range(len(rows) - 20)]  # every other cell empty
    second.write_text("\n".join([header + ",owner", *(f"{row},{owner}" for row, owner in zip(rows[20:], owners,
                                                                                          strict=True))]) + "\n",
                      encoding="utf-8")  # fmt: skip
    both = _triaged(kb, [first, second])

    saved = save_import(ctx, person("Ann"), "Contoso", both.inventory, both.facts, both.result)

    assert (saved.files, saved.vm_count, saved.extra_columns) == (("sub-a.csv", "sub-b.csv"), 44, ("owner",))
    canonical = services.import_canonical(ctx, saved.id)
    assert_frame_equal(canonical, both.inventory.vms)
    assert canonical["owner"].isna().sum() == 20  # sub-a has no owner column: unknown
    assert (canonical["owner"] == "").sum() == 12  # an empty cell of sub-b: ""
    assert [e.import_count for e in services.list_estates(ctx)] == [1]


def _modified_copy(tmp_path: Path) -> Path:
    """The golden inventory with jump01 gone, jump02 new, app01 timed out and sql01's name in capitals."""
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if ",jump01," not in line]
    changed = [line.replace(",ReadyRole,", ",ProvisioningTimeout,") if ",app01," in line else line for line in kept]
    renamed = [line.replace(",sql01,", ",SQL01,") for line in changed]
    jump01 = next(line for line in lines if ",jump01," in line)
    added = jump01.replace("jump-svc,jump-svc,jump01", "jump-svc2,jump-svc2,jump02").replace("jump01-os", "jump02-os")
    path = tmp_path / "golden-next.csv"
    path.write_text("\n".join([*renamed, added]) + "\n", encoding="utf-8")
    return path


def test_reimport_lists_exactly_the_added_removed_and_changed_vms(
    ctx: ServiceContext, kb: KnowledgeBase, golden: Triaged, tmp_path: Path
) -> None:
    old_id = _save(ctx, "Contoso", golden)
    new_id = _save(ctx, "contoso", _triaged(kb, [_modified_copy(tmp_path)]), author="Bob")

    diff = services.compare_imports(ctx, old_id, new_id)

    assert diff.added == [
        {"subscription_id": SUBSCRIPTION, "cloud_service": "jump-svc2", "vm_name": "jump02",
         "verdict": "ready_with_conditions", "rules": ["F3", "O11"]},
    ]  # fmt: skip
    assert diff.removed == [
        {"subscription_id": SUBSCRIPTION, "cloud_service": "jump-svc", "vm_name": "jump01",
         "verdict": "ready_with_conditions", "rules": ["F3", "O11"]},
    ]  # fmt: skip
    assert diff.changed == [
        {"subscription_id": SUBSCRIPTION, "cloud_service": "corp-app", "vm_name": "app01",
         "old_verdict": "tool_ready", "new_verdict": "not_supported", "old_rules": [], "new_rules": ["O7"]},
    ]  # fmt: skip
    assert diff.counts == {"added": 1, "removed": 1, "changed": 1, "unchanged": 42}
    assert services.latest_diff(ctx, services.list_estates(ctx)[0].id) == diff


def test_diff_pairs_a_vm_whose_subscription_is_unknown_on_one_side(
    ctx: ServiceContext, kb: KnowledgeBase, golden: Triaged, tmp_path: Path
) -> None:
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "no-subscription.csv"
    path.write_text("\n".join([lines[0], *(line.replace(SUBSCRIPTION, "") for line in lines[1:])]), encoding="utf-8")
    old_id = _save(ctx, "Contoso", golden)
    new_id = _save(ctx, "Contoso", _triaged(kb, [path]))

    assert services.compare_imports(ctx, old_id, new_id).counts == {
        "added": 0,
        "removed": 0,
        "changed": 0,
        "unchanged": 44,
    }


def test_estates_list_each_with_its_latest_import(
    ctx: ServiceContext, kb: KnowledgeBase, golden: Triaged, tmp_path: Path
) -> None:
    first = _save(ctx, "Contoso", golden)
    fabrikam = _save(ctx, "fabrikam", _triaged(kb, [GOLDEN], vnets=None))
    latest = _save(ctx, " CONTOSO ", _triaged(kb, [_modified_copy(tmp_path)]), author="Bob")

    contoso, other = services.list_estates(ctx)

    assert (contoso.name, contoso.import_count, contoso.latest_import_id) == ("Contoso", 2, latest)
    assert contoso.vm_count == 44
    assert contoso.verdict_counts == {"tool_ready": 2, "ready_with_conditions": 21, "unknown": 13, "not_supported": 8}
    assert contoso.imported_at == services.get_import(ctx, latest).imported_at
    assert (other.name, other.import_count, other.latest_import_id) == ("fabrikam", 1, fabrikam)
    assert [i.id for i in services.list_imports(ctx, contoso.id)] == [latest, first]
    assert [i.author for i in services.list_imports(ctx, contoso.id)] == ["Bob", "Ann"]
    assert services.find_estate(ctx, "FABRIKAM") == other
    assert services.find_estate(ctx, "Northwind") is None
    assert services.latest_diff(ctx, other.id) is None


def test_problems_are_kept_up_to_a_thousand_with_their_count(ctx: ServiceContext, golden: Triaged) -> None:
    problems = [Problem(f"row skipped ({n})", file="big.csv", line=n + 2) for n in range(1500)]
    inventory = dataclasses.replace(golden.inventory, problems=problems)

    saved = save_import(ctx, person("Ann"), "Contoso", inventory, golden.facts, golden.result)

    assert saved.problem_count == 1500
    assert saved.problems[:2] == ("big.csv:2: row skipped (0)", "big.csv:3: row skipped (1)")
    assert len(saved.problems) == 1000


def test_a_failed_save_leaves_nothing_behind(ctx: ServiceContext, golden: Triaged, kb: KnowledgeBase) -> None:
    other = triage(golden.inventory.vms.iloc[::-1].reset_index(drop=True), None, kb.triage)

    with pytest.raises(ValueError, match="not of this inventory"):
        save_import(ctx, person("Ann"), "Contoso", golden.inventory, golden.facts, other)

    assert services.list_estates(ctx) == []


def test_vms_are_inserted_in_chunks_in_order(
    ctx: ServiceContext, golden: Triaged, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inventory_repository, "INSERT_CHUNK", 7)

    import_id = _save(ctx, "Contoso", golden)

    assert_frame_equal(services.import_canonical(ctx, import_id), golden.inventory.vms)


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_estate_name_must_be_given_and_short(ctx: ServiceContext, golden: Triaged, name: str) -> None:
    with pytest.raises(InputError, match="estate"):
        _save(ctx, name, golden)


def test_unknown_ids_are_input_errors(ctx: ServiceContext) -> None:
    with pytest.raises(InputError, match="no inventory import with id 7"):
        services.get_import(ctx, 7)
    with pytest.raises(InputError, match="no inventory import with id 7"):
        services.import_vms(ctx, 7)
    with pytest.raises(InputError, match="no estate with id 3"):
        services.list_imports(ctx, 3)
    with pytest.raises(InputError, match="no estate with id 3"):
        services.latest_diff(ctx, 3)


def test_canonical_of_an_empty_selection_keeps_the_dtypes(ctx: ServiceContext, golden: Triaged) -> None:
    import_id = _save(ctx, "Contoso", golden)

    empty = services.import_canonical(ctx, import_id, [("nope", "x")])

    assert_frame_equal(empty, golden.inventory.vms.iloc[0:0].reset_index(drop=True))
    assert isinstance(empty.index, pd.RangeIndex)


def test_a_read_only_database_refuses_imports_and_profiles_but_still_reads(
    tmp_path: Path, golden: Triaged, kb: KnowledgeBase
) -> None:
    path = tmp_path / "advisor.db"
    with open_ctx(f"sqlite:///{path}", kb) as writable:
        import_id = _save(writable, "Contoso", golden)
    url = f"sqlite:///file:{path}?mode=ro&uri=true"  # see test_faults: root ignores file permissions

    with open_ctx(url, kb) as ctx:
        with pytest.raises(StoreError, match="database is read-only"):
            _save(ctx, "Fabrikam", golden)
        with pytest.raises(StoreError, match="database is read-only"):
            services.save_profile(ctx, person("Ann"), "Lift", AnswerProfile())

        assert [(e.name, e.latest_import_id) for e in services.list_estates(ctx)] == [("Contoso", import_id)]
        assert_frame_equal(services.import_canonical(ctx, import_id), golden.inventory.vms)
        assert services.list_profiles(ctx) == {}
