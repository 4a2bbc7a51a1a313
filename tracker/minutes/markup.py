"""Lines as the reader sees them: without the marks that only format them.

Minutes written in Markdown (meeting notes in a repository, a wiki page)
or pasted from a page carry marks around what the parser looks for: "####
1. Formalia", "**3\\. Budget** (6:11 p.m.)", "> - 2.1 Status", "- [x]
Referat godkendt", "[title](https://...)", Textile's "h1. Budget", a
converter's "<!-- end list -->". `unmark` takes them off, and
says what they said: a heading and its level, or a bullet, so that a layout
of unnumbered headings can still be read as items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOLD_LINE = 7
"""The heading level of a line that is bold as a whole ("**Eventuelt**"), below
Markdown's six."""

_QUOTE = re.compile(r"^(?:>\s?)+")
_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.*?)(?:\s+#+)?\s*$")
# Textile (Redmine, Jira wikis): "h2. Budget".
_TEXTILE_HEADING = re.compile(r"^h(?P<level>[1-6])\.\s+(?P<text>\S.*?)\s*$")
# "<!-- end list -->": a converter's comment, not text.
_COMMENT = re.compile(r"^<!--.*-->$")
_BULLET = re.compile(r"^[-*+]\s+(?:\[[ xX]\]\s+)?")
_BOLD = re.compile(r"\*\*|__")
_WHOLE_BOLD = re.compile(r"^(?:\*\*|__)(?P<text>[^*_].*?)(?:\*\*|__)\s*:?\s*$")
_LINK = re.compile(r"!?\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<url>[^)\s]*)\)")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!|>~])")


@dataclass(frozen=True)
class Marked:
    """A line without its marks: `text`, its heading `level` (1-6 for a
    Markdown heading, `BOLD_LINE` for a bold line, 0 for none), whether it
    was a list item, and how far it was indented."""

    text: str
    level: int = 0
    bullet: bool = False
    indent: int = 0
    """How deep a bullet stands: the spaces before its mark."""

    def shown(self) -> str:
        """The line as item text shows it: bullets stay, other marks go."""
        return " " * self.indent + f"- {self.text}" if self.bullet else self.text


def unmark(line: str) -> Marked:
    """`line` without quote, heading, bold, link and escape marks."""
    indent = len(line) - len(line.lstrip())
    text = _QUOTE.sub("", line.strip()).strip()
    level = 0
    if text.startswith("<!--") and _COMMENT.match(text):
        return Marked("")
    heading = _HEADING.match(text)
    textile = _TEXTILE_HEADING.match(text) if text.startswith("h") else None
    if heading:
        level, text = len(heading.group("marks")), heading.group("text")
    elif textile:
        level, text = int(textile.group("level")), textile.group("text")
    bullet = _BULLET.match(text)
    if bullet:
        text = text[bullet.end() :]
    whole = _WHOLE_BOLD.match(text)
    if whole and not level:
        level = BOLD_LINE
    text = _BOLD.sub("", text) if "*" in text or "_" in text else text
    if "](" in text:
        text = _LINK.sub(lambda m: m.group("text") or m.group("url"), text)
    if "\\" in text:
        text = _ESCAPE.sub("", text)
    return Marked(text.strip(), level, bool(bullet), indent if bullet else 0)
