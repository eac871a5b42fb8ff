"""Two sessions on one workload: the later save is refused, nothing is overwritten, the newer version loads."""

from __future__ import annotations

from advisor import services
from tests.services.builders import new_workload
from tests.ui.uihelp import (
    ANSWER,
    answer,
    click,
    labels,
    one,
    open_workload,
    question_heading,
    run,
    save_version,
    shown,
    shown_values,
    sign_in,
    values,
)

NAME = "Payroll web"
MIGRATE_HEADING = "### 2. Are you migrating an existing workload, or building a new one?"


def test_the_later_save_is_refused_and_can_load_the_newer_version(new_app, ctx, kb):
    session_a = sign_in(run(new_app()), "Ana")
    session_b = sign_in(run(new_app()), "Ben")
    workload = new_workload(ctx, NAME)
    save_version(ctx, workload, {"specialty_workload": "none"}, version=1)

    open_workload(session_a, workload.id)
    open_workload(session_b, workload.id)
    assert question_heading(session_a) == MIGRATE_HEADING
    assert question_heading(session_b) == MIGRATE_HEADING

    answer(session_a, "build_new")
    saved_by_a = services.latest_record(ctx, workload.id)
    assert (saved_by_a.version, saved_by_a.author) == (2, "Ana")
    assert saved_by_a.answers["migrate_or_build"].answer == "build_new"

    answer(session_b, "migrate")
    conflicts = [w for w in session_b.warning if w.icon == "🔀"]
    assert len(conflicts) == 1, values(session_b.warning)
    message = shown(conflicts[0].value)
    assert "version 2 was saved by Ana" in message
    assert "nothing was overwritten" in message
    answered = "answered “Are you migrating an existing workload, or building a new one?”: Migrate an existing workload"
    assert answered in message, "says which change was not saved, in words"
    assert one(session_b.radio, ANSWER).value == "migrate", "B's input stays on screen"

    history = services.record_history(ctx, workload.id)
    assert [r.version for r in history] == [1, 2]
    assert history[-1] == saved_by_a, "A's version 2 is unchanged"

    click(session_b, "Load the newer version")
    assert not [w for w in session_b.warning if w.icon == "🔀"]
    assert question_heading(session_b) == (
        "### 3. Do you need full control over the operating system and the virtual machine?"
    )
    assert any("→ Build a new workload" in m for m in shown_values(session_b.markdown)), "A's answer is shown"
    assert "Load the newer version" not in labels(session_b.button)

    answer(session_b, "yes")  # on top of A's version, B's save now goes through
    latest = services.latest_record(ctx, workload.id)
    assert (latest.version, latest.author, latest.service) == (3, "Ben", "virtual-machines")
    assert latest.answers["migrate_or_build"].answer == "build_new"
