"""Line folding and text cleaning that `ics` 0.7.3 leaves out.

RFC 5545 (3.1) limits content lines to 75 octets, continued on the next line
after CRLF and one space, and ends every line, the last one too, with CRLF.
`ics` joins lines with CRLF but never folds them, so long Danish decision
sentences would produce lines strict parsers reject. Folding counts octets
of UTF-8 and never splits a character: "æ" is two octets and must stay whole.
"""

from __future__ import annotations

import re

LIMIT = 75
"""Octets per physical line, CRLF not counted."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def fold(text: str) -> str:
    """The iCalendar text `ics` produced (lines joined by CRLF), folded at 75
    octets on character boundaries and ending in CRLF."""
    lines = text.encode("utf-8").split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return b"".join(_fold_line(line) for line in lines).decode("utf-8")


def _fold_line(line: bytes) -> bytes:
    """One content line as physical lines: 75 octets, then a space and 74 at a
    time, each cut moved back off UTF-8 continuation bytes (10xxxxxx)."""
    if len(line) <= LIMIT:
        return line + b"\r\n"
    parts = []
    start, room = 0, LIMIT
    while len(line) - start > room:
        cut = start + room
        while line[cut] & 0xC0 == 0x80:
            cut -= 1
        parts.append(line[start:cut])
        start, room = cut, LIMIT - 1
    parts.append(line[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def clean_text(text: str) -> str:
    """Text safe to hand to `ics`: line breaks as "\\n" only (ics escapes a
    bare CR as "\\r", which RFC 5545 does not define), other control
    characters (a PDF's form feed) as spaces, and no trailing space."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(" ", text).strip()
