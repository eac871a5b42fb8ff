"""The UI package fills the core facade when it is imported, before any page can: Streamlit imports pages from
several session threads at once, and a facade filled lazily by two of them could meet a half-imported module."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def _modules_after(statement: str, repo_root: Path) -> dict[str, object]:
    probe = (
        "import json, sys\n"
        f"{statement}\n"
        "import advisor\n"
        "print(json.dumps({'filled': sorted(n for n in ('KnowledgeBase', 'load_knowledge', 'recommend')"
        " if n in vars(advisor)), 'assembly': 'advisor.knowledge.assembly' in sys.modules}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=repo_root, capture_output=True, text=True, timeout=120,
                          check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_importing_the_ui_fills_the_facade(repo_root: Path) -> None:
    assert _modules_after("import advisor.ui", repo_root) == {
        "filled": ["KnowledgeBase", "load_knowledge", "recommend"],
        "assembly": True,
    }


def test_importing_the_package_alone_fills_nothing(repo_root: Path) -> None:
    assert _modules_after("import advisor", repo_root) == {"filled": [], "assembly": False}
