"""Calendar subscriptions: feeds per owner, per body or of everything.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29

Adds the `subscription` table. Tokens are stored as their SHA-256 only, so
the unique constraint on it is also the index `tracker serve` finds a feed by.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "subscription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.String(), nullable=False),
        sa.Column("scope", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=True),
        sa.Column("label", sa.String(), nullable=True),
        sa.Column("include_confidential", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscription")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_subscription_token_sha256")),
    )


def downgrade() -> None:
    op.drop_table("subscription")
