"""Accounts, their role grants, attendee links and sign-off signatures, read and written on one connection."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, select, update

from advisor.models.account import Account
from advisor.store.tables import account_roles, accounts, attendee_accounts, item_signatures
from advisor.store.workload_rows import utc


class AccountRepository:
    """The accounts, account_roles, attendee_accounts and item_signatures tables."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    # Accounts

    def by_key(self, issuer: str, subject: str) -> Account | None:
        row = self._conn.execute(
            select(accounts).where(accounts.c.issuer == issuer, accounts.c.subject == subject)
        ).first()
        return self._account(row) if row is not None else None

    def get(self, account_id: int) -> Account | None:
        row = self._conn.execute(select(accounts).where(accounts.c.id == account_id)).first()
        return self._account(row) if row is not None else None

    def all(self) -> list[Account]:
        rows = self._conn.execute(select(accounts).order_by(accounts.c.name, accounts.c.id)).all()
        return [self._account(row) for row in rows]

    def insert_account_row(self, issuer: str, subject: str, name: str, email: str, at: datetime.datetime) -> int:
        values = {"issuer": issuer, "subject": subject, "name": name, "email": email, "created_at": at,
                  "last_seen_at": at}  # fmt: skip
        account_id: int = self._conn.execute(insert(accounts).values(**values).returning(accounts.c.id)).scalar_one()
        return account_id

    def update_account_row(self, account_id: int, **values: object) -> None:
        self._conn.execute(update(accounts).where(accounts.c.id == account_id).values(**values))

    # Roles

    def insert_role_rows(self, account_id: int, roles: Iterable[str], at: datetime.datetime, by: str) -> None:
        rows = [{"account_id": account_id, "role": r, "granted_at": at, "granted_by": by} for r in roles]
        if rows:
            self._conn.execute(insert(account_roles), rows)

    def delete_role_row(self, account_id: int, role: str) -> None:
        self._conn.execute(
            delete(account_roles).where(account_roles.c.account_id == account_id, account_roles.c.role == role)
        )

    # Attendees and signatures

    def attendee_links(self, session_id: int) -> dict[int, int]:
        """Attendee position -> account id, for the linked attendees of a session."""
        rows = self._conn.execute(
            select(attendee_accounts.c.position, attendee_accounts.c.account_id).where(
                attendee_accounts.c.session_id == session_id
            )
        ).all()
        return {row.position: row.account_id for row in rows}

    def insert_attendee_link_row(
        self, session_id: int, position: int, account_id: int, at: datetime.datetime, by: str
    ) -> None:
        """Link the attendee at ``position`` to the account, replacing any link it had."""
        self._conn.execute(
            delete(attendee_accounts).where(
                attendee_accounts.c.session_id == session_id, attendee_accounts.c.position == position
            )
        )
        self._conn.execute(
            insert(attendee_accounts).values(
                session_id=session_id, position=position, account_id=account_id, linked_at=at, linked_by=by
            )
        )

    def insert_signature_row(self, session_id: int, workload_id: int, account_id: int) -> None:
        self._conn.execute(
            insert(item_signatures).values(session_id=session_id, workload_id=workload_id, account_id=account_id)
        )

    def signatures(self, session_id: int) -> dict[int, int]:
        """Workload id -> the account that signed off its item, for the items signed in team mode."""
        rows = self._conn.execute(
            select(item_signatures.c.workload_id, item_signatures.c.account_id).where(
                item_signatures.c.session_id == session_id
            )
        ).all()
        return {row.workload_id: row.account_id for row in rows}

    def _account(self, row: Row[Any]) -> Account:
        r = row._mapping
        roles = self._conn.execute(select(account_roles.c.role).where(account_roles.c.account_id == r["id"])).scalars()
        return Account(
            id=r["id"], issuer=r["issuer"], subject=r["subject"], name=r["name"], email=r["email"],
            roles=frozenset(roles), created_at=utc(r["created_at"]),
            last_seen_at=utc(r["last_seen_at"]) if r["last_seen_at"] else None,
            removed_at=utc(r["removed_at"]) if r["removed_at"] else None,
        )  # fmt: skip
