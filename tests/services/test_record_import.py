"""Importing a JSON export: the round trip, appending to existing workloads, and all-or-nothing on bad input.

Round trip: export → import into an empty store → export gives the same file apart from exactly these
fields (documented in advisor/export/importer.py and the README): each workload's ``id``, ``created_at``
and ``updated_at`` (the import's time), and each record's ``workload_id`` and ``session_id``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from advisor import KnowledgeBase, services
from advisor.errors import InputError
from advisor.export import ExportSet, to_json
from advisor.services import ServiceContext
from tests.conftest import REPO_ROOT
from tests.export.records import golden_set
from tests.services.builders import ANN, new_workload, open_ctx, save

# The decision-record number is per instance too: an imported workload gets the next free one here and keeps the
# exporting instance's number as origin_number.
INSTANCE_FIELDS = {"workloads[].id", "workloads[].created_at", "workloads[].updated_at",
                   "workloads[].records[].workload_id", "workloads[].records[].session_id", "workloads[].number",
                   "workloads[].origin_number"}  # fmt: skip


@pytest.fixture(scope="module")
def golden(kb: KnowledgeBase) -> ExportSet:
    return golden_set(kb)


@pytest.fixture(scope="module")
def golden_json(golden: ExportSet) -> bytes:
    return to_json(golden)


def _leaves(value: Any, path: str = "") -> dict[str, Any]:
    """Every leaf of a JSON document by its path, with list positions kept (``workloads[0].records[1].version``)."""
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _leaves(item, f"{path}.{key}" if path else key).items()}
    if isinstance(value, list) and value:
        return {k: v for n, item in enumerate(value) for k, v in _leaves(item, f"{path}[{n}]").items()}
    return {path: value}


def _differences(before: bytes, after: bytes) -> set[str]:
    """The fields (list positions dropped) whose value differs between two exports of the same shape. Each
    workload's ``estimates`` are left out: they are what the exporting instance's own price sheets and inventory
    give (the records' frozen ``costs`` are compared)."""
    old, new = _leaves(_without_estimates(before)), _leaves(_without_estimates(after))
    assert old.keys() == new.keys()
    return {_general(path) for path in old if old[path] != new[path]}


def _without_estimates(data: bytes) -> dict:
    document = json.loads(data)
    for workload in document["workloads"]:
        workload.pop("estimates", None)
        workload.pop("estimates_kept_from_sign_off", None)
    return document


def _general(path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", path)


def _count(ctx: ServiceContext) -> tuple[int, int]:
    summaries = services.list_workloads(ctx, include_archived=True)
    return len(summaries), sum(summary.version or 0 for summary in summaries)


def test_round_trip_changes_only_ids_and_import_times(
    ctx: ServiceContext, kb: KnowledgeBase, golden_json: bytes, tmp_path: Path
) -> None:
    report = services.import_records(ctx, ANN, golden_json, "golden.json")
    again = to_json(services.select_records(ctx))

    assert (report.created, report.added, report.skipped) == (3, 5, 0)
    assert _differences(golden_json, again) <= INSTANCE_FIELDS
    assert "workloads[].id" in _differences(golden_json, again)
    assert "workloads[].records[].session_id" in _differences(golden_json, again), "session 4 is not imported"
    # and once more, from this instance into a fresh one: only ids and times differ again
    with open_ctx(f"sqlite:///{tmp_path}/second.db", kb) as second:
        services.import_records(second, ANN, again, "again.json")
        third = to_json(services.select_records(second))
    assert _differences(again, third) <= INSTANCE_FIELDS


def test_round_trip_keeps_every_version_answer_note_and_override(
    ctx: ServiceContext, kb: KnowledgeBase, golden: ExportSet, golden_json: bytes
) -> None:
    services.import_records(ctx, ANN, golden_json, "golden.json")
    payroll = services.find_workload(ctx, "payroll api")
    assert payroll is not None
    history = services.record_history(ctx, payroll.id)

    source = next(item for item in golden.workloads if item.workload.name == "Payroll API").records
    assert [r.version for r in history] == [1, 2, 3]
    for imported, original in zip(history, source, strict=True):
        assert imported.model_dump(exclude={"workload_id", "session_id"}) == original.model_dump(
            exclude={"workload_id", "session_id"}
        )
    assert history[2].override is not None
    assert history[2].answers["gpu"].note == "The fraud model scores on GPUs."
    ledger = services.find_workload(ctx, "Nightly ledger batch")
    assert ledger is not None
    assert [(link.cloud_service, link.vm_name) for link in ledger.vm_links] == [
        ("ledger-cs", "ledger-vm1"), ("ledger-cs", "ledger-vm2"),
    ]  # fmt: skip


def test_an_existing_workload_gets_new_versions_after_its_latest(
    ctx: ServiceContext, kb: KnowledgeBase, golden_json: bytes
) -> None:
    here = new_workload(ctx, "PAYROLL api", owner="Zoe", context="ours")
    mine = save(ctx, here, 1, author="Zoe")

    report = services.import_records(ctx, ANN, golden_json, "golden.json")

    payroll = next(item for item in report.workloads if item.name == "PAYROLL api")
    assert (payroll.created, payroll.added, payroll.skipped) == (False, (2, 3, 4), 0)
    history = services.record_history(ctx, here.id)
    assert history[0] == mine, "never overwritten"
    assert [r.version for r in history] == [1, 2, 3, 4]
    assert [r.author for r in history] == ["Zoe", "Ann Lee", "Ben Okafor", "Chloé Martin"]
    assert history[3].supersedes_version == 3, "the file's version 3 superseded its version 2, now version 3"
    kept = services.get_workload(ctx, here.id)
    assert (kept.name, kept.owner, kept.context) == ("PAYROLL api", "Zoe", "ours")


def test_importing_the_same_file_twice_adds_nothing(ctx: ServiceContext, kb: KnowledgeBase, golden_json: bytes) -> None:
    services.import_records(ctx, ANN, golden_json, "golden.json")
    before = _count(ctx)

    report = services.import_records(ctx, ANN, golden_json, "golden.json")

    assert (report.created, report.added, report.skipped) == (0, 0, 5)
    assert _count(ctx) == before
    assert report.text() == (
        "golden.json: imported 0 record versions of 3 workloads (0 new); skipped 5 versions already here"
    )


def test_a_workload_archived_here_refuses_the_whole_file(
    ctx: ServiceContext, kb: KnowledgeBase, golden_json: bytes
) -> None:
    archived = new_workload(ctx, "Payroll API")
    services.archive_workload(ctx, ANN, archived.id)
    before = _count(ctx)

    with pytest.raises(InputError) as caught:
        services.import_records(ctx, ANN, golden_json, "golden.json")

    assert str(caught.value) == (
        "golden.json: workload: workload 'Payroll API' is archived here: restore it, then import again; "
        "nothing was imported"
    )
    assert _count(ctx) == before, "the workloads before it in the file were rolled back too"
    assert services.find_workload(ctx, "Nightly ledger batch") is None


def _edited(golden_json: bytes, change: Any) -> bytes:
    document = json.loads(golden_json)
    change(document)
    return json.dumps(document).encode()


def _payroll(document: dict[str, Any]) -> dict[str, Any]:
    return next(w for w in document["workloads"] if w["name"] == "Payroll API")


def _set(path: list[Any], value: Any) -> Any:
    def change(document: dict[str, Any]) -> None:
        target: Any = _payroll(document)
        for part in path[:-1]:
            target = target[part]
        if value is _DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


_DELETE = object()
_V2 = "golden.json: {field}: workload 'Payroll API' (workloads[2]), record version 2 (records[1]): {message}"

BAD_FILES = {
    "malformed": (lambda data: b'{"schema_version": 1, "workloads": [}', [
        "golden.json:1: json: not valid JSON (Expecting value at column 37)"]),
    "truncated": (lambda data: data[: len(data) // 2], [
        "golden.json:{line}: json: the file ends early: is it truncated?"]),
    "empty": (lambda data: b"  \n", ["golden.json: json: the file is empty"]),
    "NaN": (lambda data: data.replace(b'"confidence": 0.5', b'"confidence": NaN', 1), [
        "golden.json: json: not valid JSON: NaN is not a JSON number"]),
    "not utf-8": (lambda data: b'{"name": "\xff"}', ["golden.json: json: not UTF-8 text (byte 10)"]),
    "not an export": (lambda data: b"[1, 2]", [
        "golden.json: schema_version: not a decision-record export of Compute Target Advisor (no schema_version)"]),
    "schema version 3": (lambda data: data.replace(b'"schema_version": 2,', b'"schema_version": 3,', 1), [
        "golden.json: schema_version: schema_version 3 is not supported: this app reads schema_version 1 or 2"]),
    "schema version as text": (lambda data: data.replace(b'"schema_version": 2,', b'"schema_version": "2",', 1), [
        "golden.json: schema_version: schema_version '2' is not supported: this app reads schema_version 1 or 2"]),
    "another kind": (lambda data: data.replace(b"compute-target-advisor/decision-records", b"other", 1), [
        "golden.json: kind: kind is 'other', not 'compute-target-advisor/decision-records': "
        "not a decision-record export"]),
}  # fmt: skip

BAD_RECORDS = {
    "unknown knowledge version": (_set(["records", 1, "knowledge_version"], "compute-tree-2030"), [
        _V2.format(field="knowledge_version", message="unknown knowledge version 'compute-tree-2030' "
                   "(known here: compute-tree-2025, compute-tree-2026)")]),
    "unknown question id": (_set(["records", 1, "answers", "gpux"], {"answer": "required"}), [
        _V2.format(field="answers.gpux", message="unknown question id 'gpux'")]),
    "unknown answer id": (_set(["records", 1, "answers", "gpu", "answer"], "maybe"), [
        _V2.format(field="answers.gpu.answer", message="unknown answer id 'maybe' for question 'gpu'")]),
    "unknown path question": (_set(["records", 1, "path", 0, "question"], "warp_drive"), [
        _V2.format(field="path[0].question", message="unknown question id 'warp_drive' in compute-tree-2026")]),
    "unknown service": (_set(["records", 1, "candidates", 0, "service"], "mainframe-in-a-box"), [
        _V2.format(field="candidates[0].service",
                   message="unknown service id 'mainframe-in-a-box' in compute-tree-2026")]),
    "missing author": (_set(["records", 1, "author"], _DELETE), [_V2.format(field="author", message="Field required")]),
    "wrong type": (_set(["records", 1, "confidence"], "high"), [
        _V2.format(field="confidence", message="Input should be a valid number, unable to parse string as a number")]),
    "extra field": (_set(["records", 1, "colour"], "red"), [
        _V2.format(field="colour", message="Extra inputs are not permitted")]),
    "versions out of order": (_set(["records", 1, "version"], 1), [
        "golden.json: version: workload 'Payroll API' (workloads[2]), record version 1 (records[1]): versions must "
        "increase: 1 comes after 1",
        "golden.json: supersedes_version: workload 'Payroll API' (workloads[2]), record version 3 (records[2]): "
        "names version 2, which is not an earlier version"]),
    "supersedes a later version": (_set(["records", 1, "supersedes_version"], 3), [
        _V2.format(field="supersedes_version", message="names version 3, which is not an earlier version")]),
    "no records": (_set(["records"], []), [
        "golden.json: records: workload 'Payroll API' (workloads[2]): Tuple should have at least 1 item after "
        "validation, not 0"]),
    "path contradicting the answers": (_set(["records", 1, "answers", "migrate_or_build", "answer"], "migrate"), [
        _V2.format(field="path[1]", message="path step 2 says 'migrate_or_build' was answered 'build_new', which "
                   "the record's answers do not give in compute-tree-2026: the path contradicts the answers")]),
    "outcome the path does not lead to": (_set(["records", 1, "service"], "app-service"), [
        _V2.format(field="service", message="service 'app-service' (complete) is not what the path leads to in "
                   "compute-tree-2026 ('functions', complete)")]),
    "another workload's id": (_set(["records", 1, "workload_id"], 999), [
        _V2.format(field="workload_id", message="workload_id 999 is not this workload's id 11: the record belongs "
                   "to another workload")]),
    "another workload's name": (_set(["records", 1, "workload_name"], "Nightly ledger batch"), [
        _V2.format(field="workload_name", message="workload_name 'Nightly ledger batch' is the name of another "
                   "workload of the file ('Nightly ledger batch'): the record belongs to that workload")]),
    "empty name": (_set(["name"], "  "), [
        "golden.json: name: workload '  ' (workloads[2]): a workload needs a name"]),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_imports_nothing_and_says_why(
    ctx: ServiceContext, kb: KnowledgeBase, golden_json: bytes, case: str
) -> None:
    spoil, messages = BAD_FILES[case]
    data = spoil(golden_json)
    before = _count(ctx)

    with pytest.raises(InputError) as caught:
        services.import_records(ctx, ANN, data, "golden.json")

    if case == "truncated":
        line = data.decode().count("\n") + 1
        messages = [messages[0].format(line=line)]
        assert str(caught.value).startswith(messages[0])
    else:
        assert [str(problem) for problem in caught.value.problems] == messages
    assert _count(ctx) == before


@pytest.mark.parametrize("case", sorted(BAD_RECORDS))
def test_a_bad_record_names_the_workload_version_and_field(
    ctx: ServiceContext, kb: KnowledgeBase, golden_json: bytes, case: str
) -> None:
    change, messages = BAD_RECORDS[case]

    with pytest.raises(InputError) as caught:
        services.import_records(ctx, ANN, _edited(golden_json, change), "golden.json")

    assert [str(problem) for problem in caught.value.problems] == messages
    assert _count(ctx) == (0, 0), "nothing imported, not even the good workloads"


def test_every_problem_of_a_file_is_listed(ctx: ServiceContext, kb: KnowledgeBase, golden_json: bytes) -> None:
    def spoil(document: dict[str, Any]) -> None:
        for workload in document["workloads"]:
            for record in workload["records"]:
                record["knowledge_version"] = "gone"
        document["workloads"].append(dict(document["workloads"][0]))

    with pytest.raises(InputError) as caught:
        services.import_records(ctx, ANN, _edited(golden_json, spoil), "golden.json")

    fields = [problem.ident for problem in caught.value.problems]
    assert fields.count("knowledge_version") == 6
    twice = [str(problem) for problem in caught.value.problems if problem.ident == "name"]
    assert twice == [
        'golden.json: name: workload \'=HYPERLINK("http://x","y")\' (workloads[3]): the file holds this workload '
        'twice (also as \'=HYPERLINK("http://x","y")\')'
    ]


def test_a_workload_exported_archived_is_imported_archived(
    ctx: ServiceContext, kb: KnowledgeBase, tmp_path: Path
) -> None:
    with open_ctx(f"sqlite:///{tmp_path}/source.db", kb) as source:
        old = new_workload(source, "Old app", owner="Ann", vm_links=[{"cloud_service": "cs", "vm_name": "vm"}])
        save(source, old, 1)
        services.archive_workload(source, ANN, old.id)
        data = to_json(services.select_records(source, names=["old app"]))

    report = services.import_records(ctx, ANN, data, "old.json")

    imported = services.find_workload(ctx, "Old app")
    assert imported is not None
    assert (report.created, imported.archived, imported.owner) == (1, True, "Ann")
    assert [(link.cloud_service, link.vm_name) for link in imported.vm_links] == [("cs", "vm")]
    assert services.select_records(ctx).workloads == (), "archived: left out of 'all', as on the Records page"


def test_a_version_saved_under_an_earlier_name_imports(
    ctx: ServiceContext, kb: KnowledgeBase, golden_json: bytes
) -> None:
    """Renaming keeps each version's own name: a record named as the workload was called then is no fault."""
    renamed = _edited(golden_json, _set(["records", 0, "workload_name"], "Payroll (before the rename)"))

    report = services.import_records(ctx, ANN, renamed, "golden.json")

    assert (report.created, report.added) == (3, 5)


def test_an_imported_workload_gets_the_next_free_number_and_keeps_its_origins(
    ctx: ServiceContext, kb: KnowledgeBase
) -> None:
    for name in ("Here one", "Here two"):
        services.create_workload(ctx, ANN, name)
    document = json.loads(to_json(golden_set(kb)))
    for number, workload in zip((7, 3, 12), document["workloads"], strict=True):
        workload["number"] = number  # as the exporting instance numbered them
    services.import_records(ctx, ANN, json.dumps(document).encode(), "numbered.json")

    found = {s.workload.name: (s.workload.number, s.workload.origin_number) for s in services.list_workloads(ctx)}
    names = [w["name"] for w in document["workloads"]]
    assert found == {
        "Here one": (1, None), "Here two": (2, None),
        names[0]: (3, 7), names[1]: (4, 3), names[2]: (5, 12),
    }  # fmt: skip
    exported = json.loads(to_json(services.select_records(ctx)))
    numbers = {w["name"]: (w["number"], w["origin_number"]) for w in exported["workloads"]}
    assert numbers == {name: found[name] for name in names}, "the JSON export carries both numbers"
    # importing the same file again adds nothing and renumbers nothing
    services.import_records(ctx, ANN, json.dumps(document).encode(), "numbered.json")
    assert {
        s.workload.name: (s.workload.number, s.workload.origin_number) for s in services.list_workloads(ctx)
    } == found


def test_an_export_made_before_schema_version_2_still_imports(ctx: ServiceContext, kb: KnowledgeBase) -> None:
    """tests/data/legacy/records-schema1.json is the golden JSON export as it was before issue 14."""
    old = (REPO_ROOT / "tests" / "data" / "legacy" / "records-schema1.json").read_bytes()
    assert json.loads(old)["schema_version"] == 1

    report = services.import_records(ctx, ANN, old, "records-schema1.json")

    assert (report.created, report.added, report.skipped) == (3, 5, 0)
    payroll = services.find_workload(ctx, "payroll api")
    assert payroll is not None
    assert payroll.number is not None
    assert payroll.origin_number is None
    latest = services.latest_record(ctx, payroll.id)
    assert latest is not None
    assert latest.override is not None
    assert latest.override.service == "container-apps"
    assert latest.override.conditions == (), "the stored version is kept as it was"
    assert all(not c.because and c.tree is None for c in latest.candidates)
