"""One error tree (advisor/errors.py): every error the advisor raises on purpose is an AdvisorError whose text is
one line per problem; the two that stand in for a ValueError (in pydantic validators, json hooks and as a
caller's fault) are ValueErrors too; no bare built-in exception is raised anywhere in the package."""

from __future__ import annotations

import ast
import builtins
import inspect
from pathlib import Path

import pytest
from pydantic import ValidationError

import advisor
from advisor import errors
from advisor.errors import AdvisorError, InputError, Problem, RuleError, UsageError, YamlError
from advisor.knowledge.yaml_io import load_text
from advisor.models.triage_rules import Test as TriageTest

PACKAGE = Path(advisor.__file__).resolve().parent


def test_every_error_class_is_in_the_tree() -> None:
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, Exception)]

    assert {c.__name__ for c in classes} == {
        "AdvisorError", "KnowledgeError", "AnswersError", "InputError", "NameTakenError", "YamlError", "AccessError",
        "StoreError", "ConflictError", "RuleError", "UsageError",
    }  # fmt: skip
    assert all(issubclass(c, AdvisorError) for c in classes)


def test_yaml_errors_are_input_errors_naming_file_and_line() -> None:
    with pytest.raises(InputError) as caught:
        load_text("a: [1, 2\n", "broken.yaml")

    assert isinstance(caught.value, YamlError)
    assert str(caught.value).startswith("broken.yaml:")
    assert "\n" not in str(caught.value)
    assert caught.value.problem == caught.value.problems[0]


def test_a_rule_error_in_a_validator_is_a_located_pydantic_problem() -> None:
    with pytest.raises(ValidationError) as caught:
        TriageTest.model_validate({"field": "size", "equals": "A1", "is_empty": True})

    [problem] = caught.value.errors(include_url=False)
    assert problem["msg"] == "Value error, a test needs exactly one operator, found 2: ['equals', 'is_empty']"
    assert isinstance(problem["ctx"]["error"], RuleError)


def test_rule_and_usage_errors_are_value_errors_with_a_bare_message() -> None:
    for cls in (RuleError, UsageError):
        error = cls("something is off")
        assert isinstance(error, ValueError)
        assert isinstance(error, AdvisorError)
        assert str(error) == "something is off"
        assert error.problems == [Problem("something is off")]


def _raised_builtins(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # A lazy module's ``__getattr__`` (PEP 562) says "no such attribute" the one way Python understands: the
    # attribute protocol's AttributeError (``hasattr`` and ``from package import submodule`` rely on it).
    protocol = {
        id(node)
        for function in tree.body
        if isinstance(function, ast.FunctionDef) and function.name == "__getattr__"
        for node in ast.walk(function)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            called = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            name = getattr(called, "id", None)
            if name == "AttributeError" and id(node) in protocol:
                continue
            if name is not None and isinstance(getattr(builtins, name, None), type):
                found.append((name, node.lineno))
    return [(name, line) for name, line in found if name != "AssertionError"]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_bare_builtin_exception_is_raised(path: Path) -> None:
    assert _raised_builtins(path) == []


def test_the_raise_scan_sees_a_bare_value_error(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    raise ValueError('x')\n\ndef g():\n    raise InputError(None)\n")

    assert _raised_builtins(probe) == [("ValueError", 2)]


def test_only_a_module_getattr_may_say_no_such_attribute(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(
        "def __getattr__(name):\n    raise AttributeError(name)\n\n"
        "def f():\n    raise AttributeError('x')\n\n"
        "class C:\n    def __getattr__(self, name):\n        raise AttributeError(name)\n"
    )

    assert _raised_builtins(probe) == [("AttributeError", 5), ("AttributeError", 9)]
