"""The meeting's own facts from the lines before the first agenda item.

Minutes state them as labelled fields ("Mødedato: ...", "STED\\tByrådssalen",
"Present: ..."), in a title line ("REFERAT Direktionen d. 15-08-2022"), or
in an English opening sentence ("Minutes of the meeting ... held on Tuesday
14 March 2023 at 7.30pm in the Village Hall").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, time

from tracker.dates import YEAR_RE, find_dates, find_times, year_first_reading
from tracker.minutes.bodies import find_body, meeting_name, meeting_noun_body
from tracker.minutes.headings import toc_start
from tracker.minutes.sections import parse_section_heading

# Field -> labels. A label is followed by a colon, a tab or spaces, then the value.
_LABELS: dict[str, tuple[str, ...]] = {
    "date": ("mødedato", "mødedag", "dato", "date"),
    "time": (
        "mødetidspunkt",
        "starttidspunkt",
        "mødestart",
        "tidspunkt",
        "tid",
        "start",
        "time",
    ),
    "end": ("sluttidspunkt", "mødeslut", "slut", "end"),
    "place": ("mødested", "mødelokale", "sted", "lokale", "venue", "location", "place"),
    "body": ("udvalg", "organ", "mødeforum", "forum", "committee", "body"),
    "participants": (
        "mødedeltagere",
        "deltagere",
        "til stede",
        "tilstede",
        "deltog",
        "fremmødte",
        "fremmødt",
        "fremmødet",
        "medlemmer",
        "present",
        "members present",
        "attendees",
        "in attendance",
        "also present",
        "øvrige deltagere",
        "desuden deltog",
    ),
    "absent": ("afbud", "fraværende", "fravær", "absent", "apologies"),
}
_LABEL_FIELD = {label: name for name, labels in _LABELS.items() for label in labels}
# Labels that may stand without a colon: too distinctive to start a sentence.
_BARE_LABELS = {
    "mødedato", "mødetidspunkt", "starttidspunkt", "sluttidspunkt", "mødested",
    "mødedeltagere", "deltagere", "afbud", "fraværende", "udvalg", "sted", "dato", "present",
    "apologies", "absent",
}  # fmt: skip
_LABEL_RE = re.compile(
    r"^(?P<label>" + "|".join(sorted(map(re.escape, _LABEL_FIELD), key=len, reverse=True)) + r")"
    r"(?:(?P<sep>\s*:\s*|\t+\s*|\s+)(?P<value>\S.*)?)?$",
    re.IGNORECASE,
)

# A line that opens a field of its own: a few words and a colon.
_FIELD_LINE = re.compile(r"^[A-ZÆØÅ][\wæøå]*(?:\s+[\wæøå]+){0,3}:\s")
_TITLE_LINE_RE = re.compile(
    r"^(?:referat|beslutningsprotokol|protokol|dagsorden|minutes|draft minutes)\b\s*"
    r"(?:(?:fra|for|af|of)\s+)?(?:(?:mødet|møde|the meeting)\s+(?:i|of)\s+)?(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Referat - ", " - Minutes": what kind of document a running header names.
_DOC_TYPE_RE = re.compile(
    r"^(?:referat|dagsorden|minutes|agenda|beslutningsprotokol)\s*[-–:]\s*"
    r"|\s*[-–:]\s*(?:referat|dagsorden|minutes|agenda|beslutningsprotokol)$",
    re.IGNORECASE,
)
_PLACE_WORD_RE = re.compile(
    r"lokale|rådhus|salen\b|byrådssal|mødesal|mødested|teams|zoom|\bhall\b|\broom\b|chamber",
    re.IGNORECASE,
)
_MEETING_PHRASE_RE = re.compile(
    r"\b(?:møde(?:t)?\s+i|meeting\s+of(?:\s+the)?|(?:special|regular|ordinary|extraordinary|"
    r"annual)\s+meeting)\s+(?P<rest>[A-ZÆØÅ].{0,100})",
    re.IGNORECASE,
)
# A line that only says what the document is: "MEETING MINUTES", "Referat".
_KIND_ONLY_RE = re.compile(
    r"^(?:(?:special|regular|ordinary|extraordinary|annual|meeting|draft|approved|unconfirmed)\s+)*"
    r"(?:minutes|referat|beslutningsprotokol)"
    r"(?:\s+(?:of|for|fra|af))?$",
    re.IGNORECASE,
)
# "Minutes - 27 November 2012", "Summary of Motions – November 27, 2012": a
# document naming the meeting by its date.
_DOC_DATE_RE = re.compile(
    r"\b(?:minutes|summary\s+of\s+motions|referat|beslutningsprotokol)\s*[-–:]\s*(?P<rest>.{0,60})",
    re.IGNORECASE,
)
# A line that is only a date (a running header's or footer's) is short.
_MAX_DATE_LINE = 40
# A line of prose ends in a small word, and is longer than a title that does
# ("Dagsorden for mødet"): a lower-case line after it goes on with its sentence.
_PROSE_WORDS = 6
# "The City Council of the City of Westholm met on this date ...": who met.
_MET_RE = re.compile(r"\b(?P<who>(?:The|the)\s+[A-Z][^.;]{2,80}?)\s+(?:met|convened)\b")
# "... held on", "The meeting of the Board was called to order on ...".
_HELD_RE = re.compile(r"\bheld\b|\bcalled\s+to\s+order\b", re.IGNORECASE)
_ENGLISH_PLACE_RE = re.compile(
    r"\b(?:in|at)\s+(?:the\s+)?(?P<place>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|and|&))*)"
)
_NON_NAMES = {"ingen", "none", "nil", "ingen afbud", "n/a", "-", "alle", "all", "everyone"}
_ROLE_WORDS = re.compile(
    r"^(?:formand|næstformand|chair|vice-chair|vice chair|chairman|referent|sekretær|clerk)$",
    re.IGNORECASE,
)
_SMALL_WORDS = {"og", "for", "i", "af", "til", "på", "of", "and", "the", "in", "on"}


@dataclass
class Header:
    """What the header states; any field may be missing."""

    body: str | None = None
    date: date | None = None
    start: time | None = None
    end: time | None = None
    place: str | None = None
    participants: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    # The date stood alone on a line, tied to nothing: on a web page it can be
    # the day the page was posted.
    date_from_line: bool = False


def parse_header(lines: list[str], years: frozenset[int] = frozenset()) -> Header:
    """Read the meeting's fields from the header lines (before items and
    contents). `years` are the years the whole text writes out: a date that
    reads day first into a year the text never names ("25.08.27" in minutes
    that speak of 2025) is read year first."""
    header = Header()
    fields = _labelled_fields(lines)
    for name, value in fields:
        _apply_field(header, name, value)
    for line in lines:
        _apply_title_line(header, line.strip())
    for index, line in enumerate(lines):
        if _HELD_RE.search(line):
            _apply_english_opening(header, _with_wrapped_lines(lines, index))
    standalone = _body_line(lines)
    if header.body is None or (standalone and _more_specific(standalone, header.body)):
        header.body = standalone
    if header.date is None:
        _apply_date_line(header, lines, years)
        header.date_from_line = header.date is not None
    if header.date is None:
        _apply_meeting_phrase(header, lines)
    if header.body is None:
        _apply_met_sentence(header, lines)
    if header.place is None:
        header.place = _place_line(lines)
    return header


def _apply_date_line(header: Header, lines: list[str], years: frozenset[int]) -> None:
    """An unlabelled line with the meeting's date ("mandag den 5. februar 2024
    kl. 16:00", "for ordinært møde torsdag den 14. september 2006"), not a
    line of a sentence that speaks of a date; a day and month take the year
    the line gives elsewhere ("7. bestyrelsesmøde 2010 den 2. august")."""
    for index, line in enumerate(lines):
        if len(line) > 80:
            continue
        year = YEAR_RE.search(line)
        dates = find_dates(line) or (find_dates(line, default_year=int(year[0])) if year else [])
        if dates and index and _continues_sentence(lines[index - 1], line):
            continue  # "and return at the February 16, 2010 meeting": prose
        if dates:
            header.date = dates[0].value
            other_way = year_first_reading(dates[0].text)
            if other_way and other_way.year in years and header.date.year not in years:
                header.date = other_way
            times = find_times(line[dates[0].end :])
            if times and header.start is None:
                header.start = times[0]
                if len(times) > 1 and header.end is None:
                    header.end = times[1]
            return


def _continues_sentence(previous: str, line: str) -> bool:
    """Whether `line` goes on with the sentence of a line of prose before it."""
    words = previous.split()
    return (
        line.strip()[:1].islower()
        and len(words) >= _PROSE_WORDS
        and (words[-1][:1].islower() or words[-1].endswith(","))
        and not words[-1].endswith((".", ":", "!", "?"))
    )


def _apply_meeting_phrase(header: Header, lines: list[str]) -> None:
    """ "Møde i Kommunalbestyrelsen mandag den 25. september 2006", "meeting of
    the Board on 3 May 2022", "Special Meeting April 15, 2019", also inside a
    long line (text flattened from a PDF): the date that follows."""
    for line in lines:
        for match in _MEETING_PHRASE_RE.finditer(line):
            dates = find_dates(match.group("rest"))
            if dates and dates[0].start <= 40:
                header.date = dates[0].value
                return


def document_date(lines: list[str]) -> date | None:
    """The date a document names itself by ("Minutes – 27 November 2012",
    "Summary of Motions – November 27, 2012"), also inside a line."""
    for line in lines:
        for match in _DOC_DATE_RE.finditer(line):
            dates = find_dates(match.group("rest"))
            if dates and dates[0].start == 0:
                return dates[0].value
    return None


def running_date(lines: list[str]) -> date | None:
    """The date a page's running header or footer gives ("February 9, 2010"
    on a line of its own after the page number): the date most lines that
    are only a date give, the first of them on a tie."""
    counts: Counter[date] = Counter()
    for line in lines:
        text = line.strip().rstrip(".")
        if len(text) > _MAX_DATE_LINE:
            continue
        dates = find_dates(text)
        if len(dates) == 1 and (dates[0].start, dates[0].end) == (0, len(text)):
            counts[dates[0].value] += 1
    return counts.most_common(1)[0][0] if counts else None


def _apply_met_sentence(header: Header, lines: list[str]) -> None:
    """ "The Town Council of the Borough of Eastwick met in regular session":
    the body that met."""
    for line in lines:
        for match in _MET_RE.finditer(line):
            found = find_body(match.group("who"))
            if found:
                header.body = normalise_body(found)
                return


def _place_line(lines: list[str]) -> str | None:
    """An unlabelled line naming a room ("Mødelokale 1, Rådhuset", "Byrådssalen")."""
    for line in lines:
        line = line.strip()
        if (
            line
            and len(line) <= 60
            and _PLACE_WORD_RE.search(line)
            and not find_dates(line)
            and not (_LABEL_RE.match(line) and _is_real_label(line))
        ):
            return line.strip(" .")
    return None


def _with_wrapped_lines(lines: list[str], index: int) -> str:
    """A sentence that PDF extraction wrapped: the line and the lower-case lines after it."""
    parts = [lines[index].strip()]
    for line in lines[index + 1 :]:
        if not line[:1].islower():
            break
        parts.append(line.strip())
    return " ".join(parts)


def _more_specific(candidate: str, body: str) -> bool:
    """ "Little Ashby Parish Council" names the body that "the Parish Council" refers to."""
    generic = re.sub(r"^(?:the)\s+", "", body, flags=re.IGNORECASE).casefold()
    return len(candidate) > len(generic) and candidate.casefold().endswith(generic)


def _labelled_fields(lines: list[str]) -> list[tuple[str, str]]:
    """(field, value) pairs, with values wrapped over several lines joined."""
    found: list[tuple[str, str]] = []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        index += 1
        match = _LABEL_RE.match(line)
        if not match:
            continue
        label = match.group("label").lower()
        sep = match.group("sep") or ""
        bare = ":" not in sep and "\t" not in sep
        if bare and label not in _BARE_LABELS and not match.group("label").isupper():
            continue
        name = _LABEL_FIELD[label]
        value = (match.group("value") or "").strip()
        if not value and name not in ("participants", "absent"):
            # "UDVALG" on a line of its own, the value on the next one.
            following = next(
                (i for i in range(index, min(index + 3, len(lines))) if lines[i].strip()), None
            )
            if following is not None and not _LABEL_RE.match(lines[following].strip()):
                value, index = lines[following].strip(), following + 1
        if name in ("participants", "absent"):
            while index < len(lines) and _continues_list(value, lines[index].strip()):
                value = f"{value} {lines[index].strip()}" if value else lines[index].strip()
                index += 1
        found.append((name, value))
    return found


def _continues_list(value: str, line: str) -> bool:
    """Whether `line` is a wrapped continuation of a list of names."""
    if not line or _LABEL_RE.match(line) and _is_real_label(line):
        return False
    if _TITLE_LINE_RE.match(line) or re.match(r"^(?:punkt|pkt)\b|^\d", line, re.IGNORECASE):
        return False
    if _FIELD_LINE.match(line):
        return False  # "Next meeting: ...": another field, whatever its label
    if not value or value.endswith((",", ";", " og", " and")):
        return True
    if "," in line:
        return True
    # A lone surname or two capitalised words ending a wrapped last name.
    words = line.split()
    return len(words) <= 2 and all(w[:1].isupper() for w in words) and not _known_heading(line)


def _is_real_label(line: str) -> bool:
    match = _LABEL_RE.match(line)
    if not match:
        return False
    sep = match.group("sep") or ""
    return ":" in sep or "\t" in sep or match.group("label").lower() in _BARE_LABELS


def _known_heading(line: str) -> bool:
    return toc_start([line]) is not None or parse_section_heading(line) is not None


def _apply_field(header: Header, name: str, value: str) -> None:
    if not value:
        return
    if name == "date":
        dates = find_dates(value)
        if dates and header.date is None:
            header.date = dates[0].value
        times = find_times(value[dates[0].end :] if dates else value)
        if times and header.start is None:
            header.start = times[0]
    elif name == "time":
        dates = find_dates(value)
        if dates and header.date is None:
            header.date = dates[0].value
        times = find_times(value)
        if times and header.start is None:
            header.start = times[0]
            if len(times) > 1 and header.end is None:
                header.end = times[1]
    elif name == "end":
        times = find_times(value)
        if times and header.end is None:
            header.end = times[0]
    elif name == "place" and header.place is None:
        header.place = value.strip(" .")
    elif name == "body" and header.body is None:
        header.body = normalise_body(value)
    elif name == "participants":
        header.participants.extend(n for n in split_names(value) if n not in header.participants)
    elif name == "absent":
        header.absent.extend(split_names(value))


def _apply_title_line(header: Header, line: str) -> None:
    """ "REFERAT Direktionen d. 15-08-2022": a body and a date in one line."""
    match = _TITLE_LINE_RE.match(line)
    if not match:
        return
    rest = match.group("rest").strip()
    dates = find_dates(rest)
    if dates and header.date is None:
        header.date = dates[0].value
    name = rest[: dates[0].start] if dates else rest
    found = find_body(name) or meeting_noun_body(name)
    if header.body is None and found:
        header.body = normalise_body(found)


def _apply_english_opening(header: Header, line: str) -> None:
    """ "The AGM ... held on Tuesday 14 March 2023 at 7.30pm in the Village Hall":
    the body, date, time and place."""
    held = _HELD_RE.search(line)
    if held is None:  # the caller only passes lines that say "held" or "called to order"
        raise AssertionError(f"no 'held' in {line!r}")
    if header.body is None:
        # "The AGM was held ...", "A meeting of the Parish Council held ...",
        # "The meeting of the Foundation Board was called to order": who met.
        subject = find_body(line[: held.start()])
        if subject:
            header.body = normalise_body(subject)
    after = line[held.end() :]
    dates = find_dates(after)
    if dates and header.date is None:
        header.date = dates[0].value
    times = find_times(after)
    if times and header.start is None:
        header.start = times[0]
    if header.place is None:
        tail = after[dates[0].end :] if dates else after
        for match in _ENGLISH_PLACE_RE.finditer(tail):
            place = match.group("place").strip(" .")
            if not find_times(place):
                header.place = place
                break


def _body_line(lines: list[str]) -> str | None:
    """The body the first short line naming one names: by its name ("Udvalget
    for Teknik og Miljø", "Erhvervs- og Beskæftigelsesudvalget onsdag den 6.
    marts 2024") or by a meeting noun ("Bestyrelsesmøde 6/1 2011"); else the
    meeting a title names ("Ocean Model Development meeting minutes")."""
    short = [
        _DOC_TYPE_RE.sub("", line.strip())
        for line in lines
        if line.strip()
        and len(line.strip()) <= 100
        and (not line.strip().endswith(".") or len(line.split()) <= 10)
        and not (_LABEL_RE.match(line.strip()) and _is_real_label(line.strip()))
    ]
    for kind, line in zip(short, short[1:]):
        # "MEETING MINUTES" over the body's name: the body that met, not the
        # body of a letterhead above it.
        if _KIND_ONLY_RE.match(kind) and (found := find_body(line)):
            return normalise_body(found)
    for line in short:
        found = find_body(line) or meeting_noun_body(line)
        if found:
            return normalise_body(found)
    title = next((line.strip() for line in lines if line.strip()), "")
    named = meeting_name(title)
    return normalise_body(named) if named else None


def normalise_body(name: str) -> str:
    """A body's name as people write it: "LITTLE ASHBY PARISH COUNCIL" ->
    "Little Ashby Parish Council"; mixed case is kept as written."""
    name = " ".join(name.split()).strip(" .,:-–")
    if name.isupper() and len(name) > 3:
        words = name.lower().split()
        name = " ".join(
            w if (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)
        )
    return name


def split_names(value: str) -> list[str]:
    """People in a participants list, without party letters, roles or "none"."""
    names: list[str] = []
    depth = 0
    current = ""
    for char in value + ",":
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char in ",;" and depth == 0:
            names.extend(re.split(r"\s+(?:og|and|&)\s+", current))
            current = ""
        else:
            current += char
    # A list of one-word handles ("hermit, maddy, robot") names people in lower case.
    handles = len(names) > 1 and all(re.fullmatch(r"\s*[\w\-]+\s*", n) for n in names)
    cleaned = (_clean_name(n, handles=handles) for n in names)
    return [n for n in cleaned if n]


def _clean_name(raw: str, *, handles: bool = False) -> str:
    name = re.sub(r"\([^)]*\)", "", raw)
    name = " ".join(name.split()).strip(" .-–")
    if not name or name.lower() in _NON_NAMES or _ROLE_WORDS.match(name):
        return ""
    if not name[0].isupper() and not (handles and name[0].isalpha()):
        return ""
    return name
