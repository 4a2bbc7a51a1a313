"""Due phrases -> dates: every phrase class in Danish and English, working days,
events, cadences, and the phrases that must not give a date."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil.rrule import MO, YEARLY, rrule

from tracker.calendar_days import add_working_days, is_working_day, roll_back, roll_forward
from tracker.dates import find_dates, parse_written_date
from tracker.errors import InputError
from tracker.extract.due import (
    DUE_KINDS,
    Due,
    DueContext,
    best_due,
    find_due_phrases,
    resolve_due,
)
from tracker.extract.events import Event, find_events, normalise_event_noun
from tracker.organisation import Organisation, Policy, load_organisation

MON = date(2022, 8, 15)  # Direktionen, Monday (the seed minutes)
TUE = date(2023, 3, 7)  # Udvalget for Teknik og Miljø, Tuesday
COMMITTEE = "Udvalget for Teknik og Miljø"
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "organisation.toml"


def context(
    meeting: date = TUE,
    body: str = COMMITTEE,
    organisation: Organisation | None = None,
    *,
    events: tuple[Event, ...] = (),
    known: tuple[date, ...] = (),
) -> DueContext:
    return DueContext(meeting, body, organisation or Organisation(), known, events)


def only(text: str, ctx: DueContext) -> Due:
    """The one phrase `text` holds; it must hold exactly one."""
    found = find_due_phrases(text, ctx)
    assert len(found) == 1, found
    assert found[0].kind in DUE_KINDS
    assert text[found[0].start : found[0].end] == found[0].text
    return found[0]


# --- working days ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2023, 3, 7), True),
        (date(2023, 3, 11), False),  # Saturday
        (date(2023, 4, 6), False),  # Skærtorsdag
        (date(2023, 4, 10), False),  # 2. påskedag
        (date(2023, 5, 5), False),  # Store Bededag, still a holiday in 2023
        (date(2024, 4, 26), True),  # ... and abolished from 2024
        (date(2023, 6, 5), False),  # Grundlovsdag: a municipal day off
        (date(2023, 12, 24), False),
        (date(2024, 12, 24), False),  # Juleaften on a Tuesday
        (date(2024, 12, 31), False),  # Nytårsaftensdag on a Tuesday
        (date(2024, 5, 1), True),  # 1 May is a working day
        (date(2024, 1, 1), False),
    ],
)
def test_is_working_day(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_roll_forward_and_back() -> None:
    assert roll_forward(date(2024, 3, 28)) == date(2024, 4, 2)  # over Easter
    assert roll_back(date(2024, 4, 1)) == date(2024, 3, 27)
    assert roll_forward(date(2023, 3, 7)) == roll_back(date(2023, 3, 7)) == date(2023, 3, 7)


@pytest.mark.parametrize(
    ("day", "count", "expected"),
    [
        (date(2024, 3, 25), 5, date(2024, 4, 4)),  # skips Skærtorsdag to 2. påskedag
        (date(2023, 3, 10), 1, date(2023, 3, 13)),  # Friday + 1 = Monday
        (date(2023, 3, 7), 0, date(2023, 3, 7)),
        (date(2024, 4, 2), -1, date(2024, 3, 27)),
        (date(2024, 12, 20), 3, date(2024, 12, 30)),  # 24-26 and the weekend are off
    ],
)
def test_add_working_days(day: date, count: int, expected: date) -> None:
    assert add_working_days(day, count) == expected


# --- explicit dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "meeting", "expected", "phrase", "hard"),
    [
        ("Den 30-08-2022 afholdes", MON, date(2022, 8, 30), "Den 30-08-2022", False),
        ("sendes ud 15/8", MON, date(2022, 8, 15), "15/8", False),  # the meeting day itself
        ("sendes ud 15/8", TUE, date(2023, 8, 15), "15/8", False),
        ("besvares 1/3", TUE, date(2024, 3, 1), "1/3", False),  # already past: next year
        ("afholdes 15/8-2022", TUE, date(2022, 8, 15), "15/8-2022", False),
        ("på mødet 12. september 2022", MON, date(2022, 9, 12), "12. september 2022", False),
        ("drøftes den 15. aug.", TUE, date(2023, 8, 15), "den 15. aug.", False),
        ("mandag d. 15. august 2022", MON, date(2022, 8, 15), "mandag d. 15. august 2022", False),
        ("svar senest den 1. oktober", TUE, date(2023, 10, 1), "senest den 1. oktober", True),
        ("inden 15. december 2023", TUE, date(2023, 12, 15), "inden 15. december 2023", True),
        ("senest 15.8", TUE, date(2023, 8, 15), "senest 15.8", True),
        ("den 15.8.", TUE, date(2023, 8, 15), "den 15.8", False),
        ("Frist: 30.09.2023", TUE, date(2023, 9, 30), "30.09.2023", False),
        ("due 2023-09-30", TUE, date(2023, 9, 30), "2023-09-30", False),
        ("Clerk to report by 21 March 2023.", TUE, date(2023, 3, 21), "by 21 March 2023", True),
        ("no later than 1 May", TUE, date(2023, 5, 1), "no later than 1 May", True),
        ("before 1 May", TUE, date(2023, 5, 1), "before 1 May", True),
        ("by March 21", TUE, date(2023, 3, 21), "by March 21", True),
        ("on the 21st March 2023", TUE, date(2023, 3, 21), "21st March 2023", False),
        ("Tuesday 11 April 2023", TUE, date(2023, 4, 11), "Tuesday 11 April 2023", False),
    ],
)
def test_explicit_dates(text: str, meeting: date, expected: date, phrase: str, hard: bool) -> None:
    due = only(text, context(meeting))
    assert (due.date, due.text, due.kind, due.hard) == (expected, phrase, "explicit", hard)


# --- relative to the meeting ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "meeting", "expected", "hard"),
    [
        ("inden 14 dage", TUE, date(2023, 3, 21), True),
        ("inden for 3 måneder", TUE, date(2023, 6, 7), True),
        ("indenfor 3 mdr.", TUE, date(2023, 6, 7), True),
        ("efter 6 måneder", TUE, date(2023, 9, 7), False),
        ("om et år", TUE, date(2024, 3, 7), False),
        ("om to uger", TUE, date(2023, 3, 21), False),
        ("om fjorten dage", TUE, date(2023, 3, 21), False),
        ("inden for de næste fire uger", TUE, date(2023, 4, 4), True),
        ("om et halvt år", TUE, date(2023, 9, 7), False),
        ("inden 5 arbejdsdage", TUE, date(2023, 3, 14), True),
        ("inden 10 dage", TUE, date(2023, 3, 17), True),
        ("within 14 days", TUE, date(2023, 3, 21), True),
        ("in two weeks", TUE, date(2023, 3, 21), False),
        ("after six months", TUE, date(2023, 9, 7), False),
        ("within a fortnight", TUE, date(2023, 3, 21), True),
        ("within 10 working days", TUE, date(2023, 3, 21), True),
        ("in a month's time", TUE, date(2023, 4, 11), False),  # 7 April is Good Friday
        ("inden 14 dage", MON, date(2022, 8, 29), True),
        ("om 12 dage", MON, date(2022, 8, 29), False),  # a Saturday, rolled to Monday
        ("inden 3 uger", date(2023, 12, 5), date(2023, 12, 27), True),  # off Christmas
    ],
)
def test_relative_to_the_meeting(phrase: str, meeting: date, expected: date, hard: bool) -> None:
    due = only(f"Forvaltningen svarer {phrase}.", context(meeting))
    assert (due.date, due.text, due.kind, due.hard) == (expected, phrase, "relative", hard)


def test_relative_dates_stay_put_when_the_policy_says_so() -> None:
    organisation = Organisation(policy=Policy(roll_to_working_day=False))
    assert only("om 12 dage", context(MON, organisation=organisation)).date == date(2022, 8, 27)


# --- calendar words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "meeting", "expected", "hard"),
    [
        # ISO weeks: the Monday, in the meeting's year unless that week is over
        ("uge 38", TUE, date(2023, 9, 18), False),
        ("i uge 38", TUE, date(2023, 9, 18), False),
        ("week 38", TUE, date(2023, 9, 18), False),
        ("uge 9", TUE, date(2024, 2, 26), False),
        ("uge 10", TUE, date(2023, 3, 7), False),  # this week: not before the meeting
        ("uge 38 2024", TUE, date(2024, 9, 16), False),
        ("uge 14", date(2024, 3, 25), date(2024, 4, 2), False),  # Monday is 2. påskedag
        # months: the last day, no rolling
        ("i juni 2023", TUE, date(2023, 6, 30), False),
        ("i juni", TUE, date(2023, 6, 30), False),
        ("in June", TUE, date(2023, 6, 30), False),
        ("i marts", TUE, date(2023, 3, 31), False),
        ("i februar", TUE, date(2024, 2, 29), False),
        ("senest i marts 2024", TUE, date(2024, 3, 31), True),  # a Sunday
        ("næste måned", TUE, date(2023, 4, 30), False),
        ("inden juni", TUE, date(2023, 5, 31), True),
        # positions
        ("primo oktober", TUE, date(2023, 10, 2), False),  # 1 October 2023 is a Sunday
        ("primo april 2024", TUE, date(2024, 4, 2), False),  # 1 April 2024 is 2. påskedag
        ("medio oktober", TUE, date(2023, 10, 15), False),
        ("ultimo oktober 2023", TUE, date(2023, 10, 31), False),
        ("i starten af maj", TUE, date(2023, 5, 1), False),
        ("i slutningen af juni", TUE, date(2023, 6, 30), False),
        ("early April", TUE, date(2023, 4, 3), False),
        ("mid-March", TUE, date(2023, 3, 15), False),
        ("late 2023", TUE, date(2023, 12, 31), False),
        ("primo 2024", TUE, date(2024, 1, 2), False),
        # ends of periods: exactly the last day
        ("inden udgangen af 2023", TUE, date(2023, 12, 31), True),
        ("inden årets udgang", TUE, date(2023, 12, 31), True),
        ("inden udgangen af året", TUE, date(2023, 12, 31), True),
        ("inden udgangen af måneden", TUE, date(2023, 3, 31), True),
        ("ved årsskiftet", TUE, date(2023, 12, 31), False),
        ("by the end of 2023", TUE, date(2023, 12, 31), True),
        ("by the end of March", TUE, date(2023, 3, 31), True),
        ("by the end of the year", TUE, date(2023, 12, 31), True),
        ("at the end of March", TUE, date(2023, 3, 31), False),
        ("by year end", TUE, date(2023, 12, 31), True),
        ("i løbet af 2024", TUE, date(2024, 12, 31), False),
        ("inden 2025", TUE, date(2024, 12, 30), True),  # last working day before 2025
        # quarters and half years
        ("1. kvartal 2024", TUE, date(2024, 3, 31), False),
        ("Q1 2024", TUE, date(2024, 3, 31), False),
        ("first quarter", TUE, date(2023, 3, 31), False),
        ("i 2. kvartal", TUE, date(2023, 6, 30), False),
        ("fjerde kvartal", TUE, date(2023, 12, 31), False),
        ("the third quarter of 2024", TUE, date(2024, 9, 30), False),
        ("1. halvår 2024", TUE, date(2024, 6, 30), False),
        ("andet halvår", TUE, date(2023, 12, 31), False),
        ("the second half of 2024", TUE, date(2024, 12, 31), False),
        # seasons: the last day
        ("i løbet af efteråret", TUE, date(2023, 11, 30), False),
        ("i foråret", TUE, date(2023, 5, 31), False),
        ("til sommer", TUE, date(2023, 8, 31), False),
        ("i løbet af vinteren", TUE, date(2024, 2, 29), False),
        ("in the autumn", TUE, date(2023, 11, 30), False),
        ("during the spring of 2024", TUE, date(2024, 5, 31), False),
        # holidays
        ("før sommerferien", TUE, date(2023, 6, 30), True),  # Friday of week 26
        ("efter sommerferien", TUE, date(2023, 8, 14), False),  # Monday of week 33
        ("inden jul", TUE, date(2023, 12, 22), True),
        ("before Christmas", TUE, date(2023, 12, 22), True),
        ("inden jul", MON, date(2022, 12, 23), True),
        ("inden påske", TUE, date(2023, 4, 5), True),
        ("efter påske", TUE, date(2023, 4, 11), False),
        ("inden efterårsferien", TUE, date(2023, 10, 13), True),
        # the budget for year Y is negotiated in late summer of Y-1
        ("i forbindelse med budget 2025", TUE, date(2024, 8, 31), False),
        ("budgetforhandlingerne for 2025", TUE, date(2024, 8, 31), False),
        ("i forbindelse med budgetforhandlingerne", TUE, date(2023, 8, 31), False),
        ("ifm. budget 2025-28", TUE, date(2024, 8, 31), False),
    ],
)
def test_calendar_words(phrase: str, meeting: date, expected: date, hard: bool) -> None:
    due = only(f"Sagen forelægges {phrase}, som aftalt.", context(meeting))
    assert (due.date, due.text, due.kind, due.hard) == (expected, phrase, "calendar", hard)


@pytest.mark.parametrize("week", range(1, 53))
def test_a_week_is_its_iso_monday_as_dateutil_counts_it(week: int) -> None:
    mondays = rrule(YEARLY, byweekno=week, byweekday=MO, dtstart=datetime(2024, 12, 1), count=3)
    # week 1 of 2025 starts on 30 December 2024; week 49 of 2024 is not week 49 of 2025
    monday = next(d.date() for d in mondays if (d + timedelta(days=6)).year == 2025)
    due = only(f"uge {week} 2025", context(date(2024, 12, 1)))
    assert due.date == roll_forward(monday)


def test_primo_stays_on_the_first_when_the_policy_says_so() -> None:
    organisation = Organisation(policy=Policy(roll_to_working_day=False))
    assert only("primo oktober", context(organisation=organisation)).date == date(2023, 10, 1)


# --- meetings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "næste møde",
        "på næste møde",
        "til næste møde",
        "det næste møde",
        "et kommende møde",
        "på et kommende udvalgsmøde",
        "the next meeting",
        "to the next meeting",
        "at the next Committee meeting",
        "a future meeting",
    ],
)
def test_next_meeting_without_anything_known_keeps_its_phrase_and_no_date(phrase: str) -> None:
    due = only(f"Sagen genoptages {phrase}.", context())
    assert (due.date, due.text, due.kind) == (None, phrase, "meeting")


@pytest.mark.parametrize("phrase", ["næste møde", "et kommende direktionsmøde", "the next meeting"])
def test_no_body_has_a_cadence_by_default(phrase: str) -> None:
    assert only(phrase, context(MON, "Direktionen")).date is None


def test_next_meeting_follows_the_cadence_in_the_organisation_file(tmp_path: Path) -> None:
    path = tmp_path / "organisation.toml"
    path.write_text(
        f'[[bodies]]\nname = "{COMMITTEE}"\ncadence = "FREQ=MONTHLY;BYDAY=3TH"\nstart = "16:00"\n',
        encoding="utf-8",
    )
    ctx = context(organisation=load_organisation(path))
    assert only("Sagen genoptages på næste møde", ctx).date == date(2023, 3, 16)
    assert only("senest på mødet i juni 2023", ctx).date == date(2023, 6, 15)
    assert only("på mødet i marts", ctx).date == date(2023, 3, 16)


def test_the_sample_organisation_gives_each_body_its_cadence() -> None:
    ctx = context(MON, "Direktionen", load_organisation(SAMPLE))
    assert only("på et kommende direktionsmøde", ctx).date == date(2022, 8, 22)
    assert only("forelægges på næste byrådsmøde", ctx).date == date(2022, 8, 30)  # last Tuesday
    committee = context(TUE, COMMITTEE, load_organisation(SAMPLE))
    assert only("Sagen genoptages på næste møde", committee).date == date(2023, 4, 4)


def test_known_meetings_come_before_the_cadence() -> None:
    ctx = context(known=(date(2023, 2, 28), date(2023, 3, 28), date(2023, 4, 18)))
    assert only("næste møde", ctx).date == date(2023, 3, 28)
    assert only("på mødet i april", ctx).date == date(2023, 4, 18)


def test_a_dated_event_of_the_same_kind_comes_first() -> None:
    events = (Event("budgetseminar", date(2022, 8, 30)), Event("heldagsmøde", date(2022, 9, 12)))
    ctx = context(MON, "Direktionen", load_organisation(SAMPLE), events=events)
    assert only("vil blive forelagt på et kommende heldagsmøde", ctx).date == date(2022, 9, 12)
    assert only("på de kommende heldagsmøder", ctx).date == date(2022, 9, 12)
    assert only("til det kommende budgetseminar", ctx).date == date(2022, 8, 30)
    # a heldagsmøde is not the next ordinary meeting
    assert only("på et kommende direktionsmøde", ctx).date == date(2022, 8, 22)


def test_an_event_named_as_the_next_meeting() -> None:
    parish = context(date(2023, 3, 14), "Little Ashby Parish Council")
    events = (Event("meeting", date(2023, 4, 11)),)
    ctx = context(date(2023, 3, 14), "Little Ashby Parish Council", events=events)
    assert only("report back to the next meeting", ctx).date == date(2023, 4, 11)
    assert only("report back to the next meeting", parish).date is None


def test_a_seminar_without_a_date_is_no_due_date() -> None:
    assert find_due_phrases("til det kommende budgetseminar", context(MON)) == []


@pytest.mark.parametrize(
    ("phrase", "hard"),
    [
        ("senest på mødet i juni 2023", True),
        ("på mødet i juni", False),
        ("at the June meeting", False),
        ("på junimødet", False),
    ],
)
def test_a_meeting_in_a_month_with_nothing_known_is_the_month_end(phrase: str, hard: bool) -> None:
    due = only(f"Teknik og Miljø fremlægger høringssvarene {phrase}.", context())
    assert (due.date, due.text, due.kind, due.hard) == (date(2023, 6, 30), phrase, "meeting", hard)


def test_inden_naeste_moede_is_a_hard_deadline() -> None:
    due = only("inden næste møde", context(known=(date(2023, 4, 4),)))
    assert due.hard and due.date == date(2023, 4, 4)


# --- as soon as possible ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("snarest", date(2022, 8, 22)),
        ("snarest muligt", date(2022, 8, 22)),
        ("hurtigst muligt", date(2022, 8, 22)),
        ("så hurtigt som muligt", date(2022, 8, 22)),
        ("as soon as possible", date(2022, 8, 22)),
        ("ASAP", date(2022, 8, 22)),
        ("promptly", date(2022, 8, 22)),
        ("straks", date(2022, 8, 16)),
        ("omgående", date(2022, 8, 16)),
        ("immediately", date(2022, 8, 16)),
    ],
)
def test_asap_counts_working_days_from_the_meeting(phrase: str, expected: date) -> None:
    due = only(f"Programmet sendes ud {phrase} via sekretariatet.", context(MON, "Direktionen"))
    assert (due.date, due.text, due.kind, due.hard) == (expected, phrase, "asap", False)


def test_asap_skips_easter() -> None:
    ctx = context(date(2024, 3, 25))
    assert only("snarest", ctx).date == date(2024, 4, 4)
    assert only("straks", context(date(2024, 3, 27))).date == date(2024, 4, 2)


def test_asap_follows_the_policy() -> None:
    organisation = Organisation(policy=Policy(asap_working_days=3, immediately_working_days=2))
    assert only("snarest", context(MON, organisation=organisation)).date == date(2022, 8, 18)
    assert only("straks", context(MON, organisation=organisation)).date == date(2022, 8, 17)


@pytest.mark.parametrize(
    ("event_day", "expected"),
    [
        (date(2022, 8, 30), date(2022, 8, 22)),  # far enough: the policy decides
        (date(2022, 8, 19), date(2022, 8, 18)),  # the working day before the event
        (date(2022, 8, 22), date(2022, 8, 19)),  # a Monday event: the Friday before
        (date(2022, 8, 16), MON),  # never before the meeting
        (date(2022, 8, 1), date(2022, 8, 22)),  # past events do not count
    ],
)
def test_asap_is_capped_by_a_dated_event_of_the_item(event_day: date, expected: date) -> None:
    ctx = context(MON, "Direktionen", events=(Event("budgetseminar", event_day),))
    assert only("sendes ud til Byrådet snarest", ctx).date == expected


# --- ongoing and recurring ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "kind"),
    [
        ("borgmesteren orienteres løbende om fremdriften", "løbende", "ongoing"),
        ("opdateres fortløbende", "fortløbende", "ongoing"),
        ("reviewed on an ongoing basis", "on an ongoing basis", "ongoing"),
        ("the work is ongoing", "ongoing", "ongoing"),
        ("evalueres årligt", "årligt", "recurring"),
        ("afrapporteres hvert kvartal", "hvert kvartal", "recurring"),
        ("mødes to gange om året", "to gange om året", "recurring"),
        ("følges op månedligt", "månedligt", "recurring"),
        ("reviewed annually", "annually", "recurring"),
        ("reported every quarter", "every quarter", "recurring"),
        ("meets twice a year", "twice a year", "recurring"),
    ],
)
def test_ongoing_and_recurring_have_no_date(text: str, phrase: str, kind: str) -> None:
    due = only(text, context())
    assert (due.date, due.text, due.kind) == (None, phrase, kind)


# --- what is not a due date ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "tid til de politiske drøftelser kl. 19-22",
        "Kl. 16.00-16.15 Velkomst, formål og program",
        "mødes kl. 10-12 i kantinen",
        "en kommunal medfinansiering på 1,2 mio. kr.",
        "en anlægsbevilling på 42 mio. kr.",
        "en stigning på 25 %",
        "Trafiksikkerhedsplan 2023-2026",
        "udkast til trafiksikkerhedsplan 2023-2026 sendes i offentlig høring i 8 uger",
        "høringsperioden forlænges til 10 uger",
        "Direktionens forslag til budget 2024",
        "budget 2024",
        "22/578",
        "Sagsnr.: 23/00412",
        "Sagsnr.: 82.07.00-G01-4-23",
        "Mødested: Rådhuset, lokale 2.12",
        "se side 3-4",
        "Punkt 6: Program for budgetseminar",
        "23/034 Playground inspection",
        "5 års rul for konkrete sager",
        "I år holdes budgetseminaret en tirsdag",
        "Der har i 2022 været 14 registrerede uheld",
        "siden marts 2022",
        "indtil sommer 2022 været afholdt ugentlige/14 dages møder",
        "det løbende rul af statussager",
        "den løbende dialog",
        "the ongoing work",
        "the monthly report",
        "et årligt tilskud",
        "The Council may 2 seats",
        "an article on the spring litter pick",
        "March 21",
        "I de kommende år",
        "det kommende budgetseminar",
    ],
)
def test_no_due_date(text: str) -> None:
    assert find_due_phrases(text, context(MON, "Direktionen")) == []


# --- finding and choosing -------------------------------------------------------------------------


def test_phrases_come_in_order_without_overlap() -> None:
    text = (
        "Forvaltningen svarer inden 14 dage og fremlægger senest på mødet i juni 2023 og løbende."
    )
    found = find_due_phrases(text, context())
    assert [d.text for d in found] == ["inden 14 dage", "senest på mødet i juni 2023", "løbende"]
    assert all(text[d.start : d.end] == d.text for d in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@pytest.mark.parametrize(
    ("text", "expected", "phrase"),
    [
        ("hurtigst muligt og senest den 1. oktober", date(2023, 10, 1), "senest den 1. oktober"),
        ("på næste møde den 4. april", date(2023, 4, 4), "den 4. april"),
        (
            (
                "Teknik og Miljø udarbejder inden udgangen af 2023 et skitseprojekt, og "
                "borgmesteren orienteres løbende om fremdriften."
            ),
            date(2023, 12, 31),
            "inden udgangen af 2023",
        ),
        (
            "Ordningen evalueres efter 6 måneder, og sagen forelægges igen i uge 38.",
            date(2023, 9, 7),
            "efter 6 måneder",
        ),
        ("orienteres løbende", None, "løbende"),
        # a date before the meeting is history, not a due date
        ("Planen udløb ved udgangen af 2022 og revideres i juni.", date(2023, 6, 30), "i juni"),
    ],
)
def test_best_due(text: str, expected: date | None, phrase: str) -> None:
    due = best_due(text, context())
    assert due is not None
    assert (due.date, due.text) == (expected, phrase)


def test_best_due_without_a_phrase() -> None:
    assert best_due("Godkendt.", context()) is None
    assert best_due("Den nuværende plan udløb ved udgangen af 2022.", context()) is None


# --- typed by a user --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected", "kind"),
    [
        ("2023-09-30", date(2023, 9, 30), "explicit"),
        ("2023-10-05", date(2023, 10, 5), "explicit"),  # ISO, not 10 May
        ("2024-01-02", date(2024, 1, 2), "explicit"),
        ("30/9", date(2023, 9, 30), "explicit"),
        ("30-09-2023", date(2023, 9, 30), "explicit"),
        ("30.9", date(2023, 9, 30), "explicit"),
        ("næste møde", None, "meeting"),  # no meeting known: no date invented
        ("snarest", date(2023, 3, 14), "asap"),
        ("  uge   38 ", date(2023, 9, 18), "calendar"),
        ("juni 2024", date(2024, 6, 30), "calendar"),
        ("primo oktober", date(2023, 10, 2), "calendar"),
        ("inden 14 dage", date(2023, 3, 21), "relative"),
        ("løbende", None, "ongoing"),
    ],
)
def test_resolve_due(typed: str, expected: date | None, kind: str) -> None:
    due = resolve_due(typed, context())
    assert (due.date, due.kind, due.text) == (expected, kind, " ".join(typed.split()))


@pytest.mark.parametrize("typed", ["", "hello", "budget 2024", "30/9 hello", "kl. 16", "2.12.x"])
def test_resolve_due_refuses_what_it_cannot_read(typed: str) -> None:
    with pytest.raises(InputError) as caught:
        resolve_due(typed, context())
    assert caught.value.source == "--due"
    assert "cannot read" in caught.value.reason and "uge 38" in caught.value.reason


# --- the gold files' due dates ----------------------------------------------------------------------


def test_gold_due_dates() -> None:
    checks = [
        ("Forvaltningen svarer skriftligt inden 14 dage.", TUE, date(2023, 3, 21)),
        ("sagen forelægges igen for udvalget i uge 38", TUE, date(2023, 9, 18)),
        ("udarbejder inden udgangen af 2023 et skitseprojekt", TUE, date(2023, 12, 31)),
        ("Ordningen evalueres efter 6 måneder", TUE, date(2023, 9, 7)),
        ("report the potholes to the County Council by 21 March 2023", TUE, date(2023, 3, 21)),
        ("offentliggøres på kommunens hjemmeside inden 15. december 2023", TUE, date(2023, 12, 15)),
    ]
    for text, meeting, expected in checks:
        due = best_due(text, context(meeting))
        assert due is not None and due.date == expected, text
    april = best_due("vender tilbage med resultatet primo april 2024.", context(date(2023, 11, 28)))
    assert april is not None and april.date is not None
    assert date(2024, 4, 1) <= april.date <= date(2024, 4, 10)
    march = best_due("indstilling til Byrådet senest i marts 2024.", context(date(2023, 11, 28)))
    assert march is not None and march.date is not None and march.date.month == 3
    june = best_due("senest på mødet i juni 2023", context())
    assert june is not None and june.date is not None and june.date.month == 6


def test_gold_snarest_before_the_budget_seminar() -> None:
    item = (
        "Den 30-08-2022 afholdes der budgetseminar på rådhuset (i B203) kl. 16-22. "
        "Det blev aftalt, at programmet sendes ud til Byrådet snarest via sekretariatet."
    )
    events = tuple(find_events(item, default_year=2022))
    assert events == (Event("budgetseminar", date(2022, 8, 30)),)
    action = "programmet sendes ud til Byrådet snarest via sekretariatet"
    due = best_due(action, context(MON, "Direktionen", load_organisation(SAMPLE), events=events))
    assert due is not None and due.kind == "asap" and due.date is not None
    assert date(2022, 8, 16) <= due.date <= date(2022, 8, 29)


# --- events -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "events"),
    [
        (
            "Den 30-08-2022 afholdes der budgetseminar på rådhuset",
            [("budgetseminar", "2022-08-30")],
        ),
        (
            "der skal behandles på direktionens heldagsmøde den 12. september 2022.",
            [("heldagsmøde", "2022-09-12")],
        ),
        ("Date of next meeting: Tuesday 11 April 2023", [("meeting", "2023-04-11")]),
        (
            "Date of next meeting\nTuesday 11 April 2023 at 7.30pm in the Village Hall.",
            [("meeting", "2023-04-11")],
        ),
        ("Næste møde\nTirsdag den 4. april 2023 kl. 16.00", [("møde", "2023-04-04")]),
        ("Temadagen afholdes 3. maj 2022.", [("temadag", "2022-05-03")]),
        ("Mødet fredag den 3. marts 2023", [("møde", "2023-03-03")]),
        ("Workshoppen 5/10-2022 i B105", [("workshop", "2022-10-05")]),
        (
            "De kommende heldagsmøder: 12/9-2022 og 10/10-2022.",
            [("heldagsmøde", "2022-09-12"), ("heldagsmøde", "2022-10-10")],
        ),
        ("Den 16. marts 2022 kom en særlov for den gruppe af ukrainere", []),
        ("Planen blev vedtaget på mødet. Den 1. juni 2023 træder den i kraft.", []),
        ("Direktionens porteføljeliste 10. januar 2022", []),
        ("in possession on 3 May 2023", []),
        ("mandag den 15. august 2022", []),
    ],
)
def test_find_events(text: str, events: list[tuple[str, str]]) -> None:
    found = find_events(text, default_year=2022)
    assert [(e.name, e.date.isoformat()) for e in found] == events


@pytest.mark.parametrize(
    ("word", "noun"),
    [
        ("Heldagsmøderne", "heldagsmøde"),
        ("mødet", "møde"),
        ("budgetseminaret", "budgetseminar"),
        ("konferencen", "konference"),
        ("Meetings", "meeting"),
        ("temadagen", "temadag"),
        ("possession", None),
        ("fredag", None),
        ("dage", None),
        ("mødested", None),
    ],
)
def test_normalise_event_noun(word: str, noun: str | None) -> None:
    assert normalise_event_noun(word) == noun


# --- written dates (tracker.dates additions) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15/8", date(2023, 8, 15)),
        ("1/3", date(2024, 3, 1)),
        ("29/2", date(2024, 2, 29)),
        ("7. marts", date(2023, 3, 7)),
        ("15. aug. 2022", date(2022, 8, 15)),  # a written year stays, even in the past
        ("21st March 2023", date(2023, 3, 21)),
        ("32. marts", None),
    ],
)
def test_parse_written_date(raw: str, expected: date | None) -> None:
    assert parse_written_date(raw, on_or_after=TUE) == expected


def test_find_dates_keeps_the_original_text() -> None:
    found = find_dates("Mødet TIRSDAG DEN 7. MARTS 2023 kl. 16", default_year=None)
    assert [(d.text, d.value) for d in found] == [("TIRSDAG DEN 7. MARTS 2023", TUE)]
