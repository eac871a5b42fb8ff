"""Every signed-off record version says how it was signed: ``signature`` in its payload.

Revision ID: 0009_record_signatures
Revises: 0008_record_numbers

Sign-offs made before this revision carried their signature only inside the version's change text (and in the
session's own tables). Each decided agenda item's result version gets it in its payload here, written as the
services write it now: the signer, then "signed in as" the account's email (or subject) when an account signed
(``item_signatures``), else "unverified (local mode)". A payload that already has one is left as it is.
Downgrading leaves the payloads alone: older code ignores the field.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0009_record_signatures"
down_revision = "0008_record_numbers"
branch_labels = None
depends_on = None

# Frozen here as the services word it at this revision (advisor.models.session.UNVERIFIED), so later wording
# changes never rewrite what this revision wrote.
_UNVERIFIED = "unverified (local mode)"

_items = sa.table(
    "session_items",
    sa.column("session_id", sa.Integer),
    sa.column("workload_id", sa.Integer),
    sa.column("signed_off_by", sa.Text),
    sa.column("result_version", sa.Integer),
)
_signatures = sa.table(
    "item_signatures", sa.column("session_id", sa.Integer), sa.column("workload_id", sa.Integer),
    sa.column("account_id", sa.Integer),
)  # fmt: skip
_accounts = sa.table(
    "accounts", sa.column("id", sa.Integer), sa.column("email", sa.Text), sa.column("subject", sa.Text)
)
_versions = sa.table(
    "record_versions", sa.column("id", sa.Integer), sa.column("workload_id", sa.Integer),
    sa.column("version", sa.Integer), sa.column("payload", sa.Text),
)  # fmt: skip


def upgrade() -> None:
    connection = op.get_bind()
    signed = (
        sa.select(_items.c.workload_id, _items.c.result_version, _items.c.signed_off_by, _accounts.c.email,
                  _accounts.c.subject)
        .select_from(
            _items.outerjoin(_signatures, sa.and_(_signatures.c.session_id == _items.c.session_id,
                                                  _signatures.c.workload_id == _items.c.workload_id))
            .outerjoin(_accounts, _accounts.c.id == _signatures.c.account_id)
        )
        .where(_items.c.result_version.is_not(None), _items.c.signed_off_by.is_not(None))
    )  # fmt: skip
    for workload_id, version, signer, email, subject in connection.execute(signed).fetchall():
        row = connection.execute(
            sa.select(_versions.c.id, _versions.c.payload).where(
                _versions.c.workload_id == workload_id, _versions.c.version == version
            )
        ).first()
        if row is None:
            continue
        payload = json.loads(row.payload)
        if payload.get("signature"):
            continue
        account = email or subject
        payload["signature"] = f"{signer}, signed in as {account}" if account else f"{signer}, {_UNVERIFIED}"
        written = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))  # as model_dump_json writes
        connection.execute(sa.update(_versions).where(_versions.c.id == row.id).values(payload=written))


def downgrade() -> None:
    """Nothing to undo: the schema is unchanged and older code ignores the payload field."""
