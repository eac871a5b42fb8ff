"""Answer profiles in the store: create, replace, delete, and the ProfileSet YAML round trip."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from advisor import services
from advisor.decide.batch import read_profiles
from advisor.errors import InputError, Problem, StoreError
from advisor.models.answer_profile import AnswerProfile
from advisor.services import ServiceContext
from advisor.store.profile_repository import ProfileRepository
from tests.services.builders import ANN, person

LIFT = AnswerProfile(
    description="Lift and shift: <b>as is</b> & no refactoring",
    knowledge_version="compute-tree-2026",
    answers={"migrate_or_build": "migrate", "containerizable": "no", "cots": "yes"},
)
EMPTY = AnswerProfile()


def test_saved_profiles_list_by_name_and_a_save_replaces_the_same_name(ctx: ServiceContext) -> None:
    services.save_profile(ctx, person("Ann"), "Lift", LIFT)
    services.save_profile(ctx, person("Ann"), "  basic ", EMPTY)
    services.save_profile(ctx, person("Bob"), "LIFT", AnswerProfile(answers={"cots": "no"}))

    assert services.list_profiles(ctx) == {"basic": EMPTY, "LIFT": AnswerProfile(answers={"cots": "no"})}
    entries = services.profile_entries(ctx)
    assert [(e.name, e.author) for e in entries] == [("basic", "Ann"), ("LIFT", "Bob")]
    assert all(e.updated_at.tzinfo is not None for e in entries)


def test_yes_and_no_answers_and_markup_are_kept_as_text(ctx: ServiceContext) -> None:
    services.save_profile(ctx, person("Ann"), "Lift", LIFT)

    assert services.list_profiles(ctx)["Lift"] == LIFT


def test_a_profile_given_as_a_mapping_is_validated(ctx: ServiceContext) -> None:
    services.save_profile(ctx, person("Ann"), "Lift", {"answers": {"cots": "yes"}})

    assert services.list_profiles(ctx) == {"Lift": AnswerProfile(answers={"cots": "yes"})}
    with pytest.raises(InputError, match=r"bad profile: answers\.cots"):
        services.save_profile(ctx, person("Ann"), "Odd", {"answers": {"cots": 3}})
    with pytest.raises(InputError, match="bad profile: colour"):
        services.save_profile(ctx, person("Ann"), "Odd", {"colour": "red"})
    assert list(services.list_profiles(ctx)) == ["Lift"]


@pytest.mark.parametrize(("name", "message"), [("", "a profile needs a name"), ("  ", "a profile needs a name"),
                                               ("p" * 121, "at most 120 characters")])  # fmt: skip
def test_profile_names_follow_the_workload_name_rules(ctx: ServiceContext, name: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        services.save_profile(ctx, person("Ann"), name, LIFT)

    services.save_profile(ctx, person("Ann"), "p" * 120, LIFT)
    assert list(services.list_profiles(ctx)) == ["p" * 120]


def test_delete_removes_the_profile_by_name_in_any_case(ctx: ServiceContext) -> None:
    services.save_profile(ctx, person("Ann"), "Lift", LIFT)
    services.save_profile(ctx, person("Ann"), "Basic", EMPTY)

    services.delete_profile(ctx, ANN, "lift ")

    assert list(services.list_profiles(ctx)) == ["Basic"]
    with pytest.raises(InputError, match="no profile named 'Lift'"):
        services.delete_profile(ctx, ANN, "Lift")


def test_profiles_yaml_is_read_by_batch_and_imports_back(ctx: ServiceContext, store_url: str, tmp_path: Path) -> None:
    services.save_profile(ctx, person("Ann"), "Lift", LIFT)
    services.save_profile(ctx, person("Ann"), "Basic", EMPTY)
    text = services.profiles_yaml(ctx)
    (tmp_path / "profiles.yaml").write_text(text, encoding="utf-8")

    assert read_profiles(tmp_path / "profiles.yaml") == {"Basic": EMPTY, "Lift": LIFT}

    services.delete_profile(ctx, ANN, "Lift")
    services.delete_profile(ctx, ANN, "Basic")
    assert services.import_profiles_yaml(ctx, person("Bob"), text, "profiles.yaml") == ["Basic", "Lift"]
    assert services.list_profiles(ctx) == {"Basic": EMPTY, "Lift": LIFT}
    assert {e.author for e in services.profile_entries(ctx)} == {"Bob"}


def test_an_empty_store_exports_an_empty_profile_set(ctx: ServiceContext, tmp_path: Path) -> None:
    (tmp_path / "profiles.yaml").write_text(services.profiles_yaml(ctx), encoding="utf-8")

    assert read_profiles(tmp_path / "profiles.yaml") == {}


def test_importing_replaces_profiles_of_the_same_name(ctx: ServiceContext) -> None:
    services.save_profile(ctx, person("Ann"), "lift", EMPTY)
    services.save_profile(ctx, person("Ann"), "Keep", EMPTY)
    text = "profiles:\n  Lift:\n    answers:\n      cots: yes\n"

    assert services.import_profiles_yaml(ctx, person("Bob"), text, "upload.yaml") == ["Lift"]
    assert services.list_profiles(ctx) == {"Keep": EMPTY, "Lift": AnswerProfile(answers={"cots": "yes"})}


BAD_DOCUMENTS = [
    pytest.param(
        """\
        profiles:
          Good:
            answers: {cots: yes}
          Broken:
            answers:
              cots: yes
             vmware: no
        """,
        r"^team\.yaml:7: malformed YAML",
        id="bad-indentation",
    ),
    pytest.param(
        """\
        profiles:
          Good:
            answers: {cots: yes}
          Numbers:
            answers:
              cots: 3
        """,
        r"^team\.yaml:6: schema: profiles\.Numbers\.answers\.cots: Input should be a valid string",
        id="answer-not-text",
    ),
    pytest.param(
        """\
        profiles:
          Good:
            answers: {cots: yes}
          Good:
            answers: {cots: no}
        """,
        r"^team\.yaml:4: Good: duplicate key",
        id="duplicate-key",
    ),
    pytest.param(
        """\
        profiles:
          Good:
            answers: {cots: yes}
          GOOD:
            answers: {cots: no}
        """,
        r"^team\.yaml:4: GOOD: profile 'GOOD' repeats 'Good'",
        id="same-name-in-another-case",
    ),
    pytest.param(
        """\
        profiles:
          Good:
            answers: {cots: yes}
          "Good ":
            answers: {cots: no}
        """,
        r"^team\.yaml:4: Good: profile 'Good' repeats 'Good'",
        id="same-name-but-a-space",
    ),
    pytest.param(
        """\
        profiles:
          Good:
            answers: {cots: yes}
          "  ":
            answers: {cots: no}
        """,
        r"^team\.yaml:4: profile: a profile needs a name",
        id="blank-name",
    ),
    pytest.param("- just\n- a list\n", r"^team\.yaml:1: top level must be a mapping", id="not-a-mapping"),
    pytest.param("  \n", r"^team\.yaml:1: file is empty", id="empty"),
]


@pytest.mark.parametrize(("document", "expected"), BAD_DOCUMENTS)
def test_a_bad_profiles_file_is_refused_with_file_and_line_and_nothing_is_stored(
    ctx: ServiceContext, document: str, expected: str
) -> None:
    services.save_profile(ctx, person("Ann"), "Existing", LIFT)

    with pytest.raises(InputError, match=expected):
        services.import_profiles_yaml(ctx, person("Bob"), textwrap.dedent(document), "team.yaml")

    assert services.list_profiles(ctx) == {"Existing": LIFT}
    assert [e.author for e in services.profile_entries(ctx)] == ["Ann"]


def test_a_rename_is_one_transaction(ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch) -> None:
    services.save_profile(ctx, person("Ann"), "Lift", LIFT)

    renamed = services.save_profile(ctx, person("Bob"), "Lift and shift", EMPTY, original="lift")

    assert renamed == EMPTY
    assert services.list_profiles(ctx) == {"Lift and shift": EMPTY}
    assert [e.author for e in services.profile_entries(ctx)] == ["Bob"]

    def fails(*_args: object) -> int:
        raise StoreError(Problem("the disk went away"))

    monkeypatch.setattr(ProfileRepository, "delete_profile_row", fails)  # the old name's removal fails
    with pytest.raises(StoreError, match="the disk went away"):
        services.save_profile(ctx, person("Cy"), "Basic", LIFT, original="Lift and shift")

    assert services.list_profiles(ctx) == {"Lift and shift": EMPTY}, "the new name was not saved either"


def test_editing_a_profile_that_is_gone_is_refused(ctx: ServiceContext) -> None:
    with pytest.raises(InputError, match="no profile named 'Lift'"):
        services.save_profile(ctx, person("Ann"), "Lift 2", LIFT, original="Lift")

    assert services.list_profiles(ctx) == {}


def test_a_profile_is_checked_against_its_knowledge_version_before_it_is_saved(ctx: ServiceContext) -> None:
    with pytest.raises(InputError) as caught:
        services.save_profile(ctx, person("Ann"), "Odd", {"answers": {"cots": "maybe", "warp": "yes"}})

    messages = [p.message for p in caught.value.problems]
    assert messages == [
        "“Is it a commercial off-the-shelf (COTS) application?” (cots): unknown answer id 'maybe' (expected one "
        "of: yes, no)",
        "warp: unknown question id in knowledge version compute-tree-2026",
    ]
    assert services.list_profiles(ctx) == {}
