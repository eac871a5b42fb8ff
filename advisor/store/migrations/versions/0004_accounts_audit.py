"""Accounts, their roles, attendees linked to accounts, signatures by account, and the audit trail.

Revision ID: 0004_accounts_audit
Revises: 0003_price_sheets

Team mode (sign-in) keys a person by the token's issuer and subject; roles are stored per account. The
audit trail is append-only. Existing tables are not changed: links and signatures have tables of their own,
so a session decided before this revision reads as it did (its signatures unverified).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_accounts_audit"
down_revision = "0003_price_sheets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("issuer", sa.Text, nullable=False, comment="the token's iss"),
        sa.Column("subject", sa.Text, nullable=False, comment="the token's sub"),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("email", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("issuer", "subject", name="uq_accounts_issuer_subject"),
    )
    op.create_table(
        "account_roles",
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("role", sa.String(20), nullable=False, comment="viewer, contributor, reviewer or admin"),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("granted_by", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("account_id", "role", name="pk_account_roles"),
    )
    op.create_table(
        "attendee_accounts",
        sa.Column("session_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("linked_by", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("session_id", "position", name="pk_attendee_accounts"),
    )
    op.create_table(
        "item_signatures",
        sa.Column("session_id", sa.Integer, nullable=False),
        sa.Column("workload_id", sa.Integer, nullable=False),
        sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="RESTRICT"), nullable=False),
        sa.PrimaryKeyConstraint("session_id", "workload_id", name="pk_item_signatures"),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Text, nullable=False),
        sa.Column("actor_name", sa.Text, nullable=False),
        sa.Column("actor_email", sa.Text, nullable=False),
        sa.Column("os_user", sa.Text, nullable=False),
        sa.Column("source", sa.String(10), nullable=False, comment="app, cli or import"),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False, comment="done or refused"),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_events_at", "audit_events", ["at"])


def downgrade() -> None:
    op.drop_index("ix_audit_events_at", table_name="audit_events")
    for table in ("audit_events", "item_signatures", "attendee_accounts", "account_roles", "accounts"):
        op.drop_table(table)
