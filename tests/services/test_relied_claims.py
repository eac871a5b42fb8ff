"""Where Microsoft's sources disagree, a review board records the claim it relied on when it signs off.

Expected texts are written from knowledge/disagreements.yaml by reading it: the AKS minimum-nodes disagreement
(claims ``three-nodes`` = "3" and ``six-nodes`` = "6") and the classic VM retirement date (claims
``march-1``, ``september-6``, ``september-1``).
"""

from __future__ import annotations

import json

import pytest

from advisor import KnowledgeBase, services
from advisor.errors import InputError
from advisor.export import madr_files, to_json
from advisor.export.minutes import minutes_markdown
from advisor.models.record import ReliedClaim
from advisor.services import ServiceContext
from tests.services.builders import ANN

DECIDER = "Ann Arbiter"
AKS_TOPIC = "The minimum number of AKS nodes in the February 2026 comparison"
RETIREMENT_TOPIC = "The day classic VMs were retired"


def test_the_claims_relied_on_are_kept_on_the_signed_version(ctx: ServiceContext, board: tuple) -> None:
    session, workload, _ = board

    record = services.decide_item(
        ctx, ANN, session.id, workload.id, "accept", "", None, DECIDER,
        relied_on={"classic-vm-retirement-date": "september-6", "aks-minimum-nodes-2026": "three-nodes"},
    )  # fmt: skip

    assert record.relied_on == (  # in the file's order, not the order given
        ReliedClaim(disagreement="classic-vm-retirement-date", claim="september-6", topic=RETIREMENT_TOPIC,
                    value="2023-09-06"),
        ReliedClaim(disagreement="aks-minimum-nodes-2026", claim="three-nodes", topic=AKS_TOPIC, value="3"),
    )  # fmt: skip
    assert services.record_history(ctx, workload.id)[-1] == record


def test_the_claims_relied_on_reach_the_json_the_madr_and_the_minutes(
    ctx: ServiceContext, kb: KnowledgeBase, board: tuple
) -> None:
    session, workload, _ = board
    services.decide_item(
        ctx, ANN, session.id, workload.id, "accept", "", None, DECIDER,
        relied_on={"aks-minimum-nodes-2026": "three-nodes"},
    )  # fmt: skip
    selection = services.select_records(ctx)

    exported = json.loads(to_json(selection))["workloads"][0]["records"][-1]["relied_on"]
    madr = "\n".join(madr_files(selection).values())
    minutes = minutes_markdown(services.get_session(ctx, session.id), services.agenda_records(ctx, session.id), kb)

    assert exported == [{"disagreement": "aks-minimum-nodes-2026", "claim": "three-nodes", "topic": AKS_TOPIC,
                         "value": "3"}]  # fmt: skip
    assert f"{AKS_TOPIC}:\n\nThe review board relied on **3** when {DECIDER} signed off version 2." in madr
    assert f"| Where sources disagree, relied on | {AKS_TOPIC}: 3 |" in minutes


def test_a_version_saved_after_the_sign_off_no_longer_carries_the_choice(ctx: ServiceContext, board: tuple) -> None:
    session, workload, base = board
    services.decide_item(
        ctx,
        ANN,
        session.id,
        workload.id,
        "accept",
        "",
        None,
        DECIDER,
        relied_on={"aks-minimum-nodes-2026": "six-nodes"},
    )

    later = services.save_answers(ctx, ANN, workload.id, base_version=2, answers=base.answers, change="again")

    assert later.relied_on == ()


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        (
            {"aks-minimum-nodes-2026": "five-nodes"},
            f"relied_on.aks-minimum-nodes-2026: {AKS_TOPIC}: no claim 'five-nodes' "
            "(the claims are 'three-nodes' (3), 'six-nodes' (6))",
        ),
        ({"aks-maximum-nodes": "three-nodes"}, "relied_on: no disagreement 'aks-maximum-nodes' in the knowledge"),
    ],
)
def test_a_claim_the_knowledge_does_not_have_is_refused_and_nothing_is_saved(
    ctx: ServiceContext, board: tuple, choice: dict[str, str], message: str
) -> None:
    session, workload, base = board

    with pytest.raises(InputError) as caught:
        services.decide_item(ctx, ANN, session.id, workload.id, "accept", "", None, DECIDER, relied_on=choice)

    assert str(caught.value).startswith(f"<input>: {message}")
    assert "\n" not in str(caught.value)
    assert services.record_history(ctx, workload.id) == [base]
    assert services.get_session(ctx, session.id).items[0].decided is False
