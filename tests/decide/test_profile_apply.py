"""advisor.decide.profiles: a profile laid over answers, its answers checked naming the question, set ids checked."""

from __future__ import annotations

import textwrap

from advisor import KnowledgeBase
from advisor.decide.profiles import answer_problems, apply_profile, profile_set_problems, question_text
from advisor.models.answer_profile import AnswerProfile
from advisor.models.record import GivenAnswer

PROFILE = AnswerProfile(answers={"migrate_or_build": "migrate", "cots": "no", "gpu": "not_required"})
FROM = "From profile Lift"


def _profile(answer: str) -> GivenAnswer:
    return GivenAnswer(answer=answer, source="profile", note=FROM)


def test_unanswered_questions_take_the_profile_answers_marked_profile() -> None:
    applied = apply_profile({}, PROFILE, " Lift ")

    assert applied.answers == {q: _profile(a) for q, a in PROFILE.answers.items()}
    assert (applied.set, applied.kept, applied.changed) == (["migrate_or_build", "cots", "gpu"], [], True)


def test_own_answers_are_kept_unless_replaced_and_suggestions_give_way() -> None:
    answers = {
        "migrate_or_build": GivenAnswer(answer="build_new", note="we rebuild"),
        "cots": GivenAnswer(answer="no", note="ours"),  # the same answer: left as the user gave it
        "gpu": GivenAnswer(answer="required", source="inventory", note="From inventory: x"),
        "hpc": GivenAnswer(answer="no"),  # not in the profile: untouched
    }

    kept = apply_profile(answers, PROFILE, "Lift")
    assert kept.answers == answers | {"gpu": _profile("not_required")}
    assert (kept.set, kept.kept) == (["gpu"], ["migrate_or_build"])

    replaced = apply_profile(answers, PROFILE, "Lift", replace_own=True)
    assert replaced.answers == answers | {"gpu": _profile("not_required"), "migrate_or_build": _profile("migrate")}
    assert (replaced.set, replaced.kept) == (["migrate_or_build", "gpu"], [])
    assert answers["gpu"].source == "inventory", "the given answers are not changed in place"


def test_applying_the_same_profile_again_changes_nothing() -> None:
    once = apply_profile({}, PROFILE, "Lift").answers
    again = apply_profile(once, PROFILE, "Lift")
    assert (again.answers, again.changed) == (once, False)
    other = apply_profile(once, PROFILE, "Other")
    assert other.set == ["migrate_or_build", "cots", "gpu"], "another profile's note: its answers are re-marked"


def test_answer_problems_name_the_question(kb: KnowledgeBase) -> None:
    version = kb.version("compute-tree-2026")
    assert answer_problems(kb, version, PROFILE.answers) == []
    assert answer_problems(kb, version, {"service_fabric_or_legacy_dotnet": "yes"}) == [], "kept: a 2025 question"
    assert answer_problems(kb, version, {"cots": "maybe", "colour": "red", "gpu": "unknown"}) == [
        "“Is it a commercial off-the-shelf (COTS) application?” (cots): unknown answer id 'maybe' "
        "(expected one of: yes, no)",
        "colour: unknown question id in knowledge version compute-tree-2026",
    ]
    assert question_text(kb, version, "service_fabric_or_legacy_dotnet") == (
        "Is your team familiar with Azure Service Fabric, or does the workload depend on older versions of the .NET "
        "Framework?"
    )
    assert question_text(kb, version, "colour") is None


def test_profile_set_problems_give_file_and_line(kb: KnowledgeBase) -> None:
    text = textwrap.dedent(
        """\
        profiles:
          Fine:
            answers: {cots: "no"}
          Old:
            knowledge_version: compute-tree-2025
            answers:
              service_fabric_or_legacy_dotnet: "yes"
              specialty_workload: none
          Odd:
            knowledge_version: compute-tree-2026
            answers:
              cots: maybe
          Gone:
            knowledge_version: compute-tree-1999
        """
    )
    problems = [str(p) for p in profile_set_problems(kb, text, "p.yaml")]
    assert problems == [
        "p.yaml:12: cots: profile 'Odd': unknown answer id 'maybe' (expected one of: yes, no)",
        "p.yaml:14: knowledge_version: profile 'Gone': unknown knowledge version 'compute-tree-1999' "
        "(known: compute-tree-2025, compute-tree-2026)",
    ]
    assert profile_set_problems(kb, "profiles: [", "bad.yaml") == [], "the profiles service reports what does not parse"
    assert profile_set_problems(kb, "- a\n", "list.yaml") == []
