"""Action events: the audit trail of every change to an action.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

Adds the `action_event` table and gives every action already stored one
"created" event, dated when the action was created and by "unknown" (nobody
recorded who imported it), so every action's history starts at its creation
whether it predates this revision or not.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "action_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_action_event_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_event")),
    )
    op.create_index(op.f("ix_action_event_action_id"), "action_event", ["action_id"])
    action = sa.table("action", sa.column("id"), sa.column("created_at"), sa.column("title"))
    event = sa.table(
        "action_event",
        sa.column("action_id"),
        sa.column("at"),
        sa.column("user"),
        sa.column("field"),
        sa.column("new"),
    )
    op.execute(
        event.insert().from_select(
            ["action_id", "at", "user", "field", "new"],
            sa.select(
                action.c.id,
                action.c.created_at,
                sa.literal("unknown"),
                sa.literal("created"),
                action.c.title,
            ).order_by(action.c.id),
        )
    )


def downgrade() -> None:
    op.drop_table("action_event")
