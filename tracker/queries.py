"""Read-only questions about the store, answered with frozen read models.

Every function takes the session as its first parameter and builds its SQL
here, so screens and commands never write `select(...)`. Results are plain
frozen dataclasses, safe to hand to a widget or a thread after the session has
closed (a live row would try to lazy-load and fail), and `to_dict()` gives the
JSON every listing command prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, SQLModel, col, select

from tracker.minutes.jsonable import item_number
from tracker.models import Action, AgendaItem, Body, Meeting


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


def count_rows(session: Session) -> dict[str, int]:
    """Rows per table, by table name: a cheap fingerprint of the whole store."""
    return {
        table.name: session.exec(select(func.count()).select_from(table)).one()
        for table in SQLModel.metadata.sorted_tables
    }


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
