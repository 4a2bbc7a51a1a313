"""Web-page minutes: the visible text, one line per block, rows as tab-joined cells.

Municipal portals publish minutes as HTML whose structure carries meaning:
headings and paragraphs are lines, the meeting-info table's rows read
"UDVALG<tab>Byrådet", and numbered lists are items ("1. text"). Scripts,
styles and navigation are not minutes and are dropped.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from bs4.element import PageElement, PreformattedString

from tracker.ingest.text import decode as decode_text

_DROPPED = frozenset(
    {"script", "style", "nav", "noscript", "template", "iframe", "svg", "head", "object"}
)
_BLOCKS = frozenset(
    (
        "address article aside blockquote body caption dd details dialog div "
        "dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header "
        "hgroup hr html legend li main ol p pre section summary table tbody "
        "tfoot thead ul"
    ).split()
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CELLS = frozenset({"td", "th"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_META_WINDOW = 4096
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# As browsers do (WHATWG Encoding): "iso-8859-1" and "ascii" mean
# Windows-1252, and a UTF-16 declaration without a BOM means UTF-8.
_WEB_ALIASES = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
# A list item that already carries its number ("140. Godkendelse af
# dagsorden" in a table of contents) must not get a second one.
_OWN_NUMBER = re.compile(r"^\d+(?:\.\d+)*[.):]\s")


def extract(data: bytes) -> str:
    """Return the visible text of an HTML page."""
    soup = BeautifulSoup(_decode(data), "lxml")
    lines = _render(soup)
    title = _squash(soup.title.get_text()) if soup.title else ""
    first_heading = soup.find(_HEADINGS)
    heading = _squash(first_heading.get_text()) if first_heading else ""
    if title and title.casefold() != heading.casefold():
        lines.insert(0, title)
    return "\n".join(lines)


def _decode(data: bytes) -> str:
    """Decode by BOM, then the page's declared charset, then as plain text.

    Decoding here rather than in BeautifulSoup keeps æøå right in pages
    that declare nothing: without a detector library installed, it would
    guess UTF-8 and replace every Windows-1252 letter.
    """
    declared = _META_CHARSET.search(data[:_META_WINDOW])
    if declared and not data.startswith(_BOMS):
        try:
            encoding = codecs.lookup(declared.group(1).decode("ascii")).name
            return data.decode(_WEB_ALIASES.get(encoding, encoding))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: detect as for plain text
    return decode_text(data)


def _squash(text: str) -> str:
    """Collapse HTML whitespace as a browser shows it."""
    return _HTML_SPACE.sub(" ", text).strip()


@dataclass
class _List:
    ordered: bool
    next_number: int


@dataclass
class _Renderer:
    """Turns a tree into lines.

    It walks with an explicit stack: broken pages (hundreds of unclosed
    <div>s) nest deeper than Python's recursion allows.
    """

    lines: list[str] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    marker: str | None = None
    lists: list[_List] = field(default_factory=list)
    pre_depth: int = 0

    def run(self, root: Tag) -> list[str]:
        stack: list[tuple[PageElement, bool]] = [(root, True)]
        while stack:
            node, entering = stack.pop()
            if isinstance(node, Tag):
                if entering:
                    self._enter(node, stack)
                else:
                    self._leave(node)
            elif not isinstance(node, PreformattedString):  # comments, doctype, CDATA
                self._text(str(node))
        self._flush()
        return self.lines

    def _enter(self, tag: Tag, stack: list[tuple[PageElement, bool]]) -> None:
        name = tag.name
        if name in _DROPPED or tag.has_attr("hidden"):
            return
        if name == "br":
            self._flush()
            return
        if name == "tr":
            self._row(tag)
            return
        if name in _BLOCKS:
            self._flush()
        if name in ("ol", "ul"):
            self.lists.append(_List(name == "ol", _int(tag.get("start"), 1)))
        elif name == "li":
            self.marker = self._list_marker(tag)
        elif name == "pre":
            self.pre_depth += 1
        stack.append((tag, False))
        stack.extend((child, True) for child in reversed(tag.contents))

    def _leave(self, tag: Tag) -> None:
        name = tag.name
        if name in _BLOCKS:
            self._flush()
        if name in ("ol", "ul"):
            self.lists.pop()
        elif name == "pre":
            self.pre_depth -= 1

    def _list_marker(self, item: Tag) -> str:
        if not self.lists or not self.lists[-1].ordered:
            return "- "
        current = self.lists[-1]
        number = _int(item.get("value"), current.next_number)
        current.next_number = number + 1
        return f"{number}. "

    def _row(self, row: Tag) -> None:
        """Cells joined by a tab; a row with one filled cell is a layout box."""
        self._flush()
        cells = [_render(cell) for cell in row.find_all(_CELLS, recursive=False)]
        filled = [lines for lines in cells if lines]
        if len(filled) == 1:
            self.lines.extend(filled[0])
        elif filled:
            self.lines.append("\t".join(" ".join(lines) for lines in cells))

    def _text(self, text: str) -> None:
        if self.pre_depth:
            first, *rest = text.split("\n")
            self.parts.append(first)
            for line in rest:
                self._flush()
                self.parts.append(line)
        else:
            self.parts.append(_HTML_SPACE.sub(" ", text))

    def _flush(self) -> None:
        text = "".join(self.parts)
        self.parts.clear()
        text = text.rstrip() if self.pre_depth else _squash(text)
        if not text.strip():
            return
        if self.marker and not _OWN_NUMBER.match(text):
            text = self.marker + text
        self.marker = None
        self.lines.append(text)


def _render(root: Tag) -> list[str]:
    """The lines of `root`'s content, rendered on their own (a table cell)."""
    return _Renderer().run(root)


def _int(value: object, default: int) -> int:
    """An HTML integer attribute, or `default` when absent or malformed."""
    try:
        return int(str(value).strip()) if value is not None else default
    except ValueError:
        return default
