"""How triage verdicts look on every page: one label and one colour each, in severity order."""

from __future__ import annotations

from advisor.services import VERDICTS

LABELS = {
    "tool_ready": "tool ready",
    "ready_with_conditions": "ready with conditions",
    "unknown": "unknown",
    "not_supported": "not supported",
}
# Green moves, amber needs work, grey unknown, red blocked.
COLOURS = {
    "tool_ready": "#2e7d32",
    "ready_with_conditions": "#f9a825",
    "unknown": "#9e9e9e",
    "not_supported": "#c62828",
}


def colours_for(columns: list[str]) -> list[str]:
    """Chart colours for verdict columns (ids or labels), in the columns' order."""
    by_label = {LABELS[v]: COLOURS[v] for v in VERDICTS}
    return [COLOURS.get(c) or by_label[c] for c in columns]
