"""Answer profiles in the store: create, replace, delete, and the ProfileSet YAML round trip."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from advisor.decide.batch import read_profiles
from advisor.errors import InputError
from advisor.models.answer_profile import AnswerProfile
from advisor.store import Store

LIFT = AnswerProfile(
    description="Lift and shift: <b>as is</b> & no refactoring",
    knowledge_version="compute-tree-2026",
    answers={"migrate_or_build": "migrate", "containerizable": "no", "cots": "yes"},
)
EMPTY = AnswerProfile()


def test_saved_profiles_list_by_name_and_a_save_replaces_the_same_name(store: Store) -> None:
    store.save_profile("Lift", LIFT, "Ann")
    store.save_profile("  basic ", EMPTY, "Ann")
    store.save_profile("LIFT", AnswerProfile(answers={"cots": "no"}), "Bob")

    assert store.list_profiles() == {"basic": EMPTY, "LIFT": AnswerProfile(answers={"cots": "no"})}
    entries = store.profile_entries()
    assert [(e.name, e.author) for e in entries] == [("basic", "Ann"), ("LIFT", "Bob")]
    assert all(e.updated_at.tzinfo is not None for e in entries)


def test_yes_and_no_answers_and_markup_are_kept_as_text(store: Store) -> None:
    store.save_profile("Lift", LIFT, "Ann")

    assert store.list_profiles()["Lift"] == LIFT


def test_a_profile_given_as_a_mapping_is_validated(store: Store) -> None:
    store.save_profile("Lift", {"answers": {"cots": "yes"}}, "Ann")

    assert store.list_profiles() == {"Lift": AnswerProfile(answers={"cots": "yes"})}
    with pytest.raises(InputError, match=r"bad profile: answers\.cots"):
        store.save_profile("Odd", {"answers": {"cots": 3}}, "Ann")
    with pytest.raises(InputError, match="bad profile: colour"):
        store.save_profile("Odd", {"colour": "red"}, "Ann")
    assert list(store.list_profiles()) == ["Lift"]


@pytest.mark.parametrize(("name", "message"), [("", "a profile needs a name"), ("  ", "a profile needs a name"),
                                               ("p" * 121, "at most 120 characters")])  # fmt: skip
def test_profile_names_follow_the_workload_name_rules(store: Store, name: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        store.save_profile(name, LIFT, "Ann")

    store.save_profile("p" * 120, LIFT, "Ann")
    assert list(store.list_profiles()) == ["p" * 120]


def test_delete_removes_the_profile_by_name_in_any_case(store: Store) -> None:
    store.save_profile("Lift", LIFT, "Ann")
    store.save_profile("Basic", EMPTY, "Ann")

    store.delete_profile("lift ")

    assert list(store.list_profiles()) == ["Basic"]
    with pytest.raises(InputError, match="no profile named 'Lift'"):
        store.delete_profile("Lift")


def test_profiles_yaml_is_read_by_batch_and_imports_back(store: Store, store_url: str, tmp_path: Path) -> None:
    store.save_profile("Lift", LIFT, "Ann")
    store.save_profile("Basic", EMPTY, "Ann")
    text = store.profiles_yaml()
    (tmp_path / "profiles.yaml").write_text(text, encoding="utf-8")

    assert read_profiles(tmp_path / "profiles.yaml") == {"Basic": EMPTY, "Lift": LIFT}

    store.delete_profile("Lift")
    store.delete_profile("Basic")
    assert store.import_profiles_yaml(text, "profiles.yaml", "Bob") == ["Basic", "Lift"]
    assert store.list_profiles() == {"Basic": EMPTY, "Lift": LIFT}
    assert {e.author for e in store.profile_entries()} == {"Bob"}


def test_an_empty_store_exports_an_empty_profile_set(store: Store, tmp_path: Path) -> None:
    (tmp_path / "profiles.yaml").write_text(store.profiles_yaml(), encoding="utf-8")

    assert read_profiles(tmp_path / "profiles.yaml") == {}


def test_importing_replaces_profiles_of_the_same_name(store: Store) -> None:
    store.save_profile("lift", EMPTY, "Ann")
    store.save_profile("Keep", EMPTY, "Ann")
    text = "profiles:\n  Lift:\n    answers:\n      cots: yes\n"

    assert store.import_profiles_yaml(text, "upload.yaml", "Bob") == ["Lift"]
    assert store.list_profiles() == {"Keep": EMPTY, "Lift": AnswerProfile(answers={"cots": "yes"})}


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
    store: Store, document: str, expected: str
) -> None:
    store.save_profile("Existing", LIFT, "Ann")

    with pytest.raises(InputError, match=expected):
        store.import_profiles_yaml(textwrap.dedent(document), "team.yaml", "Bob")

    assert store.list_profiles() == {"Existing": LIFT}
    assert [e.author for e in store.profile_entries()] == ["Ann"]
