"""Plain text -> Minutes: the meeting and its agenda items, exactly as written.

The parser is one pipeline for every layout: find the item headings (the
layout families live in `headings`), read the meeting's facts from the lines
before them (`header`), and split each item into case number, sections and
decisions (`sections`). A document without item headings is one agenda item
(a page that publishes a single item, a pasted decision).

It never refuses readable text: a body or date that neither the text nor
the user gives is None, with a notice saying so, and the caller decides
(`tracker extract` prints what it found; an import needs both).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from tracker.dates import YEAR_RE
from tracker.errors import InputError
from tracker.minutes.bodies import find_body, meeting_noun_body
from tracker.minutes.header import (
    Header,
    document_date,
    normalise_body,
    parse_header,
    running_date,
)
from tracker.minutes.headings import ItemHeading, find_item_headings, toc_start
from tracker.minutes.markup import unmark
from tracker.minutes.model import AgendaItem, Decision, Meeting, Minutes
from tracker.minutes.sections import (
    build_sections,
    case_number,
    is_closed_body,
    is_closed_title,
    is_open_marker,
    parse_section_heading,
)

_DANISH_RE = re.compile(r"[æøåÆØÅ]|\b(?:og|at|det|der|til|af|blev|skal)\b")
_ENGLISH_RE = re.compile(r"\b(?:the|and|to|of|was|that|will|be)\b", re.IGNORECASE)
# How many lines under an item heading a bare case number ("22/578") may stand.
_CASE_WINDOW = 3
# A line this long has lost its line breaks; item headings inside it start
# lines again ("Item 2. Minutes", "Punkt 3: Budget", capitalised as headings are).
_FLATTENED = 400
_INLINE_HEADING_RE = re.compile(
    r"\s+(?=(?:Item|ITEM|Agenda [Ii]tem|Punkt|PUNKT|Pkt\.|Sag nr\.)\s*\d{1,3}\b[.:)]?\s+[A-ZÆØÅ])"
)
# How far past its header a text may still state the meeting's own facts.
_OPENING_LINES = 30
# The longest line that can be a title rather than running text.
_MAX_TITLE_LINE = 100


def parse_minutes(
    text: str,
    *,
    source: str,
    body: str | None = None,
    meeting_date: date | None = None,
    known_bodies: Sequence[tuple[str, str]] = (),
) -> Minutes:
    """Parse minutes text. `body` and `meeting_date` fill in what the document
    does not state; where the text states otherwise they still win, with a
    notice, since the user said so. `known_bodies` are (name or alias, name)
    of the bodies an organisation file lists: one the header names is the
    meeting's body, under its listed name.

    Raises InputError naming `source` only when the text is empty.
    """
    if not text.strip():
        raise InputError(source, "no readable text in it")
    marked = [unmark(line) for line in _unflattened(text).split("\n")]
    # Structure is looked for in the lines without their marks; items keep
    # their bullets, so lists stay lists.
    lines = [m.text for m in marked]
    shown = [m.shown() for m in marked]
    headings = find_item_headings(marked)
    if headings:
        header_end = headings[0].line
        toc = toc_start(lines[:header_end])
        if toc is not None:
            header_end = toc
        items = [
            _build_item(shown, heading, position, end)
            for position, (heading, end) in enumerate(
                zip(headings, [h.line for h in headings[1:]] + [len(lines)]), start=1
            )
        ]
    else:
        item, header_end = _single_item(shown)
        items = [item]
    years = frozenset(int(year) for year in YEAR_RE.findall(text))
    header = parse_header(lines[:header_end], years)
    header.body = _listed_body(lines[:header_end], known_bodies) or header.body
    if header.date is None or header.body is None:
        # A header that runs into the text ("The AGM was held on ...", a
        # "Date:" field after an introduction) still states the meeting.
        opening_lines = lines[: header_end + _OPENING_LINES]
        opening = parse_header(opening_lines, years)
        header.date, header.start = header.date or opening.date, header.start or opening.start
        header.body = header.body or _listed_body(opening_lines, known_bodies) or opening.body
    if header.date_from_line and not headings:
        # A page that is one item has only its title lines as header: the date
        # standing above them may be the day it was posted, not the meeting's.
        header.date = document_date(lines[:_OPENING_LINES]) or header.date
    header.date = header.date or running_date(lines)
    meeting, notices = _meeting(header, items, source, body, meeting_date)
    for item in items:
        item.decision = _own_decision(item, meeting)
    return Minutes(meeting=meeting, items=items, language=detect_language(text), notices=notices)


def decision_as_minutes(
    text: str, *, source: str, body: str | None, meeting_date: date | None
) -> Minutes:
    """A decision pasted from an e-mail or a web page, as a one-item meeting.

    The text carries no meeting header, so the body and date must be given.
    """
    if not body:
        raise InputError("--body", "needed with --as-decision: which body made the decision?")
    if meeting_date is None:
        raise InputError(
            "--date", "needed with --as-decision: when was the decision made? (YYYY-MM-DD)"
        )
    decision = text.strip()
    if not decision:
        raise InputError(source, "the decision text is empty")
    first_line = decision.split("\n", 1)[0]
    title = first_line if len(first_line) <= 80 else first_line[:80].rsplit(" ", 1)[0] + " …"
    item = AgendaItem(
        position=1,
        number="1",
        title=title,
        decisions=[Decision(heading="", text=decision)],
        decision=decision,
    )
    meeting = Meeting(body=normalise_body(body), date=meeting_date)
    return Minutes(meeting=meeting, items=[item], language=detect_language(decision))


def _build_item(lines: list[str], heading: ItemHeading, position: int, end: int) -> AgendaItem:
    body = ([heading.inline] if heading.inline else []) + lines[heading.body_start : end]
    case, rest = _take_case_number(body)
    sections, decisions, preamble = build_sections(rest)
    closed = is_closed_title(heading.title) or any(is_closed_body(p.strip()) for p in preamble)
    item = AgendaItem(
        position=position,
        number=heading.number,
        title=heading.title,
        case=case,
        closed=closed,
        sections=sections,
        decisions=decisions,
    )
    if not sections and not closed:
        text = "\n".join(p.rstrip() for p in preamble if not is_open_marker(p.strip())).strip()
        if text:
            # An item without headings is all decision (English minutes, short items).
            item.decisions = [Decision(heading="", text=text)]
    return item


def _take_case_number(body: list[str]) -> tuple[str | None, list[str]]:
    """The item's case number and its lines without it.

    A labelled number ("Sagsnr.: 23/00412") counts anywhere before the first
    section; a bare one ("22/578") only right under the heading.
    """
    seen = 0
    for index, line in enumerate(body):
        stripped = line.strip()
        if not stripped:
            continue
        if parse_section_heading(stripped) is not None:
            break
        seen += 1
        found = case_number(stripped, near_heading=seen <= _CASE_WINDOW)
        if found is not None:
            return found, body[:index] + body[index + 1 :]
    return None, body


def _unflattened(text: str) -> str:
    """Text whose line breaks were lost (a PDF flattened to one long line, a
    page copied as one paragraph) with a line break again before each item
    heading inside a long line that holds several: "... as above. Item 2.
    Minutes of June ..." (one such phrase is more likely a reference)."""
    if not any(len(line) > _FLATTENED for line in text.split("\n")):
        return text
    return "\n".join(
        _INLINE_HEADING_RE.sub("\n", line)
        if len(line) > _FLATTENED and len(_INLINE_HEADING_RE.findall(line)) >= 2
        else line
        for line in text.split("\n")
    )


def _single_item(lines: list[str]) -> tuple[AgendaItem, int]:
    """A text that is one agenda item: a page publishing one item, a pasted
    decision, an "Eventuelt" on its own.

    The title is the last short line before the item's first case number or
    section heading, or, without those, before its first line of prose;
    the lines before that structure or prose, the title among them, are the
    meeting header. Without a title the whole text is the item.
    """
    structure = next(
        (
            index
            for index, line in enumerate(lines)
            if line.strip()
            and (
                parse_section_heading(line.strip()) is not None
                or case_number(line.strip(), near_heading=False)
            )
        ),
        None,
    )
    end = structure if structure is not None else _first_prose(lines)
    title_line = next(
        (i for i in range(end - 1, -1, -1) if lines[i].strip() and not _is_prose(lines[i])), None
    )
    title = lines[title_line].strip() if title_line is not None else ""
    start = title_line + 1 if title_line is not None else 0
    heading = ItemHeading(start - 1, "1", title, start)
    # The lines up to the item's first structure or prose are the header,
    # the title among them: "Minutes of the meeting held on ...".
    return _build_item(lines, heading, 1, len(lines)), max(start, end)


def _first_prose(lines: list[str]) -> int:
    """The first line of running text, or the end."""
    return next((i for i, line in enumerate(lines) if _is_prose(line)), len(lines))


def _is_prose(line: str) -> bool:
    """A line of running text rather than a title or a header field: long,
    or a sentence of several words (not a line of a date and times)."""
    words = [w for w in line.split() if w.strip(".,;:").isalpha()]
    return len(line.strip()) > _MAX_TITLE_LINE or (len(words) > 6 and line.rstrip().endswith("."))


def _meeting(
    header: Header,
    items: list[AgendaItem],
    source: str,
    body: str | None,
    meeting_date: date | None,
) -> tuple[Meeting, list[str]]:
    """The meeting and the notices about its body and date: the user's
    `body` and `meeting_date` fill in what the text does not say, and win,
    with a notice, where it says otherwise."""
    decided = [d for item in items for d in item.decisions if d.body or d.date]
    stated_body = header.body or _most_common_body(decided) or _body_named_in(items)
    stated_date = header.date or _most_common_date(decided, body or stated_body)
    notices: list[str] = []
    if body and stated_body and not _same_body(stated_body, body):
        notices.append(f"{source}: the text names the body {stated_body!r}; using --body {body!r}")
    if meeting_date and stated_date and stated_date != meeting_date:
        notices.append(
            f"{source}: the text gives the date {stated_date.isoformat()}; "
            f"using --date {meeting_date.isoformat()}"
        )
    name = body or stated_body
    when = meeting_date or stated_date
    if name is None:
        notices.append(f"{source}: the text does not say which body met; give it with --body NAME")
    if when is None:
        notices.append(
            f"{source}: the text does not state the meeting's date; give it with --date YYYY-MM-DD"
        )
    meeting = Meeting(
        body=normalise_body(name) if name else None,
        date=when,
        start=header.start,
        end=header.end,
        place=header.place,
        participants=header.participants,
        absent=header.absent,
    )
    return meeting, notices


def _listed_body(lines: list[str], known: Sequence[tuple[str, str]]) -> str | None:
    """The listed name of the first known body the lines name (a whole-word
    match of its name or an alias, ignoring case)."""
    if not known:
        return None
    pattern = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(n) for n, _ in sorted(known, key=lambda k: -len(k[0])))
        + r")(?!\w)",
        re.IGNORECASE,
    )
    names = {n.casefold(): listed for n, listed in known}
    for line in lines:
        match = pattern.search(line)
        if match:
            return names[match.group().casefold()]
    return None


def _body_named_in(items: list[AgendaItem]) -> str | None:
    """The body the items' text names most, for pages that state no header:
    "Plan- og Teknikudvalget. 12-09-2016, pkt. 174" above each item,
    "Forvaltningen indstiller, at Sundhedsudvalget tager ... til efterretning"."""
    lines = [
        line
        for item in items
        for text in (
            item.title,
            *(s.text for s in item.sections),
            *(d.text for d in item.decisions),
        )
        for line in text.split("\n")
    ]
    for finder in (find_body, meeting_noun_body):  # a name first, else "det aktuelle ØU-møde"
        counts = Counter(found for line in lines if (found := finder(line)) is not None)
        if counts:
            return counts.most_common(1)[0][0]
    return None


def _most_common_body(decisions: list[Decision]) -> str | None:
    """The body that decided most items; on a tie, the one that decided last."""
    counts = Counter(d.body for d in decisions if d.body)
    if not counts:
        return None
    latest = {d.body: d.date or date.min for d in decisions if d.body}
    return max(counts, key=lambda b: (counts[b], latest[b]))


def _most_common_date(decisions: list[Decision], body: str | None) -> date | None:
    own = [d.date for d in decisions if d.date and (body is None or _same_body(d.body, body))]
    counts = Counter(own or [d.date for d in decisions if d.date])
    return max(counts, key=lambda d: (counts[d], d)) if counts else None


def _same_body(named: str | None, body: str | None) -> bool:
    """Whether a decision heading's body is the meeting's body ("Udvalget" matches
    "Udvalget for Teknik og Miljø"; "Økonomiudvalget" does not match "Byrådet")."""
    if not named or not body:
        return False
    a, b = named.casefold(), body.casefold()
    return a == b or a in b or b in a


def _own_decision(item: AgendaItem, meeting: Meeting) -> str | None:
    """The text of the meeting's own body's decision on the item.

    Decisions of other bodies on the same item (a committee's "Anbefales" before
    the council's) are history. A heading that names neither body nor date is
    the meeting's own, and so is one dated the meeting's day.
    """
    if item.closed or not item.decisions:
        return None
    own = [
        d
        for d in item.decisions
        if _same_body(d.body, meeting.body) or (d.body is None and d.date in (None, meeting.date))
    ]
    # A body written another way ("ØU" for "Økonomiudvalget") still decided on the
    # meeting's own date; earlier bodies decided before it.
    own = own or [d for d in item.decisions if d.date == meeting.date]
    return own[-1].text if own else None


def detect_language(text: str) -> str:
    """ "da" or "en", by which language's function words the text uses more."""
    danish = len(_DANISH_RE.findall(text))
    english = len(_ENGLISH_RE.findall(text))
    return "en" if english > danish else "da"
