"""Reasons and conditions in words: from their structured form, from the text of versions stored before it, and
for ids the current knowledge no longer has (the id, said to be gone, never a crash)."""

from __future__ import annotations

from advisor import KnowledgeBase
from advisor.decide.reason_words import Words, because_text, condition_texts, legacy_because, reason_texts
from advisor.models.record import Answered, Because

VNET = "“Must the workload reach resources inside an Azure virtual network?”"


def test_a_rule_reason_names_the_question_text_and_the_answer_label(kb: KnowledgeBase) -> None:
    because = Because(
        kind="rule", service="app-service", text="Needs Basic or above.",
        answers=(Answered(question="vnet_integration", answer="required"),),
    )  # fmt: skip
    assert (
        because_text(because, Words.from_kb(kb))
        == f"{VNET} answered “VNet integration required”: Needs Basic or above."
    )


def test_a_stored_text_reason_is_shown_with_todays_wording_and_kept(kb: KnowledgeBase) -> None:
    stored = ("requirement vnet_integration = required: Needs Basic or above.",
              "tree step containerizable = no, requirement gpu = required: No GPU here.",
              "requirement kubernetes_skills is not answered yet",
              "requirement state is answered “don't know”")  # fmt: skip
    assert reason_texts(stored, (), "app-service", Words.from_kb(kb)) == [
        f"{VNET} answered “VNet integration required”: Needs Basic or above.",
        "“Can the application be containerized?” answered “No, it needs a whole server”; “Does the workload need "
        "graphics processors (GPUs)?” answered “GPU required”: No GPU here.",
        "“How much Kubernetes experience does the team that will operate the workload have?” is not answered yet",
        "“Does the workload keep state on the machines or containers it runs on?” is answered “Don't know”",
    ]


def test_an_id_the_knowledge_no_longer_has_is_shown_as_the_id_and_said_to_be_gone(kb: KnowledgeBase) -> None:
    words = Words.from_kb(kb)
    gone = Because(kind="rule", text="Old rule.", answers=(Answered(question="mainframe_dialect", answer="cobol"),))
    assert because_text(gone, words) == (
        "“mainframe_dialect (no longer in the knowledge)” answered “cobol (no longer in the knowledge)”: Old rule."
    )
    assert condition_texts(("requirement mainframe_dialect = cobol: Old rule.",), (), words) == [
        "“mainframe_dialect (no longer in the knowledge)” answered “cobol (no longer in the knowledge)”: Old rule."
    ]
    turned = Because(
        kind="turned_away", service="x", answers=(Answered(question="retired_step", answer="no", kind="tree"),)
    )
    assert because_text(turned, words) == (
        "the decision tree turned away from it at “retired_step (no longer in the knowledge)” answered "
        "“no (no longer in the knowledge)”"
    )


def test_text_the_app_did_not_write_is_shown_as_stored() -> None:
    assert legacy_because("Some hand-typed reason: with a colon", "aks") is None
    assert reason_texts(("Some hand-typed reason: with a colon",), (), "aks", Words()) == [
        "Some hand-typed reason: with a colon"
    ]
    assert legacy_because("Always true.", None, condition=True) == Because(kind="always", text="Always true.")


def test_a_record_naming_a_question_the_knowledge_lacks_renders_everywhere_without_a_crash(kb: KnowledgeBase) -> None:
    """A version stored under a knowledge that had a question this one lacks: the MADR, the Excel rows and the
    minutes show the id with "no longer in the knowledge"."""
    import datetime

    from advisor.decide.record_builder import build_record
    from advisor.export import ExportSet, Glossary, WorkloadExport, madr_files
    from advisor.export.table_rows import candidate_rows, condition_rows
    from advisor.models.record import GivenAnswer, Workload

    moment = datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    workload = Workload(id=1, name="Old one", number=1, created_at=moment, updated_at=moment)
    answers = {"specialty_workload": "none", "migrate_or_build": "migrate", "migration_approach": "lift_and_shift",
               "containerizable": "no", "cots": "yes", "vmware": "no"}  # fmt: skip
    record = build_record(
        kb, workload=workload, answers={q: GivenAnswer(answer=a) for q, a in answers.items()},
        knowledge_version="compute-tree-2026", author="Ann", version=1, now=moment,
    )  # fmt: skip
    gone = Because(kind="rule", service="virtual-machines", text="Mind the dialect.",
                   answers=(Answered(question="mainframe_dialect", answer="cobol"),))  # fmt: skip
    first = record.candidates[0].model_copy(update={"fit": "fit_with_effort", "reasons": ("x",), "because": (gone,)})
    stored = record.model_copy(
        update={"candidates": (first, *record.candidates[1:]), "conditions": ("y",), "condition_because": (gone,)}
    )
    export = ExportSet((WorkloadExport(workload, (stored,)),), Glossary.from_kb(kb))

    said = (
        "“mainframe_dialect (no longer in the knowledge)” answered “cobol (no longer in the knowledge)”: Mind the "
        "dialect."
    )
    text = madr_files(export)["0001-old-one.md"]
    assert f"- Condition: {said}" in text.replace("\\", "")
    assert said in [row[5] for row in condition_rows(export)]
    assert said in next(row for row in candidate_rows(export) if row[2] == first.service)[7]
