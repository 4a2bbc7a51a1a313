"""What the review screen and the assign form need: proposals beside their decisions,
the facts a due phrase is read against, and the owners people have used."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from tracker.models import Action, AgendaItem, Body, Meeting
from tracker.queries.meetings import later_meeting_dates
from tracker.queries.readmodel import ReadModel


@dataclass(frozen=True)
class DueFacts(ReadModel):
    """What a typed due phrase of an item's action is read against: the meeting's
    date and body, and the body's later meetings in the store ("næste møde")."""

    meeting_date: dt.date
    body: str
    known_meetings: tuple[dt.date, ...]


@dataclass(frozen=True)
class Proposal(ReadModel):
    """An action as a reviewer weighs it against the sentence it came from."""

    id: int
    title: str
    owner: str | None
    due: dt.date | None
    due_text: str | None
    kind: str
    source: str | None
    confidence: float
    status: str
    version: int
    source_lost_at: dt.datetime | None


@dataclass(frozen=True)
class ReviewItem(ReadModel):
    """An agenda item with proposals to review, its decision and all its actions.

    `proposals` holds every action of the item, whatever its status, so a
    reviewer sees what was already accepted, rejected or added beside what
    is still proposed.
    """

    id: int
    meeting_id: int
    number: str
    title: str
    decision: str | None
    due_facts: DueFacts
    proposals: tuple[Proposal, ...]


@dataclass(frozen=True)
class AssignTarget(ReadModel):
    """An action to assign, with what its due phrase is read against."""

    id: int
    title: str
    owner: str | None
    due: dt.date | None
    due_text: str | None
    status: str
    version: int
    due_facts: DueFacts


def review_items(session: Session, *, meeting_id: int | None) -> list[ReviewItem]:
    """The items that still have proposed actions, of one meeting or of all,
    in meeting and document order; an item leaves the list with its last proposal."""
    pending = select(Action.item_id).where(Action.status == "proposed").distinct()
    query = (
        select(AgendaItem, Meeting, Body.name)
        .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
        .join(Body, col(Body.id) == col(Meeting.body_id))
        .where(col(AgendaItem.id).in_(pending))
        .order_by(col(Meeting.date), col(Meeting.id), col(AgendaItem.position), col(AgendaItem.id))
    )
    if meeting_id is not None:
        query = query.where(AgendaItem.meeting_id == meeting_id)
    rows = session.exec(query).all()
    ids = [item.id for item, _, _ in rows]
    facts: dict[int, DueFacts] = {}
    for _, meeting, body in rows:
        if meeting.id is not None and meeting.id not in facts:
            facts[meeting.id] = _due_facts(session, meeting, body)
    by_item: dict[int, list[Proposal]] = {}
    actions = session.exec(
        select(Action).where(col(Action.item_id).in_(ids)).order_by(col(Action.id))
    ).all()
    for action in actions:
        by_item.setdefault(action.item_id, []).append(_proposal(action))
    return [
        ReviewItem(
            id=item.id,
            meeting_id=item.meeting_id,
            number=item.number,
            title=item.title,
            decision=item.decision,
            due_facts=facts[item.meeting_id],
            proposals=tuple(by_item.get(item.id, ())),
        )
        for item, _, _ in rows
        if item.id is not None
    ]


def assign_target(session: Session, action_id: int) -> AssignTarget | None:
    """The action to assign and its meeting's facts, or None if there is no such action."""
    found = session.exec(
        select(Action, Meeting, Body.name)
        .join(AgendaItem, col(AgendaItem.id) == col(Action.item_id))
        .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
        .join(Body, col(Body.id) == col(Meeting.body_id))
        .where(col(Action.id) == action_id)
    ).first()
    if found is None:
        return None
    action, meeting, body = found
    assert action.id is not None
    return AssignTarget(
        id=action.id,
        title=action.title,
        owner=action.owner,
        due=action.due,
        due_text=action.due_text,
        status=action.status,
        version=action.version,
        due_facts=_due_facts(session, meeting, body),
    )


def known_owners(session: Session) -> list[str]:
    """Every owner stored on an action, alphabetically: names people have used before."""
    owners = session.exec(
        select(Action.owner).where(col(Action.owner).is_not(None)).distinct()
    ).all()
    # The query already leaves out NULL; the check tells the type checker.
    return sorted((owner for owner in owners if owner is not None), key=str.casefold)


def _due_facts(session: Session, meeting: Meeting, body: str) -> DueFacts:
    later = later_meeting_dates(session, body_id=meeting.body_id, after=meeting.date)
    return DueFacts(meeting_date=meeting.date, body=body, known_meetings=later)


def _proposal(action: Action) -> Proposal:
    assert action.id is not None
    return Proposal(
        id=action.id,
        title=action.title,
        owner=action.owner,
        due=action.due,
        due_text=action.due_text,
        kind=action.kind,
        source=action.source,
        confidence=action.confidence,
        status=action.status,
        version=action.version,
        source_lost_at=action.source_lost_at,
    )
