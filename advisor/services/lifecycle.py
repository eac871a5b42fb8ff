"""Lifecycle reads for the pages and the command line: a judgement (the as-of date and the horizon every
lifecycle date is judged at) and the notes touching a service. Nothing here is stored: the entries are
knowledge (knowledge/lifecycle.yaml)."""

from __future__ import annotations

import datetime

from advisor.knowledge.assembly import KnowledgeBase
from advisor.lifecycle.entries import LifecycleNote
from advisor.lifecycle.judgement import Judgement, parse_as_of, parse_horizon

__all__ = ["Judgement", "LifecycleNote", "lifecycle_judgement", "lifecycle_notes", "parse_judgement"]


def lifecycle_judgement(
    kb: KnowledgeBase, as_of: datetime.date | None = None, horizon_months: int | None = None
) -> Judgement:
    """The judgement asked for: today and the knowledge's horizon where not given."""
    return kb.lifecycle.judgement(as_of, horizon_months)


def parse_judgement(kb: KnowledgeBase, as_of: str | None, horizon_months: str | None) -> Judgement:
    """The judgement typed on the command line (``--as-of``, ``--horizon-months``); a bad value is an
    InputError naming the option."""
    return kb.lifecycle.judgement(parse_as_of(as_of), parse_horizon(horizon_months))


def lifecycle_notes(kb: KnowledgeBase, judgement: Judgement, service: str | None) -> tuple[LifecycleNote, ...]:
    """The lifecycle entries touching ``service``, judged at ``judgement``."""
    return kb.lifecycle.view(judgement).notes(service)
