"""Submission tokens: ``submissions``, one row per form sent, with what it created.

Revision ID: 0005_submissions
Revises: 0004_accounts_audit

A form carries a token; the service that acts on it stores the token with the acting person, the action and
a reference to what it created, in the same transaction. A repeat of the token returns that first result.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_submissions"
down_revision = "0004_accounts_audit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "submissions",
        sa.Column("token", sa.String(100), primary_key=True, comment="the form's submission token"),
        sa.Column("actor_id", sa.Text, nullable=False, comment="the stable id of the person who sent it"),
        sa.Column("action", sa.String(40), nullable=False, comment="the service it was sent to"),
        sa.Column("result", sa.Text, nullable=False, comment="JSON: the ids of what it created"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("submissions")
