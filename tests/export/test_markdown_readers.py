"""Real readers for the Markdown decision records: markdownlint-cli2 (default rules, line length off) and
markdown-it, which renders them to HTML with raw HTML and bare links allowed.

Every user text of :data:`HOSTILE` is tried in every place a user writes (workload name, owner, context,
notes, author, change and override reason): the rendered document must keep exactly our headings, tables
and links, show each text literally, and hold no element the text asked for (script, image, link, code, rule,
quote, emphasis).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest

from advisor import KnowledgeBase
from advisor.export import ExportSet, Glossary, WorkloadExport, madr_files
from advisor.models.record import Override
from tests.export.records import GPU_CONFLICT, at, golden_set, payload_set, record, workload
from tests.export.tools import node, node_package

HOSTILE = (
    "# Heading", "## Decision Outcome", "---", "***", "| a | b |\n| --- | --- |\n| c | d |",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))", "![img](http://evil.example/x.png)",
    "**bold** _em_ `code` ~~strike~~", "```\nfence\n```", "> quote", "1. list", "- item", "&lt;b&gt; &amp;",
    "http://evil.example/ www.evil.example a@b.example", "line\n\n    indented code", "<!-- comment -->",
    "trailing backslash \\", "$x^2$", "[^1] [ref]\n\n[ref]: http://evil.example", "===", "a\u2028b", "nul\x00\x1b[31m",
    "<https://evil.example>", "Setext\n---",
)  # fmt: skip


def hostile_set(kb: KnowledgeBase, texts: tuple[str, ...] = HOSTILE) -> ExportSet:
    """One workload per text, with the text in every place a user writes; two versions, the second an override."""
    items = []
    for number, text in enumerate(texts, start=1):
        owner = workload(number, f"{text} {number}", owner=text, context=text)
        notes = {"gpu": text, "event_driven": text}
        override = Override(service="container-apps", reason=text)
        made = (
            record(kb, owner, 1, GPU_CONFLICT, at(1, 9), notes=notes, author=f"{text} {number}", change=text),
            record(kb, owner, 2, GPU_CONFLICT, at(2, 9), notes=notes, author="Ann", override=override,
                   supersedes_version=1, change=text),
        )  # fmt: skip
        items.append(WorkloadExport(owner, made))
    return ExportSet(tuple(items), Glossary.from_kb(kb))


def write(files: dict[str, str], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths


def markdownlint(folder: Path) -> subprocess.CompletedProcess[str]:
    program = node_package(".bin/markdownlint-cli2")
    (folder / ".markdownlint.jsonc").write_text(json.dumps({"default": True, "MD013": False}), encoding="utf-8")
    return subprocess.run([str(program), "*.md"], cwd=folder, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize("which", ["golden", "hostile", "payloads"])
def test_markdownlint_passes_with_its_default_rules(kb: KnowledgeBase, tmp_path: Path, which: str) -> None:
    export = {"golden": golden_set, "hostile": hostile_set, "payloads": payload_set}[which](kb)
    write(madr_files(export), tmp_path)

    result = markdownlint(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout + result.stderr


def render(paths: list[Path]) -> dict[str, str]:
    package = node_package("markdown-it")
    script = Path(__file__).with_name("render_markdown.cjs")
    result = subprocess.run(
        [node(), str(script), str(package), *map(str, paths)], capture_output=True, text=True, timeout=120, check=True
    )
    return {Path(name).name: page for name, page in json.loads(result.stdout).items()}


def _tags(page: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", page, flags=re.S)


def _structure(page: str) -> list[str]:
    """The page's elements in order, with in-page link targets (a link to a record file counts as "file")."""
    elements = re.findall(r"</?[a-z0-9]+(?: href=\"[^\"]*\")?", page)
    return [re.sub(r'href="(?!#)[^"]*"', 'href="file"', element) for element in elements]


def test_user_text_cannot_change_the_rendered_structure(kb: KnowledgeBase, tmp_path: Path) -> None:
    pages = render(write(madr_files(hostile_set(kb)), tmp_path / "hostile"))
    plain_texts = tuple(re.sub(r"[^\n\u2028]+", "plain words", text) for text in HOSTILE)
    plain = render(write(madr_files(hostile_set(kb, plain_texts)), tmp_path / "plain"))

    # the same elements in the same order as when every line of user text is plain words
    assert len(pages) == len(plain) == 1 + len(HOSTILE)
    for (name, page), (_, same) in zip(sorted(pages.items()), sorted(plain.items()), strict=True):
        assert _structure(page) == _structure(same), name
    index = pages["index.md"]
    assert len(_tags(index, "tr")) == 1 + len(HOSTILE), "one row per workload, plus the header"
    assert all(re.fullmatch(r"\d{4}-[a-z0-9-]+\.md", href) for href in re.findall(r'<a href="([^"]*)"', index))
    for name, page in pages.items():
        if name == "index.md":
            continue
        assert len(_tags(page, "h1")) == 1, name
        assert _tags(page, "h4") == ["Version 2", "Version 1", "Every version"], name
        for element in ("script", "img", "code", "pre", "blockquote", "hr", "em", "del", "table", "sup", "h5"):
            assert f"<{element}" not in page, (name, element)
        assert "<!--" not in page, name
        assert re.findall(r'<a href="([^"]*)"', page) == ["#version-1", "#version-2"], name


def test_user_text_shows_literally(kb: KnowledgeBase, tmp_path: Path) -> None:
    pages = render(write(madr_files(hostile_set(kb)), tmp_path))

    for number, text in enumerate(HOSTILE, start=1):
        page = next(page for name, page in pages.items() if name.startswith(f"{number:04d}-"))
        shown = html.unescape(re.sub(r"<[^>]+>", "", page))
        for line in (part.strip() for part in re.split(r"[\n\u2028]", text)):
            if line and "\x00" not in line and "\x1b" not in line:
                assert line in shown, (number, line)
