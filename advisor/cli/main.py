"""Command line of the advisor (contract §5): argument parsing and printing only.

Exit codes: 0 success (an ``incomplete`` recommendation included), 1 when the content checked
is invalid, 2 for bad input or usage. Errors are one line each on stderr, naming the file, the
line and the id; the first :data:`~advisor.limits.MAX_PROBLEMS_SHOWN` are printed, then a count.
No traceback reaches the user: a closed pipe (``... | head``) ends quietly with 141 (128 + SIGPIPE),
Ctrl-C with 130, and anything unforeseen is one line saying it is a bug, exit 70.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.cli import lifecycle as cli_lifecycle
from advisor.errors import AdvisorError, InputError, KnowledgeError, Problem
from advisor.limits import MAX_PROBLEMS_SHOWN
from advisor.paths import bundled_knowledge_dir

if TYPE_CHECKING:
    from advisor import AnswersFile, KnowledgeBase
    from advisor.models.record import Override

# Each command imports what it uses when it runs: ``triage`` of a big inventory is measured against the bare
# cost of reading the file, and the decision tree, the store and their libraries would take longer to import
# than the triage itself.
DEFAULT_KNOWLEDGE_DIR = bundled_knowledge_dir()

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_BUG, EXIT_INTERRUPTED, EXIT_PIPE_CLOSED = 70, 130, 141


# The commands other modules of the command line define (their parsers and what they run), in help order.
_COMMAND_MODULES = {
    "advisor.cli.inventory": {"triage": "triage_command", "batch": "batch_command"},
    "advisor.cli.exchange": {"export": "export_command", "import": "import_command"},
    "advisor.cli.lifecycle": {"lifecycle": "lifecycle_command"},
    "advisor.cli.prices": {"prices": "prices_command"},
    "advisor.cli.costs": {"costs": "costs_command"},
    "advisor.cli.access": {"roles": "roles_command", "audit": "audit_command", "auth": "auth_command"},
}
_MODULE_OF = {command: module for module, commands in _COMMAND_MODULES.items() for command in commands}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Every command's parser; or, for a ``command`` another module defines, only that module's (the parsers are
    the same, and the modules of the other commands, with what they import, are left alone)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--format", choices=("text", "json"), default="text", help="text for people (default), json for machines"
    )
    common.add_argument(
        "--knowledge",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"knowledge folder (default: {DEFAULT_KNOWLEDGE_DIR.name}/ beside the package)",
    )
    parser = argparse.ArgumentParser(
        prog="python -m advisor",
        description="Compute Target Advisor: choose an Azure compute service for each workload, and show why.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    if command in _MODULE_OF:
        importlib.import_module(_MODULE_OF[command]).add_parsers(commands, common)
        return parser
    commands.add_parser("check", parents=[common], help="validate the knowledge base")
    questions = commands.add_parser("questions", parents=[common], help="list the questions of a knowledge version")
    questions.add_argument("--knowledge-version", metavar="V")
    rec = commands.add_parser("recommend", parents=[common], help="walk the tree for an answers file")
    rec.add_argument("answers", type=Path, metavar="ANSWERS", help='YAML or JSON file: {"answers": {question: answer}}')
    rec.add_argument("--knowledge-version", metavar="V", help="wins over the file's knowledge_version")
    cli_lifecycle.add_judgement_options(rec)
    save = commands.add_parser(
        "record", parents=[common], help="save a new record version for a workload (created if new)"
    )
    save.add_argument(
        "answers", type=Path, metavar="ANSWERS", help='YAML or JSON file: {"answers": {question: answer}}'
    )
    save.add_argument("--workload", required=True, metavar="NAME", help="workload name (matched case-insensitively)")
    save.add_argument("--author", metavar="NAME", help="display name saved with the version (default: OS user)")
    save.add_argument("--knowledge-version", metavar="V", help="wins over the file's knowledge_version")
    save.add_argument(
        "--override", metavar="SERVICE", help="a service id to choose instead of the tree's outcome (needs --reason)"
    )
    save.add_argument("--reason", metavar="TEXT", help="why the team overrides the tree's outcome")
    for module in _COMMAND_MODULES:
        importlib.import_module(module).add_parsers(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(words[0] if words else None).parse_args(words)
    try:
        code = _run(args)
        sys.stdout.flush()  # here, not at exit: a closed pipe must be caught like any other
        return code
    except BrokenPipeError:
        # The reader went away (``| head``): say nothing more, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_PIPE_CLOSED
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    try:
        return _command(args.command)(args)
    except KnowledgeError as exc:
        return _fail(exc, args.format, EXIT_INVALID)
    except AdvisorError as exc:
        return _fail(exc, args.format, EXIT_USAGE)
    except ValidationError as exc:  # a value no check caught before the model: still one line per field
        problems = [Problem(error["msg"], ident=".".join(map(str, error["loc"])) or None) for error in exc.errors()]
        return _fail(InputError(problems), args.format, EXIT_USAGE)
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception as exc:  # last resort: a bug, never a traceback (no bad input may get here)
        detail = next(iter(str(exc).splitlines()), "")
        print(f"error: internal error ({type(exc).__name__}: {detail[:200]}); this is a bug, please report it",
              file=sys.stderr)  # fmt: skip
        return EXIT_BUG


def _check(args: argparse.Namespace) -> int:
    from advisor import check_knowledge, load_knowledge
    from advisor.cli import render

    problems = check_knowledge(args.knowledge)
    if problems:
        return _fail(KnowledgeError(problems), args.format, EXIT_INVALID)
    kb = load_knowledge(args.knowledge)
    _emit(args.format, render.check_summary(kb), render.check_summary_text(kb))
    return EXIT_OK


def _questions(args: argparse.Namespace) -> int:
    from advisor import load_knowledge
    from advisor.cli import render

    kb = load_knowledge(args.knowledge)
    version = kb.version(args.knowledge_version)
    listing = render.question_list(version)
    _emit(args.format, listing, render.question_list_text(version))
    return EXIT_OK


def _recommend(args: argparse.Namespace) -> int:
    from advisor import load_knowledge, read_answers_file, recommend
    from advisor.cli import render

    kb = load_knowledge(args.knowledge)
    answers_file = read_answers_file(args.answers)
    version_id = _knowledge_version(kb, args.knowledge_version, answers_file)
    judgement = cli_lifecycle.judgement_from_args(kb, args)
    result = recommend(
        kb, answers_file.answers, version_id, source=answers_file.path, doc=answers_file.doc, judgement=judgement
    )
    _emit(args.format, result.to_dict(), render.recommendation_text(kb.version(version_id), result, kb))
    return EXIT_OK


def _record(args: argparse.Namespace) -> int:
    from advisor import load_knowledge, read_answers_file, recommend
    from advisor.cli import identity
    from advisor.decide.reason_words import Words
    from advisor.models.statuses import version_status_label

    override = _override(args)
    kb = load_knowledge(args.knowledge)
    answers_file = read_answers_file(args.answers)
    version_id = _knowledge_version(kb, args.knowledge_version, answers_file)
    # Checked here first so that faults name the file and line, as for `recommend`.
    recommend(kb, answers_file.answers, version_id, source=answers_file.path, doc=answers_file.doc)
    actor = identity.actor(args.author)
    from advisor import services  # imported here: SQLAlchemy is only needed by the commands that store

    with services.open_context(kb=kb) as ctx:  # the workload (if new) and its version: one transaction
        record = services.record_answers(ctx, actor, args.workload, answers_file.answers, version_id, override=override)
        number = services.find_workload(ctx, record.workload_name)
    status = version_status_label(record)
    words = Words.from_kb(kb)
    service = words.service(record.chosen_service) if record.chosen_service else "(none yet)"
    lines = [
        f"workload: {record.workload_name}",
        f"version: {record.version}",
        f"status: {status}",
        f"service: {service}",
    ]
    if record.override is not None and record.service is not None:
        lines += [f"the tree recommended: {words.service(record.service)}", f"reason: {record.override.reason}"]
    if number is not None and number.number is not None:
        lines.append(f"decision record number: {number.number:04d}")
    _emit(args.format, record.model_dump(mode="json"), "\n".join(lines))
    return EXIT_OK


def _override(args: argparse.Namespace) -> Override | None:
    """The override ``--override SERVICE --reason TEXT`` asks for; a usage error when either comes alone."""
    from advisor.models.record import Override

    service = (args.override or "").strip()
    reason = (args.reason or "").strip()
    if not service and args.reason is not None:
        raise InputError(Problem("--reason is only given with --override SERVICE", ident="--reason"))
    if not service:
        return None
    if not reason:
        message = "--override needs --reason TEXT: say why the team departs from the tree's outcome"
        raise InputError(Problem(message, ident="--reason"))
    return Override(service=service, reason=reason)


def _knowledge_version(kb: KnowledgeBase, flag: str | None, answers_file: AnswersFile) -> str | None:
    """The version asked for: the flag wins over the file; an unknown one in the file names its line."""
    version_id = flag or answers_file.knowledge_version
    if not flag and version_id is not None and version_id not in kb.versions:
        line = answers_file.doc.line_of(("knowledge_version",)) if answers_file.doc else None
        known = ", ".join(sorted(kb.versions))
        raise InputError(
            Problem(
                f"unknown knowledge version {version_id!r} (known: {known})",
                answers_file.path,
                line,
                "knowledge_version",
            )
        )
    return version_id


_COMMANDS = {
    "check": _check,
    "questions": _questions,
    "recommend": _recommend,
    "record": _record,
}


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    if name in _COMMANDS:
        return _COMMANDS[name]
    run: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(_MODULE_OF[name]), _COMMAND_MODULES[_MODULE_OF[name]][name]
    )
    return run


def _emit(fmt: str, data: Any, text: str) -> None:
    if fmt == "json":
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text.rstrip("\n") + "\n")


def _fail(exc: AdvisorError, fmt: str, code: int) -> int:
    """The first MAX_PROBLEMS_SHOWN problems, one line each, then how many there were in all."""
    shown = exc.problems[:MAX_PROBLEMS_SHOWN]
    hidden = len(exc.problems) - len(shown)
    sys.stderr.write("".join(f"error: {_one_line(str(problem))}\n" for problem in shown))
    if hidden:
        print(f"… and {hidden:,} more problems not shown.", file=sys.stderr)
    if len(exc.problems) > 1:
        print(f"{len(exc.problems):,} problems found.", file=sys.stderr)
    if fmt == "json":
        from advisor.cli import render

        data: dict[str, Any] = {"errors": [render.problem_dict(p) for p in shown]}
        if hidden:
            data["errors_not_shown"] = hidden
        _emit("json", data, "")
    return code


def _one_line(text: str) -> str:
    """A message as one line, however it came: file names and values may hold line breaks."""
    return text.replace("\r", " ").replace("\n", " ")
