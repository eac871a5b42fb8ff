"""Profiles page: empty state, create through the question widgets, refused edits, delete, YAML download and import.

Answers are picked by question text and answer id, as a user picks them from each question's list;
no id is typed. File uploads go through AppTest's file_uploader (Streamlit 1.67 registers their bytes).
"""

from __future__ import annotations

import textwrap

import pytest

from advisor import services
from advisor.models.answer_profile import AnswerProfile
from tests.services.builders import ANN, left_by_an_older_installation, person
from tests.ui.uihelp import click, goto, labels, one, page_text, run, shown, shown_values, sign_in, values

EMPTY = "No answer profiles yet: create the first one below, or import a YAML file."
MIGRATE = "Are you migrating an existing workload, or building a new one?"
CONTAINERIZABLE = "Can the application be containerized?"
COTS = "Is it a commercial off-the-shelf (COTS) application?"
GPU = "Does the workload need graphics processors (GPUs)?"
SPECIALTY = "Is this one of the specialty workloads that Microsoft routes outside its general compute tree?"
SERVICE_FABRIC = (
    "Is your team familiar with Azure Service Fabric, or does the workload depend on older versions of the .NET "
    "Framework?"
)  # compute-tree-2025 only


@pytest.fixture
def at(new_app):
    """Dana signed in, on the Profiles page."""
    return goto(sign_in(run(new_app()), "Dana"), "Profiles")


def _table(at):
    assert at.dataframe, "the profile list is not shown"
    return at.dataframe[0].value


def _choose(at, name: str):
    one(at.selectbox, "Profile").set_value(name)
    return run(at)


def _errors(at) -> list[str]:
    return shown_values(at.error)


def test_empty_state_invites_to_create_or_import(at, ctx):
    assert values(at.title) == ["Answer profiles"]
    assert EMPTY in values(at.info)
    assert not at.dataframe
    assert one(at.selectbox, "Profile").value == "", "a new profile is being made"
    assert one(at.selectbox, "Knowledge version").value == "", "no version: the default where used"
    assert "Save profile" in labels(at.button)
    assert "Delete profile" not in labels(at.button)
    assert not at.get("download_button"), "nothing to download yet"
    assert labels(at.file_uploader) == ["Profiles YAML file"]
    # Every tree and requirement question of the default version (2026) is a list of its answers plus "(not set)".
    migrate = one(at.selectbox, MIGRATE)
    assert migrate.options == ["(not set)", "Migrate an existing workload", "Build a new workload"]
    assert migrate.value == ""
    assert one(at.selectbox, GPU).options[-1] == "Don't know"
    assert len([s for s in at.selectbox if s.label not in ("Profile", "Knowledge version")]) == 14 + 12
    assert services.list_profiles(ctx) == {}


def test_a_profile_created_with_the_widgets_is_saved_checked_and_listed(at, ctx):
    one(at.selectbox, "Knowledge version").set_value("compute-tree-2026")
    run(at)  # the version picks the questions shown: it reruns the page before the rest is filled in
    one(at.text_input, "Profile name").set_value("  Lift and shift, Windows  ")
    one(at.text_area, "Description").set_value("Move as is; **no** refactoring.")
    one(at.selectbox, MIGRATE).set_value("migrate")
    one(at.selectbox, CONTAINERIZABLE).set_value("no")
    one(at.selectbox, GPU).set_value("not_required")
    click(at, "Save profile")

    assert _errors(at) == []
    assert services.list_profiles(ctx) == {
        "Lift and shift, Windows": AnswerProfile(
            description="Move as is; **no** refactoring.",
            knowledge_version="compute-tree-2026",
            answers={"migrate_or_build": "migrate", "containerizable": "no", "gpu": "not_required"},
        )
    }
    assert "Created profile Lift and shift, Windows (3 answers)." in shown_values(at.success)
    table = _table(at)
    assert table.to_dict("records")[0] | {"Updated": None} == {
        "Name": "Lift and shift, Windows",
        "Description": "Move as is; **no** refactoring.",
        "Knowledge version": "compute-tree-2026",
        "Answers": 3,
        "Author": "Dana",
        "Updated": None,
    }
    assert EMPTY not in values(at.info)
    # The saved profile is now the one being edited, its answers shown in the widgets.
    assert one(at.selectbox, "Profile").value == "Lift and shift, Windows"
    assert one(at.selectbox, MIGRATE).value == "migrate"
    assert one(at.selectbox, COTS).value == ""
    assert one(at.text_input, "Profile name").value == "Lift and shift, Windows"
    assert labels(at.get("download_button")) == ["Download all profiles (YAML)"]


def test_a_new_profile_needs_a_name_a_signed_in_author_and_a_free_name(new_app, ctx):
    at = goto(run(new_app()), "Profiles")
    one(at.text_input, "Profile name").set_value("Basic")
    click(at, "Save profile")
    assert any("Enter your name in the sidebar" in e for e in _errors(at)), _errors(at)
    assert services.list_profiles(ctx) == {}

    sign_in(at, "Dana")
    one(at.text_input, "Profile name").set_value("   ")
    click(at, "Save profile")
    assert any("a profile needs a name" in e for e in _errors(at)), _errors(at)
    assert services.list_profiles(ctx) == {}

    services.save_profile(ctx, person("Ann"), "Basic", AnswerProfile(answers={"cots": "yes"}))
    one(at.text_input, "Profile name").set_value("BASIC ")
    click(at, "Save profile")
    assert any("There is already a profile named Basic" in e for e in _errors(at)), _errors(at)
    assert services.list_profiles(ctx) == {"Basic": AnswerProfile(answers={"cots": "yes"})}, "not overwritten"


def test_an_invalid_stored_answer_is_refused_on_save_naming_the_question_until_fixed(at, ctx):
    odd = {"knowledge_version": "compute-tree-2026", "answers": {"cots": "maybe", "colour": "red"}}
    left_by_an_older_installation(ctx, profile=("Odd", odd))  # saved before the knowledge changed, say
    run(at)
    _choose(at, "Odd")
    cots = one(at.selectbox, COTS)
    assert cots.value == "maybe", "the stored answer is shown, not dropped silently"
    assert cots.options[-1] == "maybe (not an answer of this question)"
    kept = one(at.multiselect, "Answers to questions this version does not ask (kept)")
    assert kept.value == ["colour"]

    click(at, "Save profile")
    errors = _errors(at)
    assert any(f"“{COTS}” (cots): unknown answer id 'maybe' (expected one of: yes, no)" in e for e in errors), errors
    assert any("colour: unknown question id in knowledge version compute-tree-2026" in e for e in errors), errors
    [entry] = services.profile_entries(ctx)
    assert (entry.author, entry.profile.answers) == ("Seeder", {"cots": "maybe", "colour": "red"}), "nothing saved"

    one(at.selectbox, COTS).set_value("yes")
    one(at.multiselect, "Answers to questions this version does not ask (kept)").set_value([])
    click(at, "Save profile")
    assert _errors(at) == []
    [entry] = services.profile_entries(ctx)
    assert (entry.author, entry.profile.answers) == ("Dana", {"cots": "yes"})


def test_answers_of_another_version_are_kept_and_a_rename_replaces_the_old_name(at, ctx):
    services.save_profile(
        ctx, person("Seeder"), "Legacy",
        {"knowledge_version": "compute-tree-2025", "answers": {"service_fabric_or_legacy_dotnet": "yes"}},
    )  # fmt: skip
    run(at)
    _choose(at, "Legacy")
    assert one(at.selectbox, SERVICE_FABRIC).value == "yes"
    one(at.selectbox, "Knowledge version").set_value("compute-tree-2026")
    run(at)
    assert SERVICE_FABRIC not in labels(at.selectbox), "2026 does not ask it"
    assert one(at.multiselect, "Answers to questions this version does not ask (kept)").value == [
        "service_fabric_or_legacy_dotnet"
    ]
    one(at.selectbox, SPECIALTY).set_value("none")
    one(at.text_input, "Profile name").set_value("Legacy 2026")
    click(at, "Save profile")

    assert _errors(at) == []
    assert "Renamed profile Legacy to Legacy 2026 (2 answers)." in shown_values(at.success)
    assert services.list_profiles(ctx) == {
        "Legacy 2026": AnswerProfile(
            knowledge_version="compute-tree-2026",
            answers={"specialty_workload": "none", "service_fabric_or_legacy_dotnet": "yes"},
        )
    }


def test_delete_asks_for_confirmation(at, ctx):
    services.save_profile(ctx, person("Ann"), "Lift", AnswerProfile(answers={"cots": "no"}))
    services.save_profile(ctx, person("Ann"), "Basic", AnswerProfile())
    run(at)
    _choose(at, "Lift")
    click(at, "Delete profile")
    assert any("Delete the profile Lift?" in shown(w) for w in values(at.warning)), values(at.warning)
    click(at, "Cancel")
    assert "Yes, delete it" not in labels(at.button)
    assert list(services.list_profiles(ctx)) == ["Basic", "Lift"]

    click(at, "Delete profile")
    click(at, "Yes, delete it")
    assert list(services.list_profiles(ctx)) == ["Basic"]
    assert "Deleted profile Lift." in shown_values(at.success)
    assert one(at.selectbox, "Profile").value == "", "back to a new profile"
    assert one(at.selectbox, "Profile").options == ["➕ New profile", "Basic"]
    assert [r["Name"] for r in _table(at).to_dict("records")] == ["Basic"]


def test_user_text_is_shown_as_typed(at, ctx):
    services.save_profile(ctx, person("Ann"), "**Bold** <b>x</b>", AnswerProfile(description="[link](http://x)"))
    run(at)
    _choose(at, "**Bold** <b>x</b>")
    click(at, "Delete profile")
    [warning] = [w for w in values(at.warning) if "Delete the profile" in w]
    assert r"\*\*Bold\*\* \<b\>x\</b\>" in warning, "markdown and tags are escaped"


GOOD = textwrap.dedent(
    """\
    profiles:
      Lift and shift:
        description: Move as is
        knowledge_version: compute-tree-2026
        answers:
          migrate_or_build: migrate
          cots: "no"
      Basic: {}
    """
).encode()


def _upload(at, name: str, content: bytes):
    at.file_uploader(key="profiles_file").upload(name, content, "application/x-yaml")
    return click(at, "Import profiles")


def test_a_valid_yaml_file_imports_its_profiles(at, ctx):
    services.save_profile(ctx, person("Ann"), "Basic", AnswerProfile(answers={"cots": "yes"}))
    run(at)
    _upload(at, "profiles.yaml", GOOD)

    assert _errors(at) == []
    assert "Imported 2 profiles from profiles.yaml: Lift and shift, Basic." in shown_values(at.success)
    assert services.list_profiles(ctx) == {
        "Basic": AnswerProfile(),  # replaced
        "Lift and shift": AnswerProfile(
            description="Move as is",
            knowledge_version="compute-tree-2026",
            answers={"migrate_or_build": "migrate", "cots": "no"},
        ),
    }
    assert [(e.name, e.author) for e in services.profile_entries(ctx)] == [
        ("Basic", "Dana"),
        ("Lift and shift", "Dana"),
    ]
    assert [r["Name"] for r in _table(at).to_dict("records")] == ["Basic", "Lift and shift"]


def test_the_download_imports_back_unchanged(at, ctx):
    services.save_profile(
        ctx, person("Ann"), "Lift", AnswerProfile(knowledge_version="compute-tree-2026", answers={"cots": "no"})
    )
    before = services.list_profiles(ctx)
    text = services.profiles_yaml(ctx)  # what the download button serves
    run(at)
    assert labels(at.get("download_button")) == ["Download all profiles (YAML)"]
    services.delete_profile(ctx, ANN, "Lift")
    _upload(at, "answer-profiles.yaml", text.encode())
    assert services.list_profiles(ctx) == before


BROKEN = [
    (
        "broken.yaml",
        b"profiles:\n  Lift:\n    answers:\n      cots: [no\n",
        "broken.yaml:5: malformed YAML",
    ),
    (
        "schema.yaml",
        b"profiles:\n  Fine:\n    answers: {cots: 'no'}\n  Odd:\n    colour: red\n",
        "schema.yaml:5",
    ),
    (
        "ids.yaml",
        b"profiles:\n  Fine:\n    answers: {cots: 'no'}\n  Odd:\n    answers:\n      cots: maybe\n",
        "ids.yaml:6: cots: profile 'Odd': unknown answer id 'maybe' (expected one of: yes, no)",
    ),
    (
        "version.yaml",
        b"profiles:\n  Fine: {}\n  Odd:\n    knowledge_version: compute-tree-1999\n",
        "version.yaml:4: knowledge_version: profile 'Odd': unknown knowledge version 'compute-tree-1999'",
    ),
    ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", "binary.yaml: not a UTF-8 text file"),
]


@pytest.mark.parametrize(("name", "content", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_yaml_file_names_file_and_line_and_imports_nothing(at, ctx, name, content, expected):
    services.save_profile(ctx, person("Ann"), "Basic", AnswerProfile(answers={"cots": "yes"}))
    run(at)
    _upload(at, name, content)

    errors = _errors(at)
    assert len(errors) == 1, errors
    assert f"{name} was not imported; nothing was stored:" in errors[0]
    assert expected in errors[0], errors[0]
    assert services.list_profiles(ctx) == {"Basic": AnswerProfile(answers={"cots": "yes"})}
    assert not any(s.startswith("Imported") for s in shown_values(at.success))


def test_import_without_a_file_or_a_name_says_so(new_app, ctx):
    at = goto(run(new_app()), "Profiles")
    click(at, "Import profiles")
    assert "Choose a YAML file first." in _errors(at)
    _upload(at, "profiles.yaml", GOOD)
    assert any("Enter your name in the sidebar" in e for e in _errors(at)), page_text(at)
    assert services.list_profiles(ctx) == {}
