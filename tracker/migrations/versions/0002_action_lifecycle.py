"""Action lifecycle: review date, notes, and when an action was held or done.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29

Adds nullable columns only, so every stored action keeps its values. The
new columns start empty for existing rows, and empty is the truth for them:
before this revision nothing could hold or complete an action, and the
extractor's review dates were not kept.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("action") as batch:
        batch.add_column(sa.Column("review", sa.Date(), nullable=True))
        batch.add_column(sa.Column("notes", sa.Text(), nullable=True))
        batch.add_column(sa.Column("held_since", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("action") as batch:
        batch.drop_column("completed_at")
        batch.drop_column("held_since")
        batch.drop_column("notes")
        batch.drop_column("review")
