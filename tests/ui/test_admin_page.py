"""Admin page in local mode: the one person sees it, with the audit trail (in words) and its downloads; the
server binds to this machine only."""

from __future__ import annotations

import tomllib

from advisor import services
from advisor.services import ServiceContext
from tests.conftest import REPO_ROOT
from tests.services.builders import ANN, BOARD_DATE, new_workload
from tests.ui.uihelp import goto, run, sign_in


def test_local_mode_listens_on_this_machine_only() -> None:
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["address"] == "localhost"


def test_the_admin_page_shows_the_audit_trail_in_words(new_app, ctx: ServiceContext) -> None:  # type: ignore[no-untyped-def]
    workload = new_workload(ctx, "Payroll")
    services.create_session(ctx, ANN, "Board", BOARD_DATE, [("Ann", "decision_maker")])
    services.archive_workload(ctx, ANN, workload.id)

    at = goto(run(new_app()), "Admin")
    assert "Enter your name in the sidebar first: in local mode you have every role." in [i.value for i in at.info]
    at = sign_in(at, "Ann")

    assert [t.value for t in at.title] == ["Admin"]
    assert any("Local mode: you have every role." in c.value for c in at.caption)
    roles = "viewer: read and export; contributor: workloads, questionnaire, overrides, imports, profiles; reviewer: "
    assert any(c.value.startswith(roles) for c in at.caption), "what each role is for (knowledge/access.yaml)"
    table = at.dataframe[0].value
    assert list(table.columns) == [
        "When (UTC)", "Who", "Email", "OS user", "From", "Action", "What", "Outcome", "Detail",
    ]  # fmt: skip
    assert table[["Who", "Action", "What", "Outcome"]].values.tolist() == [
        ["Ann", "archive workload", "Payroll", "done"],
        ["Ann", "create review session", "Board", "done"],
        ["Ann", "create workload", "Payroll", "done"],
    ]
    assert [b.label for b in at.get("download_button")] == ["Download CSV", "Download JSON"]
