"""Actions -> an iCalendar file of reminders, built with `ics`.

Outlook and Google show only VEVENTs from subscribed calendars and may drop
their alarms, so the event on the due date is itself the reminder: an
all-day, transparent (not busy) VEVENT, plus a VALARM at 09:00 the policy's
working days before, for clients that honour it. A report to a meeting whose
start time is known becomes a timed event at that meeting. On-hold actions
have no due date but must not be forgotten: each review (`tracker.reviews`)
is an event of its own, with the condition the action waits for. Rejected
actions that were once agreed are written as STATUS:CANCELLED so clients
that imported them remove them; done actions are simply left out, which
removes them from a subscribed calendar.

Reviews are explicit events rather than one recurring event because they
fall on working days: no RRULE can say "every three months, moved off
weekends and holidays", and an RRULE with RDATE/EXDATE corrections is what
Outlook and Google handle worst (Outlook ignores RDATE). A calendar holds the
last review before today and those of the coming year (`REVIEWS_AHEAD`),
at least the next, so it never fills up with years of past reviews; a
subscribed calendar moves the window along as it polls. A task list
(VTODO) gets one task per action, due on its next review.

UIDs are "action-ID@domain" ("action-ID-review-N@domain" for an on-hold
action's Nth review), so an action keeps its UID for life and a re-export
updates it in place; SEQUENCE is its count of recorded changes. The text
depends on the data and the day it is built for (which reviews are shown)
only, so the same data gives the same bytes and ETag that day.
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
from tracker.reviews import review_schedule

DEFAULT_UID_DOMAIN = "decision-tracker.invalid"
"""The part after "@" of every UID unless configured (TRACKER_CALENDAR_DOMAIN)."""

CONFIDENTIAL = "Confidential follow-up"
"""All a calendar shows of an action on a closed agenda item, unless allowed more."""

REMINDER_TIME = dt.time(9, 0)
"""When on the reminder day the alarm goes off."""

PRODID = f"-//Decision follow-up tracker//tracker {__version__}//EN"

REVIEWS_AHEAD = relativedelta(years=1)
"""How far ahead of today a calendar shows an on-hold action's reviews."""

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


def build_calendar(
    actions: Iterable[CalendarAction], options: CalendarOptions, *, today: dt.date
) -> CalendarText:
    """The calendar of `actions` on `today`: one VEVENT (or VTODO) each, and
    for an on-hold action one VEVENT per review shown (see the module docs).

    Actions with neither a due date nor an on-hold review date ("løbende",
    ongoing work) have no day to be on and are left out, and counted.
    """
    events: list[ReminderEvent] = []
    todos: list[ReminderTodo] = []
    timed, undated = False, 0
    for position, action in enumerate(actions):
        reminders = _reminders(action, options, today)
        if not reminders:
            undated += 1
        for number, reminder in enumerate(reminders):
            order = (position, number)
            timed = timed or reminder.start is not None
            if options.todo:
                todos.append(_todo(reminder, action, order))
            else:
                events.append(_event(reminder, action, order))
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
    trigger: dt.timedelta
    uid: str
    confidential: bool


def _reminders(action: CalendarAction, options: CalendarOptions, today: dt.date) -> list[_Reminder]:
    """The action's reminders: on its due date, or on its reviews while on
    hold (the next one only in a task list); none without a date."""
    uid = f"action-{action.id}@{options.uid_domain}"
    if action.status != "on_hold":
        return [_reminder(action, options, action.due, uid)] if action.due is not None else []
    schedule = review_schedule(action, options.policy)
    if options.todo:
        return [_reminder(action, options, schedule.next_review(today), uid)]
    return [
        _reminder(action, options, day, f"action-{action.id}-review-{number}@{options.uid_domain}")
        for number, day in schedule.around(today, today + REVIEWS_AHEAD)
    ]


def _reminder(
    action: CalendarAction, options: CalendarOptions, day: dt.date, uid: str
) -> _Reminder:
    start, end = _meeting_time(action, options.organisation)
    masked = action.closed and not options.include_confidential
    summary = CONFIDENTIAL if masked else _summary(action)
    return _Reminder(
        day=day,
        start=start,
        end=end,
        summary=summary,
        description=CONFIDENTIAL if masked else _description(action),
        trigger=alarm_trigger(day, start.time() if start else None, options.policy),
        uid=uid,
        confidential=action.closed,
    )


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
    data gives the same bytes and the same ETag (on the same day)."""
    return Stamps(dtstamp=action.updated_at, created=action.created_at, modified=action.updated_at)


def _common_extra(reminder: _Reminder, action: CalendarAction) -> Iterator[ContentLine]:
    """Properties `ics` has no field for, added through `extra` as it intends."""
    yield ContentLine("SEQUENCE", value=str(action.sequence))
    if reminder.confidential:
        yield ContentLine("CLASS", value="CONFIDENTIAL")


def _event(reminder: _Reminder, action: CalendarAction, order: tuple[int, int]) -> ReminderEvent:
    event = ReminderEvent(
        stamps=_stamps(action),
        order=order,
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


def _todo(reminder: _Reminder, action: CalendarAction, order: tuple[int, int]) -> ReminderTodo:
    """A to-do due on its day, or at the meeting it reports to."""
    todo = ReminderTodo(
        stamps=_stamps(action),
        order=order,
        uid=reminder.uid,
        name=reminder.summary,
        description=reminder.description,
        status="CANCELLED" if action.cancelled else "NEEDS-ACTION",
        due_date=reminder.day.strftime("%Y%m%d") if reminder.start is None else None,
        due_local=reminder.start,
        alarms=[EndAlarm(trigger=reminder.trigger, display_text=reminder.summary)],
    )
    todo.extra.extend(_common_extra(reminder, action))
    return todo
