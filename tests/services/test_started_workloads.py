"""Workloads started from inventory VMs keep the inventory's suggestions as suggestions: a stored version walks
only what a person confirmed, as the questionnaire does (issue 15, item 2)."""

from __future__ import annotations

from pathlib import Path

from advisor import services
from advisor.models.record import GivenAnswer
from advisor.services import ServiceContext
from tests.services.builders import ANN

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden_inventory.csv"


def test_a_started_workload_walks_only_what_a_person_confirmed(ctx: ServiceContext) -> None:
    outcome = services.import_estate(ctx, ANN, "Contoso", [GOLDEN], names=[GOLDEN.name])
    services.start_workloads(ctx, ANN, outcome.summary.id, [("corp-app", "app01")])
    workload = services.find_workload(ctx, "corp-app/app01")
    assert workload is not None

    # app01 is a Windows VM in the VNet corp-vnet: knowledge/prefill.yaml suggests "migrate" (every classic VM)
    # and VNet integration "required" (a VNet is named); the Linux-only and gateway suggestions do not apply.
    [started] = services.record_history(ctx, workload.id)
    assert {q: (a.answer, a.source) for q, a in started.answers.items()} == {
        "migrate_or_build": ("migrate", "inventory"),
        "vnet_integration": ("required", "inventory"),
    }
    assert (started.path, started.next_question, started.service, started.confidence) == (
        (), "specialty_workload", None, 0.0,
    )  # fmt: skip

    # A person answers the first question and leaves the suggestions unconfirmed: the walk waits at the suggestion.
    specialty = {"specialty_workload": GivenAnswer(answer="none")}
    waiting = services.save_answers(ctx, ANN, workload.id, base_version=1, answers=started.answers | specialty)
    assert [step.question for step in waiting.path] == ["specialty_workload"]
    assert (waiting.next_question, waiting.service, waiting.confidence) == ("migrate_or_build", None, 0.0)
    assert waiting.answers["migrate_or_build"].source == "inventory", "kept, as a suggestion"

    # Confirming it (saved as the person's answer) lets the walk go on.
    confirmed = waiting.answers | {"migrate_or_build": GivenAnswer(answer="migrate")}
    going = services.save_answers(ctx, ANN, workload.id, base_version=2, answers=confirmed)
    assert [step.question for step in going.path] == ["specialty_workload", "migrate_or_build"]
    assert going.next_question == "migration_approach"
