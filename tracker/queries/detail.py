"""One action with everything about it, and its history of changes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from tracker.models import Action, ActionEvent, AgendaItem
from tracker.organisation import Policy
from tracker.queries.actions import ActionRow, get_action
from tracker.queries.meetings import SectionDetail
from tracker.queries.readmodel import ReadModel
from tracker.reviews import review_schedule


@dataclass(frozen=True)
class EventRow(ReadModel):
    """One recorded change: `field` changed from `old` to `new` (see `ActionEvent`)."""

    id: int
    action_id: int
    at: dt.datetime
    user: str
    field: str
    old: str | None
    new: str | None
    version: int | None


@dataclass(frozen=True)
class ActionDetail(ActionRow):
    """An action as the detail screen shows it: its row, its item's case number,
    full decision and sections, its history, oldest change first, and, while
    it is on hold, its next review (`tracker.reviews`, as the calendar and
    the report show it)."""

    next_review: dt.date | None
    item_id: int
    item_case: str | None
    item_closed: bool
    decision: str | None
    sections: tuple[SectionDetail, ...]
    events: tuple[EventRow, ...]


def action_detail(
    session: Session, action_id: int, *, today: dt.date, policy: Policy
) -> ActionDetail | None:
    """Everything about one action, or None if there is no such action;
    `policy` is the organisation's, which sets the reviews."""
    row = get_action(session, action_id, today=today)
    if row is None:
        return None
    action, item = session.exec(
        select(Action, AgendaItem)
        .join(AgendaItem, col(Action.item_id) == col(AgendaItem.id))
        .where(col(Action.id) == action_id)
    ).one()
    assert item.id is not None
    on_hold = action.status == "on_hold"
    return ActionDetail(
        **vars(row),
        next_review=review_schedule(action, policy).next_review(today) if on_hold else None,
        item_id=item.id,
        item_case=item.case_number,
        item_closed=item.closed,
        decision=item.decision,
        sections=tuple(SectionDetail(**section) for section in item.sections),
        events=tuple(action_history(session, action_id)),
    )


def action_history(session: Session, action_id: int) -> list[EventRow]:
    """The recorded changes of one action, oldest first (in the order made)."""
    events = session.exec(
        select(ActionEvent)
        .where(ActionEvent.action_id == action_id)
        .order_by(col(ActionEvent.at), col(ActionEvent.id))
    ).all()
    return [_event_row(event) for event in events]


def _event_row(event: ActionEvent) -> EventRow:
    assert event.id is not None
    return EventRow(
        id=event.id,
        action_id=event.action_id,
        at=event.at,
        user=event.user,
        field=event.field,
        old=event.old,
        new=event.new,
        version=event.version,
    )
