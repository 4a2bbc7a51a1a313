"""Versions for concurrent edits; what the extractor proposed, for re-imports.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29

Adds `action.version` (every stored action starts at 1), `action_event.version`
(empty for the events before this revision), `action.source_lost_at` (empty:
no re-import has flagged anything yet) and `action.proposal`.

`proposal` is filled in for the actions the extractor made, so that a
re-import of their minutes can tell hand edits from its own values. The
history tells both apart: an action the extractor made started as a
proposal (its first status event leaves "proposed", or it never had one and
is still proposed), while actions people added start open. What it proposed
is the action's value before the first event that changed each field, else
its value now; the title is the one its "created" event recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The fields a proposal holds, and how the history writes each as text.
_TEXT = ("title", "owner", "due_text", "kind", "condition", "source")
_DATES = ("due", "review")


def upgrade() -> None:
    with op.batch_alter_table("action") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch.add_column(sa.Column("proposal", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("source_lost_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("action_event") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=True))
    _fill_proposals(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("action_event") as batch:
        batch.drop_column("version")
    with op.batch_alter_table("action") as batch:
        batch.drop_column("source_lost_at")
        batch.drop_column("proposal")
        batch.drop_column("version")


def _fill_proposals(connection: sa.Connection) -> None:
    action = sa.table(
        "action",
        sa.column("id", sa.Integer),
        sa.column("status", sa.String),
        sa.column("co_owners", sa.JSON),
        sa.column("confidence", sa.Float),
        sa.column("due", sa.Date),
        sa.column("review", sa.Date),
        sa.column("proposal", sa.JSON),
        *(sa.column(name, sa.String) for name in _TEXT),
    )
    event = sa.table(
        "action_event",
        sa.column("id", sa.Integer),
        sa.column("action_id", sa.Integer),
        sa.column("field", sa.String),
        sa.column("old", sa.String),
        sa.column("new", sa.String),
    )
    first: dict[int, dict[str, tuple[str | None, str | None]]] = {}
    for action_id, field, old, new in connection.execute(
        sa.select(event.c.action_id, event.c.field, event.c.old, event.c.new).order_by(event.c.id)
    ):
        first.setdefault(action_id, {}).setdefault(field, (old, new))
    for row in connection.execute(sa.select(action)).mappings().all():
        history = first.get(row["id"], {})
        started = history["status"][0] if "status" in history else row["status"]
        if started != "proposed":
            continue
        connection.execute(
            action.update()
            .where(action.c.id == row["id"])
            .values(proposal=_original(dict(row), history))
        )


def _original(
    row: dict[str, Any], history: dict[str, tuple[str | None, str | None]]
) -> dict[str, Any]:
    """The action as first stored: each field's value before its first change."""
    values: dict[str, Any] = {name: row[name] for name in _TEXT}
    for name in _DATES:
        values[name] = row[name].isoformat() if row[name] else None
    values["co_owners"] = list(row["co_owners"] or [])
    values["confidence"] = row["confidence"]
    for name, (old, _new) in history.items():
        if name in _TEXT:
            values[name] = old
        elif name in _DATES:
            values[name] = dt.date.fromisoformat(old).isoformat() if old else None
        elif name == "co_owners":
            values[name] = old.split(", ") if old else []
    if "created" in history and history["created"][1]:
        values["title"] = history["created"][1]
    return values
