"""The reading rule that proposed each action.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

Adds `action.rule`: the id of the extractor's rule that proposed the action
("da.actor", "en.doer-future", "table.handling"), so that what secretaries
accept, edit and reject can be counted per rule. Empty for actions people
added and for proposals stored before this revision.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("action") as batch:
        batch.add_column(sa.Column("rule", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("action") as batch:
        batch.drop_column("rule")
