"""Written dates and times in Danish and English minutes.

Finds absolute dates ("15-08-2022", "Tirsdag den 7. marts 2023", "15. aug.
2022", "14 March 2023", "2023-03-07") and clock times ("kl. 11:30",
"19:00:00", "7.30pm") in running text. Regexes only locate the candidates;
python-dateutil, with a Danish/English `parserinfo`, turns them into dates,
so every accepted form is one dateutil already understands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from dateutil import parser as dateutil_parser


class DanishEnglishParserInfo(dateutil_parser.parserinfo):
    """Month and weekday names in both languages; day before month."""

    MONTHS = [
        ("jan", "januar", "january"),
        ("feb", "februar", "february"),
        ("mar", "marts", "march"),
        ("apr", "april"),
        ("maj", "may"),
        ("jun", "juni", "june"),
        ("jul", "juli", "july"),
        ("aug", "august"),
        ("sep", "sept", "september"),
        ("okt", "oktober", "oct", "october"),
        ("nov", "november"),
        ("dec", "december"),
    ]
    WEEKDAYS = [
        ("man", "mandag", "mon", "monday"),
        ("tir", "tirsdag", "tue", "tues", "tuesday"),
        ("ons", "onsdag", "wed", "wednesday"),
        ("tor", "torsdag", "thu", "thur", "thurs", "thursday"),
        ("fre", "fredag", "fri", "friday"),
        ("lør", "lørdag", "sat", "saturday"),
        ("søn", "søndag", "sun", "sunday"),
    ]
    JUMP = [" ", ".", ",", ";", "-", "/", "'", "den", "d", "the", "of", "on", "at"]

    def __init__(self) -> None:
        super().__init__(dayfirst=True, yearfirst=False)


PARSER_INFO = DanishEnglishParserInfo()

_MONTH_NAMES = sorted(
    {name for names in DanishEnglishParserInfo.MONTHS for name in names}, key=len, reverse=True
)
_WEEKDAY_NAMES = sorted(
    {name for names in DanishEnglishParserInfo.WEEKDAYS for name in names}, key=len, reverse=True
)
_MONTH = "(?:" + "|".join(_MONTH_NAMES) + r")\.?"
_WEEKDAY = "(?:" + "|".join(_WEEKDAY_NAMES) + r")\.?"

# Order matters: the longer, more specific forms are tried first at each position.
_DATE_RE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<num>\d{1,2}[-./]\d{1,2}(?:[-./]\d{4}|[-./]\d{2}(?![\d.]))?)"
    r"|(?P<text>(?:" + _WEEKDAY + r",?\s+)?(?:(?:den|d\.)\s*)?\d{1,2}(?:\.|st|nd|rd|th)?\s+"
    + _MONTH
    + r"(?:,?\s+\d{4})?)"
    r"|(?P<us>" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
    r")(?![\w/])",
    re.IGNORECASE,
)

_TIME_RE = re.compile(
    r"(?<![\d.:/-])(?:"
    r"(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)(?::[0-5]\d)?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"|(?P<h2>1[0-2]|0?[1-9])\s*(?P<ampm2>[ap]\.?m\.?)"
    r"|(?<=kl\. )(?P<h3>[01]?\d|2[0-3])|(?<=kl )(?P<h4>[01]?\d|2[0-3])"
    r")(?!\.?\d|[/-]\d|\w)",
    re.IGNORECASE,
)

@dataclass(frozen=True)
class FoundDate:
    """A date found in text, with where it stood."""

    value: date
    start: int
    end: int
    text: str


def find_dates(text: str, *, default_year: int | None = None) -> list[FoundDate]:
    """All absolute dates in `text`, in order.

    A date written without a year ("15/8", "12. september") needs
    `default_year`; without one it is skipped rather than guessed.
    """
    found: list[FoundDate] = []
    for match in _DATE_RE.finditer(text):
        raw = match.group(0)
        value = _parse(raw, default_year)
        if value is not None:
            found.append(FoundDate(value, match.start(), match.end(), raw))
    return found


def first_date(text: str, *, default_year: int | None = None) -> date | None:
    """The first absolute date in `text`, if any."""
    dates = find_dates(text, default_year=default_year)
    return dates[0].value if dates else None


def _parse(raw: str, default_year: int | None) -> date | None:
    numeric = re.fullmatch(r"(\d{1,2})[-./](\d{1,2})(?:[-./](\d{2,4}))?", raw)
    if numeric:
        day, month = int(numeric.group(1)), int(numeric.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return None
        year_text = numeric.group(3)
        if year_text is None and default_year is None:
            return None
        year = default_year if year_text is None else int(year_text)
        if year < 100:
            year += 2000
        try:
            return date(year, month, day)
        except ValueError:
            return None
    if not re.search(r"\d{4}", raw) and default_year is None:
        return None
    default = datetime(default_year or 2000, 1, 1)
    cleaned = re.sub(r"\b(?:den|d\.)\s*", " ", raw, flags=re.IGNORECASE)
    try:
        parsed = dateutil_parser.parse(cleaned, parserinfo=PARSER_INFO, default=default)
    except (ValueError, OverflowError):
        return None
    if not 1900 <= parsed.year <= 2200:
        return None
    return parsed.date()


def find_times(text: str) -> list[time]:
    """Every clock time in `text`, in order ("Kl. 16:00 - 18:30" gives both).

    "16.00" and "16:00" are times; "15.08.2022" (a date) and "2.12" as a
    room number are not, because a time needs a colon, two-digit minutes
    after a dot, am/pm, or a preceding "kl.".
    """
    times: list[time] = []
    for match in _TIME_RE.finditer(text):
        if match.group("h") is not None:
            hour, minute, ampm = int(match.group("h")), int(match.group("m")), match.group("ampm")
        elif match.group("h2") is not None:
            hour, minute, ampm = int(match.group("h2")), 0, match.group("ampm2")
        else:
            hour, minute, ampm = int(match.group("h3") or match.group("h4")), 0, None
        if ampm:
            if hour > 12:
                continue
            hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
        times.append(time(hour, minute))
    return times


def find_time(text: str) -> time | None:
    """The first clock time in `text` ("kl. 11:30", "19:00:00", "7.30pm", "kl. 16")."""
    times = find_times(text)
    return times[0] if times else None
