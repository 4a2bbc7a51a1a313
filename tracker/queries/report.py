"""The data of the follow-up report: what a body's next meeting must hear about.

Before every meeting the secretary lists the status of earlier decisions
("Opfølgning på beslutninger"). This module answers that question from the
store as one frozen read model; `tracker.report` turns it into text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.rrule import rrulestr
from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.calendar_days import TIME_ZONE
from tracker.errors import InputError
from tracker.models import Action, ActionEvent, AgendaItem, Body, Meeting
from tracker.organisation import Organisation
from tracker.queries.readmodel import ReadModel
from tracker.reviews import review_schedule

# The report's sections, in the order it shows them.
SECTIONS = ("overdue", "due", "on_hold", "done", "proposed")


@dataclass(frozen=True)
class ReportLine(ReadModel):
    """One action as the report lists it, with where it was decided.

    Dates only: the report is read on paper, a day is precise enough.
    `review` is an on-hold action's next review from today (`tracker.reviews`,
    as its calendar shows it), `last_reviewed` the day of the action's latest
    change (any audit event), `completion_note` the note written when it was
    marked done.
    """

    id: int
    title: str
    owner: str | None
    co_owners: tuple[str, ...]
    status: str
    meeting_date: dt.date
    item_number: str
    item_title: str
    case_number: str | None
    due: dt.date | None
    due_text: str | None
    condition: str | None
    review: dt.date | None
    held_since: dt.date | None
    last_reviewed: dt.date | None
    completed_on: dt.date | None
    completion_note: str | None


@dataclass(frozen=True)
class OwnerSection(ReadModel):
    """One owner's part of the report; `owner` None is the unassigned work."""

    owner: str | None
    overdue: tuple[ReportLine, ...] = ()
    due: tuple[ReportLine, ...] = ()
    on_hold: tuple[ReportLine, ...] = ()
    done: tuple[ReportLine, ...] = ()
    proposed: tuple[ReportLine, ...] = ()


@dataclass(frozen=True)
class FollowUpReport(ReadModel):
    """The follow-up report of `body` for its meeting on `for_date`.

    `overdue` is counted on `today` (open work past its due date now);
    `due` is open work due from today up to and including the meeting;
    `done` is what was completed since `previous_meeting` (every completion
    if the body has no earlier meeting). `counts` has one entry per section.
    """

    body: str
    for_date: dt.date
    today: dt.date
    previous_meeting: dt.date | None
    counts: dict[str, int]
    owners: tuple[OwnerSection, ...]


def report_bodies(session: Session) -> list[str]:
    """Names of the bodies with stored meetings, for choosing whose report."""
    return list(session.exec(select(Body.name).order_by(col(Body.name))).all())


def follow_up_report(
    session: Session,
    *,
    body: str | None,
    for_date: dt.date | None,
    today: dt.date,
    organisation: Organisation,
) -> FollowUpReport:
    """The report for `body`'s meeting on `for_date`, or on its next meeting.

    Without `body` the store must hold a single body. Without `for_date` the
    next meeting is the body's cadence (from the organisation file) after
    today, else its next stored meeting; with neither there is no meeting to
    prepare and the caller must say which day.
    """
    found = _body(session, body, organisation)
    meeting_day = for_date or _next_meeting(session, found, today, organisation)
    previous = session.exec(
        select(func.max(Meeting.date)).where(
            Meeting.body_id == found.id, col(Meeting.date) < meeting_day
        )
    ).one()
    rows = session.exec(
        select(Action, AgendaItem, Meeting.date)  # type: ignore[call-overload]  # SQLModel overloads
        .join(AgendaItem, col(AgendaItem.id) == col(Action.item_id))
        .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
        .where(Meeting.body_id == found.id)
        .where(col(Action.status).in_(("proposed", "open", "on_hold", "done")))
        .order_by(col(Meeting.date), col(AgendaItem.position), col(Action.id))
    ).all()
    ids = [action.id for action, _, _ in rows]
    last_event = dict(
        session.exec(
            select(ActionEvent.action_id, func.max(ActionEvent.at))
            .where(col(ActionEvent.action_id).in_(ids))
            .group_by(col(ActionEvent.action_id))
        ).all()
    )
    notes = _completion_notes(session, [a for a, _, _ in rows if a.status == "done"])
    sections: dict[str | None, dict[str, list[ReportLine]]] = {}
    for action, item, meeting_date in rows:
        section = _section(action, today, meeting_day, previous)
        if section is None:
            continue
        review = (
            review_schedule(action, organisation.policy).next_review(today)
            if action.status == "on_hold"
            else None
        )
        line = _line(
            action, item, meeting_date, review, last_event.get(action.id), notes.get(action.id)
        )
        sections.setdefault(action.owner, {name: [] for name in SECTIONS})[section].append(line)
    owners = tuple(
        OwnerSection(owner, **{name: tuple(lines) for name, lines in parts.items()})
        for owner, parts in sorted(sections.items(), key=lambda kv: _owner_key(kv[0]))
    )
    counts = {name: sum(len(getattr(section, name)) for section in owners) for name in SECTIONS}
    return FollowUpReport(found.name, meeting_day, today, previous, counts, owners)


def _body(session: Session, name: str | None, organisation: Organisation) -> Body:
    """The body `name` (or an alias from the organisation file) names, ignoring case."""
    bodies = list(session.exec(select(Body).order_by(col(Body.name))).all())
    if name is None:
        if len(bodies) == 1:
            return bodies[0]
        known = ", ".join(b.name for b in bodies) or "none yet: import minutes first"
        raise InputError("--body", f"say whose report; the bodies are: {known}")
    info = organisation.body(name)
    wanted = {name.casefold(), *((info.name.casefold(),) if info else ())}
    for body in bodies:
        if body.name.casefold() in wanted:
            return body
    raise InputError("--body", f"no meetings of {name!r} are stored")


def _next_meeting(
    session: Session, body: Body, today: dt.date, organisation: Organisation
) -> dt.date:
    """The body's first meeting from today on: by its cadence, kept in the phase
    of its latest stored meeting, else the next stored meeting."""
    info = organisation.body(body.name)
    latest = session.exec(select(func.max(Meeting.date)).where(Meeting.body_id == body.id)).one()
    if info is not None and info.cadence is not None:
        start = dt.datetime.combine(latest or today, info.start or dt.time())
        found = rrulestr(info.cadence, dtstart=start).after(
            dt.datetime.combine(today, dt.time()), inc=True
        )
        if found is not None:
            return found.date()
    stored = session.exec(
        select(func.min(Meeting.date)).where(Meeting.body_id == body.id, col(Meeting.date) >= today)
    ).one()
    if stored is None:
        raise InputError(
            "--for", f"no next meeting of {body.name} is known; give its date as YYYY-MM-DD"
        )
    return stored


def _section(
    action: Action, today: dt.date, meeting_day: dt.date, previous: dt.date | None
) -> str | None:
    """Which section an action belongs in, or None if the meeting need not hear of it."""
    if action.status == "proposed":
        return "proposed"
    if action.status == "on_hold":
        return "on_hold"
    if action.status == "done":
        done_on = _day(action.completed_at)
        if done_on is None or done_on > meeting_day:
            return None
        return "done" if previous is None or done_on >= previous else None
    if action.due is None:
        return None
    if action.due < today:
        return "overdue"
    return "due" if action.due <= meeting_day else None


def _completion_notes(session: Session, done: list[Action]) -> dict[int, str]:
    """The note written with each completion: a "note" event of the same moment
    (`services.done` records both at once) or later."""
    notes: dict[int, str] = {}
    by_id = {action.id: action for action in done}
    events = session.exec(
        select(ActionEvent)
        .where(col(ActionEvent.action_id).in_(list(by_id)), ActionEvent.field == "note")
        .order_by(col(ActionEvent.at), col(ActionEvent.id))
    ).all()
    for event in events:
        completed = by_id[event.action_id].completed_at
        if completed is not None and event.at >= completed and event.new:
            notes[event.action_id] = event.new
    return notes


def _line(
    action: Action,
    item: AgendaItem,
    meeting_date: dt.date,
    review: dt.date | None,
    last_event: dt.datetime | None,
    note: str | None,
) -> ReportLine:
    assert action.id is not None
    return ReportLine(
        id=action.id,
        title=action.title,
        owner=action.owner,
        co_owners=tuple(action.co_owners),
        status=action.status,
        meeting_date=meeting_date,
        item_number=item.number,
        item_title=item.title,
        case_number=item.case_number,
        due=action.due,
        due_text=action.due_text,
        condition=action.condition,
        review=review,
        held_since=_day(action.held_since),
        last_reviewed=_day(_aware(last_event)),
        completed_on=_day(action.completed_at),
        completion_note=note,
    )


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """An aggregate bypasses the column type, so SQLite's max() comes back naive
    (or as text); it is UTC either way."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.astimezone(TIME_ZONE).date() if value is not None else None


def _owner_key(owner: str | None) -> tuple[bool, str]:
    """Owners alphabetically, the unassigned last."""
    return (owner is None, (owner or "").casefold())
