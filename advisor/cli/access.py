"""The ``roles`` and ``audit`` commands: the admin page's command-line twins.

``python -m advisor roles list`` lists the accounts (people appear once they have signed in) with their roles;
``roles grant WHO ROLE``, ``roles revoke WHO ROLE``, ``roles remove WHO`` and
``roles link --session ID --attendee NAME WHO`` change them (WHO is an email, a subject or a name).
``python -m advisor auth [--secrets FILE ...]`` checks team mode's settings (``[auth]`` and ``[access]`` of the
secrets files the app reads) and that the identity provider answers, without printing any secret.
``python -m advisor audit [--format text|csv|json] [--search TEXT] [--outcome done|refused] [--since DATE]
[--until DATE]`` prints the audit trail, newest first. Every change is audited with ``--author`` (default: the
OS user) and the OS user.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import Any

from advisor.cli import identity
from advisor.errors import InputError, Problem
from advisor.models.account import ROLES
from advisor.paths import bundled_knowledge_dir

# Where Streamlit reads secrets by default, in its order (a later file wins).
DEFAULT_SECRETS = (Path.home() / ".streamlit" / "secrets.toml", Path(".streamlit") / "secrets.toml")


def add_parsers(commands: Any, common: argparse.ArgumentParser) -> None:
    roles = commands.add_parser("roles", parents=[common], help="list accounts and change their roles (team mode)")
    actions = roles.add_subparsers(dest="roles_action", required=True, metavar="ACTION")
    actions.add_parser("list", parents=[common], help="every account with its roles")
    for verb, helptext in (("grant", "give WHO a role"), ("revoke", "take a role from WHO")):
        change = actions.add_parser(verb, parents=[common], help=helptext)
        change.add_argument("who", metavar="WHO", help="email, subject or name of a signed-in account")
        change.add_argument("role", choices=ROLES, metavar="ROLE", help=f"one of {', '.join(ROLES)}")
        change.add_argument("--author", metavar="NAME", help="who does it, for the audit (default: OS user)")
    remove = actions.add_parser("remove", parents=[common], help="remove an account (its next action is refused)")
    remove.add_argument("who", metavar="WHO")
    remove.add_argument("--author", metavar="NAME")
    link = actions.add_parser("link", parents=[common], help="link a session's free-text attendee to an account")
    link.add_argument("who", metavar="WHO")
    link.add_argument("--session", type=int, required=True, metavar="ID", help="the review session's id")
    link.add_argument("--attendee", required=True, metavar="NAME", help="the attendee's name as listed")
    link.add_argument("--author", metavar="NAME")

    auth = commands.add_parser("auth", help="check team mode's sign-in settings and that the provider answers")
    secrets_help = "a secrets.toml to read (default: ~/.streamlit/secrets.toml, then .streamlit/secrets.toml)"
    auth.add_argument("--secrets", type=Path, action="append", metavar="FILE", help=secrets_help)
    auth.add_argument("--format", choices=("text",), default="text", help=argparse.SUPPRESS)

    audit = commands.add_parser("audit", help="print the audit trail, newest first (CSV or JSON to export)")
    audit.add_argument("--format", choices=("text", "csv", "json"), default="text")
    knowledge_help = f"knowledge folder (default: {bundled_knowledge_dir().name}/ beside the package)"
    audit.add_argument("--knowledge", type=Path, default=None, metavar="DIR", help=knowledge_help)
    audit.add_argument("--search", default="", metavar="TEXT", help="only lines whose person, action or target has it")
    audit.add_argument("--outcome", choices=("done", "refused"), help="only done or only refused actions")
    audit.add_argument("--since", metavar="DATE", help="only lines on or after DATE (YYYY-MM-DD, UTC)")
    audit.add_argument("--until", metavar="DATE", help="only lines before DATE (YYYY-MM-DD, UTC)")
    audit.add_argument("--author", metavar="NAME", help=argparse.SUPPRESS)


def auth_command(args: argparse.Namespace) -> int:
    from advisor import services

    files = [str(p) for p in args.secrets] if args.secrets else [str(p) for p in DEFAULT_SECRETS]
    team = services.team_settings(services.read_secrets(files))
    if team is None:
        print("local mode: no [auth] section in " + " or ".join(files) + "; the app binds to this machine only")
        return 0
    problem = services.check_provider(team.server_metadata_url)
    if problem:
        raise InputError(Problem(problem, ident="server_metadata_url"))
    admins = ", ".join(team.admins) or "none yet (signed-in people are viewers until an admin is set)"
    print(f"team mode: the sign-in provider answers ({team.server_metadata_url}); first admins: {admins}")
    return 0


def roles_command(args: argparse.Namespace) -> int:
    from advisor import load_knowledge, services

    with services.open_context(kb=load_knowledge(args.knowledge)) as ctx:
        if args.roles_action != "list":
            actor = identity.actor(args.author)
            account = services.find_account(ctx, args.who)
            if args.roles_action == "grant":
                services.grant_role(ctx, actor, account.id, args.role)
            elif args.roles_action == "revoke":
                services.revoke_role(ctx, actor, account.id, args.role)
            elif args.roles_action == "remove":
                services.remove_account(ctx, actor, account.id)
            else:
                services.link_attendee(ctx, actor, args.session, args.attendee, account.id)
        accounts = services.list_accounts(ctx)
    rows = [
        {"name": a.name, "email": a.email, "issuer": a.issuer, "subject": a.subject,
         "roles": sorted(a.roles, key=ROLES.index) or ["viewer"], "removed": a.removed}
        for a in accounts
    ]  # fmt: skip
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif not rows:
        print("no accounts yet: people appear here once they have signed in (team mode)")
    else:
        for account in accounts:
            roles = ", ".join(sorted(account.roles, key=ROLES.index)) or "viewer"
            print(f"{account.label}: {roles}" + (" (removed)" if account.removed else ""))
    return 0


def audit_command(args: argparse.Namespace) -> int:
    from advisor import load_knowledge, services

    wanted = services.AuditFilter(
        text=args.search,
        outcome=args.outcome or "",
        since=_day(args.since, "--since"),
        until=_day(args.until, "--until"),
    )
    with services.open_context(kb=load_knowledge(args.knowledge)) as ctx:
        events = services.audit_events(ctx, identity.actor(args.author, named=False), wanted)
    if args.format == "csv":
        sys.stdout.write(services.audit_csv(events))
    elif args.format == "json":
        sys.stdout.write(services.audit_json(events))
    else:
        for row in services.audit_rows(events):
            who = (
                row["who"]
                + (f" <{row['email']}>" if row["email"] else "")
                + (f" (OS user {row['os_user']})" if row["os_user"] else "")
            )
            detail = f": {row['detail']}" if row["detail"] else ""
            print(f"{row['when']}  {row['outcome']:<7}  {who} [{row['from']}] {row['action']} {row['target']}{detail}")
    return 0


def _day(text: str | None, flag: str) -> datetime.datetime | None:
    if text is None:
        return None
    try:
        day = datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(Problem(f"not a date: {text!r} (expected YYYY-MM-DD)", ident=flag)) from None
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)
