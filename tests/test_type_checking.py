"""Type checking covers the whole core: no module exempt, and every ``# type: ignore`` names its code and says why."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import REPO_ROOT

IGNORE = re.compile(r"#\s*type:\s*ignore(?P<codes>\[[a-z0-9-]+(?:,\s*[a-z0-9-]+)*\])?(?P<rest>.*)$")


def ignores_without_reason(source: str) -> list[int]:
    """Line numbers of ignores that name no error code, or give no reason (``# why`` after it or just above)."""
    lines = source.splitlines()
    faults = []
    for number, line in enumerate(lines, start=1):
        found = IGNORE.search(line)
        if found is None:
            continue
        reason_beside = re.match(r"\s*#\s*\S", found.group("rest")) is not None
        reason_above = number > 1 and lines[number - 2].strip().startswith("#")
        if found.group("codes") is None or not (reason_beside or reason_above):
            faults.append(number)
    return faults


def test_the_check_tells_a_reasoned_ignore_from_a_bare_one() -> None:
    source = "\n".join(
        [
            "a = f()  # type: ignore[arg-type]  # the stubs say int, the library takes str",
            "# the stubs lack this attribute",
            "b.c = 1  # type: ignore[attr-defined]",
            "d = g()  # type: ignore[arg-type]",
            "e = h()  # type: ignore  # no code named",
        ]
    )

    assert ignores_without_reason(source) == [4, 5]


def test_every_ignore_in_the_core_names_its_code_and_its_reason() -> None:
    faults = {
        path.relative_to(REPO_ROOT).as_posix(): found
        for path in sorted((REPO_ROOT / "advisor").rglob("*.py"))
        if (found := ignores_without_reason(path.read_text(encoding="utf-8")))
    }

    assert faults == {}


def test_no_module_is_exempt_from_type_checking() -> None:
    mypy = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]

    assert mypy["plugins"] == ["pydantic.mypy"]
    flags = ("disallow_untyped_defs", "no_implicit_optional", "warn_unused_ignores", "warn_return_any")
    assert {flag: mypy.get(flag) for flag in flags} == dict.fromkeys(flags, True)
    assert "ignore_errors" not in mypy
    assert [o["module"] for o in mypy.get("overrides", []) if o.get("ignore_errors")] == []
