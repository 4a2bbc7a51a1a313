"""Written dates and times in Danish and English minutes.

Finds absolute dates ("15-08-2022", "Tirsdag den 7. marts 2023", "15. aug.
2022", "14 March 2023", "2023-03-07") and clock times ("kl. 11:30",
"19:00:00", "7.30pm") in running text. Regexes only locate the candidates;
numeric dates and the common "day month-name year" form are read directly
(with the month names of a Danish/English dateutil `parserinfo`), and
python-dateutil reads the rest. Whole documents pass through here, so the
patterns are tries matched against lower-cased text rather than long
alternations under IGNORECASE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from dateutil import parser as dateutil_parser


class DanishEnglishParserInfo(dateutil_parser.parserinfo):
    """Month and weekday names in both languages; day before month."""

    # The stubs allow two or three names a month and two a weekday, but
    # parserinfo._convert takes a tuple of any length.
    MONTHS: list[tuple[str, ...]] = [  # type: ignore[assignment]  # stubs too narrow
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
    WEEKDAYS: list[tuple[str, ...]] = [  # type: ignore[assignment]  # stubs too narrow
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


_Trie = dict[str, "_Trie"]


def word_alternation(*phrases: str) -> str:
    """A regex matching any of the lower-case word sequences, written as a trie.

    "i(?:\\s+løbet\\s+af|n(?:den)?)?" for "i", "i løbet af", "in", "inden": the
    longest phrase wins, and each letter is tried once instead of each
    phrase in turn, which keeps a search over a whole document fast.
    """
    trie: _Trie = {}
    for phrase in phrases:
        node = trie
        for char in " ".join(phrase.lower().split()):
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: _Trie) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in node.items()
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def lowered(text: str) -> str:
    """`text` in lower case with every character where it was, so that offsets
    of matches in the result point into `text`; the few characters that
    lower-case to two ("İ") stay as they are."""
    result = text.lower()
    if len(result) == len(text):
        return result
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_MONTH = word_alternation(*(n for names in DanishEnglishParserInfo.MONTHS for n in names)) + r"\.?"
_WEEKDAY = (
    word_alternation(*(n for names in DanishEnglishParserInfo.WEEKDAYS for n in names)) + r"\.?"
)

# Order matters: the longer, more specific forms are tried first at each position.
# Exported without capturing groups so other finders (tracker.extract.due) can
# embed it in their own patterns; match it against `lowered` text.
DATE_PATTERN = (
    r"(?<![\w/.-])(?:"
    r"\d{4}(?:-\d{1,2}-\d{1,2}|\.\d{1,2}\.\d{1,2}|/\d{1,2}/\d{1,2})(?!\.?\d)"
    r"|\d{1,2}[-./]\d{1,2}(?:[-./]\d{4}|[-./]\d{2}(?![\d.])|/?\s\d{4}(?!\.?\d))?"
    r"|(?:"
    + _WEEKDAY
    + r",?\s+)?(?:(?:den|d\.)\s*)?\d{1,2}(?:\.|st|nd|rd|th)?\s+"
    + _MONTH
    + r"(?:,?\s+\d{4})?"
    r"|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r")(?![\w/])"
)
_DATE_RE = re.compile(DATE_PATTERN)

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
    for match in _DATE_RE.finditer(lowered(text)):
        raw = text[match.start() : match.end()]
        value = _parse(raw, default_year)
        if value is not None:
            found.append(FoundDate(value, match.start(), match.end(), raw))
    return found


def first_date(text: str, *, default_year: int | None = None) -> date | None:
    """The first absolute date in `text`, if any."""
    dates = find_dates(text, default_year=default_year)
    return dates[0].value if dates else None


# A year written out, as minutes name the years they speak of.
YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_TWO_DIGIT_TRIPLE_RE = re.compile(r"(\d{2})([-./])(\d{2})\2(\d{2})")


def year_first_reading(raw: str) -> date | None:
    """ "25.08.27" read year first (27 August 2025), as systems that sort by
    date write it in titles; None for a date not written as three two-digit
    numbers or not valid that way. Day first stays the rule: the caller
    decides when the text says otherwise."""
    triple = _TWO_DIGIT_TRIPLE_RE.fullmatch(raw)
    if not triple:
        return None
    return _checked_date(f"20{triple.group(1)}", int(triple.group(3)), int(triple.group(4)), None)


def read_typed_date(text: str) -> date | None:
    """A date a user typed into a field: ISO ("2024-09-30") or written the way
    minutes and Danish spreadsheets write one ("30-09-2024", "30.09.2024",
    "30/09/2024", "30. september 2024"), the whole field and with its year
    (a field has no "today" to guess the year from); None for anything else."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        pass
    found = find_dates(text.strip())
    if len(found) == 1 and (found[0].start, found[0].end) == (0, len(text.strip())):
        return found[0].value
    return None


def parse_written_date(raw: str, *, on_or_after: date) -> date | None:
    """A date matched by `DATE_PATTERN`; one written without a year ("15/8",
    "den 15. aug.") is its next occurrence on or after `on_or_after`, since
    minutes set deadlines ahead of the meeting, not behind it."""
    value = _parse(raw, on_or_after.year)
    if _year_written(raw) or (value is not None and value >= on_or_after):
        return value
    return _parse(raw, on_or_after.year + 1)  # also "29/2" in a year without one


def _year_written(raw: str) -> bool:
    return bool(_YEAR_WRITTEN_RE.search(raw))


# A four-digit year, or a two-digit one after day and month ("15.08.22").
_YEAR_WRITTEN_RE = re.compile(r"\d{4}|\d{1,2}[-./]\d{1,2}[-./]\d{2}")
# The common written form ("Tirsdag den 7. marts 2023", "15. aug. 2022", "12
# September"), read directly: dateutil takes ~50 µs a date, too slow for long texts.
_DAY_MONTH_RE = re.compile(
    r"(?:" + _WEEKDAY + r",?\s+)?(?:(?:den|d\.)\s*)?(?P<day>\d{1,2})(?:\.|st|nd|rd|th)?\s+"
    r"(?P<month>[^\W\d_]+)\.?(?:,?\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)
_NUMERIC_RE = re.compile(r"(\d{1,2})[-./](\d{1,2})(?:(?:[-./]|/?\s)(\d{2,4}))?")
# A year written first is always year, month, day ("2023-03-07", ISO 8601, and
# "2023.03.07"): nobody writes year, day, month, so day-first never applies.
_YEAR_FIRST_RE = re.compile(r"(\d{4})([-./])(\d{1,2})\2(\d{1,2})")


def _parse(raw: str, default_year: int | None) -> date | None:
    year_first = _YEAR_FIRST_RE.fullmatch(raw)
    if year_first:
        return _checked_date(
            year_first.group(1), int(year_first.group(3)), int(year_first.group(4)), None
        )
    numeric = _NUMERIC_RE.fullmatch(raw)
    if numeric:
        day, month = int(numeric.group(1)), int(numeric.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return None
        year_text = numeric.group(3)
        if year_text is not None:
            year = int(year_text)
        elif default_year is not None:
            year = default_year
        else:
            return None
        if year < 100:
            year += 2000
        return _checked_date(str(year), month, day, None)
    written = _DAY_MONTH_RE.fullmatch(raw)
    written_month = PARSER_INFO.month(written.group("month")) if written else None
    if written and written_month:
        return _checked_date(
            written.group("year"), written_month, int(written.group("day")), default_year
        )
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


def _checked_date(
    year_text: str | None, month: int, day: int, default_year: int | None
) -> date | None:
    year = int(year_text) if year_text else default_year
    if year is None or not 1900 <= year <= 2200:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


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
