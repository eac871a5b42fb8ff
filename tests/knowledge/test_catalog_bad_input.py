"""A broken catalog is reported by check (exit 1) naming file, line and ids; mistyped requirement answers exit 2."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from advisor import AnswersError, KnowledgeBase, Problem, check_knowledge, recommend
from advisor.cli.main import main

KNOWLEDGE = Path(__file__).resolve().parent.parent.parent / "knowledge"
SERVICES = "catalog/services.yaml"
FACT_SOURCE = "https://learn.microsoft.com/azure/architecture/guide/technology-choices/compute-decision-tree"


@dataclass(frozen=True)
class Broken:
    """A copy of knowledge/ with one snippet of one file replaced; ``line`` is where the snippet began."""

    folder: Path
    line: int


def _break(tmp_path: Path, relative: str, old: str, new: str) -> Broken:
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    target = folder / relative
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"snippet is not unique in {relative}: {old!r}"
    line = text[: text.index(old)].count("\n") + 1
    target.write_text(text.replace(old, new), encoding="utf-8")
    return Broken(folder, line)


def _in_file(problem: Problem, relative: str) -> bool:
    return problem.file is not None and Path(problem.file).as_posix().endswith(relative)


def _check_cli_names(capsys: pytest.CaptureFixture[str], folder: Path, relative: str, line: int, ident: str) -> None:
    """`check --knowledge` exits 1 and prints a one-line error naming the file, the line and the id."""
    code = main(["check", "--knowledge", str(folder)])

    err = capsys.readouterr().err
    assert code == 1
    pattern = re.compile(rf"^error: \S*{re.escape(relative)}:{line}: \S*{re.escape(ident)}", re.MULTILINE)
    assert pattern.search(err), err


# --------------------------------------------------------------------------------------------------
# (a) an outcome without a catalog entry


def _catalog_line(manifest: Path) -> int:
    lines = manifest.read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, start=1) if text.startswith("catalog:"))


def test_check_names_the_outcome_whose_catalog_entry_was_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (KNOWLEDGE / SERVICES).read_text(encoding="utf-8")
    start = text.index("  - id: batch\n")
    end = text.index("  # ----", start)  # the separator before the next entry
    broken = _break(tmp_path, SERVICES, text[start:end], "")

    problems = check_knowledge(broken.folder)

    missing = [p for p in problems if p.check == "catalog-entry-missing" and p.ident == "batch"]
    where = {(Path(p.file or "").name, p.line) for p in missing}
    expected = {
        (manifest.name, _catalog_line(manifest)) for manifest in sorted((broken.folder / "versions").glob("*.yaml"))
    }
    assert where == expected, "\n".join(map(str, problems))
    assert [p for p in problems if p.check == "catalog-entry-missing" and p.ident != "batch"] == []
    manifest = "versions/compute-tree-2026.yaml"
    _check_cli_names(capsys, broken.folder, manifest, _catalog_line(broken.folder / manifest), "batch")


# --------------------------------------------------------------------------------------------------
# (b), (c) a fact without its date or its source


@pytest.mark.parametrize(
    ("field", "service", "old"),
    [
        pytest.param(
            "date",
            "container-apps",
            f"        - value: Serverless, no nodes to provision\n          date: 2026-02-18\n"
            f"          source: {FACT_SOURCE}\n",
            id="date",
        ),
        pytest.param(
            "source",
            "vmware-solution",
            f"        - value: 3 to 16 ESXi hosts per vCenter Server\n          date: 2026-02-18\n"
            f"          source: {FACT_SOURCE}\n",
            id="source",
        ),
    ],
)
def test_check_names_file_line_and_service_of_a_fact_missing_a_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, service: str, old: str
) -> None:
    kept = [line for line in old.splitlines(keepends=True) if not line.lstrip().startswith(f"{field}:")]
    broken = _break(tmp_path, SERVICES, old, "".join(kept))

    problems = check_knowledge(broken.folder)

    schema = [p for p in problems if _in_file(p, SERVICES) and field in p.message]
    assert len(schema) == 1, "\n".join(map(str, problems))
    (problem,) = schema
    assert service in (problem.ident or ""), str(problem)
    assert problem.line == broken.line, str(problem)
    _check_cli_names(capsys, broken.folder, SERVICES, broken.line, service)


def test_a_fact_missing_its_date_is_not_also_reported_as_missing_entries(tmp_path: Path) -> None:
    old = "        - value: Serverless, no nodes to provision\n          date: 2026-02-18\n"
    broken = _break(tmp_path, SERVICES, old, "        - value: Serverless, no nodes to provision\n")

    problems = check_knowledge(broken.folder)

    assert [p for p in problems if p.check == "catalog-entry-missing"] == [], "\n".join(map(str, problems))


# --------------------------------------------------------------------------------------------------
# (d), (e) a rule naming an unknown requirement, or an unknown answer of a real one


@pytest.mark.parametrize(
    ("old", "new", "service", "named"),
    [
        pytest.param(
            '      - when: {openshift: ["yes"]}\n', "      - when: {colour: [red]}\n", "aks", "colour", id="question"
        ),
        pytest.param(
            "      - when: {gpu: [required]}\n        fit: no_fit\n        reason: >-\n"
            "          GPU required: Azure Functions offers no GPU",
            "      - when: {gpu: [sometimes]}\n        fit: no_fit\n        reason: >-\n"
            "          GPU required: Azure Functions offers no GPU",
            "functions",
            "sometimes",
            id="answer",
        ),
    ],
)
def test_check_names_the_service_of_a_rule_referring_to_something_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, service: str, named: str
) -> None:
    broken = _break(tmp_path, SERVICES, old, new)

    problems = check_knowledge(broken.folder)

    references = [p for p in problems if p.check == "rule-reference"]
    assert references, "\n".join(map(str, problems))
    assert all(_in_file(p, SERVICES) for p in references)
    assert all(p.line == broken.line for p in references), "\n".join(map(str, references))
    assert all((p.ident or "").startswith(f"{service}/") for p in references)
    assert all(named in p.message for p in references)
    _check_cli_names(capsys, broken.folder, SERVICES, broken.line, service)


# --------------------------------------------------------------------------------------------------
# (f) a requirement answer of the wrong type


@pytest.mark.parametrize(
    ("question", "written", "value"),
    [pytest.param("gpu", "true", True, id="boolean"), pytest.param("peak_instances", "500", 500, id="number")],
)
def test_recommend_refuses_a_requirement_answer_that_is_not_a_string_naming_the_question(
    kb: KnowledgeBase, question: str, written: str, value: object
) -> None:
    with pytest.raises(AnswersError) as info:
        recommend(kb, {"specialty_workload": "none", question: value}, "compute-tree-2026")

    assert [p.ident for p in info.value.problems] == [question]
    assert question in str(info.value)


@pytest.mark.parametrize(
    ("question", "written"),
    [pytest.param("gpu", "true", id="boolean"), pytest.param("peak_instances", "500", id="number")],
)
def test_cli_recommend_exits_2_with_one_line_naming_file_line_and_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], question: str, written: str
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        f"knowledge_version: compute-tree-2026\nanswers:\n  specialty_workload: none\n  {question}: {written}\n",
        encoding="utf-8",
    )

    code = main(["recommend", str(answers)])

    err = capsys.readouterr().err
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith(f"error: {answers}:4: {question}: "), err
    assert "Traceback" not in err
