"""Subclasses of `ics` 0.7.3's components and serializers that fix its traps.

`ics` builds every component by running its serializer's `serialize_*`
methods in name order (`Serializer.get_serializers` sorts them), on top of
the component's `extra` lines. The subclasses here work inside that
machinery rather than writing iCalendar text by hand:

- VALARM came before the event's own properties (`serialize_alarm` sorts
  before `serialize_all_day`), which RFC 5545's grammar forbids and Outlook
  365 refuses (ics-py #389): `serialize_zz_alarms` sorts last.
- DTSTAMP was written only from `created`, and CREATED never: here both,
  and LAST-MODIFIED, come from `Stamps`.
- Every datetime was written in UTC: timed starts and ends are written in
  Europe/Copenhagen with a TZID (the calendar carries its VTIMEZONE).
- VTODO had no all-day DUE and its alarms were relative to a DTSTART it
  may lack: DUE;VALUE=DATE, and alarms RELATED=END.
- The calendar wrote METHOD after the events and no name, and kept events
  in a set: here calendar properties come first, then the time zone, then
  components in the order given.
- A calendar without events had no component at all, which RFC 5545
  forbids: it gets its VTIMEZONE.

Lines are not folded by `ics`; `tracker.calendar.folding` folds the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ics import Calendar, Event, Todo
from ics.alarm import DisplayAlarm
from ics.grammar.parse import Container, ContentLine
from ics.serializers.alarm_serializer import DisplayAlarmSerializer
from ics.serializers.event_serializer import EventSerializer
from ics.serializers.icalendar_serializer import CalendarSerializer
from ics.serializers.serializer import Serializer
from ics.serializers.todo_serializer import TodoSerializer
from ics.utils import escape_string, timedelta_to_duration

from tracker.calendar.timezone import TZID, ZONE, vtimezone

# ics's serializers are plain functions taking the component first, called
# on the class; these follow suit, hence no `self`.


class _Cached(Serializer):
    """`Serializer.get_serializers` lists and sorts the class's methods on every
    call, once per component: a third of the time of 10,000 events. The
    list is the same for a class every time, so it is made once per class."""

    @classmethod
    def get_serializers(cls) -> Any:
        found = cls.__dict__.get("_ordered")
        if found is None:
            found = super().get_serializers()
            cls._ordered = found
        return found


def _utc(moment: dt.datetime) -> str:
    """An aware datetime as UTC "YYYYMMDDTHHMMSSZ" (what `arrow_to_iso` writes,
    without making an Arrow of it)."""
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(value: Any) -> str:
    """An Arrow or datetime as local Copenhagen time, "YYYYMMDDTHHMMSS"."""
    moment: dt.datetime = value.datetime if hasattr(value, "datetime") else value
    return moment.astimezone(ZONE).strftime("%Y%m%dT%H%M%S")


class _Reminder(_Cached):
    """What events and to-dos serialize alike: DTSTAMP, CREATED and LAST-MODIFIED
    from `stamps`, and the alarms after every property."""

    def serialize_created(component: Any, container: Container) -> None:
        container.append(ContentLine("CREATED", value=_utc(component.stamps.created)))

    def serialize_dtstamp(component: Any, container: Container) -> None:
        container.append(ContentLine("DTSTAMP", value=_utc(component.stamps.dtstamp)))

    def serialize_last_modified(component: Any, container: Container) -> None:
        container.append(ContentLine("LAST-MODIFIED", value=_utc(component.stamps.modified)))

    def serialize_alarm(component: Any, container: Container) -> None:
        """Replaced by `serialize_zz_alarms`, which sorts after every property."""

    def serialize_zz_alarms(component: Any, container: Container) -> None:
        for alarm in component.alarms:
            container.append(alarm.serialize())


# --- VEVENT -----------------------------------------------------------------


class ReminderEventSerializer(_Reminder, EventSerializer):
    """`EventSerializer` with the reminder's stamps and alarms, and local times."""

    def serialize_start(event: Any, container: Container) -> None:
        if event.begin and not event.all_day:
            container.append(ContentLine("DTSTART", {"TZID": [TZID]}, _local(event.begin)))

    def serialize_end(event: Any, container: Container) -> None:
        if event.begin and event._end_time and not event.all_day:
            container.append(ContentLine("DTEND", {"TZID": [TZID]}, _local(event.end)))


@dataclass(frozen=True)
class Stamps:
    """A component's timestamps as aware datetimes: DTSTAMP (when its data
    was last revised: the calendar has no METHOD), CREATED, LAST-MODIFIED."""

    dtstamp: dt.datetime
    created: dt.datetime
    modified: dt.datetime


class ReminderEvent(Event):
    """An `ics.Event` with its timestamps in `stamps` and the serializer above.

    `order` places it in the calendar (see `ReminderCalendar`). `whole_day`
    makes it an all-day event: `ics` decides that from the precision of
    `begin`, which only `make_all_day` sets, by rounding through Arrow at a
    cost of a quarter of a millisecond per event.
    """

    class Meta(Event.Meta):
        serializer = ReminderEventSerializer

    def __init__(
        self, *, stamps: Stamps, order: tuple[Any, ...], whole_day: bool, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.stamps, self.order, self.whole_day = stamps, order, whole_day

    @property
    def all_day(self) -> bool:
        return self.whole_day


# --- VTODO ------------------------------------------------------------------


class ReminderTodoSerializer(_Reminder, TodoSerializer):
    """`TodoSerializer` with the reminder's stamps and alarms, and an all-day
    or local DUE."""

    def serialize_due(todo: Any, container: Container) -> None:
        if todo.due_date is not None:
            container.append(ContentLine("DUE", {"VALUE": ["DATE"]}, todo.due_date))
        elif todo.due_local is not None:
            container.append(ContentLine("DUE", {"TZID": [TZID]}, _local(todo.due_local)))


class ReminderTodo(Todo):
    """An `ics.Todo` due on a date (`due_date`, "YYYYMMDD") or at a local time
    (`due_local`)."""

    class Meta(Todo.Meta):
        serializer = ReminderTodoSerializer

    def __init__(
        self,
        *,
        stamps: Stamps,
        order: tuple[Any, ...],
        due_date: str | None = None,
        due_local: dt.datetime | None = None,
        **kwargs: Any,
    ) -> None:
        # A DTSTAMP for ics's own constructor, which would otherwise ask the clock.
        super().__init__(dtstamp=stamps.dtstamp, **kwargs)
        self.stamps, self.order = stamps, order
        self.due_date, self.due_local = due_date, due_local


# --- VALARM -----------------------------------------------------------------


class ReminderAlarmSerializer(_Cached, DisplayAlarmSerializer):
    """`DisplayAlarmSerializer`, its method list made once."""


class ReminderAlarm(DisplayAlarm):
    """A DISPLAY alarm relative to the start (DTSTART)."""

    class Meta(DisplayAlarm.Meta):
        serializer = ReminderAlarmSerializer


class EndAlarmSerializer(_Cached, DisplayAlarmSerializer):
    """A DISPLAY alarm whose relative trigger counts from the end (a VTODO's DUE)."""

    def serialize_trigger(alarm: Any, container: Container) -> None:
        value = timedelta_to_duration(alarm.trigger)
        container.append(ContentLine("TRIGGER", {"RELATED": ["END"]}, value))


class EndAlarm(DisplayAlarm):
    """`DisplayAlarm` relative to DUE: a VTODO without DTSTART has nothing else."""

    class Meta(DisplayAlarm.Meta):
        serializer = EndAlarmSerializer


# --- VCALENDAR --------------------------------------------------------------


class ReminderCalendarSerializer(_Cached, CalendarSerializer):
    """VERSION, PRODID, then the calendar's own properties, then VTIMEZONE if
    any component is timed or there is none, then the components in their
    `order`."""

    def serialize_2properties(calendar: Any, container: Container) -> None:
        container.extend(calendar.properties)

    def serialize_3timezone(calendar: Any, container: Container) -> None:
        # RFC 5545 wants at least one component, and an empty calendar (a new
        # owner's, or everything done) has none: the VTIMEZONE of the zone it
        # declares (X-WR-TIMEZONE) is the one that claims nothing untrue.
        if calendar.timed or not (calendar.events or calendar.todos):
            container.append(vtimezone())

    def serialize_4components(calendar: Any, container: Container) -> None:
        for component in sorted([*calendar.events, *calendar.todos], key=lambda c: c.order):
            container.append(component.serialize())

    # Replaced by the numbered methods above, which sort in the right place.
    def serialize_calscale(calendar: Any, container: Container) -> None:
        pass

    def serialize_method(calendar: Any, container: Container) -> None:
        pass

    def serialize_event(calendar: Any, container: Container) -> None:
        pass

    def serialize_todo(calendar: Any, container: Container) -> None:
        pass


class ReminderCalendar(Calendar):
    """An `ics.Calendar` with a name, refresh hints and ordered components.

    `timed` says whether any component has a local time, which makes the
    VTIMEZONE necessary.
    """

    class Meta(Calendar.Meta):
        serializer = ReminderCalendarSerializer

    def __init__(
        self,
        *,
        creator: str,
        name: str,
        description: str,
        refresh: dt.timedelta,
        events: Iterable[ReminderEvent] = (),
        todos: Iterable[ReminderTodo] = (),
        timed: bool = False,
    ) -> None:
        super().__init__(events=events, todos=todos, creator=creator)
        self.timed = timed
        interval = timedelta_to_duration(refresh)
        self.properties = [
            ContentLine("CALSCALE", value="GREGORIAN"),
            # RFC 7986 names, then the older X- names Outlook, Google and Apple read.
            ContentLine("NAME", value=escape_string(name)),
            ContentLine("X-WR-CALNAME", value=escape_string(name)),
            ContentLine("DESCRIPTION", value=escape_string(description)),
            ContentLine("X-WR-CALDESC", value=escape_string(description)),
            ContentLine("X-WR-TIMEZONE", value=TZID),
            ContentLine("REFRESH-INTERVAL", {"VALUE": ["DURATION"]}, interval),
            ContentLine("X-PUBLISHED-TTL", value=interval),
        ]
