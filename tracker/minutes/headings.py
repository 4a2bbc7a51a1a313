"""Where agenda items start: item headings, and tables of contents that look like them.

Minutes number their items in a few families of layout:

- "Punkt 6: Title", "Pkt. 6 Title", "Sag nr. 6 - Title" (keyword layouts);
- "23/034 Title" (English minute references);
- "6. Title", "6) Title" (numbered layouts, also web pages and Word lists).

A document uses one family. Every family also meets two lookalikes that are
not items: a table of contents that lists the same headings first, and
numbered lists inside an item ("1. udkast ... sendes i høring,"). The first
is recognised by its headings having no content of their own and the same
numbers coming back later; the second by its wording (lower-case start,
trailing comma) and by numbers that do not go forward.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.dates import find_dates
from tracker.minutes.markup import BOLD_LINE, Marked
from tracker.minutes.sections import is_item_context_line

# "Punkt 6: Title", "Pkt. 6 Title", "Sag nr. 6 - Title", "Nr.234 - Title", "Ad 3:
# Title", "Item 4.", "Agenda Item #5 -" (the number may carry a sub-number, "Ad 2.1").
_KEYWORD_RE = re.compile(
    r"^(?:punkt|pkt\.?|sag\s+nr\.?|nr\.?|dagsordenspunkt|ad\.?|item|agenda\s+item|minute)"
    r"\s*(?:no\.?\s*)?#?\s*(?P<number>\d{1,4})(?![\d/])\s*[:.)\-–]?\s*(?P<title>.*)$",
    re.IGNORECASE,
)
# Minute references: "23/034 Title", "NP/12/20 Title", "2307.05 Title" (a
# four-digit meeting and a two-digit minute; "12.30 Frokost" is a time).
_MINUTE_REF_RE = re.compile(
    r"^(?P<number>(?:[A-Z]{1,4}/)?\d{2,4}/\d{1,4}(?:/\d{2,4})?|\d{4}\.\d{1,3})\.?\s+(?P<title>\S.*)$"
)
# "5.1 Title" is a sub-item of item 5, not item 5 itself.
_NUMBERED_RE = re.compile(r"^(?P<number>\d{1,4})(?:\s*(?:\.\)|[.)])(?!\d)\s*|\t+)(?P<title>\S.*)$")
# Outlines number items and their points: "2. Temaer", "2.1 Status", "2.1.3) Budget".
_OUTLINE_RE = re.compile(
    r"^(?P<number>\d{1,3}(?:\.\d{1,3})+)(?:\.?\s+|\)\s*)(?P<title>\S.*)$"
    r"|^(?P<top>\d{1,3})(?:\s*(?:\.\)|[.)])(?!\d)\s*|\t+)(?P<top_title>\S.*)$"
)

_FAMILIES = (
    ("keyword", _KEYWORD_RE),
    ("minute_ref", _MINUTE_REF_RE),
    ("numbered", _NUMBERED_RE),
    ("outline", _OUTLINE_RE),
)

_TOC_TITLE_RE = re.compile(
    r"^(?:indholdsfortegnelse|indhold|indholdsliste|oversigt|punkter|dagsordenspunkter|"
    r"contents|table of contents|agenda)\s*:?$",
    re.IGNORECASE,
)
# Words that end a clause, not a heading: "..., og", "... at", "... samt".
_CLAUSE_END_RE = re.compile(r"(?:[,;]|\s(?:og|samt|eller|at|and|or|to))$", re.IGNORECASE)
_MAX_TITLE = 160
# Families whose number is no clause of prose ("Punkt 6", "25/07"): a heading line
# that runs on into its minute is still the item's heading.
_RUN_ON_FAMILIES = {"keyword", "minute_ref"}
# "25/07 Approval of minutes – these had been circulated ...": in a run-on
# heading line, a title, a dash, then the minute.
_RUN_ON_RE = re.compile(r"^(?P<title>[^–—]{3,80}?)\s+(?:[–—]|-(?=\s))\s+(?=\S)")
# The end of a sentence inside a line ("... apologies. The Chair"), not of an
# abbreviation ("m.v. for").
_SENTENCE_END_RE = re.compile(r"(?<=[^\W\d_]{2})\.\s+(?=[A-ZÆØÅ])")
_MARKDOWN_LEVELS = range(1, 7)  # below them, BOLD_LINE: a line bold as a whole


@dataclass(frozen=True)
class ItemHeading:
    """The line an agenda item starts on."""

    line: int
    number: str
    title: str
    body_start: int  # first line after the heading (and a title on its own line)
    inline: str = ""  # text after the title on the heading's line (a flattened text)


def find_item_headings(marked: list[Marked]) -> list[ItemHeading]:
    """The item headings of a document, TOC entries and numbered clauses removed.

    The lines are looked at without their marks (`tracker.minutes.markup`);
    the marks say where a document's items are headings, bold lines or
    bullets without numbers.

    Tries each layout family and keeps the one that finds the most items;
    on a tie the more specific family (listed first) wins.
    """
    lines = [m.text for m in marked]
    best: list[ItemHeading] = []
    for family, pattern in _FAMILIES:
        candidates = _with_context(lines, _candidates(lines, family, pattern))
        headings = _best_sequence(_drop_table_of_contents(candidates))
        if family == "outline":
            headings = _leaves(headings, lines)
        if len(headings) > len(best):
            best = headings
    if len(best) < 2:
        for unnumbered in (
            _heading_leaves(marked, _MARKDOWN_LEVELS),
            _heading_leaves(marked, (BOLD_LINE,)),
            _colon_headings(marked),
            _bullet_points(marked),
        ):
            if len(unnumbered) >= 2:
                return unnumbered
    return _with_closing_items(best, lines)


# Items minutes often end with, written without a number after numbered ones.
_CLOSING_ITEM_RE = re.compile(
    r"^(?:eventuelt|evt\.?|meddelelser|orientering|siden sidst|any other business|a\.?o\.?b\.?)\s*:?$",
    re.IGNORECASE,
)


def _with_closing_items(headings: list[ItemHeading], lines: list[str]) -> list[ItemHeading]:
    """`headings` and an unnumbered "Eventuelt", "Meddelelser" or "Any other
    business" after the last of them, with text of its own, as one more
    item (not a line that repeats the last item's title)."""
    if not headings or not headings[-1].number.isdigit():
        return headings
    last = headings[-1]
    for index in range(last.body_start, len(lines)):
        title = lines[index].strip()
        if (
            not _CLOSING_ITEM_RE.match(title)
            or title.rstrip(":").casefold() in last.title.casefold()
        ):
            continue
        if any(line.strip() for line in lines[index + 1 : index + 4]):
            number = str(int(last.number) + 1)
            return [*headings, ItemHeading(index, number, title.rstrip(":"), index + 1)]
    return headings


# Headings of the parts of a header or of a page around the minutes, not items.
_HEADER_PARTS_RE = re.compile(
    r"^(?:mødefakta|møde\s*fakta|deltagere|til stede|afbud|fraværende|faciliteret af|"
    r"mailes til|status|links?|bilag|attendance|attendees|present|apologies|absent|guests|"
    r"meeting details|details|roll call|contents|indhold|table of contents)\b",
    re.IGNORECASE,
)
# A heading that names the document rather than an item: "2023-08-07 Member's
# Meeting", "Referat : Projektmøde nr. 4", "Minutes of the Board".
_TITLE_WORDS_RE = re.compile(
    r"\b(?:referat|minutes|dagsorden og referat)\b|møde\b|\bmeeting\b", re.IGNORECASE
)


def _heading_leaves(marked: list[Marked], levels: Sequence[int]) -> list[ItemHeading]:
    """Items as unnumbered headings at `levels`: Markdown headings ("##
    Budget", "### NEW BUSINESS"), or else lines bold as a whole ("**Budget**").
    A heading of headings, with no text of its own before its first
    subheading ("## Business" over "### Welcome"), or named for the agenda,
    gives its subheadings as items; a heading with text of its own is an
    item, and the headings under it head its parts ("## Elections", a line,
    then "### Chair"). Not items:
    the headings of the parts of a header or of a table's columns, and the
    document's title before the first item. A heading that comes back
    ("Beslutning", "Discussion" under each item) heads a part of every item,
    not an item."""
    found = [(i, m.level) for i, m in enumerate(marked) if m.level in levels and "\t" not in m.text]
    names = [marked[index].text.rstrip(":").casefold() for index, _ in found]
    times = Counter(names)
    found = [heading for heading, name in zip(found, names) if times[name] == 1]
    items: list[ItemHeading] = []
    inside = 0  # the level of the item whose parts the headings now head
    for position, (index, level) in enumerate(found):
        if inside and level > inside:
            continue
        inside = 0
        next_line, next_level = (
            found[position + 1] if position + 1 < len(found) else (len(marked), 0)
        )
        title = marked[index].text.rstrip(":")
        # "## Agenda" over the items is their heading, whatever comes under it first.
        own_text = not _TOC_TITLE_RE.match(title) and any(
            m.text for m in marked[index + 1 : next_line]
        )
        if (next_level > level and not own_text) or not title or len(title) > _MAX_TITLE:
            continue
        if _HEADER_PARTS_RE.match(title):
            continue
        if not items and (_TITLE_WORDS_RE.search(title) or find_dates(title)):
            continue  # the document's title, before its items
        items.append(ItemHeading(index, str(len(items) + 1), title, index + 1))
        inside = level
    return items


_COLON_HEADING_RE = re.compile(r"^[A-ZÆØÅ][\w\-æøå]*(?:\s+[\w\-æøå]+){0,5}:$")


def _colon_headings(marked: list[Marked]) -> list[ItemHeading]:
    """Items as short lines that end in a colon and stand alone ("Økonomi:",
    "Generalforsamling 2011:", "Næste møde:"), in plain notes without numbers
    or marks: at least three, each after a blank line (or the start) and with
    text under it. "Formand: Anne" is a field, not a heading."""
    lines = [m.text for m in marked]
    items: list[ItemHeading] = []
    for index, line in enumerate(lines):
        if not _COLON_HEADING_RE.match(line) or len(line) > 50 or _HEADER_PARTS_RE.match(line):
            continue
        if index and lines[index - 1].strip():
            continue
        if not any(text.strip() for text in lines[index + 1 : index + 4]):
            continue
        items.append(ItemHeading(index, str(len(items) + 1), line.rstrip(":").strip(), index + 1))
    # They head the document's items only if they begin near its top; labels
    # late in a text head the parts of one of its items.
    filled = [i for i, line in enumerate(lines) if line.strip()]
    early = bool(items) and sum(1 for i in filled if i < items[0].line) <= 0.3 * len(filled)
    return items if len(items) >= 3 and early else []


def _bullet_points(marked: list[Marked]) -> list[ItemHeading]:
    """Items as the outermost bullets of notes kept as one nested list ("-
    Budget" with the discussion in bullets under it): only where many of
    them have bullets under them, so that a decision's list of tasks stays
    one item."""
    bullets = [i for i, m in enumerate(marked) if m.bullet]
    if not bullets:
        return []
    outer = min(marked[i].indent for i in bullets)
    points = [i for i in bullets if marked[i].indent == outer]
    ends = points[1:] + [len(marked)]
    nested = sum(
        any(m.bullet and m.indent > outer for m in marked[start + 1 : end])
        for start, end in zip(points, ends)
    )
    if len(points) < 4 or nested * 3 < len(points):
        return []
    return [
        ItemHeading(index, str(number), marked[index].text, index + 1)
        for number, index in enumerate(points, start=1)
        if marked[index].text
    ]


def toc_start(lines: list[str]) -> int | None:
    """The line of a table-of-contents title ("Indholdsfortegnelse"), if any."""
    for index, line in enumerate(lines):
        if _TOC_TITLE_RE.match(line.strip()):
            return index
    return None


def _candidates(lines: list[str], family: str, pattern: re.Pattern[str]) -> list[ItemHeading]:
    found: list[ItemHeading] = []
    for index, raw in enumerate(lines):
        line = raw.strip()
        match = pattern.match(line)
        if not match:
            continue
        groups = match.groupdict()  # an outline names its top level apart
        point = groups.get("number") is not None
        number = groups["number"] if point else groups["top"]
        title = (groups["title"] if point else groups["top_title"]).strip()
        body_start: int | None = index + 1
        inline = ""
        if family == "keyword" and not title:
            # "Punkt 6" with the title on the next line; "ad.2." over its minute,
            # titled by the agenda above.
            body_start = _next_nonblank(lines, index)
            title = lines[body_start - 1].strip() if body_start else ""
            if _is_sentence(title):
                title, body_start = _agenda_title(lines[:index], number) or f"{number}.", index + 1
        elif family in _RUN_ON_FAMILIES and (
            len(title) > _MAX_TITLE or _SENTENCE_END_RE.search(title)
        ):
            # A heading whose line runs on into its text: the first sentence is the title.
            title, inline = _first_sentence(title)
        # A point numbered "2.1" is no clause of prose: its title may be a sentence.
        if family == "outline" and "." in number:
            plausible = bool(title) and not title[0].islower() and len(title) <= 2 * _MAX_TITLE
        else:
            plausible = _plausible_title(title.rstrip(";:"), strict=family != "keyword")
            dash = _RUN_ON_RE.match(title) if not plausible and family == "numbered" else None
            if dash and _plausible_title(dash.group("title"), strict=True):
                # "53.    Leaflet – both documents are printed ...": a title, a dash, its minute.
                title, inline, plausible = (
                    dash.group("title").strip(),
                    title[dash.end() :].strip(),
                    True,
                )
        if plausible:
            found.append(ItemHeading(index, number, title, body_start or index + 1, inline))
    return found


def _is_sentence(line: str) -> bool:
    """A line of prose: it ends in a full stop after a word, and has a few words."""
    return len(line.split()) > 3 and bool(re.search(r"[^\W\d_]{2}\.$", line))


def _agenda_title(lines: list[str], number: str) -> str | None:
    """The title the agenda above gives item `number` ("2. Organisationsændring")."""
    entry = re.compile(rf"^{re.escape(number)}\s*[.)]\s+(?P<title>\S.*)$")
    for line in reversed(lines):
        found = entry.match(line.strip())
        if found:
            return found.group("title").strip()
    return None


def _first_sentence(text: str) -> tuple[str, str]:
    """The title and the text of a run-on heading line: its first sentence and
    the rest."""
    dash = _RUN_ON_RE.match(text)
    if dash:
        return dash.group("title").strip(), text[dash.end() :].strip()
    found = _SENTENCE_END_RE.search(text, 0, _MAX_TITLE)
    if found:
        return text[: found.start() + 1].strip(), text[found.start() + 1 :].strip()
    # No sentence ends soon enough: the title is its start, and the text keeps
    # the whole of it, so that no sentence of the item is cut in two.
    return text[: text.rfind(" ", 0, _MAX_TITLE // 2)].strip(), text


def _plausible_title(title: str, *, strict: bool) -> bool:
    """A heading's title, not a numbered clause or a sentence of prose."""
    if not title or len(title) > _MAX_TITLE:
        return False
    if not strict:
        return True
    first = title[0]
    if not (first.isupper() or first.isdigit()):
        return False
    if _CLAUSE_END_RE.search(title):
        return False
    # A sentence ends in a full stop; a heading only in an abbreviation ("m.v.").
    return not title.endswith(".") or "." in title.rsplit(" ", 1)[-1][:-1]


def _next_nonblank(lines: list[str], index: int) -> int | None:
    """One past the next non-blank line within three lines, if any."""
    for offset, line in enumerate(lines[index + 1 : index + 4], start=index + 2):
        if line.strip():
            return offset
    return None


def _has_item_context(lines: list[str], heading: ItemHeading, next_line: int) -> bool:
    """Whether a heading is followed by what items have: a case number, a section."""
    for line in lines[heading.body_start : min(next_line, heading.body_start + 5)]:
        if line.strip() and is_item_context_line(line.strip()):
            return True
    return False


def _with_context(
    lines: list[str], candidates: list[ItemHeading]
) -> list[tuple[ItemHeading, bool]]:
    ends = [c.line for c in candidates[1:]] + [len(lines)]
    return [(c, _has_item_context(lines, c, end)) for c, end in zip(candidates, ends)]


def _drop_table_of_contents(
    candidates: list[tuple[ItemHeading, bool]],
) -> list[tuple[ItemHeading, bool]]:
    """Remove headings that another heading with the same number repeats.

    When a number occurs more than once, the occurrence followed by an item's
    context (case number, sections) is the item; without context on either,
    the last one is, since a table of contents comes first.
    """
    by_number: dict[str, list[int]] = {}
    for position, (candidate, _) in enumerate(candidates):
        by_number.setdefault(candidate.number, []).append(position)
    keep: set[int] = set()
    for positions in by_number.values():
        with_context = [p for p in positions if candidates[p][1]]
        keep.add(with_context[0] if with_context else positions[-1])
    return [c for position, c in enumerate(candidates) if position in keep]


def _sort_key(number: str) -> tuple[int, ...]:
    """ "23/034" -> (23, 34); "NP/12/20" -> (12, 20); "2307.05" -> (2307, 5)."""
    return tuple(int(part) for part in re.findall(r"\d+", number))


def _best_sequence(candidates: list[tuple[ItemHeading, bool]]) -> list[ItemHeading]:
    """The increasing run of headings that best looks like the agenda.

    Numbers must go forward. Among the increasing subsequences, the one with
    the most headings that have item context and the most +1 steps wins, so a
    stray "4. Sagen sendes videre" inside item 1 does not swallow items 2 and 3.
    """
    n = len(candidates)
    if n == 0:
        return []
    keys = [_sort_key(c.number) for c, _ in candidates]
    gain = [1 + 2 * int(context) for _, context in candidates]
    score = gain[:]
    previous: list[int | None] = [None] * n
    for j in range(n):
        for i in range(j):
            if keys[i] < keys[j]:
                step = 1 if _consecutive(keys[i], keys[j]) else 0
                if score[i] + gain[j] + step > score[j]:
                    score[j] = score[i] + gain[j] + step
                    previous[j] = i
    best: int | None = max(range(n), key=lambda k: (score[k], -k))
    chosen: list[ItemHeading] = []
    while best is not None:
        chosen.append(candidates[best][0])
        best = previous[best]
    return chosen[::-1]


def _consecutive(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether `b` comes right after `a`: the next number at `a`'s level or at
    a level above it (2.3 -> 2.4, 2.3 -> 3), or `a`'s first point (2 -> 2.1)."""
    if b == (*a, 1):
        return True
    return any(b == (*a[:depth], a[depth] + 1) for depth in range(len(a)))


def _leaves(headings: list[ItemHeading], lines: list[str]) -> list[ItemHeading]:
    """Where an outline's points carry minutes of their own ("2.1 Status"
    with its minute under it, before the next point), the points are the
    items, not the heading above them ("2. Temaer"); points listed bare
    under their heading ("5.1 Ny skole", "5.2 Ny hal", then one decision for
    all) stay inside it."""
    keys = [_sort_key(h.number) for h in headings]
    ends = [h.line for h in headings[1:]] + [len(lines)]

    def has_text(index: int) -> bool:
        return any(line.strip() for line in lines[headings[index].body_start : ends[index]])

    drop: set[int] = set()
    for index, key in enumerate(keys):
        points = [
            i for i in range(index + 1, len(keys))
            if len(keys[i]) > len(key) and keys[i][: len(key)] == key
        ]  # fmt: skip
        if not points or points[0] != index + 1:
            continue
        drop |= {index} if any(has_text(i) for i in points[:-1]) else set(points)
    return [h for index, h in enumerate(headings) if index not in drop]
