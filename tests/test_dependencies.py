"""The package's dependency ranges (pyproject.toml) admit exactly the pinned set the Makefile installs."""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO_ROOT


def _pinned() -> dict[str, Requirement]:
    lines = (REPO_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    requirements = [Requirement(line) for line in lines if line.strip() and not line.startswith("#")]
    return {canonicalize_name(r.name): r for r in requirements}


def _declared() -> dict[str, Requirement]:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {canonicalize_name(r.name): r for r in map(Requirement, project["dependencies"])}


def test_every_pinned_runtime_dependency_is_declared_and_no_other() -> None:
    assert sorted(_declared()) == sorted(_pinned())


def test_each_declared_range_admits_its_pin_and_has_an_upper_bound() -> None:
    declared = _declared()
    for name, pinned in _pinned().items():
        (pin,) = pinned.specifier
        assert pin.operator == "==", f"requirements.txt pins {name} exactly"
        assert declared[name].specifier.contains(pin.version), f"{name} {declared[name].specifier} vs {pin.version}"
        assert any(s.operator == "<" for s in declared[name].specifier), f"{name} needs an upper bound"
        assert declared[name].extras == pinned.extras, name
