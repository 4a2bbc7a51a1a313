"""Read-only questions about the store, answered with frozen read models.

Every function takes the session as its first parameter and builds its SQL
here, so screens and commands never write `select(...)`. Results are plain
frozen dataclasses, safe to hand to a widget or a thread after the session has
closed (a live row would try to lazy-load and fail), and `to_dict()` gives the
JSON every listing command prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, String, and_, case, cast, func, or_
from sqlmodel import Session, SQLModel, col, select
from sqlmodel.sql.expression import Select

from tracker.minutes.jsonable import item_number
from tracker.models import Action, AgendaItem, Body, Meeting

ActionFilter = Literal["proposed", "open", "overdue", "on_hold", "done", "rejected", "all"]


def _jsonable(value: Any) -> Any:
    """Dates as ISO text, times as "HH:MM", tuples as lists, recursively."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value


class _ReadModel:
    """Base of the read models: `to_dict()` for JSON output."""

    def to_dict(self) -> dict[str, Any]:
        """The fields as JSON-ready values."""
        data: dict[str, Any] = _jsonable(asdict(self))  # type: ignore[call-overload]
        return data


@dataclass(frozen=True)
class MeetingSummary(_ReadModel):
    """One line of the meeting list; `items` and `actions` are counts."""

    id: int
    body: str
    date: dt.date
    start: dt.time | None
    place: str | None
    items: int
    actions: int
    source_name: str


@dataclass(frozen=True)
class SectionDetail(_ReadModel):
    """A named part of an agenda item's text."""

    kind: str
    heading: str
    text: str


@dataclass(frozen=True)
class ItemDetail(_ReadModel):
    """An agenda item as the meeting view shows it; `actions` is a count."""

    id: int
    position: int
    number: str
    title: str
    case: str | None
    closed: bool
    decision: str | None
    sections: tuple[SectionDetail, ...]
    actions: int


@dataclass(frozen=True)
class MeetingDetail(_ReadModel):
    """A meeting with its items in document order."""

    id: int
    body: str
    date: dt.date
    start: dt.time | None
    end: dt.time | None
    place: str | None
    participants: tuple[str, ...]
    absent: tuple[str, ...]
    language: str
    source_name: str
    source_format: str
    source_sha256: str
    imported_at: dt.datetime
    updated_at: dt.datetime
    items: tuple[ItemDetail, ...]

    def to_dict(self) -> dict[str, Any]:
        """As `tracker extract` prints them, plain-integer item numbers are numbers."""
        data = super().to_dict()
        for item in data["items"]:
            item["number"] = item_number(item["number"])
        return data


@dataclass(frozen=True)
class ActionRow(_ReadModel):
    """One action with the meeting and item it came from, as lists show it.

    `overdue` is computed for the `today` the query was asked with: open,
    with a due date before it.
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
    source: str | None
    notes: str | None
    held_since: dt.datetime | None
    completed_at: dt.datetime | None

    def to_dict(self) -> dict[str, Any]:
        """As `tracker show` prints them, plain-integer item numbers are numbers."""
        data = super().to_dict()
        data["item_number"] = item_number(data["item_number"])
        return data


def list_meetings(session: Session) -> list[MeetingSummary]:
    """All meetings, newest first, with their item and action counts."""
    items = (
        select(AgendaItem.meeting_id, func.count().label("n"))
        .group_by(col(AgendaItem.meeting_id))
        .subquery()
    )
    actions = (
        select(AgendaItem.meeting_id, func.count().label("n"))
        .join(Action, col(Action.item_id) == col(AgendaItem.id))
        .group_by(col(AgendaItem.meeting_id))
        .subquery()
    )
    rows = session.exec(
        select(Meeting, Body.name, func.coalesce(items.c.n, 0), func.coalesce(actions.c.n, 0))
        .join(Body, col(Body.id) == col(Meeting.body_id))
        .outerjoin(items, items.c.meeting_id == col(Meeting.id))
        .outerjoin(actions, actions.c.meeting_id == col(Meeting.id))
        .order_by(
            col(Meeting.date).desc(), col(Meeting.start).desc().nulls_last(), col(Meeting.id).desc()
        )
    ).all()
    return [_meeting_summary(*row) for row in rows]


def get_meeting(session: Session, meeting_id: int) -> MeetingDetail | None:
    """One meeting with its items, or None if there is no such meeting."""
    found = session.exec(
        select(Meeting, Body.name)
        .join(Body, col(Body.id) == col(Meeting.body_id))
        .where(Meeting.id == meeting_id)
    ).first()
    if found is None:
        return None
    meeting, body = found
    rows = session.exec(
        select(AgendaItem, func.count(col(Action.id)))
        .outerjoin(Action, col(Action.item_id) == col(AgendaItem.id))
        .where(AgendaItem.meeting_id == meeting_id)
        .group_by(col(AgendaItem.id))
        .order_by(col(AgendaItem.position), col(AgendaItem.id))
    ).all()
    assert meeting.id is not None
    return MeetingDetail(
        id=meeting.id,
        body=body,
        date=meeting.date,
        start=meeting.start,
        end=meeting.end,
        place=meeting.place,
        participants=tuple(meeting.participants),
        absent=tuple(meeting.absent),
        language=meeting.language,
        source_name=meeting.source_name,
        source_format=meeting.source_format,
        source_sha256=meeting.source_sha256,
        imported_at=meeting.imported_at,
        updated_at=meeting.updated_at,
        items=tuple(_item_detail(item, actions) for item, actions in rows),
    )


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


def later_meeting_dates(session: Session, *, body_id: int, after: dt.date) -> tuple[dt.date, ...]:
    """Dates of the body's stored meetings after `after`, earliest first: what
    "næste møde" in a decision of that day can mean."""
    return tuple(
        session.exec(
            select(col(Meeting.date))
            .where(Meeting.body_id == body_id, col(Meeting.date) > after)
            .distinct()
            .order_by(col(Meeting.date))
        ).all()
    )


def count_rows(session: Session) -> dict[str, int]:
    """Rows per table, by table name: a cheap fingerprint of the whole store."""
    return {
        table.name: session.exec(select(func.count()).select_from(table)).one()
        for table in SQLModel.metadata.sorted_tables
    }


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
        source=action.source,
        notes=action.notes,
        held_since=action.held_since,
        completed_at=action.completed_at,
    )


def _meeting_summary(meeting: Meeting, body: str, items: int, actions: int) -> MeetingSummary:
    assert meeting.id is not None
    return MeetingSummary(
        id=meeting.id,
        body=body,
        date=meeting.date,
        start=meeting.start,
        place=meeting.place,
        items=items,
        actions=actions,
        source_name=meeting.source_name,
    )


def _item_detail(item: AgendaItem, actions: int) -> ItemDetail:
    assert item.id is not None
    return ItemDetail(
        id=item.id,
        position=item.position,
        number=item.number,
        title=item.title,
        case=item.case_number,
        closed=item.closed,
        decision=item.decision,
        sections=tuple(SectionDetail(**section) for section in item.sections),
        actions=actions,
    )
