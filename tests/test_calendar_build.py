"""Building .ics text: every known trap of ics 0.7.3 checked, and every file
parsed by icalendar and by ical.js.

Pure functions over read models, plus the store where the read models come
from (the `engine` fixture).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from ics import Calendar, Event
from ics.alarm import DisplayAlarm
from sqlalchemy import Engine

from tests.calendar_support import (
    LONG,
    NEXT_MEETING,
    TRICKY,
    Store,
    check_both,
    parse_ical_js,
    parse_icalendar,
    seed,
)
from tracker import queries
from tracker.calendar.build import (
    CONFIDENTIAL,
    CalendarOptions,
    alarm_trigger,
    build_calendar,
)
from tracker.calendar.folding import LIMIT, clean_text, fold
from tracker.calendar.timezone import vtimezone
from tracker.calendar_days import is_working_day
from tracker.db import session_scope
from tracker.organisation import BodyInfo, Organisation, Policy
from tracker.queries.calendar import CalendarAction, FeedScope
from tracker.reviews import review_schedule

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
STAMP = dt.datetime(2022, 8, 15, 12, 30, tzinfo=dt.UTC)
TODAY = dt.date(2022, 9, 1)


def action(**values: object) -> CalendarAction:
    """An open, all-day action due Friday 30 September 2022, changed as asked."""
    base = CalendarAction(
        id=7,
        title="Send programmet ud",
        owner="HRC",
        co_owners=(),
        due=dt.date(2022, 9, 30),
        due_text="30-09-2022",
        kind="task",
        condition=None,
        review=None,
        status="open",
        source="Programmet sendes ud snarest.",
        created_at=STAMP,
        updated_at=STAMP + dt.timedelta(days=1),
        held_since=None,
        sequence=3,
        body="Direktionen",
        meeting_date=dt.date(2022, 8, 15),
        item_number="3",
        item_title="Program",
        case_number="22/1234",
        closed=False,
    )
    return dataclasses.replace(base, **values)  # type: ignore[arg-type]


def build(*actions: CalendarAction, today: dt.date = TODAY, **options: object) -> str:
    options = {"name": "Follow-ups: HRC", **options}
    return build_calendar(actions, CalendarOptions(**options), today=today).text  # type: ignore[arg-type]


def events(text: str) -> list[icalendar.cal.Component]:
    return [c for c in parse_icalendar(text).walk() if c.name in ("VEVENT", "VTODO")]


def blocks(text: str, name: str) -> list[list[str]]:
    """The unfolded content lines of each BEGIN:name ... END:name block."""
    lines = text.replace("\r\n ", "").split("\r\n")
    found, current = [], None
    for line in lines:
        if line == f"BEGIN:{name}":
            current = []
        elif line == f"END:{name}" and current is not None:
            found.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return found


@pytest.fixture
def store(engine: Engine) -> Store:
    return seed(engine)


def exported(engine: Engine, scope: FeedScope | None = None, **options: object) -> str:
    with session_scope(engine) as session:
        rows = queries.calendar_actions(session, scope or FeedScope("all"))
    return build(*rows, **options)


# --- the traps ---------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:Behaviour of str:FutureWarning")  # ics's own serializer
def test_alarm_comes_after_the_events_own_properties() -> None:
    # ics itself writes VALARM first: the trap, shown so the test would notice
    # if ics changed and the subclass became unnecessary.
    plain = Event(name="x", begin=dt.date(2022, 9, 30))
    plain.alarms.append(DisplayAlarm(trigger=dt.timedelta(hours=-1), display_text="x"))
    assert plain.serialize().split("\r\n")[1] == "BEGIN:VALARM"

    for todo in (False, True):
        text = build(action(), todo=todo)
        name = "VTODO" if todo else "VEVENT"
        (block,) = blocks(text, name)
        begin = block.index("BEGIN:VALARM")
        assert block[begin:][-1] == "END:VALARM"  # only the alarm follows
        assert all(not line.startswith("BEGIN:") for line in block[:begin])
        assert len(block[:begin]) >= 8  # the properties, all before it


def test_every_component_has_dtstamp_created_and_last_modified() -> None:
    for todo in (False, True):
        (event,) = events(build(action(), todo=todo))
        assert event.decoded("DTSTAMP") == STAMP + dt.timedelta(days=1)
        assert event.decoded("LAST-MODIFIED") == STAMP + dt.timedelta(days=1)
        assert event.decoded("CREATED") == STAMP


def test_display_alarm_has_a_description_and_a_trigger() -> None:
    (event,) = events(build(action()))
    (alarm,) = event.subcomponents
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(alarm["DESCRIPTION"]) == "HRC: Send programmet ud"
    # Friday 30 September: two working days before is Wednesday, at 09:00.
    assert alarm.decoded("TRIGGER") == -dt.timedelta(days=2) + dt.timedelta(hours=9)


def test_alarm_lead_time_counts_working_days_and_follows_the_policy() -> None:
    monday_after_easter = dt.date(2023, 4, 10)  # 2. påskedag, itself a holiday
    # Two working days before: Maundy Thursday and Good Friday are holidays,
    # so Tuesday 4 April.
    assert alarm_trigger(monday_after_easter, None, Policy()) == -dt.timedelta(days=6, hours=-9)
    assert alarm_trigger(dt.date(2022, 9, 30), None, Policy(reminder_working_days=0)) == (
        dt.timedelta(hours=9)
    )
    # A timed event at 08:30 with no lead time: an hour before, not after it starts.
    assert alarm_trigger(
        dt.date(2022, 9, 30), dt.time(8, 30), Policy(reminder_working_days=0)
    ) == -dt.timedelta(hours=1)
    (event,) = events(build(action(), policy=Policy(reminder_working_days=5)))
    assert event.subcomponents[0].decoded("TRIGGER") == -dt.timedelta(days=7, hours=-9)


def test_lines_are_folded_at_75_octets_on_character_boundaries_with_crlf(tmp_path: Path) -> None:
    text = build(action(title=LONG + " æøå" * 40, source="ø" * 300))
    data = text.encode("utf-8")
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")  # no bare LF
    assert b"\r" not in data.replace(b"\r\n", b"")  # no bare CR
    physical = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) == LIMIT  # folding happened, at the limit
    for line in physical:
        assert len(line) <= LIMIT
        line.decode("utf-8")  # never a split character
    assert any(line.startswith(b" ") for line in physical)
    _, parsed = check_both(tmp_path, text)
    assert parsed["components"][0]["description"].startswith(LONG)


def test_fold_keeps_multibyte_characters_whole() -> None:
    line = "DESCRIPTION:" + "æ" * 100
    folded = fold(line)
    parts = folded.encode().split(b"\r\n")[:-1]
    # 12 + 31 * 2 = 74 (one more æ would make 76), then a space and 37 æ = 75.
    assert [len(p) for p in parts] == [74, 75, 65]
    assert folded.replace("\r\n ", "").removesuffix("\r\n") == line
    emoji = fold("SUMMARY:" + "🙂" * 40)
    assert all(len(p) <= 75 for p in emoji.encode().split(b"\r\n"))


def test_all_day_events_come_from_dates_and_do_not_shift_a_day() -> None:
    # The trap: an aware local datetime at midnight is written as its UTC
    # date, the day before.
    trapped = Event(name="x", begin=dt.datetime(2022, 9, 30, tzinfo=COPENHAGEN))
    trapped.make_all_day()
    assert "DTSTART;VALUE=DATE:20220929" in trapped.serialize()

    (event,) = events(build(action()))
    assert event.decoded("DTSTART") == dt.date(2022, 9, 30)
    assert event.decoded("DTEND") == dt.date(2022, 10, 1)
    assert "DTSTART;VALUE=DATE:20220930\r\n" in build(action())


def test_timed_events_are_local_time_with_a_vtimezone(tmp_path: Path) -> None:
    report = action(kind="report_back", meeting_start=dt.time(10), meeting_end=dt.time(12))
    text = build(report)
    assert "DTSTART;TZID=Europe/Copenhagen:20220930T100000\r\n" in text
    assert "DTEND;TZID=Europe/Copenhagen:20220930T120000\r\n" in text
    assert text.count("BEGIN:VTIMEZONE") == 1
    assert text.index("END:VTIMEZONE") < text.index("BEGIN:VEVENT")
    (event,) = events(text)
    assert event.decoded("DTSTART") == dt.datetime(2022, 9, 30, 10, tzinfo=COPENHAGEN)
    _, parsed = check_both(tmp_path, text)
    assert parsed["timezones"] == ["Europe/Copenhagen"]
    (component,) = parsed["components"]
    assert component["dtstart_tzid"] == "Europe/Copenhagen"
    assert component["dtstart_utc"] == "2022-09-30T08:00:00.000Z"  # CEST, UTC+2
    # Winter time: the VTIMEZONE's other half.
    winter = build(dataclasses.replace(report, due=dt.date(2022, 12, 5)))
    _, parsed = check_both(tmp_path, winter, "winter.ics")
    assert parsed["components"][0]["dtstart_utc"] == "2022-12-05T09:00:00.000Z"  # CET, UTC+1


def test_all_day_calendars_need_no_vtimezone() -> None:
    assert "BEGIN:VTIMEZONE" not in build(action())


def test_an_empty_calendar_is_valid_with_its_vtimezone(tmp_path: Path) -> None:
    """RFC 5545 wants one component at least; a calendar with no actions left
    (everything done, or a new owner's) holds the VTIMEZONE it declares."""
    built = build_calendar([], CalendarOptions(name="Follow-ups: ØC"), today=TODAY)
    assert (built.components, built.undated) == (0, 0)
    calendar_, parsed = check_both(tmp_path, built.text)  # icalendar validates it
    assert [c.name for c in calendar_.subcomponents] == ["VTIMEZONE"]
    assert parsed["timezones"] == ["Europe/Copenhagen"] and parsed["components"] == []


def test_vtimezone_agrees_with_the_zone_database() -> None:
    calendar = icalendar.Calendar()
    calendar.add_component(icalendar.Timezone.from_ical(str(vtimezone())))
    zone = calendar.walk("VTIMEZONE")[0].to_tz()
    moment = dt.datetime(1997, 1, 1, 0, 30)
    while moment.year < 2038:
        expected = moment.replace(tzinfo=COPENHAGEN).utcoffset()
        assert moment.replace(tzinfo=zone).utcoffset() == expected, moment
        moment += dt.timedelta(hours=23)


def test_zone_data_is_a_declared_dependency() -> None:
    """zoneinfo needs the tzdata package where the OS has no zone database
    (Windows, slim containers): declared, not left to a dependency of ics."""
    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    names = {
        re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0] for spec in project["project"]["dependencies"]
    }
    assert "tzdata" in names
    code = (
        "import tracker.calendar.timezone as t; print(t.ZONE.utcoffset(t.dt.datetime(2022, 7, 1)))"
    )
    without_os_zones = {"PYTHONTZPATH": "", "PATH": ""}
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=without_os_zones,
    ).stdout
    assert out.strip() == "2:00:00"


def test_report_due_at_a_cadence_meeting_is_timed_at_its_start() -> None:
    organisation = Organisation(
        bodies=(BodyInfo("Direktionen", cadence="FREQ=WEEKLY;BYDAY=MO", start=dt.time(9, 0)),)
    )
    monday = action(kind="report_back", due=dt.date(2022, 9, 26))
    tuesday = action(id=8, kind="report_back", due=dt.date(2022, 9, 27))
    text = build(monday, tuesday, organisation=organisation)
    assert "DTSTART;TZID=Europe/Copenhagen:20220926T090000" in text
    assert "DTSTART;VALUE=DATE:20220927" in text


def held(since: dt.date, **values: object) -> CalendarAction:
    """An on-hold action (review date from the meeting of 15 August 2022),
    put on hold at 10:00 on `since`."""
    values = {
        "status": "on_hold",
        "due": None,
        "review": dt.date(2022, 11, 15),
        "condition": "hvis KL beder om det",
        "held_since": dt.datetime.combine(since, dt.time(10), COPENHAGEN),
        **values,
    }
    return action(**values)


def review_days(text: str) -> list[tuple[str, dt.date]]:
    """(UID, DTSTART) of each event."""
    return [(str(e["UID"]), e.decoded("DTSTART")) for e in events(text)]


def test_on_hold_reviews_are_events_on_working_days_with_the_month_end_kept(
    tmp_path: Path,
) -> None:
    # On hold from Tuesday 31 January 2023: every three months, on the 31st
    # or the last day of shorter months, never on a weekend (30 April 2023
    # is a Sunday). A monthly RRULE would skip the months without a 31st.
    text = build(held(dt.date(2023, 1, 31)), today=dt.date(2023, 2, 1))
    assert review_days(text) == [
        ("action-7-review-1@decision-tracker.invalid", dt.date(2023, 5, 1)),
        ("action-7-review-2@decision-tracker.invalid", dt.date(2023, 7, 31)),
        ("action-7-review-3@decision-tracker.invalid", dt.date(2023, 10, 31)),
        ("action-7-review-4@decision-tracker.invalid", dt.date(2024, 1, 31)),
    ]
    assert "RRULE" not in text
    for event in events(text):
        assert str(event["SUMMARY"]).startswith("Review (on hold): ")
        assert "waiting for: hvis KL beder om det" in str(event["DESCRIPTION"])
    _, parsed = check_both(tmp_path, text)
    assert [c["dtstart"] for c in parsed["components"]] == [
        "2023-05-01",
        "2023-07-31",
        "2023-10-31",
        "2024-01-31",
    ]
    assert all(c["rrule"] is None and c["dtstart_is_date"] for c in parsed["components"])
    # Half a year on: the last review before today stays, the past before it
    # goes, and the numbers (so the UIDs) of the others are kept.
    later = review_days(build(held(dt.date(2023, 1, 31)), today=dt.date(2023, 8, 1)))
    assert [uid.split("@")[0] for uid, _ in later] == [f"action-7-review-{n}" for n in range(2, 7)]


def test_reviews_start_from_the_hold_not_from_the_meeting() -> None:
    # The minutes' review date (15 November 2022, three months after the
    # meeting) lies years before the hold: the series counts from the hold.
    late = held(dt.date(2026, 12, 7))
    days = [day for _, day in review_days(build(late, today=dt.date(2027, 1, 10)))]
    assert days == [
        dt.date(2027, 3, 8),  # 7 March is a Sunday
        dt.date(2027, 6, 7),
        dt.date(2027, 9, 7),
        dt.date(2027, 12, 7),
    ]
    # A review date after the hold began is kept as the first review.
    early = held(dt.date(2022, 9, 1))
    days = [day for _, day in review_days(build(early, today=dt.date(2022, 9, 1)))]
    assert days[:2] == [dt.date(2022, 11, 15), dt.date(2023, 2, 15)]
    # Held before the start was recorded: counted from when it was made.
    unrecorded = held(STAMP.date(), held_since=None, review=None)
    assert review_days(build(unrecorded, today=TODAY))[0][1] == dt.date(2022, 11, 15)


def test_review_schedule_follows_the_policy() -> None:
    policy = Policy(review_months=2, roll_to_working_day=False)
    schedule = review_schedule(held(dt.date(2023, 1, 31), review=None), policy)
    assert [schedule.review(n) for n in (1, 2, 3)] == [
        dt.date(2023, 3, 31),
        dt.date(2023, 5, 31),
        dt.date(2023, 7, 31),
    ]
    assert schedule.next_review(dt.date(2023, 4, 1)) == dt.date(2023, 5, 31)
    assert schedule.next_review(dt.date(2023, 5, 31)) == dt.date(2023, 5, 31)  # today counts
    rolled = review_schedule(held(dt.date(2023, 1, 31), review=None), Policy())
    days = [rolled.review(n) for n in range(1, 200)]  # fifty years of reviews
    assert all(is_working_day(day) for day in days)
    assert days == sorted(set(days))
    later = dt.date(2060, 1, 1)  # found without counting every review from 2023
    assert rolled.next_review(later) == min(day for day in days if day >= later)


def test_cancelled_actions_are_written_as_cancelled() -> None:
    (event,) = events(build(action(status="rejected")))
    assert str(event["STATUS"]) == "CANCELLED"
    (todo,) = events(build(action(status="rejected"), todo=True))
    assert str(todo["STATUS"]) == "CANCELLED"
    (event,) = events(build(action()))
    assert str(event["STATUS"]) == "CONFIRMED"


def test_closed_items_are_confidential_unless_included() -> None:
    secret = action(closed=True, title="Afskedigelse af NN", source="NN afskediges.")
    text = build(secret)
    assert "NN" not in text and "Personale" not in text
    (event,) = events(text)
    assert str(event["SUMMARY"]) == CONFIDENTIAL
    assert str(event["DESCRIPTION"]) == CONFIDENTIAL
    assert str(event.subcomponents[0]["DESCRIPTION"]) == CONFIDENTIAL
    assert str(event["CLASS"]) == "CONFIDENTIAL"
    (event,) = events(build(secret, include_confidential=True))
    assert str(event["SUMMARY"]) == "HRC: Afskedigelse af NN"
    assert str(event["CLASS"]) == "CONFIDENTIAL"


def test_calendar_names_and_refresh_hints(tmp_path: Path) -> None:
    text = build(action())
    calendar = parse_icalendar(text)
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"]) == "Follow-ups: HRC"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in text
    assert "X-PUBLISHED-TTL:PT1H\r\n" in text
    assert "METHOD" not in text  # DTSTAMP means "last revised" only without METHOD
    _, parsed = check_both(tmp_path, text)
    assert parsed["name"] == parsed["x_wr_calname"] == "Follow-ups: HRC"
    assert (parsed["refresh_interval"], parsed["x_published_ttl"]) == ("PT1H", "PT1H")
    # Calendar properties come before the first component.
    head = text.split("BEGIN:VEVENT")[0]
    for name in ("VERSION", "PRODID", "NAME", "X-WR-CALNAME", "REFRESH-INTERVAL"):
        assert f"\r\n{name}" in head


def test_awkward_titles_survive_a_round_trip(tmp_path: Path) -> None:
    text = build(action(title=TRICKY, owner="Ærø; ØC, HR"))
    calendar_, parsed = check_both(tmp_path, text)
    (event,) = [c for c in calendar_.walk() if c.name == "VEVENT"]
    flat = TRICKY.replace("\n", " ")
    assert str(event["SUMMARY"]) == f"Ærø; ØC, HR: {flat}"
    assert str(event["DESCRIPTION"]).startswith(TRICKY + "\n")
    (component,) = parsed["components"]
    assert component["summary"] == f"Ærø; ØC, HR: {flat}"
    assert component["description"].startswith(TRICKY + "\n")
    assert component["alarms"][0]["description"] == f"Ærø; ØC, HR: {flat}"


def test_control_characters_are_cleaned() -> None:
    assert clean_text("a\r\nb\rc\x0cd\x00e ") == "a\nb\nc d e"
    text = build(action(title="Side\x0cskift\r\nny linje"))
    assert "\\r" not in text and "\x0c" not in text


def test_todo_output(tmp_path: Path) -> None:
    on_hold = held(dt.date(2022, 9, 1), id=8)
    report = action(id=9, kind="report_back", meeting_start=dt.time(10))
    text = build(action(), on_hold, report, todo=True, today=dt.date(2022, 12, 1))
    assert "BEGIN:VEVENT" not in text
    todos = events(text)
    assert [t.name for t in todos] == ["VTODO"] * 3
    assert todos[0].decoded("DUE") == dt.date(2022, 9, 30)
    assert "TRIGGER;RELATED=END:" in text  # a VTODO without DTSTART counts from DUE
    # An on-hold action is one task, due on its next review.
    assert str(todos[1]["UID"]) == "action-8@decision-tracker.invalid"
    assert todos[1].decoded("DUE") == dt.date(2023, 2, 15)
    assert not {"RRULE", "DTSTART"} & set(todos[1])
    assert todos[2].decoded("DUE") == dt.datetime(2022, 9, 30, 10, tzinfo=COPENHAGEN)
    _, parsed = check_both(tmp_path, text)
    assert [c["type"] for c in parsed["components"]] == ["vtodo"] * 3
    assert parsed["components"][0]["alarms"][0]["related"] == "END"
    assert parsed["components"][2]["due_utc"] == "2022-09-30T08:00:00.000Z"


def test_undated_actions_are_left_out_and_counted() -> None:
    built = build_calendar(
        [action(), action(id=8, due=None)], CalendarOptions(name="x"), today=TODAY
    )
    assert (built.components, built.undated) == (1, 1)


def test_output_is_the_same_for_the_same_data() -> None:
    rows = [action(id=i, due=dt.date(2022, 9, 1 + i % 20)) for i in range(1, 40)]
    assert build(*rows) == build(*rows)  # byte for byte: the ETag depends on it
    uids = re.findall(r"UID:action-(\d+)@", build(*rows))
    assert uids == [str(i) for i in range(1, 40)]  # the query's order, not a set's


# --- from the store --------------------------------------------------------------


def test_store_export_parses_with_both_parsers(
    engine: Engine, store: Store, tmp_path: Path
) -> None:
    text = exported(engine)
    calendar_, parsed = check_both(tmp_path, text)
    uids = {str(c["UID"]) for c in calendar_.walk("VEVENT")}
    expected = {store.open_id, store.tricky_id, store.long_id, store.report_id, store.closed_id}
    assert uids == {f"action-{i}@decision-tracker.invalid" for i in expected} | {
        # Put on hold now, so its first review is months after TODAY.
        f"action-{store.held_id}-review-1@decision-tracker.invalid"
    }
    assert {c["uid"] for c in parsed["components"]} == uids
    # The report to the stored meeting of 12 September is at its start.
    (report,) = [
        c for c in parsed["components"] if c["uid"].startswith(f"action-{store.report_id}@")
    ]
    assert report["dtstart"] == f"{NEXT_MEETING.isoformat()}T10:00:00"


def test_store_scopes(engine: Engine, store: Store) -> None:
    def ids(scope: FeedScope) -> set[int]:
        with session_scope(engine) as session:
            return {a.id for a in queries.calendar_actions(session, scope)}

    # Co-owners count; "ØC" is not "ØDC" nor a substring match.
    assert ids(FeedScope("owner", "øc")) == {store.open_id, store.report_id}
    assert ids(FeedScope("owner", "ØDC")) == {store.long_id}
    assert ids(FeedScope("owner", "C")) == set()
    assert ids(FeedScope("body", "direktionen")) == ids(FeedScope("all"))
    assert ids(FeedScope("body", "Byrådet")) == set()
    assert store.proposed_id not in ids(FeedScope("all"))


def test_vtimezone_is_parsed_by_ical_js(tmp_path: Path) -> None:
    path = tmp_path / "tz.ics"
    text = build(action(kind="report_back", meeting_start=dt.time(10)))
    path.write_bytes(text.encode())
    (parsed,) = parse_ical_js(path)
    assert parsed["timezones"] == ["Europe/Copenhagen"]


def test_plain_ics_calendar_writes_the_traps_this_module_avoids() -> None:
    """What ics 0.7.3 does on its own, for the record (see the module docs)."""
    event = Event(name="x", begin=dt.datetime(2022, 9, 30, 10, tzinfo=COPENHAGEN), uid="u")
    calendar = Calendar(events=[event])
    text = calendar.serialize()
    assert "DTSTAMP" not in text  # no DTSTAMP without `created`
    assert "DTSTART:20220930T080000Z" in text  # UTC, not local time
    assert "VTIMEZONE" not in text
    assert not text.endswith("\r\n")  # last line unterminated


def test_calendar_modules_do_not_import_the_ui() -> None:
    code = (
        "import sys, tracker.calendar.build, tracker.calendar.feeds, tracker.calendar.server,"
        " tracker.calendar.subscriptions;"
        "print(sorted(m for m in ('textual', 'typer', 'rich') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
