"""The public minutes with every person, unit and body renamed and every date
moved: the same actions come out, with the new names and dates.

The extractor must read the language, not remember the four documents. Each
document is rewritten: the names its own extraction finds (participants, the
body, the owners) get new names of the same shape (an abbreviation another
abbreviation, a compound unit another prefix before the same head, a person
other names with the same initials), and every year moves 28 years on, which
keeps each date's weekday. The rewritten document must give the actions of
the original, renamed and moved.
"""

from __future__ import annotations

import re
from dataclasses import asdict, replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.calendar_days import is_working_day
from tracker.extract import ProposedAction, extract_actions
from tracker.ingest import read_document
from tracker.minutes import parse_minutes
from tracker.organisation import load_organisation

FIXTURES = Path(__file__).parent / "fixtures"
DOCUMENTS = (
    "000_72469736df97498c.txt",
    "byraadet-2023-11-28.html",
    "parish-council-2023-03-14.txt",
    "teknik-miljoe-2023-03-07.txt",
)
YEARS = 28  # the Gregorian calendar repeats itself every 28 years within 1901-2099

# Words of a name that say what kind of party it is, kept as they are.
KEPT = {
    "udvalget", "udvalg", "for", "og", "the", "of", "parish", "council", "cllr", "mrs", "mr", "ms",
    "clerk", "direktionen", "forvaltningen", "sekretariatet", "administrationen", "borgmesteren",
    "byrådet", "kommunalbestyrelsen", "chair", "chairman",
}  # fmt: skip
# Compound unit heads: "Vejafdelingen" becomes another prefix before "afdelingen".
HEADS = ("afdelingen", "udvalget", "udvalg", "sekretariatet", "forvaltningen", "centret")
PREFIXES = ("Park", "Natur", "Sports", "Havne", "Skov", "Kyst")
SYLLABLES = ("orin", "assel", "elund", "ibor", "anke", "ustav")


class Renamer:
    """New names of the same shape for the names a document uses, one each."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self._letters = iter("QXZWVKJ")

    def word(self, word: str) -> str:
        if word in self.names:
            return self.names[word]
        if word.lower() in KEPT or not word[:1].isupper() or len(word) == 1:
            new = word  # an initial stays: the person keeps their initials
        elif re.fullmatch(r"[A-ZÆØÅ]{2,4}", word):
            new = "".join(next(self._letters) for _ in word)  # "HRC" -> "QXZ"
        elif head := next(
            (h for h in HEADS if word.lower().endswith(h) and len(word) > len(h)), None
        ):
            new = PREFIXES[len(self.names) % len(PREFIXES)] + head
        else:
            new = word[0] + SYLLABLES[len(self.names) % len(SYLLABLES)]  # same initial
        self.names[word] = new
        return new

    def rewrite(self, text: str) -> str:
        """`text` with every name renamed and every year moved."""
        for old, new in sorted(self.names.items(), key=lambda pair: len(pair[0]), reverse=True):
            if old != new:
                text = re.sub(rf"(?<![\wÆØÅæøå']){re.escape(old)}(?![\wÆØÅæøå'])", new, text)
        return re.sub(r"\b(20[0-4]\d)\b", lambda m: str(int(m.group(1)) + YEARS), text)

    def name(self, name: str) -> str:
        return re.sub(r"[\wÆØÅæøå']+", lambda m: self.word(m.group(0)), name)


def _read(text: str, source: str) -> tuple[list[ProposedAction], list[str]]:
    minutes = parse_minutes(text, source=source)
    names = [*minutes.meeting.participants, minutes.meeting.body or ""]
    return extract_actions(minutes, load_organisation(None)), names


def _moved(day: date | None) -> date | None:
    return day.replace(year=day.year + YEARS) if day else None


@pytest.mark.parametrize("document", DOCUMENTS)
def test_renamed_and_moved_minutes_give_the_same_actions(document: str) -> None:
    text = read_document(FIXTURES / document).text
    original, names = _read(text, document)
    assert original, "the document gives actions to compare"
    renamer = Renamer()
    owners = [o for a in original for o in [a.owner, *a.co_owners] if o]
    for name in sorted({*names, *owners}, key=len, reverse=True):
        renamer.name(name)
    rewritten = renamer.rewrite(text)
    assert rewritten != text

    again, _ = _read(rewritten, document)

    def expected(action: ProposedAction) -> dict[str, object]:
        moved = replace(
            action,
            title=renamer.rewrite(action.title),
            owner=renamer.name(action.owner) if action.owner else None,
            co_owners=[renamer.name(o) for o in action.co_owners],
            due=_moved(action.due),
            review=_moved(action.review),
        )
        return {k: v for k, v in asdict(moved).items() if k in COMPARED}

    got = [{k: v for k, v in asdict(a).items() if k in COMPARED} for a in again]
    assert [{**g, "due": None} for g in got] == [{**expected(a), "due": None} for a in original]
    for action, moved in zip(again, original, strict=True):
        assert _same_working_day(action.due, _moved(moved.due)), (action.title, action.due)


COMPARED = {"item", "title", "kind", "owner", "co_owners", "due", "review", "rule", "condition"}


def _same_working_day(got: date | None, moved: date | None) -> bool:
    """The same date, or the same deadline rolled past a holiday that falls on
    other days in the other year (Easter moves; weekdays do not)."""
    if got is None or moved is None or got == moved:
        return got == moved
    first, last = sorted((got, moved))
    span = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    holidays = [
        d for d in span for d in (d, d.replace(year=d.year - YEARS)) if not is_working_day(d)
    ]
    return (last - first).days <= 4 and bool(holidays)
