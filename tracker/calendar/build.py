"""Actions -> an iCalendar file of reminders, built with `ics`.

Outlook and Google show only VEVENTs from subscribed calendars and may drop
their alarms, so the event on the due date is itself the reminder: an
all-day, transparent (not busy) VEVENT, plus a VALARM at 09:00 the policy's
working days before, for clients that honour it. A report to a meeting whose
start time is known becomes a timed event at that meeting. On-hold actions
have no due date but must not be forgotten: they recur on their review date
(RRULE) and carry the condition they wait for. Rejected actions that were
once agreed are written as STATUS:CANCELLED so clients that imported them
remove them; done actions are simply left out, which removes them from a
subscribed calendar.

UIDs are "action-ID@domain", so an action keeps its UID for life and a
re-export updates it in place; SEQUENCE is its count of recorded changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr
from ics.grammar.parse import ContentLine

from tracker import __version__
from tracker.calendar.components import (
    EndAlarm,
    ReminderAlarm,
    ReminderCalendar,
    ReminderEvent,
    ReminderTodo,
    Stamps,
)
from tracker.calendar.folding import clean_text, fold
from tracker.calendar.timezone import ZONE
from tracker.calendar_days import add_working_days
from tracker.organisation import Organisation, Policy
from tracker.queries.calendar import CalendarAction, FeedScope

DEFAULT_UID_DOMAIN = "decision-tracker.invalid"
"""The part after "@" of every UID unless configured (TRACKER_CALENDAR_DOMAIN)."""

CONFIDENTIAL = "Confidential follow-up"
"""All a calendar shows of an action on a closed agenda item, unless allowed more."""

REMINDER_TIME = dt.time(9, 0)
"""When on the reminder day the alarm goes off."""

PRODID = f"-//Decision follow-up tracker//tracker {__version__}//EN"

_MEETING_LENGTH = dt.timedelta(hours=1)


@dataclass(frozen=True)
class CalendarOptions:
    """How to build a calendar: its name, what to show, when to remind.

    `todo` writes VTODOs instead of VEVENTs; `include_confidential` shows
    actions on closed items in full; `organisation` gives each body's
    cadence and meeting time, for reports due at a meeting not yet stored.
    """

    name: str
    policy: Policy = field(default_factory=Policy)
    organisation: Organisation | None = None
    todo: bool = False
    include_confidential: bool = False
    uid_domain: str = DEFAULT_UID_DOMAIN
    refresh: dt.timedelta = dt.timedelta(hours=1)
    description: str = "Follow-up actions from the minutes, on their due dates."


def calendar_name(scope: FeedScope, label: str | None = None) -> str:
    """The calendar's name: "Follow-ups: ØC", or the subscription's own label."""
    if label:
        return label
    return "Follow-ups" if scope.kind == "all" else f"Follow-ups: {scope.value}"


@dataclass(frozen=True)
class CalendarText:
    """A built calendar: folded iCalendar text with CRLF line ends, how many
    components it holds, and how many actions had no day to be on."""

    text: str
    components: int
    undated: int


def build_calendar(actions: Iterable[CalendarAction], options: CalendarOptions) -> CalendarText:
    """The calendar of `actions`, one VEVENT (or VTODO) each.

    Actions with neither a due date nor an on-hold review date ("løbende",
    ongoing work) have no day to be on and are left out, and counted.
    """
    events: list[ReminderEvent] = []
    todos: list[ReminderTodo] = []
    timed, undated = False, 0
    for position, action in enumerate(actions):
        reminder = _reminder(action, options)
        if reminder is None:
            undated += 1
            continue
        timed = timed or reminder.start is not None
        if options.todo:
            todos.append(_todo(reminder, action, options, position))
        else:
            events.append(_event(reminder, action, options, position))
    calendar = ReminderCalendar(
        creator=PRODID,
        name=clean_text(options.name),
        description=options.description,
        refresh=options.refresh,
        events=events,
        todos=todos,
        timed=timed,
    )
    return CalendarText(fold(calendar.serialize()), len(events) + len(todos), undated)


@dataclass(frozen=True)
class _Reminder:
    """What a component needs, decided once for VEVENT and VTODO alike."""

    day: dt.date
    start: dt.datetime | None  # aware, local; None for all day
    end: dt.datetime | None
    summary: str
    description: str
    rrule: str | None
    trigger: dt.timedelta
    uid: str
    confidential: bool


def _reminder(action: CalendarAction, options: CalendarOptions) -> _Reminder | None:
    day, rrule = _day(action, options.policy)
    if day is None:
        return None
    start, end = _meeting_time(action, options.organisation)
    masked = action.closed and not options.include_confidential
    summary = CONFIDENTIAL if masked else _summary(action)
    return _Reminder(
        day=day,
        start=start,
        end=end,
        summary=summary,
        description=CONFIDENTIAL if masked else _description(action),
        rrule=rrule,
        trigger=alarm_trigger(day, start.time() if start else None, options.policy),
        uid=f"action-{action.id}@{options.uid_domain}",
        confidential=action.closed,
    )


def _day(action: CalendarAction, policy: Policy) -> tuple[dt.date | None, str | None]:
    """The (first) day of the reminder, and the RRULE of an on-hold review."""
    if action.status != "on_hold":
        return action.due, None
    first = action.review
    if first is None:
        since = (action.held_since or action.created_at).astimezone(ZONE).date()
        first = since + relativedelta(months=policy.review_months)
    months = max(policy.review_months, 1)
    return first, f"FREQ=MONTHLY;INTERVAL={months}"


def _meeting_time(
    action: CalendarAction, organisation: Organisation | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Start and end of the meeting a report is due at, if its time is known:
    the stored meeting that day, else the body's cadence and start time."""
    if action.kind != "report_back" or action.due is None or action.status == "on_hold":
        return None, None
    start, end = action.meeting_start, action.meeting_end
    if start is None and organisation is not None:
        info = organisation.body(action.body)
        if (
            info is not None
            and info.cadence
            and info.start
            and _in_cadence(info.cadence, info.start, action.meeting_date, action.due)
        ):
            start = info.start
    if start is None:
        return None, None
    begins = dt.datetime.combine(action.due, start, ZONE)
    ends = dt.datetime.combine(action.due, end, ZONE) if end else None
    if ends is None or ends <= begins:
        ends = begins + _MEETING_LENGTH
    return begins, ends


@lru_cache(maxsize=4096)
def _in_cadence(cadence: str, start: dt.time, first: dt.date, day: dt.date) -> bool:
    """Whether the body meets on `day`, by its RRULE counted from `first`."""
    rule = rrulestr(cadence, dtstart=dt.datetime.combine(first, start))
    found = rule.after(dt.datetime.combine(day, dt.time.min), inc=True)
    return found is not None and found.date() == day


def alarm_trigger(day: dt.date, start: dt.time | None, policy: Policy) -> dt.timedelta:
    """The alarm's offset from the start: 09:00 on the working day that lies
    `reminder_working_days` before `day`; for a timed event never after it
    starts (then an hour before)."""
    remind_on = add_working_days(day, -policy.reminder_working_days)
    begins = dt.datetime.combine(day, start or dt.time.min)
    offset = dt.datetime.combine(remind_on, REMINDER_TIME) - begins
    if start is not None and offset >= dt.timedelta(0):
        return -_MEETING_LENGTH
    return offset


def _summary(action: CalendarAction) -> str:
    title = clean_text(action.title).replace("\n", " ")
    text = f"{action.owner}: {title}" if action.owner else title
    if action.status == "on_hold":
        return f"Review (on hold): {text}"
    return text


def _description(action: CalendarAction) -> str:
    lines = [clean_text(action.title)]
    owners = ", ".join(n for n in (action.owner, *action.co_owners) if n)
    if owners:
        lines.append(f"Owner: {owners}")
    if action.status == "on_hold":
        lines.append(f"On hold, waiting for: {clean_text(action.condition or 'not stated')}")
    elif action.due is not None:
        phrase = f" ({clean_text(action.due_text)})" if action.due_text else ""
        lines.append(f"Due: {action.due.isoformat()}{phrase}")
    if action.cancelled:
        lines.append("Cancelled: this action was dropped.")
    lines.append(f"Meeting: {action.body}, {action.meeting_date.isoformat()}")
    case = f" (case {action.case_number})" if action.case_number else ""
    lines.append(f"Item {action.item_number}: {clean_text(action.item_title)}{case}")
    if action.source:
        lines.append(f"Decision: {clean_text(action.source)}")
    lines.append(f"Tracker action #{action.id}")
    return "\n".join(lines)


def _stamps(action: CalendarAction) -> Stamps:
    """DTSTAMP is the last revision (the calendar has no METHOD), so the same
    data always gives the same bytes and the same ETag."""
    return Stamps(dtstamp=action.updated_at, created=action.created_at, modified=action.updated_at)


def _common_extra(reminder: _Reminder, action: CalendarAction) -> Iterator[ContentLine]:
    """Properties `ics` has no field for, added through `extra` as it intends."""
    yield ContentLine("SEQUENCE", value=str(action.sequence))
    if reminder.rrule:
        yield ContentLine("RRULE", value=reminder.rrule)
    if reminder.confidential:
        yield ContentLine("CLASS", value="CONFIDENTIAL")


def _event(
    reminder: _Reminder, action: CalendarAction, options: CalendarOptions, position: int
) -> ReminderEvent:
    event = ReminderEvent(
        stamps=_stamps(action),
        order=(position,),
        whole_day=reminder.start is None,
        name=reminder.summary,
        uid=reminder.uid,
        description=reminder.description,
        transparent=True,
        status="CANCELLED" if action.cancelled else "CONFIRMED",
        alarms=[ReminderAlarm(trigger=reminder.trigger, display_text=reminder.summary)],
    )
    if reminder.start is not None:
        event.begin, event.end = reminder.start, reminder.end
    else:
        # From a date, never an aware datetime: ics writes the UTC date of
        # the latter, and local midnight in Denmark is the day before in UTC.
        event.begin = reminder.day
        event.end = reminder.day + dt.timedelta(days=1)
    event.extra.extend(_common_extra(reminder, action))
    return event


def _todo(
    reminder: _Reminder, action: CalendarAction, options: CalendarOptions, position: int
) -> ReminderTodo:
    day = reminder.day.strftime("%Y%m%d")
    recurring = reminder.rrule is not None
    alarm_class = ReminderAlarm if recurring else EndAlarm
    todo = ReminderTodo(
        stamps=_stamps(action),
        order=(position,),
        uid=reminder.uid,
        name=reminder.summary,
        description=reminder.description,
        status="CANCELLED" if action.cancelled else "NEEDS-ACTION",
        # A recurring review starts on its day (RRULE needs DTSTART); other
        # to-dos are due on theirs, or at the meeting they report to.
        start_date=day if recurring else None,
        due_date=day if not recurring and reminder.start is None else None,
        due_local=reminder.start if not recurring else None,
        alarms=[alarm_class(trigger=reminder.trigger, display_text=reminder.summary)],
    )
    todo.extra.extend(_common_extra(reminder, action))
    return todo
