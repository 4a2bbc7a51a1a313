"""Due dates from the phrases minutes use for them, in Danish and English.

A decision rarely writes a plain date. It says "inden 14 dage", "senest på
mødet i juni 2023", "primo april 2024", "på et kommende direktionsmøde",
"snarest" or "by 21 March 2023". This module finds such phrases and turns
each into a date relative to the meeting, keeping the phrase as written
(with its preposition) beside the date, since a reviewer must be able to
check the reading.

The phrase classes, in the order they are tried at each position:

- meeting: "næste møde", "et kommende heldagsmøde", "the next meeting",
  "på mødet i juni" -> a dated event of that kind the item names, else the
  first known meeting, else the body's cadence (an RRULE in the
  organisation file). A month without any of these gives the last day of
  that month; with none of them the phrase is kept without a date (no date
  is invented).
- relative: "inden 14 dage", "efter 6 måneder", "om et år", "within two
  weeks" -> meeting date plus the span, rolled forward to a working day.
- explicit: "30-08-2022", "senest den 1. oktober", "by 21 March 2023"; a
  date without a year is its next occurrence on or after the meeting.
- calendar: weeks ("uge 38": its Monday), months, quarters, half years,
  seasons, holidays and years, with a position ("primo": first working
  day, "medio": the 15th, "ultimo"/"udgangen af": last day, not rolled) or a
  preposition ("i juni": last day; "inden/før/before": the last working
  day before the period; "efter/after": the first working day after it).
  A holiday ("jul", "sommerferien", "påske") is a deadline: anything but
  "efter/after" means the last working day before it begins. Budget
  phrases ("i forbindelse med budget 2025", "budgetforhandlingerne for
  2025") give 31 August of the year before: a Danish municipality
  negotiates the budget for year Y in late summer of Y-1 and adopts it in
  the autumn.
- asap: "snarest", "hurtigst muligt", "as soon as possible" -> the policy's
  working days after the meeting ("straks", "immediately": fewer), but
  never later than the working day before the first dated event the item
  names (a seminar the item prepares).
- ongoing ("løbende", "ongoing") and recurring ("årligt", "hvert kvartal",
  "annually") carry no date.

All phrases are found by one compiled regex in one pass over the
lower-cased text (about 4-5 MB/s on minutes); a few readers then check what
the regex cannot (the preposition suits the class, "løbende" is not an
adjective) and compute the date.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TypeAlias

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from dateutil.rrule import rrulestr

from tracker.calendar_days import add_working_days, roll_back, roll_forward
from tracker.dates import (
    DATE_PATTERN,
    DanishEnglishParserInfo,
    lowered,
    parse_written_date,
    word_alternation,
)
from tracker.errors import InputError
from tracker.extract.events import Event, normalise_event_noun
from tracker.organisation import Organisation

# The values of `Due.kind`.
DUE_KINDS = ("explicit", "relative", "calendar", "meeting", "asap", "ongoing", "recurring")


@dataclass(frozen=True)
class DueContext:
    """What a due phrase is relative to: the meeting, its body and what the item names.

    `known_meetings` are dates of the body's meetings known from elsewhere
    (imported minutes, a calendar); `events` are the dated events the agenda
    item names (see `tracker.extract.events`).
    """

    meeting_date: date
    body: str
    organisation: Organisation
    known_meetings: tuple[date, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class Due:
    """A due phrase as written (`text`, at `start`:`end`) and the date it means.

    `date` is None for ongoing and recurring work; `hard` marks a deadline
    word (senest, inden, by, no later than, ...).
    """

    date: date | None
    text: str
    kind: str
    hard: bool
    start: int
    end: int


# --- vocabulary ----------------------------------------------------------------

_words = word_alternation  # a short name: every word list below becomes a pattern


_HARD_INCLUSIVE = (
    "senest", "senest i", "senest ved", "senest med", "senest til", "senest på", "senest den",
    "inden for", "indenfor", "by", "no later than", "not later than", "within", "on or before",
)  # fmt: skip
_HARD_EXCLUSIVE = ("inden", "før", "forud for", "before", "prior to")
_AFTER = ("efter", "after")
_DURING = ("i løbet af", "during", "in the course of")
_SOFT = ("i", "hen over", "henover", "over", "til", "ved", "in")
# English prepositions that are also Danish words ("at", "to") count only before "the".
_THE_PREPS = ("at", "to", "for")

_RELATIVE_PREPS = ("senest om", "inden for", "indenfor", "inden", "efter", "om", "within", "in",
                   "after")  # fmt: skip
_EXPLICIT_PREPS = (*_HARD_INCLUSIVE, *_HARD_EXCLUSIVE, *_AFTER, "til", "indtil", "frem til",
                   "pr.", "per", "fra", "until", "till", "on", "from")  # fmt: skip
_MEETING_PREPS = ("senest på", "senest til", "senest ved", "inden", "før", "forud for", "til",
                  "på", "ved", "by", "before", "until", "no later than", *_THE_PREPS)  # fmt: skip
_CALENDAR_PREPS = (*_HARD_INCLUSIVE, *_HARD_EXCLUSIVE, *_AFTER, *_DURING, *_SOFT, *_THE_PREPS)
_BUDGET_PREPS = ("i forbindelse med", "ifm.", "ved", "inden", "før", "forud for", "senest ved",
                 "under", "frem mod", "in connection with")  # fmt: skip

_MONTHS = {
    name: number
    for number, names in enumerate(DanishEnglishParserInfo.MONTHS, start=1)
    for name in names
    # Full names only: "sept" and "okt" abbreviate longer names; "januar" and "maj" do not.
    if not (len(name) <= 4 and any(o != name and o.startswith(name) for o in names))
}
_MONTH = _words(*_MONTHS)
_YEAR = r"(?:19|20)\d{2}(?!-?\d)"
_YEAR_SUFFIX = r"(?:\s*[,/-]\s*|\s+(?:of\s+|i\s+)?)"

_NUMBERS = {
    "en": 1, "et": 1, "én": 1, "ét": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6,
    "syv": 7, "otte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13,
    "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19,
    "tyve": 20, "tredive": 30, "fyrre": 40,
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
}  # fmt: skip
_HALF = ("et halvt", "half a")
_UNITS = {
    "dag": "days", "dage": "days", "day": "days", "days": "days",
    "hverdag": "working", "hverdage": "working", "arbejdsdag": "working",
    "arbejdsdage": "working", "working day": "working", "working days": "working",
    "business day": "working", "business days": "working", "work days": "working",
    "uge": "weeks", "uger": "weeks", "week": "weeks", "weeks": "weeks",
    "fortnight": "fortnights", "fortnights": "fortnights",
    "måned": "months", "måneder": "months", "mdr.": "months", "mdr": "months",
    "md.": "months", "month": "months", "months": "months",
    "år": "years", "year": "years", "years": "years",
}  # fmt: skip

_ORDINALS = {
    "1.": 1, "første": 1, "first": 1, "1st": 1, "q1": 1,
    "2.": 2, "anden": 2, "andet": 2, "second": 2, "2nd": 2, "q2": 2,
    "3.": 3, "tredje": 3, "third": 3, "3rd": 3, "q3": 3,
    "4.": 4, "fjerde": 4, "fourth": 4, "4th": 4, "q4": 4,
}  # fmt: skip
_QUARTER_ORDINALS = tuple(o for o in _ORDINALS if not o.startswith("q") and o[0] not in "1234")
_HALF_ORDINALS = ("første", "anden", "andet", "first", "second")
_SEASONS = {
    "forår": 3, "foråret": 3, "spring": 3,
    "sommer": 6, "sommeren": 6, "summer": 6,
    "efterår": 9, "efteråret": 9, "autumn": 9, "fall": 9,
    "vinter": 12, "vinteren": 12, "winter": 12,
}  # fmt: skip
_HOLIDAYS = {
    "jul": "christmas", "julen": "christmas", "christmas": "christmas",
    "påske": "easter", "påsken": "easter", "easter": "easter",
    "sommerferie": "summer", "sommerferien": "summer", "summer holiday": "summer",
    "summer holidays": "summer", "summer break": "summer", "summer recess": "summer",
    "vinterferie": "winter", "vinterferien": "winter",
    "efterårsferie": "autumn", "efterårsferien": "autumn",
}  # fmt: skip
# ISO weeks of the Danish school holidays (most municipalities).
_HOLIDAY_WEEKS = {"summer": (27, 32), "winter": (7, 7), "autumn": (42, 42)}

_POSITION_START = ("primo", "starten af", "begyndelsen af", "først i", "early",
                   "the beginning of", "beginning of", "the start of", "start of")  # fmt: skip
_POSITION_MIDDLE = ("medio", "midten af", "the middle of", "middle of")
_POSITION_END = ("ultimo", "udgangen af", "slutningen af", "sidst i", "late",
                 "the end of", "end of")  # fmt: skip

_ASAP_NOW = ("straks", "omgående", "med det samme", "immediately", "forthwith", "without delay")
_ASAP = (
    "snarest", "snarest muligt", "snarligst", "hurtigst muligt", "så hurtigt som muligt",
    "så snart som muligt", "as soon as possible", "as soon as practicable",
    "at the earliest opportunity", "asap", "a.s.a.p.", "promptly", "urgently",
)  # fmt: skip
_ONGOING = ("løbende", "fortløbende", "kontinuerligt", "on an ongoing basis", "ongoing",
            "continuously", "continually")  # fmt: skip
_RECURRING = (
    "årligt", "halvårligt", "månedligt", "ugentligt", "kvartalsvis", "månedsvis",
    "hvert år", "hvert andet år", "hvert kvartal", "hvert halve år", "hver måned", "hver uge",
    "annually", "yearly", "biannually", "semi-annually", "quarterly", "monthly", "weekly",
    "every year", "each year", "every quarter", "each quarter", "every month", "each month",
    "every week", "each week", "every six months", "every two years",
)  # fmt: skip
_TIMES_COUNTS = ("en", "én", "to", "tre", "fire", "one", "two", "three", "four")
_TIMES_A = (
    rf"(?:(?:{_words(*_TIMES_COUNTS)}|\d+)\s+(?:gange?|times?)|once|twice)\s+"
    r"(?:om|i|pr\.?|per|a|an|every)\s+(?:året|år|måneden|måned|kvartalet|ugen|year|month|quarter|week)"
)
# Right before "løbende"/"monthly" these make it an adjective ("det løbende rul",
# "the monthly report"), not a time.
_DETERMINERS = ("det", "den", "de", "et", "en", "sin", "sit", "sine", "vores", "deres", "the",
                "a", "an", "its", "our", "their", "this")  # fmt: skip
_DETERMINER_BEFORE_RE = re.compile(rf"(?<!\w){_words(*_DETERMINERS)}\s+$")
_LONGEST_DETERMINER = max(map(len, _DETERMINERS)) + 4  # and the spaces after it

_BUDGET_PROCESS = r"budget(?:forhandling(?:erne|er|en)?|lægning(?:en)?|processen|behandling(?:en)?)"
_BUDGET_YEAR = r"(?:19|20)\d{2}(?:-\d{2}(?:\d{2})?)?(?!\d)"
_BUDGET_LEADS = ("det kommende", "næste års")

_NEXT = ("næste", "kommende", "førstkommende", "senere", "next", "following", "future",
         "forthcoming", "upcoming", "subsequent")  # fmt: skip
_MEETING_DETERMINERS = ("det", "et", "den", "de", "the", "a", "an")
_MEETING_NOUN = (
    r"\w*møde(?:rne|r|t)?|\w*seminar(?:erne|er|et)?|\w*konference(?:rne|r|n)?"
    r"|meetings?|sessions?|seminars?|conferences?"
)
_ORDINARY_NOUNS = ("møde", "meeting", "session")
_WEEKDAY_NAMES = tuple(n for names in DanishEnglishParserInfo.WEEKDAYS for n in names)
_ALL_MONTH_NAMES = tuple(n for names in DanishEnglishParserInfo.MONTHS for n in names)

_THIS_MONTH = ("måneden", "denne måned", "this month", "the month")
_NEXT_MONTH = ("næste måned", "next month")
_THIS_YEAR = ("året", "dette år", "this year", "the year")
_NEXT_YEAR = ("næste år", "next year")
_YEAR_END = ("årets udgang", "årsskiftet", "year end", "year-end", "yearend",
             "the turn of the year")  # fmt: skip

# --- the pattern -------------------------------------------------------------------
# Text is lower-cased before matching (cheaper than IGNORECASE). One optional
# preposition is shared by all classes; `_fits` then checks that it suits the
# class ("i 14 dage" is a duration, "inden 14 dage" a deadline).

_PREPOSITIONS = {*_RELATIVE_PREPS, *_EXPLICIT_PREPS, *_MEETING_PREPS, *_CALENDAR_PREPS,
                 *_BUDGET_PREPS} - set(_THE_PREPS)  # fmt: skip
# Danish "at", "to", "for" ("that", "two", "for") are English prepositions only before "the".
_THE_PREP = rf"{_words(*_THE_PREPS)}(?=\s+the(?!\w))"

_MEETING = (
    rf"(?:{_words(*_MEETING_DETERMINERS)}\s+)?{_words(*_NEXT)}\s+"
    rf"(?P<m_qual>(?:[^\W\d_]+\s+){{0,2}}?)(?P<m_noun>{_MEETING_NOUN})"
    rf"|(?:the\s+)?(?:\w*mødet?|meeting)\s+(?:i|in)\s+(?P<m_month>{_MONTH})"
    rf"(?:\s+(?P<m_year>{_YEAR}))?"
    rf"|(?:the\s+)?(?P<m_month2>{_MONTH})\s+meeting"
    rf"|(?P<m_month3>{_MONTH})mødet?"
)

_RELATIVE = (
    r"(?:(?:de|the)\s+(?:næste|next|kommende|coming)\s+)?"
    rf"(?P<r_num>\d{{1,3}}|{_words(*_HALF, *_NUMBERS)})\s+"
    rf"(?P<r_unit>{_words(*_UNITS)})(?!\w)(?:['’]s?\s+time)?"
    r"(?:\s+(?:(?:efter|fra)\s+(?:mødet|i\s+dag)|(?:after|of|from)\s+(?:the|this)\s+meeting))?"
)

_EXPLICIT = (
    r"(?:(?:den|d\.)\s*)?"
    rf"(?:(?P<e_date>{DATE_PATTERN})"
    rf"|(?P<e_us_month>{_MONTH})\s+(?P<e_us_day>\d{{1,2}})(?:st|nd|rd|th)?(?![\w/.-]))"
)

_CALENDAR = (
    rf"(?:(?P<c_start>{_words(*_POSITION_START)})\s+|(?P<c_middle>{_words(*_POSITION_MIDDLE)}\s+"
    rf"|mid(?:-|\s+))|(?P<c_end>{_words(*_POSITION_END)})\s+)?"
    r"(?:the\s+)?"
    r"(?:"
    r"(?:"
    rf"(?P<c_month>{_MONTH})"
    rf"|(?P<c_quarter>(?:[1-4]\.|{_words(*_QUARTER_ORDINALS)})\s*(?:kvartal|kvt\.|quarter)|q[1-4])"
    rf"|(?P<c_half>(?:[12]\.|{_words(*_HALF_ORDINALS)})\s*(?:halvår|half))"
    rf"|(?P<c_holiday>{_words(*_HOLIDAYS)})"
    rf"|(?P<c_season>{_words(*_SEASONS)})"
    r"|(?:uge|week)(?:\s+(?:nr\.|no\.))?\s*(?P<c_week>\d{1,2})"
    rf")(?:{_YEAR_SUFFIX}(?P<c_year>{_YEAR}))?"
    rf"|(?P<c_year_only>{_YEAR})"
    rf"|(?P<c_this_month>{_words(*_THIS_MONTH)})"
    rf"|(?P<c_next_month>{_words(*_NEXT_MONTH)})"
    rf"|(?P<c_this_year>{_words(*_THIS_YEAR)})"
    rf"|(?P<c_next_year>{_words(*_NEXT_YEAR)})"
    rf"|(?P<c_year_end>{_words(*_YEAR_END)})"
    r")"
)

_BUDGET = (
    rf"{_BUDGET_PROCESS}(?:\s+(?:for|af)\s+(?:budget\s*)?(?P<b_year>{_BUDGET_YEAR}))?"
    rf"|(?:{_words(*_BUDGET_LEADS)}\s+)?(?P<b_plain>budget)\s*(?P<b_year2>{_BUDGET_YEAR})"
)

# Every phrase starts with a digit, "q1"-"q4", a word ending in "møde" ("junimødet
# i"), a word beginning with "budget", or one of these words. Checking this first
# lets the two thirds of words that start nothing fail in one step.
_LEADING_WORDS = {
    phrase.split()[0]
    for phrase in (
        *_PREPOSITIONS, *_MEETING_DETERMINERS, *_NEXT, "meeting", *_ALL_MONTH_NAMES,
        "den", "d.", *_WEEKDAY_NAMES, *_BUDGET_LEADS, *_POSITION_START,
        *_POSITION_MIDDLE, "mid", *_POSITION_END, "the", *_QUARTER_ORDINALS, *_HALF_ORDINALS,
        *_HOLIDAYS, *_SEASONS, "uge", "week", *_THIS_MONTH, *_NEXT_MONTH, *_THIS_YEAR,
        *_NEXT_YEAR, *_YEAR_END, *_ASAP_NOW, *_ASAP, *_ONGOING, *_RECURRING, *_TIMES_COUNTS,
        "once", "twice",
    )
}  # fmt: skip
_GATE = rf"(?=\d|q[1-4]|\w*møde|budget|{_THE_PREP}|{_words(*_LEADING_WORDS)}(?!\w))"

_PHRASE_RE = re.compile(
    rf"(?<!\w){_GATE}(?:(?P<prep>{_words(*_PREPOSITIONS)}|{_THE_PREP})\s+)?"
    r"(?:"
    rf"(?P<meeting>{_MEETING})"
    rf"|(?P<relative>{_RELATIVE})"
    rf"|(?P<explicit>{_EXPLICIT})"
    rf"|(?P<budget>{_BUDGET})"
    rf"|(?P<calendar>{_CALENDAR})"
    rf"|(?P<asap>(?P<a_now>{_words(*_ASAP_NOW)})|{_words(*_ASAP)})"
    rf"|(?P<ongoing>{_words(*_ONGOING)})"
    rf"|(?P<recurring>{_TIMES_A}|{_words(*_RECURRING)})"
    r")(?!\w)"
)  # fmt: skip

_ALLOWED_PREPS: dict[str, frozenset[str]] = {
    "meeting": frozenset(_MEETING_PREPS),
    "relative": frozenset(_RELATIVE_PREPS),
    "explicit": frozenset(_EXPLICIT_PREPS),
    "budget": frozenset(_BUDGET_PREPS),
    "calendar": frozenset(_CALENDAR_PREPS),
    "asap": frozenset(),
    "ongoing": frozenset(),
    "recurring": frozenset(),
}
_HARD_PREPS = frozenset((*_HARD_INCLUSIVE, *_HARD_EXCLUSIVE, "senest om"))
_NUMERIC_NO_YEAR_RE = re.compile(r"\d{1,2}[-.]\d{1,2}")
_ONE_DAY = timedelta(days=1)


# --- public functions ------------------------------------------------------------------


def find_due_phrases(text: str, ctx: DueContext) -> list[Due]:
    """Every due phrase in `text`, in order, without overlaps.

    A match the rules refuse (a month with no preposition, "i 2022") does not
    hide a phrase that starts inside it, so the search goes on from the next
    character.
    """
    lower = lowered(text)
    found: list[Due] = []
    position = 0
    while (match := _PHRASE_RE.search(lower, position)) is not None:
        kind = str(match.lastgroup)
        prep = " ".join((match.group("prep") or "").split())
        reading = _READERS[kind](match, prep, ctx) if _fits(match, kind, prep) else None
        if reading is None:
            position = match.start() + 1
            continue
        found.append(
            Due(
                reading[1],
                text[match.start() : match.end()],
                reading[0],
                prep in _HARD_PREPS,
                match.start(),
                match.end(),
            )
        )
        position = match.end()
    return found


def _fits(match: re.Match[str], kind: str, prep: str) -> bool:
    """Whether the preposition suits the class, and the class its surroundings."""
    if prep and prep not in _ALLOWED_PREPS[kind]:
        return False
    if kind == "relative" and not prep:
        return False  # "14 dage" alone is a duration, not a deadline
    if kind in ("ongoing", "recurring"):
        before = max(0, match.start() - _LONGEST_DETERMINER)
        return _DETERMINER_BEFORE_RE.search(match.string, before, match.start()) is None
    return True


def best_due(text: str, ctx: DueContext) -> Due | None:
    """The phrase that gives an action's due date, if `text` has one.

    A hard deadline wins ("senest", "inden", "by"), then a written date, then
    any other dated phrase, then ongoing/recurring (no date). Dates before the
    meeting are history ("udløb ved udgangen af 2022"), not due dates. On a
    tie the first phrase wins.
    """
    phrases = [
        d for d in find_due_phrases(text, ctx) if d.date is None or d.date >= ctx.meeting_date
    ]
    if not phrases:
        return None
    return min(phrases, key=lambda d: (_rank(d), d.start))


def _rank(due: Due) -> int:
    if due.date is None:
        return 3
    if due.hard:
        return 0
    return 1 if due.kind == "explicit" else 2


# A typed phrase is read as if it stood in a sentence: "juni 2024" as "i juni 2024",
# "30.9" as "den 30.9", which is how running text would give them context.
_TYPED_CONTEXTS = ("", "i ", "den ")


def typed_due(phrase: str, ctx: DueContext) -> Due | None:
    """The due date a phrase that stands alone means, or None if it is not one
    due phrase as a whole: what a user types, or a table's deadline cell.

    "2023-09-30", "30/9", "30-09-2023", "næste møde", "snarest", "uge 38",
    "primo oktober", "juni 2024", "løbende" (date None).
    """
    typed = " ".join(phrase.split())
    for context in _TYPED_CONTEXTS:
        candidate = context + typed
        found = find_due_phrases(candidate, ctx)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(candidate):
            return Due(found[0].date, typed, found[0].kind, found[0].hard, 0, len(typed))
    return None


def resolve_due(phrase: str, ctx: DueContext) -> Due:
    """A due date a user typed (`tracker assign --due PHRASE`): one due phrase
    as a whole (see `typed_due`)."""
    typed = " ".join(phrase.split())
    due = typed_due(typed, ctx)
    if due is not None:
        return due
    raise InputError(
        "--due",
        f"cannot read '{typed}' as a date or a due-date phrase; "
        "try e.g. 30-09-2023, uge 38, næste møde, snarest",
    )


# --- readers: one per phrase class ------------------------------------------------
# Each gets the match (on lower-cased text), its preposition and the context, and
# gives (kind, date) or None when the words do not make a due date after all.

_Reading: TypeAlias = tuple[str, date | None]
# A reader: (match, preposition, context) -> (kind, date), or None to refuse.
_Reader: TypeAlias = Callable[[re.Match[str], str, DueContext], _Reading | None]


def _rolled(day: date, ctx: DueContext) -> date:
    return roll_forward(day) if ctx.organisation.policy.roll_to_working_day else day


def _rolled_back(day: date, ctx: DueContext) -> date:
    return roll_back(day) if ctx.organisation.policy.roll_to_working_day else day


def _read_relative(match: re.Match[str], prep: str, ctx: DueContext) -> _Reading | None:
    number_text = " ".join(match.group("r_num").split())
    unit = _UNITS[" ".join(match.group("r_unit").split())]
    if number_text in _HALF:
        if unit != "years":
            return None
        return ("relative", _rolled(ctx.meeting_date + relativedelta(months=6), ctx))
    count = int(number_text) if number_text.isdigit() else _NUMBERS[number_text]
    if unit == "working":
        return ("relative", add_working_days(ctx.meeting_date, count))
    span = {
        "days": relativedelta(days=count),
        "weeks": relativedelta(weeks=count),
        "fortnights": relativedelta(weeks=2 * count),
        "months": relativedelta(months=count),
        "years": relativedelta(years=count),
    }[unit]
    return ("relative", _rolled(ctx.meeting_date + span, ctx))


def _read_explicit(match: re.Match[str], prep: str, ctx: DueContext) -> _Reading | None:
    raw = match.group("e_date")
    if raw is None:
        if not prep:
            return None  # "March 21" needs a "by"/"on" to be a date rather than a label
        month = _MONTHS[match.group("e_us_month")]
        value = _next_date(ctx.meeting_date, month, int(match.group("e_us_day")))
        return ("explicit", value) if value else None
    if _NUMERIC_NO_YEAR_RE.fullmatch(raw) and match.start("e_date") == match.start():
        # "2.12" and "10-12" alone are a room or a range; only "15/8" or a
        # preceding "den"/"senest" makes a year-less pair of numbers a date.
        return None
    value = parse_written_date(raw, on_or_after=ctx.meeting_date)
    return ("explicit", value) if value else None


def _next_date(after: date, month: int, day: int) -> date | None:
    for year in (after.year, after.year + 1):
        try:
            value = date(year, month, day)
        except ValueError:
            continue
        if value >= after:
            return value
    return None


def _read_asap(match: re.Match[str], prep: str, ctx: DueContext) -> _Reading:
    policy = ctx.organisation.policy
    days = policy.immediately_working_days if match.group("a_now") else policy.asap_working_days
    value = add_working_days(ctx.meeting_date, days)
    later = [e.date for e in ctx.events if e.date > ctx.meeting_date]
    if later:
        value = max(ctx.meeting_date, min(value, roll_back(min(later) - _ONE_DAY)))
    return ("asap", value)


def _read_ongoing(match: re.Match[str], prep: str, ctx: DueContext) -> _Reading:
    return ("ongoing", None)


def _read_recurring(match: re.Match[str], prep: str, ctx: DueContext) -> _Reading:
    return ("recurring", None)


def _read_budget(match: re.Match[str], prep: str, ctx: DueContext) -> _Reading | None:
    if match.group("b_plain") and not prep:
        return None  # "budget 2024" alone names a budget; "ifm. budget 2025" is a time
    year_text = match.group("b_year") or match.group("b_year2")
    if year_text:
        return ("calendar", date(int(year_text[:4]) - 1, 8, 31))
    return ("calendar", _next_date(ctx.meeting_date, 8, 31))


# --- calendar words ---------------------------------------------------------------


@dataclass(frozen=True)
class _Period:
    """A stretch of calendar a phrase names, and whether it is a holiday or week."""

    first: date
    last: date
    holiday: bool = False
    week: bool = False


def _read_calendar(match: re.Match[str], prep: str, ctx: DueContext) -> _Reading | None:
    position = next((p for p in ("c_start", "c_middle", "c_end") if match.group(p)), None)
    if match.group("c_year_end"):
        position = "c_end"  # "inden årets udgang" is the last day, not the day before it
    if not _has_context(match, prep, position):
        return None
    build = _period_builder(match, ctx)
    year_text = match.group("c_year") or match.group("c_year_only")
    if year_text:
        period = build(int(year_text))
        return ("calendar", _date_in(period, prep, position, ctx)) if period else None
    # No year: the first period whose date is not already past.
    for year in range(ctx.meeting_date.year - 1, ctx.meeting_date.year + 2):
        period = build(year)
        if period is None:
            continue
        value = _date_in(period, prep, position, ctx)
        if period.week and period.last >= ctx.meeting_date:
            return ("calendar", max(value, ctx.meeting_date))
        if value >= ctx.meeting_date:
            return ("calendar", value)
    return None


_YEAR_PREPS = frozenset((*_HARD_INCLUSIVE, *_HARD_EXCLUSIVE, *_DURING))


def _has_context(match: re.Match[str], prep: str, position: str | None) -> bool:
    """Whether the words around a period make it a time rather than a name.

    "juni 2023", "sommer 2022" and "i 2022" are references ("siden marts",
    "i 2022 var der 14 uheld"); "i juni", "primo 2024", "senest i 2024",
    "uge 38", "1. kvartal" are times.
    """
    if match.group("c_year_only") or match.group("c_this_year"):
        return position is not None or prep in _YEAR_PREPS
    if match.group("c_month") or match.group("c_season") or match.group("c_this_month"):
        return position is not None or bool(prep)
    if match.group("c_holiday"):
        return bool(prep)
    if match.group("c_half") and match.group("c_half").endswith("half"):
        return match.group("c_year") is not None  # "the first half" of anything else
    return True


def _period_builder(match: re.Match[str], ctx: DueContext) -> Callable[[int], _Period | None]:
    """A function from a year to the period the phrase names in that year."""
    meeting = ctx.meeting_date
    if match.group("c_month"):
        month = _MONTHS[match.group("c_month")]
        return lambda year: _months(year, month, 1)
    if match.group("c_quarter"):
        quarter = _ordinal(match.group("c_quarter"))
        return lambda year: _months(year, 3 * quarter - 2, 3)
    if match.group("c_half"):
        half = _ordinal(match.group("c_half"))
        return lambda year: _months(year, 6 * half - 5, 6)
    if match.group("c_season"):
        start_month = _SEASONS[match.group("c_season")]
        return lambda year: _months(year, start_month, 3)
    if match.group("c_holiday"):
        holiday = _HOLIDAYS[" ".join(match.group("c_holiday").split())]
        return lambda year: _holiday(year, holiday)
    if match.group("c_week"):
        week = int(match.group("c_week"))
        return lambda year: _week(year, week)
    if match.group("c_year_only"):
        return lambda year: _months(year, 1, 12)
    if match.group("c_this_month"):
        return lambda _: _months(meeting.year, meeting.month, 1)
    if match.group("c_next_month"):
        following = meeting + relativedelta(months=1)
        return lambda _: _months(following.year, following.month, 1)
    if match.group("c_this_year"):
        return lambda _: _months(meeting.year, 1, 12)
    if match.group("c_next_year"):
        return lambda _: _months(meeting.year + 1, 1, 12)
    # c_year_end: "årets udgang", "årsskiftet", "year end"
    return lambda _: _Period(date(meeting.year, 12, 31), date(meeting.year, 12, 31))


def _ordinal(text: str) -> int:
    """1-4 from "1. kvartal", "Q3", "andet halvår", "the second half"."""
    first = text.split()[0]
    return _ORDINALS.get(first) or _ORDINALS[first[:2]]


def _months(year: int, first_month: int, count: int) -> _Period:
    first = date(year, first_month, 1)
    return _Period(first, first + relativedelta(months=count, days=-1))


def _week(year: int, week: int) -> _Period | None:
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    return _Period(monday, monday + timedelta(days=6), week=True)


def _holiday(year: int, holiday: str) -> _Period:
    if holiday == "christmas":
        return _Period(date(year, 12, 24), date(year, 12, 26), holiday=True)
    if holiday == "easter":
        sunday = easter(year)
        return _Period(sunday - timedelta(days=3), sunday + _ONE_DAY, holiday=True)
    first_week, last_week = _HOLIDAY_WEEKS[holiday]
    return _Period(
        date.fromisocalendar(year, first_week, 1),
        date.fromisocalendar(year, last_week, 7),
        holiday=True,
    )


def _date_in(period: _Period, prep: str, position: str | None, ctx: DueContext) -> date:
    """The day a period phrase means, from its position word or preposition."""
    if position == "c_start":
        return _rolled(period.first, ctx)
    if position == "c_middle":
        if (period.first.year, period.first.month) == (period.last.year, period.last.month):
            return period.first.replace(day=15)
        return period.first + timedelta(days=(period.last - period.first).days // 2)
    if position == "c_end":
        return period.last
    if prep in _AFTER:
        return _rolled(period.last + _ONE_DAY, ctx)
    if period.holiday or prep in _HARD_EXCLUSIVE:
        return _rolled_back(period.first - _ONE_DAY, ctx)
    if period.week:
        return _rolled(period.first, ctx)
    return period.last


# --- meetings -------------------------------------------------------------------------


def _read_meeting(match: re.Match[str], prep: str, ctx: DueContext) -> _Reading | None:
    noun = match.group("m_noun") or "møde"
    name = normalise_event_noun(noun) or noun
    month_text = match.group("m_month") or match.group("m_month2") or match.group("m_month3")
    month: tuple[int, int] | None = None
    if month_text:
        number = _MONTHS[month_text]
        year_text = match.group("m_year")
        if year_text:
            year = int(year_text)
        else:
            year = ctx.meeting_date.year + (number < ctx.meeting_date.month)
        month = (year, number)
    qualifier = _qualifier(name, match.group("m_qual") or "")
    # An ordinary meeting of no known date keeps its phrase without a date.
    value = _meeting_date(name, qualifier, month, ctx)
    return ("meeting", value) if value or name.endswith(_ORDINARY_NOUNS) else None


def _qualifier(name: str, words_before: str) -> str:
    """What kind of meeting a noun names: "direktion" in "direktionsmøde",
    "council" in "the next Council meeting", "" for a plain "møde"."""
    for base in _ORDINARY_NOUNS:
        if name.endswith(base):
            prefix = name[: -len(base)].rstrip("-")
            if prefix:
                return prefix[:-1] if prefix.endswith("s") and len(prefix) > 3 else prefix
            words = words_before.split()
            return words[-1] if words else ""
    return name


def _meeting_date(
    name: str, qualifier: str, month: tuple[int, int] | None, ctx: DueContext
) -> date | None:
    """A named event first, then known meetings, then the cadence; else None."""
    ordinary = name.endswith(_ORDINARY_NOUNS)
    target = _target_body(qualifier, ctx) if ordinary else ctx.body
    # "heldagsmøde" is a meeting of the body but not its ordinary one: only a
    # dated heldagsmøde answers for it, never the next ordinary meeting event.
    plain = ordinary and (not qualifier or _names_any_body(qualifier, ctx))

    def wanted(day: date) -> bool:
        return day > ctx.meeting_date and (month is None or (day.year, day.month) == month)

    events = [
        e.date
        for e in ctx.events
        if wanted(e.date) and (e.name == name or (plain and _is_ordinary(e.name, target, ctx)))
    ]
    if events:
        return min(events)
    if not ordinary:
        return None  # "det kommende budgetseminar" without a date: no guess
    if target == ctx.body:
        known = [d for d in ctx.known_meetings if wanted(d)]
        if known:
            return min(known)
    info = ctx.organisation.body(target)
    if info is not None and info.cadence is not None:
        return _next_in_cadence(info.cadence, info.start, ctx.meeting_date, month)
    if month is not None:
        return _months(*month, 1).last
    return None  # no date is invented: the phrase stays until the next meeting is known


def _is_ordinary(event_name: str, body: str, ctx: DueContext) -> bool:
    """Whether an event is an ordinary meeting of `body` ("møde", "direktionsmøde")."""
    if not event_name.endswith(_ORDINARY_NOUNS):
        return False
    qualifier = _qualifier(event_name, "")
    return not qualifier or _names_body(qualifier, _body_names(body, ctx))


def _target_body(qualifier: str, ctx: DueContext) -> str:
    """The body whose meeting a qualifier names: the meeting's own body unless
    the organisation file knows another body by that word ("byrådsmøde")."""
    if not qualifier or _names_body(qualifier, _body_names(ctx.body, ctx)):
        return ctx.body
    for body in ctx.organisation.bodies:
        if _names_body(qualifier, (body.name, *body.aliases)):
            return body.name
    return ctx.body


def _names_any_body(qualifier: str, ctx: DueContext) -> bool:
    return _names_body(qualifier, _body_names(ctx.body, ctx)) or any(
        _names_body(qualifier, (b.name, *b.aliases)) for b in ctx.organisation.bodies
    )


def _body_names(body: str, ctx: DueContext) -> tuple[str, ...]:
    info = ctx.organisation.body(body)
    return (body, *info.aliases) if info else (body,)


def _names_body(qualifier: str, names: Iterable[str]) -> bool:
    return any(qualifier in name.lower() for name in names)


@lru_cache(maxsize=1024)
def _next_in_cadence(
    cadence: str, start: time | None, after: date, month: tuple[int, int] | None
) -> date | None:
    """The body's first meeting after `after` (in `month` if given) by its RRULE.

    The meeting itself is the rule's start, so "every other Monday" keeps
    the phase of the meetings actually held.
    """
    rule = rrulestr(cadence, dtstart=datetime.combine(after, start or time()))
    if month is None:
        found = rule.after(datetime.combine(after, time.max))
        return found.date() if found else None
    period = _months(*month, 1)
    begin = max(datetime.combine(period.first, time()), datetime.combine(after + _ONE_DAY, time()))
    hits = rule.between(begin, datetime.combine(period.last, time.max), inc=True)
    return hits[0].date() if hits else period.last


_READERS: dict[str, _Reader] = {
    "meeting": _read_meeting,
    "relative": _read_relative,
    "explicit": _read_explicit,
    "budget": _read_budget,
    "calendar": _read_calendar,
    "asap": _read_asap,
    "ongoing": _read_ongoing,
    "recurring": _read_recurring,
}
