"""Words for people: the labels every page, export and CLI text shows for fits and "don't know"."""

from __future__ import annotations

UNKNOWN_LABEL = "Don't know"
FIT_LABELS = {"fit": "fit", "fit_with_effort": "fit with effort", "unknown": "unknown", "no_fit": "no fit"}
