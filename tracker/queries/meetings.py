"""Meetings and their items, as the CLI and the meetings screen show them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, case, func
from sqlmodel import Session, SQLModel, col, select

from tracker.minutes.jsonable import item_number
from tracker.models import Action, AgendaItem, Body, Meeting
from tracker.queries.actions import ActionRow, _action_row, _actions, _overdue
from tracker.queries.readmodel import ReadModel


@dataclass(frozen=True)
class MeetingSummary(ReadModel):
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
class MeetingOverview(ReadModel):
    """A meeting as the meetings screen lists it: what is left to do there.

    `proposed` actions await review, `open` ones are accepted work, of which
    `overdue` are past their due date on the `today` the query was asked with.
    """

    id: int
    body: str
    date: dt.date
    start: dt.time | None
    items: int
    proposed: int
    open: int
    overdue: int


@dataclass(frozen=True)
class SectionDetail(ReadModel):
    """A named part of an agenda item's text."""

    kind: str
    heading: str
    text: str


@dataclass(frozen=True)
class ItemDetail(ReadModel):
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
class MeetingDetail(ReadModel):
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


# Meetings newest first; of one day's meetings the latest start first, unknown starts last.
_NEWEST_FIRST = (
    col(Meeting.date).desc(),
    col(Meeting.start).desc().nulls_last(),
    col(Meeting.id).desc(),
)


def _items_per_meeting() -> Any:
    """A subquery: each meeting's id and its number of agenda items (`n`)."""
    return (
        select(AgendaItem.meeting_id, func.count().label("n"))
        .group_by(col(AgendaItem.meeting_id))
        .subquery()
    )


def list_meetings(session: Session) -> list[MeetingSummary]:
    """All meetings, newest first, with their item and action counts."""
    items = _items_per_meeting()
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
        .order_by(*_NEWEST_FIRST)
    ).all()
    return [_meeting_summary(*row) for row in rows]


def list_meeting_overviews(session: Session, *, today: dt.date) -> list[MeetingOverview]:
    """All meetings, newest first, with their items and the actions still to
    review or do, counted in SQL so a long history lists as fast as a short one."""
    items = _items_per_meeting()

    def tally(condition: Any) -> Any:
        return func.sum(case((condition, 1), else_=0), type_=Integer)

    actions = (
        select(
            AgendaItem.meeting_id,
            tally(col(Action.status) == "proposed").label("proposed"),
            tally(col(Action.status) == "open").label("open"),
            tally(_overdue(today)).label("overdue"),
        )
        .join(Action, col(Action.item_id) == col(AgendaItem.id))
        .group_by(col(AgendaItem.meeting_id))
        .subquery()
    )
    rows = session.exec(
        select(  # type: ignore[call-overload]  # SQLModel types up to 4 columns
            Meeting.id,
            Body.name,
            Meeting.date,
            Meeting.start,
            func.coalesce(items.c.n, 0),
            func.coalesce(actions.c.proposed, 0),
            func.coalesce(actions.c.open, 0),
            func.coalesce(actions.c.overdue, 0),
        )
        .join(Body, col(Body.id) == col(Meeting.body_id))
        .outerjoin(items, items.c.meeting_id == col(Meeting.id))
        .outerjoin(actions, actions.c.meeting_id == col(Meeting.id))
        .order_by(*_NEWEST_FIRST)
    ).all()
    return [MeetingOverview(*row) for row in rows]


def item_actions(session: Session, *, item_id: int, today: dt.date) -> list[ActionRow]:
    """The actions of one agenda item, in the order they were added (the
    extractor adds them in the order the decision names them)."""
    rows = session.exec(
        _actions(today).where(col(Action.item_id) == item_id).order_by(col(Action.id))
    ).all()
    return [_action_row(*row) for row in rows]


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


def waiting_for_a_meeting(
    session: Session, *, body_id: int, before: dt.date
) -> list[tuple[Action, dt.date]]:
    """Actions of the body's earlier meetings that are still to do and have a
    due phrase but no date ("til næste møde" when no later meeting was known),
    each with the date of its own meeting."""
    rows = session.exec(
        select(Action, col(Meeting.date))
        .join(AgendaItem, col(AgendaItem.id) == Action.item_id)
        .join(Meeting, col(Meeting.id) == AgendaItem.meeting_id)
        .where(
            Meeting.body_id == body_id,
            col(Meeting.date) < before,
            col(Action.due).is_(None),
            col(Action.due_text).is_not(None),
            col(Action.status).in_(("proposed", "open")),
        )
    ).all()
    return [(action, held) for action, held in rows]


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
