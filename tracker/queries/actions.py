"""Actions, as lists, filters and single rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, String, and_, case, cast, func, or_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from tracker.minutes.jsonable import item_number
from tracker.models import Action, AgendaItem, Body, Meeting
from tracker.queries.readmodel import ReadModel

ActionFilter = Literal["proposed", "open", "overdue", "on_hold", "done", "rejected", "all"]


@dataclass(frozen=True)
class ActionRow(ReadModel):
    """One action with the meeting and item it came from, as lists show it.

    `overdue` is computed for the `today` the query was asked with: open,
    with a due date before it. `version` is what a change made from this
    row names as the version it saw (see `tracker.services.actions`).
    """

    id: int
    meeting_id: int
    meeting_date: dt.date
    body: str
    item_number: str
    item_title: str
    title: str
    owner: str | None
    co_owners: tuple[str, ...]
    due: dt.date | None
    due_text: str | None
    kind: str
    condition: str | None
    review: dt.date | None
    status: str
    overdue: bool
    confidence: float
    rule: str | None
    source: str | None
    notes: str | None
    held_since: dt.datetime | None
    completed_at: dt.datetime | None
    version: int
    source_lost_at: dt.datetime | None

    def to_dict(self) -> dict[str, Any]:
        """As `tracker show` prints them, plain-integer item numbers are numbers."""
        data = super().to_dict()
        data["item_number"] = item_number(data["item_number"])
        return data


def list_actions(
    session: Session,
    *,
    owner: str | None = None,
    status: ActionFilter = "open",
    today: dt.date,
) -> list[ActionRow]:
    """Actions by due date (undated last), then by ID.

    `status` "overdue" is the open actions due before `today`, "all" is every
    action. `owner` matches any part of the owner or a co-owner, ignoring case.
    """
    query = _actions(today)
    if status == "overdue":
        query = query.where(_overdue(today))
    elif status != "all":
        query = query.where(col(Action.status) == status)
    if owner:
        lower, part = _lower(session), owner.lower()
        query = query.where(
            or_(
                lower(col(Action.owner)).contains(part, autoescape=True),
                lower(cast(Action.co_owners, String)).contains(part, autoescape=True),
            )
        )
    rows = session.exec(query.order_by(col(Action.due).asc().nulls_last(), col(Action.id))).all()
    return [_action_row(*row) for row in rows]


def get_action(session: Session, action_id: int, *, today: dt.date) -> ActionRow | None:
    """One action, or None if there is no such action."""
    row = session.exec(_actions(today).where(col(Action.id) == action_id)).first()
    return _action_row(*row) if row is not None else None


def _actions(today: dt.date) -> Select[Action, str, str, int, dt.date, str, bool]:
    """Actions joined to their item (number, title), meeting (id, date) and body
    (name), with `overdue` for `today`."""
    return (
        select(  # type: ignore[call-overload]  # SQLModel types up to 4 columns
            Action,
            AgendaItem.number,
            AgendaItem.title,
            Meeting.id,
            Meeting.date,
            Body.name,
            case((_overdue(today), True), else_=False),
        )
        .join(AgendaItem, col(AgendaItem.id) == col(Action.item_id))
        .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
        .join(Body, col(Body.id) == col(Meeting.body_id))
    )


def _overdue(today: dt.date) -> ColumnElement[bool]:
    return and_(col(Action.status) == "open", col(Action.due) < today)


def _lower(session: Session) -> Callable[[Any], ColumnElement[str]]:
    """A SQL function that lower-cases text in every alphabet.

    PostgreSQL's lower() knows æøå; SQLite's lowers ASCII only, so "øc" would
    not find "ØC". On SQLite the session's connection gets Python's lowering
    as a SQL function instead.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return lambda value: func.lower(value, type_=String)
    driver: Any = connection.connection.driver_connection
    driver.create_function("unicode_lower", 1, _unicode_lower, deterministic=True)
    return lambda value: func.unicode_lower(value, type_=String)


def _unicode_lower(value: str | None) -> str | None:
    return value.lower() if value is not None else None


def _action_row(
    action: Action,
    number: str,
    item_title: str,
    meeting_id: int,
    meeting_date: dt.date,
    body: str,
    overdue: bool,
) -> ActionRow:
    assert action.id is not None
    return ActionRow(
        id=action.id,
        meeting_id=meeting_id,
        meeting_date=meeting_date,
        body=body,
        item_number=number,
        item_title=item_title,
        title=action.title,
        owner=action.owner,
        co_owners=tuple(action.co_owners),
        due=action.due,
        due_text=action.due_text,
        kind=action.kind,
        condition=action.condition,
        review=action.review,
        status=action.status,
        overdue=bool(overdue),
        confidence=action.confidence,
        rule=action.rule,
        source=action.source,
        notes=action.notes,
        held_since=action.held_since,
        completed_at=action.completed_at,
        version=action.version,
        source_lost_at=action.source_lost_at,
    )
