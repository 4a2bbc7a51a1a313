"""Dashboard index: actions by status, then due date.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

The dashboard shows one status (open, on hold, proposed, done) ordered by
due date, a window at a time. With only the single-column indexes, SQLite
fetched every action of that status and sorted them for each window (65 ms
at 100,000 actions, too slow for a search keystroke); with (status, due) it
reads the window straight from the index (about 1 ms), and the overdue and
this-week filters become range scans of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_action_status_due", "action", ["status", "due"])


def downgrade() -> None:
    op.drop_index("ix_action_status_due", table_name="action")
