"""Layering and public surface: the core never imports Streamlit; the UI and the command line reach the core
only through the facades and a short list of pure helpers; repositories are written only by the services,
and record versions only by the one append function; ``advisor.__all__`` and ``advisor.services.__all__``
are pinned."""

from __future__ import annotations

import ast
import importlib
import types
from pathlib import Path

import pytest

import advisor
import advisor.services

PACKAGE = Path(advisor.__file__).resolve().parent
REPO = PACKAGE.parent
CORE_FILES = sorted(path for path in PACKAGE.rglob("*.py") if "ui" not in path.relative_to(PACKAGE).parts[:-1])
FRONT_FILES = sorted([*PACKAGE.glob("ui/**/*.py"), *PACKAGE.glob("cli/**/*.py"), REPO / "app.py"])

# What the UI and the command line may import from the advisor package, besides their own modules.
FACADES = ("advisor.services", "advisor.models", "advisor.errors")
FACADE_PACKAGES = {"services", "models", "errors"}  # ``from advisor import services`` and the like
# Pure helpers, named exactly: byte builders of the exports and the minutes, the inventory template, the
# decision diagram, and text for people (labels; the command line's text and JSON views); the input limits
# (the command line caps its error output by them) and the bounded file read they use.
PURE_HELPERS = (
    "advisor.limits",
    "advisor.json_scan",
    "advisor.export",
    "advisor.export.minutes",
    "advisor.inventory.template",
    "advisor.knowledge.diagram",
    "advisor.decide.wording",
    "advisor.decide.reason_words",  # words for people from a record's structured reasons (issue 14)
    "advisor.cli.render",
    "advisor.triage.files",  # triage (and batch) from files, saving nothing: the triage command imports no store
    "advisor.paths",  # where the bundled knowledge is: the default of --knowledge, without the loader's imports
)
HELPER_FILES = {PACKAGE / "cli" / "render.py"}  # a helper itself: it renders core results, so it reads them

STORE = PACKAGE / "store"
SERVICES = PACKAGE / "services"
APPEND = SERVICES / "appending.py"
WRITE_PREFIXES = ("insert_", "update_", "delete_", "touch_")


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported_modules(source: str, filename: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_files_are_found() -> None:
    names = {path.relative_to(PACKAGE).as_posix() for path in CORE_FILES}
    assert {"decide/engine.py", "cli/main.py", "knowledge/assembly.py", "models/tree.py"} <= names
    assert not any(name.startswith("ui/") for name in names)


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_core_module_does_not_import_streamlit(path: Path) -> None:
    imported = _imported_modules(path.read_text(encoding="utf-8"), str(path))

    assert not {name for name in imported if name == "streamlit" or name.startswith("streamlit.")}


def test_import_scan_sees_streamlit_imports() -> None:
    source = "import os\nimport streamlit as st\nfrom streamlit.testing import v1\n"
    assert {"streamlit", "streamlit.testing"} <= _imported_modules(source, "<probe>")


# The UI and the command line reach the core through the facades only


def _front_imports(tree: ast.Module) -> list[str]:
    """Every advisor module a UI or CLI file imports (``from advisor import X`` counts as ``advisor.X`` when X
    is a package, else as the facade ``advisor``)."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] == "advisor"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "advisor":
                found += [f"advisor.{a.name}" if _is_module(a.name) else "advisor" for a in node.names]
            elif node.module.split(".")[0] == "advisor":
                found.append(node.module)
    return found


def _is_module(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def _allowed(module: str, path: Path) -> bool:
    own = "advisor.cli" if "cli" in path.relative_to(REPO).parts else "advisor.ui"
    if module == "advisor" or module in PURE_HELPERS:
        return True
    return any(module == prefix or module.startswith(f"{prefix}.") for prefix in (*FACADES, own))


def test_front_files_are_found() -> None:
    names = {_rel(path) for path in FRONT_FILES}
    assert set(FRONT_FILES) >= HELPER_FILES, "the helper files exempted from the check exist"
    assert {"app.py", "advisor/ui/pages/board_page.py", "advisor/cli/main.py", "advisor/cli/exchange.py"} <= names


@pytest.mark.parametrize("path", [p for p in FRONT_FILES if p not in HELPER_FILES], ids=_rel)
def test_ui_and_cli_import_only_the_facades_and_the_named_pure_helpers(path: Path) -> None:
    reached = [module for module in _front_imports(_tree(path)) if not _allowed(module, path)]

    assert reached == [], f"{_rel(path)} reaches past the services: {reached}"


def test_import_check_sees_a_store_import_from_the_ui() -> None:
    probe = ast.parse(
        "from advisor import store, KnowledgeBase\nfrom advisor.store import Database\nimport advisor.review.what_if\n"
        "def f():\n    from advisor.services import list_workloads\n"
    )
    path = PACKAGE / "ui" / "pages" / "probe.py"
    modules = _front_imports(probe)

    assert modules == ["advisor.store", "advisor", "advisor.store", "advisor.review.what_if", "advisor.services"]
    assert [m for m in modules if not _allowed(m, path)] == ["advisor.store", "advisor.store", "advisor.review.what_if"]


def test_every_named_helper_exists_and_is_pure() -> None:
    for name in PURE_HELPERS:
        module = importlib.import_module(name)
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        assert not {m for m in _imported_modules(source, name) if m.startswith(("streamlit", "sqlalchemy"))}, name


# Repositories are written by the services only; record versions by the one append function


def _write_methods() -> dict[str, str]:
    """Write method name -> the repository file defining it."""
    found: dict[str, str] = {}
    for path in STORE.glob("*.py"):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name.startswith(WRITE_PREFIXES):
                        found[item.name] = _rel(path)
    return found


def _calls(tree: ast.Module, names: set[str]) -> list[tuple[str, int]]:
    """(method, line) of every ``something.method(...)`` call naming one of ``names``."""
    return [
        (node.func.attr, node.lineno)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names
    ]


def _sql_writes(function: ast.FunctionDef) -> bool:
    """The function builds an INSERT, UPDATE or DELETE statement."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            called = node.func
            name = (
                called.id if isinstance(called, ast.Name) else called.attr if isinstance(called, ast.Attribute) else ""
            )
            if name in ("insert", "update", "delete"):
                return True
    return False


def test_repository_write_methods_are_found_and_named_as_writes() -> None:
    writes = _write_methods()
    assert {
        "insert_workload_row", "update_workload_row", "touch_workload_rows", "insert_version_rows",
        "insert_estate_row", "insert_import_row", "insert_vm_rows", "insert_profile_row", "update_profile_row",
        "delete_profile_row", "insert_session_row", "update_session_row", "insert_item_row", "update_item_row",
        "delete_item_rows", "insert_run_row",
    } <= set(writes)  # fmt: skip
    for path in STORE.glob("*_repository.py"):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and _sql_writes(item):
                        assert item.name.startswith(WRITE_PREFIXES), f"{_rel(path)}: {item.name} writes"


def test_no_repository_class_has_more_than_twenty_public_methods() -> None:
    for path in STORE.glob("*.py"):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ClassDef):
                public = [i.name for i in node.body if isinstance(i, ast.FunctionDef) and not i.name.startswith("_")]
                assert len(public) <= 20, f"{_rel(path)}: {node.name} has {len(public)} public methods"


OUTSIDE_SERVICES = sorted(
    path
    for path in [*PACKAGE.rglob("*.py"), *(REPO / "bench").rglob("*.py"), REPO / "app.py"]
    if SERVICES not in path.parents and STORE not in path.parents
)


@pytest.mark.parametrize("path", OUTSIDE_SERVICES, ids=_rel)
def test_repository_write_methods_are_called_only_from_the_services(path: Path) -> None:
    tree = _tree(path)

    assert _calls(tree, set(_write_methods())) == []
    assert _calls(tree, {"transaction"}) == [], "only services open write transactions"


def test_store_modules_do_not_call_each_others_writes() -> None:
    writes = set(_write_methods())
    for path in STORE.rglob("*.py"):
        calls = _calls(_tree(path), writes)
        assert calls == [], f"{_rel(path)} calls {calls}: a repository writes only its own tables, asked by a service"


def test_one_function_inserts_record_versions() -> None:
    callers = {
        (_rel(path), name)
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.FunctionDef)
        for name in [node.name]
        if _calls(ast.Module(body=node.body, type_ignores=[]), {"insert_version_rows"})
    }

    assert callers == {(_rel(APPEND), "append_versions")}


def test_every_writing_service_checks_its_actor_first() -> None:
    """Each public service function that opens a unit of work and takes an actor calls ``require`` first."""
    checked = set()
    for path in SERVICES.glob("*.py"):
        for node in _tree(path).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            body = ast.Module(body=node.body, type_ignores=[])
            if _calls(body, {"run", "transaction"}) and "actor" in [a.arg for a in node.args.args]:
                documented = isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
                first = node.body[1] if documented else node.body[0]
                assert "require(ctx, actor" in ast.unparse(first), f"{_rel(path)}: {node.name} checks no actor first"
                checked.add(node.name)

    assert {
        "create_workload", "rename_workload", "update_workload", "save_answers", "record_answers", "save_import",
        "start_workloads", "save_profile", "create_profile", "delete_profile", "import_profiles_yaml",
        "create_session", "set_agenda", "save_notes", "refresh_item", "decide_item", "close_session",
        "run_reevaluation", "supersede", "adopt_what_if", "import_records", "grant_role",
        "revoke_role", "remove_account", "link_attendee",
    } <= checked  # fmt: skip


def test_write_path_scan_sees_a_write_from_a_page() -> None:
    probe = ast.parse("def f(unit):\n    unit.workloads.insert_workload_row(name='x')\n    db.transaction()\n")

    assert _calls(probe, set(_write_methods())) == [("insert_workload_row", 2)]
    assert _calls(probe, {"transaction"}) == [("transaction", 3)]


# The public surfaces


def _public(facade: types.ModuleType) -> list[str]:
    """Every public name the facade offers: ``dir`` lists the names a lazy facade (PEP 562) imports on first
    use as well as those it already holds."""
    return sorted(
        name
        for name in dir(facade)
        if not name.startswith("_") and not isinstance(getattr(facade, name), types.ModuleType)
    )


def test_all_is_sorted_and_lists_every_public_name() -> None:
    public = _public(advisor)

    assert advisor.__all__ == sorted(advisor.__all__)
    assert advisor.__all__ == public


def test_services_all_lists_every_public_name_once() -> None:
    # Ruff keeps the order (RUF022: constants, then classes, then functions).
    assert sorted(advisor.services.__all__) == _public(advisor.services)
    assert len(set(advisor.services.__all__)) == len(advisor.services.__all__)


@pytest.mark.parametrize("facade", [advisor, advisor.services], ids=lambda m: m.__name__)
def test_every_name_in_all_is_importable(facade: types.ModuleType) -> None:
    module = importlib.import_module(facade.__name__)
    for name in facade.__all__:
        assert getattr(module, name) is not None
    namespace: dict[str, object] = {}
    exec(f"from {facade.__name__} import *", namespace)
    assert set(facade.__all__) <= set(namespace)


def test_all_exposes_the_decision_core() -> None:
    assert {"load_knowledge", "check_knowledge", "recommend", "KnowledgeError", "AnswersError"} <= set(advisor.__all__)
