"""Dated events an agenda item names: "Den 30-08-2022 afholdes der budgetseminar".

An item that names a dated meeting or seminar tells the due-date resolver
two things: "på et kommende heldagsmøde" means that dated heldagsmøde rather
than the body's next ordinary meeting, and "snarest" must be done before the
seminar the item prepares. An event is a date with the nearest event noun
(a word ending in møde, seminar, konference, workshop, dag, meeting, ...)
a few words before or after it in the same sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tracker.dates import find_dates

# Base nouns and the inflections minutes use ("mødet", "møderne", "seminaret",
# "konferencen", "workshoppen", "temadagen", "meetings").
_STEMS = {
    "møde": "t|ts|r|rne|rnes",
    "seminar": "et|er|erne|s",
    "konference": "n|r|rne",
    "workshop": "pen|per|perne|s",
    "dag": "en|e|ene",
    "meeting": "s",
    "session": "s",
    "conference": "s",
    "briefing": "s",
}
_NOUN_RE = re.compile(
    r"(?<![\w-])(?P<noun>(?P<prefix>\w[\w-]*?)?(?P<stem>"
    + "|".join(_STEMS)
    + r"))(?P<inflection>"
    + "|".join(
        sorted({i for alts in _STEMS.values() for i in alts.split("|")}, key=len, reverse=True)
    )
    + r")?(?![\w-])",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"\w+")
_WORD_TAIL_RE = re.compile(r"[\w-]*")
# A sentence ends at ., ! or ? followed by a capital; "12. september" and "kl. 16" do not.
_SENTENCE_END_RE = re.compile(r"[.!?]\s+[A-ZÆØÅ]")
# English nouns do not compound, so "possession" is not a "session".
_ENGLISH_STEMS = frozenset({"meeting", "session", "conference", "briefing"})
# Words ending in "dag" that name a day, not an event.
_NOT_EVENTS = frozenset(
    ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag", "hverdag", "helligdag")
)
_MAX_WORDS_BETWEEN = 5
# Characters around a date searched for its noun: five words and a long compound.
_WINDOW = 100


@dataclass(frozen=True)
class Event:
    """A dated event: `name` is its noun, singular and lower-case ("heldagsmøde")."""

    name: str
    date: date


def normalise_event_noun(word: str) -> str | None:
    """The singular, lower-case base of an event noun ("Heldagsmøderne" -> "heldagsmøde").

    None when `word` is not an event noun, so the due-date resolver can compare
    "et kommende heldagsmøde" with the events an item names.
    """
    match = _NOUN_RE.fullmatch(word.strip())
    if match is None or not _is_event_noun(match):
        return None
    return match.group("noun").lower()


def _is_event_noun(match: re.Match[str]) -> bool:
    inflection = (match.group("inflection") or "").lower()
    stem = match.group("stem").lower()
    prefix = match.group("prefix")
    if inflection and inflection not in _STEMS[stem].split("|"):
        return False
    if stem in _ENGLISH_STEMS:
        return prefix is None
    # A bare "dag" is any day; "temadag", "heldag" are events, weekdays are not.
    return stem != "dag" or (prefix is not None and match.group("noun").lower() not in _NOT_EVENTS)


def find_events(text: str, *, default_year: int) -> list[Event]:
    """Every date in `text` that has an event noun close to it, in order.

    The nearest noun within a few words on either side wins; on a tie the
    one before the date ("direktionens heldagsmøde den 12. september") does.
    A heading followed by a date ("Date of next meeting" / "Tuesday 11 April
    2023") counts, since a line break is not a sentence end. Nouns are only
    looked for near dates, which are rare, so long texts stay fast.
    """
    events: list[Event] = []
    for found in find_dates(text, default_year=default_year):
        low = max(0, found.start - _WINDOW)
        tail = _WORD_TAIL_RE.match(text, found.end + _WINDOW)
        if tail is None:  # the pattern matches the empty string, so never
            raise AssertionError("_WORD_TAIL_RE failed to match")
        high = tail.end()  # never cut a word
        best: tuple[int, int, str] | None = None
        for noun in _NOUN_RE.finditer(text, low, high):
            if not _is_event_noun(noun):
                continue
            if noun.end() <= found.start:
                gap_start, gap_end, after = noun.end(), found.start, 1
            elif noun.start() >= found.end:
                gap_start, gap_end, after = found.end, noun.start(), 2
            else:
                continue
            words = len(_WORD_RE.findall(text, gap_start, gap_end))
            # The capital after a full stop may be the first letter of the date ("Den").
            if words > _MAX_WORDS_BETWEEN or _SENTENCE_END_RE.search(text, gap_start, gap_end + 1):
                continue
            candidate = (words, after, noun.group("noun").lower())
            if best is None or candidate < best:
                best = candidate
        if best is not None:
            events.append(Event(best[2], found.value))
    return events
