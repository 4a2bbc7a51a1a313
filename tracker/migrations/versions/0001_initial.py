"""Initial schema: bodies, meetings, agenda items and actions.

Revision ID: 0001
Revises:
Create Date: 2026-11-29

Written to match `tracker/models.py` exactly, with plain SQLAlchemy types so
the migration stays valid when the models' Python types change later:
`sa.String` for SQLModel's AutoString and `sa.DateTime(timezone=True)` for
`UTCDateTime`, whose storage they are.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "body",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_body")),
        sa.UniqueConstraint("name", name=op.f("uq_body_name")),
    )
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("start", sa.Time(), nullable=True),
        sa.Column("end", sa.Time(), nullable=True),
        sa.Column("place", sa.String(), nullable=True),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("absent", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("source_name", sa.String(), nullable=False),
        sa.Column("source_sha256", sa.String(), nullable=False),
        sa.Column("source_format", sa.String(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["body_id"], ["body.id"], name=op.f("fk_meeting_body_id_body"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.UniqueConstraint("body_id", "date", "start", name=op.f("uq_meeting_body_id_date_start")),
        sa.UniqueConstraint("source_sha256", name=op.f("uq_meeting_source_sha256")),
    )
    op.create_index(op.f("ix_meeting_date"), "meeting", ["date"])

    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("case_number", sa.String(), nullable=True),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("decisions", sa.JSON(), nullable=False),
        sa.Column("decision", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_agenda_item_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    op.create_index(op.f("ix_agenda_item_meeting_id"), "agenda_item", ["meeting_id"])

    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(), nullable=True),
        sa.Column("co_owners", sa.JSON(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("due_text", sa.String(), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("condition", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["agenda_item.id"],
            name=op.f("fk_action_item_id_agenda_item"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
    )
    op.create_index(op.f("ix_action_item_id"), "action", ["item_id"])
    op.create_index(op.f("ix_action_owner"), "action", ["owner"])
    op.create_index(op.f("ix_action_due"), "action", ["due"])
    op.create_index(op.f("ix_action_status"), "action", ["status"])


def downgrade() -> None:
    op.drop_table("action")
    op.drop_table("agenda_item")
    op.drop_table("meeting")
    op.drop_table("body")
