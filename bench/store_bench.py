"""The store at migration scale: 10,000 workloads with 50,000 record versions, and what two pages cost.

Seeding (a fresh SQLite file in a temporary folder, removed at the end): the schema is made by the
migrations (``Database.check()``); then every row goes in through the store's own tables in bulk, in one
transaction (``services.create_workload`` and ``services.save_answers`` would take a transaction each,
minutes for 60,000 rows; the bench is the one place outside the services that writes rows, and only to
seed). The rows are still real: each workload walks a random path of a random knowledge version (2026
mostly, 2025 too), and each of its five versions is a ``DecisionRecord`` built by
``advisor.decide.record_builder.build_record`` from the answers given so far (tree answers, then requirement
answers, "don't know" included, some with a note), stored with ``record_repository.version_values``, exactly
the row the services' append inserts. About 30% stop before the tree's outcome (in progress); of the rest,
some are accepted or rejected.

Then, with ``streamlit.testing.v1.AppTest`` (the server side of a run, no browser), median of
``RUNS`` runs, each against a "bare" page that shows the same widgets without the store or the
engine (target: within 2x):

1. one questionnaire step: a seeded workload in progress is open at its next question, "Save
   answer" is pressed, and the rerun that saves the version and shows the next question is timed;
   the bare page has the same title, progress bar, answered steps with their Change buttons, radio,
   text area, submit and Back buttons, and shows its next question on submit;
2. the Workloads page opened in a new session (its first run); the bare page shows the same form,
   search, toggle and a dataframe of the same 10,000 rows, built in memory on every run. Timed twice: with the
   list unchanged since the last render (the page's cache), and right after a save elsewhere (a rename before
   each run: the page's cache misses, and the database's workload list held in memory reads the one changed
   row, ``advisor.store.workload_list``).

Figures only, nothing is asserted. The app's pages are callables under ``st.navigation``, which
AppTest cannot switch to by file; like tests/ui/uihelp.py, a run requests a page by its hash
(a private AppTest field).
"""

from __future__ import annotations

import datetime
import functools
import logging
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from advisor import KnowledgeBase, load_knowledge, services
from advisor.decide.record_builder import build_record
from advisor.knowledge.assembly import KnowledgeVersion
from advisor.models.actor import Actor
from advisor.models.names import name_key
from advisor.models.record import WORKLOAD_STATUS_LABELS, DecisionRecord, GivenAnswer, Workload
from advisor.models.service_catalog import UNKNOWN_ANSWER
from advisor.services import ServiceContext
from advisor.store import Database, open_engine
from advisor.store.database import DATABASE_URL_VARIABLE
from advisor.store.record_repository import version_values
from advisor.store.tables import record_versions, workloads
from advisor.store.workload_rows import workload_from_row

WORKLOADS = 10_000
VERSIONS_PER_WORKLOAD = 5
RUNS = 20
SEED = 20261130
AUTHOR = "Bench Runner"
REPO_ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "Payroll web",
    "Risk engine",
    "Claims API",
    "Reporting batch",
    "Intranet portal",
    "Image resizer",
    "Order service",
    "License server",
    "Data import",
    "Call center desktop",
    "ERP connector",
    "Search indexer",
]
OWNERS = [f"Team {chr(65 + n % 26)}{n // 26}" for n in range(50)]


# Seeding -------------------------------------------------------------------------------------------


def random_path(version: KnowledgeVersion, rng: random.Random) -> list[tuple[str, str]]:
    """A root-to-outcome walk with random answers, going on to a further question 4 times in 5 where it can
    (uniform answers would end 90% of 2026 walks at the first question, on a specialty outcome)."""
    node, path = version.root, []
    while node in version.transitions:
        answers = sorted(version.transitions[node])
        onward = [a for a in answers if version.transitions[node][a][0] in version.transitions]
        answer = rng.choice(onward if onward and rng.random() < 0.8 else answers)
        path.append((node, answer))
        node = version.transitions[node][answer][0]
    return path


def planned_versions(version: KnowledgeVersion, rng: random.Random) -> tuple[list[dict[str, GivenAnswer]], list[str]]:
    """The cumulative answers of each of the five versions, and what each version changed."""
    path = random_path(version, rng)
    in_progress = rng.random() < 0.3 and len(path) > 1
    edits = path[:-1] if in_progress else path
    if not in_progress:
        requirements = list(version.requirements.values())
        rng.shuffle(requirements)
        edits = edits + [
            (q.id, rng.choice([*(a.id for a in q.answers), UNKNOWN_ANSWER]))
            for q in requirements[: rng.randint(0, len(requirements))]
        ]
    answers: dict[str, GivenAnswer] = {}
    plans, changes, given = [], [], 0
    for number in range(1, VERSIONS_PER_WORKLOAD + 1):
        upto = max(1, round(number * len(edits) / VERSIONS_PER_WORKLOAD))
        if upto > given:
            for question, answer in edits[given:upto]:
                note = f"Reason {rng.randint(1, 999)}: checked with the owners." if rng.random() < 0.2 else ""
                answers[question] = GivenAnswer(answer=answer, note=note)
            changes.append(f"answered {edits[upto - 1][0]} = {edits[upto - 1][1]}")
            given = upto
        else:  # nothing left to answer: this version reworded a note
            question, given_answer = edits[given - 1][0], answers[edits[given - 1][0]]
            answers[question] = GivenAnswer(answer=given_answer.answer, note=f"Note, version {number}.")
            changes.append(f"note on {question}")
        plans.append(dict(answers))
    return plans, changes


def seed(url: str, kb: KnowledgeBase) -> dict[str, float]:
    rng = random.Random(SEED)
    timings: dict[str, float] = {}
    with Database(url) as database:
        database.check()
    engine = open_engine(url)
    start = datetime.datetime(2026, 1, 5, 8, 0, tzinfo=datetime.UTC)
    rows = []
    for n in range(WORKLOADS):
        name = f"{rng.choice(APPS)} {n:05}"
        created = start + datetime.timedelta(minutes=7 * n)
        rows.append(
            {
                "name": name,
                "name_key": name_key(name),
                "owner": rng.choice(OWNERS),
                "context": f"Runs on {rng.randint(1, 12)} classic VMs; {rng.choice(['public', 'internal'])} users.",
                "vm_links": "[]",
                "created_at": created,
                "updated_at": created + datetime.timedelta(minutes=VERSIONS_PER_WORKLOAD),
            }
        )
    began = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(insert(workloads), rows)
        seeded = [workload_from_row(row) for row in conn.execute(select(workloads).order_by(workloads.c.id))]
    timings["insert workloads"] = time.perf_counter() - began

    began = time.perf_counter()
    values = []
    weights = {vid: (0.7 if vid == kb.default_version else 0.3 / max(len(kb.versions) - 1, 1)) for vid in kb.versions}
    for workload in seeded:
        version_id = rng.choices(list(weights), weights=list(weights.values()))[0]
        plans, changes = planned_versions(kb.version(version_id), rng)
        for number, (answers, change) in enumerate(zip(plans, changes, strict=True), start=1):
            last = number == VERSIONS_PER_WORKLOAD
            status = "proposed"
            if last and rng.random() < 0.2 and len(answers) > 3:
                status = rng.choice(["accepted", "accepted", "accepted", "rejected"])
            record = build_record(
                kb,
                workload=workload,
                answers=answers,
                knowledge_version=version_id,
                author=rng.choice(OWNERS),
                version=number,
                status=status,
                change=change,
                now=workload.created_at + datetime.timedelta(minutes=number),
            )
            values.append(version_values(record))
    timings[f"build_record x{len(values):,}"] = time.perf_counter() - began

    began = time.perf_counter()
    with engine.begin() as conn:
        for chunk in range(0, len(values), 5_000):
            conn.execute(insert(record_versions), values[chunk : chunk + 5_000])
    timings["insert versions"] = time.perf_counter() - began
    engine.dispose()
    return timings


# Timing --------------------------------------------------------------------------------------------


def timed_run(at: Any) -> float:
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"the page raised: {[e.value for e in at.exception]} (the traceback is logged above)")
    return elapsed


def median_ms(measure: Callable[[int], float], runs: int = RUNS) -> float:
    measure(-1)  # warm-up, not counted: imports, the cached knowledge base and context, first queries
    return statistics.median(measure(i) for i in range(runs)) * 1000


def app(page: str | None, user: str = AUTHOR, workload: int | None = None) -> Any:
    """A new session of app.py asking for ``page`` (None: the default page, Workloads)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=300)
    at.query_params["user"] = user
    if workload is not None:
        at.query_params["workload"] = str(workload)
    if page is not None:
        at._page_hash = page_hashes()[page]  # private: see the docstring
    return at


@functools.cache
def page_hashes() -> dict[str, str]:
    """Page title -> the hash a run requests it by, from the pages a first run registers (as uihelp.goto)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=300)
    at.run()
    return {info["page_name"]: page_hash for page_hash, info in at._registered_pages.items()}


def one(elements: Any, label: str) -> Any:
    found = [e for e in elements if e.label == label]
    if len(found) != 1:
        raise RuntimeError(f"expected one {label!r}, found {len(found)}")
    return found[0]


# The bare pages: plain Streamlit, the same widgets, data handed in, no database and no engine. AppTest runs
# each function's source alone, without this module's imports: hence no annotations on them.


def bare_questionnaire(before, after):
    import streamlit as st

    st.sidebar.caption("Choose an Azure compute service for each workload leaving a classic VM, and show why.")
    st.sidebar.text_input("Your name", key="author_input", value=before["author"])
    spec = after if st.session_state.get("saved") else before
    st.title(spec["title"])
    st.progress(spec["progress"], text=spec["progress_text"])
    with st.expander(f"Your answers so far ({len(spec['steps'])})", expanded=False):
        for number, (text, note) in enumerate(spec["steps"], start=1):
            text_col, button_col = st.columns([6, 1])
            text_col.markdown(text)
            if note:
                text_col.caption(note)
            button_col.button("Change", key=f"change::{number}")
    with st.container(border=True):
        st.markdown(spec["heading"])
        st.write(spec["help"])
        if spec["inferred"]:
            st.info(spec["inferred"], icon="ℹ️")
        with st.form(f"question::{spec['question']}", border=False):
            st.radio("Your answer", spec["options"], index=None, key=f"answer::{spec['question']}")
            st.text_area("Note (optional): why we answered this", key=f"note::{spec['question']}", height=80)
            st.form_submit_button("Save answer", type="primary", on_click=lambda: st.session_state.update(saved=True))
        st.caption("Preview: where each answer leads")
        for preview in spec["previews"]:
            st.caption(preview)
    st.button("← Back", key="back")
    st.caption(spec["caption"])


def bare_workloads(rows, author):
    import pandas as pd
    import streamlit as st

    st.sidebar.caption("Choose an Azure compute service for each workload leaving a classic VM, and show why.")
    st.sidebar.text_input("Your name", key="author_input", value=author)
    st.title("Workloads")
    st.caption("One workload per application or compute component leaving a classic VM.")
    with st.expander("➕ New workload", expanded=False), st.form("create_workload", border=False):
        st.text_input("Name", max_chars=120)
        st.text_input("Owner", max_chars=120, value=author)
        st.text_area("Context")
        st.text_area("Inventory VMs (optional)")
        st.form_submit_button("Create workload", type="primary")
    left, right = st.columns([3, 1])
    left.text_input("Search", key="workload_search")
    right.toggle("Show archived", key="show_archived")
    st.dataframe(
        pd.DataFrame([dict(row) for row in rows]).set_index("id"),
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="workload_table",
        column_config={"Updated": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")},
    )
    st.caption("Select a row to open, rename or archive a workload.")


def question_spec(kb: KnowledgeBase, record: DecisionRecord, answers: dict[str, str], title: str) -> dict[str, Any]:
    """What the questionnaire shows for these answers, as plain data for the bare page."""
    from advisor import recommend

    version = kb.version(record.knowledge_version)
    result = recommend(kb, answers, version.id)
    notes = {q: given.note for q, given in record.answers.items()}
    question = version.questions[result.next_question]
    remaining = version.most_questions_from(result.next_question)
    return {
        "author": AUTHOR,
        "title": title,
        "progress": len(result.path) / (len(result.path) + remaining),
        "progress_text": f"{len(result.path)} answered on this path; at most {remaining} to go.",
        "steps": [
            (
                f"**{n}. {version.questions[s.question].text}**  \n→ {label(version, s.question, s.answer)}",
                f"Note: {notes[s.question]}" if notes.get(s.question) else "",
            )
            for n, s in enumerate(result.path, 1)
        ],
        "question": question.id,
        "heading": f"### {len(result.path) + 1}. {question.text}",
        "help": question.help,
        "inferred": question.inference_note if question.inferred else "",
        "options": [a.label for a in question.answers],
        "previews": [f"• {a.label}: {a.rationale}" for a in question.answers],
        "caption": f"Version {record.version}, saved by {record.author} at {record.created_at:%Y-%m-%d %H:%M} UTC.",
    }


def label(version: KnowledgeVersion, question: str, answer: str) -> str:
    return next(a.label for a in version.questions[question].answers if a.id == answer)


def service_name(kb: KnowledgeBase, version_id: str | None, service: str | None) -> str:
    view = kb.versions[version_id].services.get(service) if version_id and service else None
    return view.name if view else (service or "")


def questionnaire_targets(ctx: ServiceContext, count: int) -> list[tuple[Workload, DecisionRecord, str]]:
    """In-progress workloads whose next question has an answer leading to another question, with that answer."""
    kb = ctx.kb
    found = []
    for summary in services.list_workloads(ctx):
        if summary.status != "in_progress" or summary.knowledge_version != kb.default_version:
            continue
        record = services.latest_record(ctx, summary.workload.id)
        if record is None or record.next_question is None:
            continue
        table = kb.version(record.knowledge_version).transitions
        onward = [a for a, (target, _) in sorted(table[record.next_question].items()) if target in table]
        if onward:
            found.append((summary.workload, record, onward[0]))
        if len(found) == count + 1:
            return found
    raise RuntimeError("not enough in-progress workloads to time")


def report(what: str, real_ms: float, bare_ms: float) -> None:
    ratio = real_ms / bare_ms
    print(
        f"{what}: app {real_ms:,.1f} ms, bare page {bare_ms:,.1f} ms -> ratio {ratio:.2f}x "
        f"(target within 2x: {'ok' if ratio <= 2 else 'OVER TARGET'})"
    )


@contextmanager
def app_database(prefix: str, kb: KnowledgeBase) -> Iterator[tuple[str, ServiceContext]]:
    """A fresh SQLite file that the app (AppTest) and the bench share (the bench through the services);
    removed afterwards."""
    from streamlit.runtime.scriptrunner_utils import script_run_context

    # AppTest touches session state from this thread between runs; its "missing ScriptRunContext" is noise here.
    # A filter, not a level: Streamlit resets its loggers' levels when an AppTest loads the config.
    logging.getLogger(script_run_context.__name__).addFilter(lambda r: "missing ScriptRunContext" not in r.getMessage())
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    url = f"sqlite:///{folder / 'bench.db'}"
    previous_url = os.environ.get(DATABASE_URL_VARIABLE)
    os.environ[DATABASE_URL_VARIABLE] = url  # the app's database; set before its first run
    ctx = ServiceContext(Database(url), kb)
    try:
        yield url, ctx
    finally:
        ctx.close()
        if previous_url is None:
            os.environ.pop(DATABASE_URL_VARIABLE, None)
        else:
            os.environ[DATABASE_URL_VARIABLE] = previous_url
        shutil.rmtree(folder, ignore_errors=True)


def database_bytes(url: str) -> int:
    """Bytes of the SQLite file and its WAL companions."""
    return sum(path.stat().st_size for path in Path(url.removeprefix("sqlite:///")).parent.iterdir())


def main() -> None:
    from streamlit.testing.v1 import AppTest

    kb = load_knowledge()
    with app_database("advisor-store-bench-", kb) as (url, ctx):
        print(f"== store at scale: {WORKLOADS:,} workloads, {WORKLOADS * VERSIONS_PER_WORKLOAD:,} record versions ==")
        began = time.perf_counter()
        timings = seed(url, kb)
        summaries = services.list_workloads(ctx)
        statuses: dict[str, int] = {}
        for s in summaries:
            statuses[s.status] = statuses.get(s.status, 0) + 1
        print(
            f"seeded in {time.perf_counter() - began:.1f} s ("
            + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
            + f"); database {database_bytes(url) / 1e6:.0f} MB; statuses: "
            + ", ".join(f"{WORKLOAD_STATUS_LABELS[k]} {v:,}" for k, v in sorted(statuses.items()))
        )
        list_ms = median_ms(lambda _: _timed(lambda: services.list_workloads(ctx)))
        print(f"services.list_workloads() alone (was Store.list_workloads()): {list_ms:,.1f} ms (median of {RUNS})")

        # 1. One questionnaire step
        targets = questionnaire_targets(ctx, RUNS)

        def real_step(i: int) -> float:
            workload, record, answer = targets[i]
            at = app("Questionnaire", workload=workload.id)
            timed_run(at)  # opens the workload at its next question; not counted
            one(at.radio, "Your answer").set_value(answer)
            one(at.button, "Save answer").click()
            elapsed = timed_run(at)
            saved = services.latest_record(ctx, workload.id)
            expected = (record.version + 1, answer)
            if saved is None or (saved.version, saved.answers[record.next_question].answer) != expected:
                raise RuntimeError(f"the step did not save version {record.version + 1} of workload {workload.id}")
            return elapsed

        def bare_step(i: int) -> float:
            workload, record, answer = targets[i]
            given = {q: a.answer for q, a in record.answers.items()}
            before = question_spec(kb, record, given, workload.name)
            after = question_spec(
                kb,
                record.model_copy(update={"version": record.version + 1}),
                given | {record.next_question: answer},
                workload.name,
            )
            at = AppTest.from_function(
                bare_questionnaire, kwargs={"before": before, "after": after}, default_timeout=300
            )
            timed_run(at)  # not counted
            one(at.radio, "Your answer").set_value(before["options"][0])
            one(at.button, "Save answer").click()
            elapsed = timed_run(at)
            if after["heading"] not in [m.value for m in at.markdown]:
                raise RuntimeError("the bare page did not show its next question")
            return elapsed

        print(f"\n== one questionnaire step (press Save answer; median of {RUNS}, a different workload each) ==")
        report("questionnaire step", median_ms(real_step), median_ms(bare_step))

        # 2. The Workloads page, opened in a new session
        rows = [
            {
                "id": s.workload.id,
                "Workload": s.workload.name,
                "Owner": s.workload.owner,
                "Status": WORKLOAD_STATUS_LABELS[s.status],
                "Service": service_name(kb, s.knowledge_version, s.service),
                "Versions": s.version or 0,
                "Updated": s.updated_at,
            }
            for s in services.list_workloads(ctx)
        ]

        def bare_list(_: int) -> float:
            at = AppTest.from_function(bare_workloads, kwargs={"rows": rows, "author": AUTHOR}, default_timeout=300)
            return timed_run(at)

        print(f"\n== Workloads page, first run of a new session ({len(rows):,} rows; median of {RUNS}) ==")
        try:
            real = median_ms(lambda _: timed_run(app(None)))
        except RuntimeError as exc:
            print(f"Workloads page: cannot be timed: {exc}")
        else:
            bare = median_ms(bare_list)
            report("Workloads page (list unchanged since the last render: read from the cache)", real, bare)
            renamed = services.list_workloads(ctx)[0].workload.id
            bench = Actor.local("Benchmark")

            def after_a_write(run: int) -> float:
                # any write: a new revision
                services.rename_workload(ctx, bench, renamed, f"Renamed for the benchmark {run}")
                return timed_run(app(None))

            report("Workloads page (right after a save elsewhere: list read afresh)", median_ms(after_a_write), bare)

        # 3. Storing a 100,000-VM import (read, triage and store: services.import_estate)
        store_import(url, ctx)


IMPORT_VMS = 100_000


def store_import(url: str, ctx: ServiceContext) -> None:
    """Time services.import_estate of a ``IMPORT_VMS``-VM canonical CSV (the triage bench's estate) and the
    database's growth; the floor beside it is pandas.read_csv of the same file, measured in the same run."""
    import pandas as pd

    from bench.triage_bench import write_files

    with tempfile.TemporaryDirectory(prefix="advisor-import-bench-") as folder:
        inventory, vnets, _ = write_files(Path(folder), IMPORT_VMS, with_arg=False)
        floor = _timed(lambda: pd.read_csv(inventory, dtype=str, keep_default_na=False))
        before = database_bytes(url)
        took = _timed(
            lambda: services.import_estate(ctx, Actor.local("Benchmark"), "Benchmark estate", [inventory], vnets)
        )
        grown = database_bytes(url) - before
        print(f"\n== storing a {IMPORT_VMS:,}-VM import (read, triage, store; SQLite) ==")
        size = inventory.stat().st_size / 1e6
        print(f"services.import_estate: {took:.1f} s (pandas.read_csv of the same {size:.0f} MB file in the same run: "
              f"{floor:.2f} s -> {took / floor:.1f}x); the database grew by "
              f"{grown / 1e6:,.0f} MB ({grown / IMPORT_VMS:,.0f} bytes a VM)")  # fmt: skip


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
