"""Reader of the hand-written golden table tests/data/expected_paths.yaml (every root-to-outcome path)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

TABLE_FILE = Path(__file__).resolve().parent / "data" / "expected_paths.yaml"


@dataclass(frozen=True)
class ExpectedPath:
    """One row of the table: a version, the answers along one path, and the outcome it ends at."""

    version: str
    outcome: str
    cite: str
    path: tuple[tuple[str, str], ...]

    @property
    def answers(self) -> dict[str, str]:
        return dict(self.path)

    @property
    def id(self) -> str:
        """Readable test id, e.g. ``2025-virtual-machines-migrate_or_build=build_new,full_control=yes``."""
        steps = ",".join(f"{question}={answer}" for question, answer in self.path)
        return f"{self.version.removeprefix('compute-tree-')}-{self.outcome}-{steps}"


def load_table() -> dict[str, list[ExpectedPath]]:
    """Version id -> its rows, in table order."""
    raw = yaml.safe_load(TABLE_FILE.read_text(encoding="utf-8"))
    return {
        version: [
            ExpectedPath(version, row["outcome"], row["cite"], tuple((q, a) for q, a in row["path"])) for row in rows
        ]
        for version, rows in raw.items()
    }


TABLE: dict[str, list[ExpectedPath]] = load_table()
ALL_ROWS: list[ExpectedPath] = [row for rows in TABLE.values() for row in rows]
