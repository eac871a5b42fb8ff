"""A record decided under a knowledge version this installation no longer ships opens read-only, as saved."""

from __future__ import annotations

from advisor import services
from advisor.decide.record_builder import build_record
from advisor.models.record import GivenAnswer
from tests.services.builders import left_by_an_older_installation, new_workload
from tests.ui.uihelp import goto, labels, open_workload, page_text, run, shown_values, values

OLD_VERSION = "compute-tree-2019"


def _seed_old_record(kb, ctx):
    workload = new_workload(ctx, "Legacy ERP")
    record = build_record(
        kb,
        workload=workload,
        answers={
            "specialty_workload": GivenAnswer(answer="none"),
            "migrate_or_build": GivenAnswer(answer="build_new", note="Rewritten in 2019."),
            "full_control": GivenAnswer(answer="yes"),
        },
        knowledge_version="compute-tree-2026",
        author="Ana",
        version=1,
        change="decided long ago",
    )
    left_by_an_older_installation(ctx, record=record.model_copy(update={"knowledge_version": OLD_VERSION}))
    return workload


def test_questionnaire_opens_it_read_only_with_the_saved_path(new_app, ctx, kb):
    at = run(new_app())
    workload = _seed_old_record(kb, ctx)
    open_workload(at, workload.id)
    assert values(at.title) == ["Legacy ERP"]
    banners = [e for e in at.error if e.icon == "🔒"]
    assert len(banners) == 1, values(at.error)
    assert OLD_VERSION in banners[0].value
    assert "read-only" in banners[0].value
    # The saved path, as saved, in today's words: the shipped versions still know these ids.
    assert "Recommended: Azure Virtual Machines" in values(at.subheader)
    markdown = shown_values(at.markdown)
    assert (
        "**1. Is this one of the specialty workloads that Microsoft routes outside its general compute tree?** → "
        "None of these — general-purpose workload"
    ) in markdown
    assert "**2. Are you migrating an existing workload, or building a new one?** → Build a new workload" in markdown
    assert (
        "**3. Do you need full control over the operating system and the virtual machine?** → Yes, we need OS-level "
        "control"
    ) in markdown
    assert "> Note: Rewritten in 2019." in markdown
    assert "Save answer" not in labels(at.button)
    assert "Save override" not in labels(at.button)
    assert not at.radio, "no question can be answered"
    assert services.latest_record(ctx, workload.id).version == 1


def test_records_page_shows_it_as_no_longer_shipped(new_app, ctx, kb):
    at = run(new_app())
    workload = _seed_old_record(kb, ctx)
    at.query_params["workload"] = str(workload.id)
    goto(at, "Records")
    table = at.dataframe[0].value
    assert list(table["Knowledge"]) == [OLD_VERSION]
    assert list(table["Service"]) == ["Azure Virtual Machines"], "named from the versions still shipped"
    assert "History of Legacy ERP" in values(at.subheader)
    assert any(f"Knowledge version {OLD_VERSION} is no longer shipped" in e for e in values(at.error)), page_text(at)
