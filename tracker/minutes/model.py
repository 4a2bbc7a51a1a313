"""Plain data for parsed minutes: what the document says, nothing inferred.

These are the parser's output and the extractor's and store's input. They
know nothing of the database or the UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time


@dataclass
class Section:
    """A named part of an agenda item ("Baggrund", "Indstilling", ...).

    `kind` is the canonical lower-case name used by code ("indstilling",
    "beslutning", "sagsfremstilling", ...); `heading` is the line as written.
    """

    kind: str
    heading: str
    text: str


@dataclass
class Decision:
    """One body's decision on an item ("Beslutning i Byrådet den 28-11-2023")."""

    heading: str
    text: str
    body: str | None = None
    date: date | None = None


@dataclass
class AgendaItem:
    """One agenda item as the document has it.

    `number` is the item's label as written ("6", "140", "23/034");
    `position` is its 1-based order in the document. `decision` is the text of
    the meeting's own body's decision (earlier bodies' decisions on the same
    item are in `decisions` too, as history).
    """

    position: int
    number: str
    title: str
    case: str | None = None
    closed: bool = False
    sections: list[Section] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    decision: str | None = None

    def section(self, kind: str) -> Section | None:
        """The first section of this kind, if the item has one."""
        return next((s for s in self.sections if s.kind == kind), None)


@dataclass
class Meeting:
    """The meeting a minutes document records.

    `body` and `date` are None when neither the document nor the user says
    them: the text is still read, but such minutes cannot be stored.
    """

    body: str | None
    date: date | None
    start: time | None = None
    end: time | None = None
    place: str | None = None
    participants: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)


@dataclass
class Minutes:
    """A parsed minutes document: the meeting and its items, in order."""

    meeting: Meeting
    items: list[AgendaItem]
    language: str = "da"
    notices: list[str] = field(default_factory=list)
    """What the reader wants the user to know: a fact it could not find, or a
    --body/--date that says otherwise than the text (one line each)."""
