"""Web-page minutes: the visible text, one line per block, rows as tab-joined cells.

Municipal portals publish minutes as HTML whose structure carries meaning:
headings and paragraphs are lines, `<br>` breaks a line, the meeting-info
table's rows read "UDVALG<tab>Byrådet", and numbered lists are items
("1. text"). Where the structure is all that marks the items (unnumbered
headings, bold titles, one nested list), it is written as Markdown writes
it, which is what the minutes parser reads (`tracker.minutes.markup`):
"## Budget" for an <h2>, "**Budget**" for a line that is bold as a whole,
and list items indented four spaces a level ("    - point"). Scripts,
styles and the site around the minutes are not minutes and are dropped:
the page's banner, navigation, breadcrumbs, sidebars, footer, cookie banner
and buttons such as "Til toppen" or "Fold alle ud".
When the page marks its content (`<main>`, or `<article>`s holding most of
its text), only that is read.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from bs4 import BeautifulSoup, Tag
from bs4.element import PageElement, PreformattedString

from tracker.ingest.text import decode as decode_text

# Elements that never hold minutes text: code, embedded things, form
# controls whose option lists would read as lines, and sidebars.
_DROPPED = frozenset(
    {"script", "style", "nav", "noscript", "template", "iframe", "svg", "head", "object"}
    | {"aside", "select", "datalist"}
)
_BLOCKS = frozenset(
    (
        "address article aside blockquote body caption center dd details dialog "
        "div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header "
        "hgroup hr html legend li main menu ol p pre section summary table tbody "
        "tfoot thead ul"
    ).split()
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BOLD_TAGS = frozenset({"b", "strong"})
# A style's font weight: bold (True), normal (False); other values say nothing.
_FONT_WEIGHT = re.compile(r"font-weight\s*:\s*([a-z0-9]+)", re.IGNORECASE)
_BOLD_WEIGHTS = frozenset({"bold", "bolder", "600", "700", "800", "900"})
_NORMAL_WEIGHTS = frozenset({"normal", "lighter", "100", "200", "300", "400", "500"})
_INDENT = "    "  # a list level, as Markdown nests lists
_CELLS = frozenset({"td", "th"})
# A <header> or <footer> outside these is the site's banner or footer (as
# ARIA defines them); inside, it is the heading or byline of the content.
_SECTIONING = frozenset({"article", "main", "section"})
_SECTIONING_ROLES = frozenset({"article", "main", "region"})
# ARIA roles of the site around the content.
_FURNITURE_ROLES = frozenset({"banner", "navigation", "contentinfo", "complementary", "search"})
# Substrings of an id, class or aria-label that mark site furniture: cookie
# and consent banners (Cookiebot, Cookie Information, ...) and breadcrumbs.
_FURNITURE_MARKERS = ("cookie", "consent", "gdpr", "breadcrumb", "brødkrumme", "brodkrumme")
# What a link or button says when it only works the page (casefolded,
# spaces squashed). Item titles in accordion buttons are kept.
_UI_PHRASES = frozenset(
    {
        "til toppen",
        "tilbage til toppen",
        "gå til toppen",
        "fold alle ud",
        "fold alle sammen",
        "fold alt ud",
        "fold alt sammen",
        "fold ud",
        "fold sammen",
        "åbn alle",
        "luk alle",
        "vis alle",
        "skjul alle",
        "spring til indhold",
        "gå til indhold",
        "gå til hovedindhold",
        "udskriv",
        "print",
        "back to top",
        "to top",
        "expand all",
        "collapse all",
        "skip to content",
        "skip to main content",
    }
)
_CONTROLS = frozenset({"a", "button"})
_CONTROL_ROLES = frozenset({"button", "link"})
_CONTROL_NODES = 12  # elements and strings in a control worth reading (icon, label...)
# Marked content is read alone only when it holds at least this share of the
# page's text: an <article> may also be a teaser beside the real content.
_CONTENT_SHARE = 0.5
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
    content = _content(soup)
    lines = _Renderer().run(content)
    title = _squash(soup.title.get_text()) if soup.title else ""
    first_heading = next(
        (found for root in content if (found := root.find(_HEADINGS)) is not None), None
    )
    heading = _squash(first_heading.get_text()) if first_heading else ""
    if title and title.casefold() != heading.casefold():
        lines.insert(0, title)
    return "\n".join(lines)


def _content(soup: BeautifulSoup) -> list[Tag]:
    """The elements that hold the minutes: the page's <main>, its outermost
    <article>s when they hold most of the text, or else the whole page."""
    main = soup.find("main") or soup.find(True, role="main")
    if isinstance(main, Tag) and main.get_text().strip():
        return [main]
    articles = _outermost(soup, "article")
    if articles:
        page = len(_squash(soup.get_text()))
        marked = sum(len(_squash(tag.get_text())) for tag in articles)
        if page and marked >= _CONTENT_SHARE * page:
            return articles
    return [soup]


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


def _is_sectioning(tag: Tag) -> bool:
    """Whether a <header> or <footer> inside `tag` belongs to content."""
    return tag.name in _SECTIONING or tag.get("role") in _SECTIONING_ROLES


def _outermost(root: Tag, name: str) -> list[Tag]:
    """The `name` elements under `root` that are not inside another one."""
    found: list[Tag] = []
    stack = [root]
    while stack:
        tag = stack.pop()
        if tag.name == name:
            found.append(tag)
        else:
            stack.extend(child for child in reversed(tag.contents) if isinstance(child, Tag))
    return found


def _short_text(tag: Tag) -> str:
    """A control's text, read only as far as a UI phrase could go: a control
    nested in a thousand others must not cost a walk of all of them (nor may
    bs4's `descendants`, which first finds the last one)."""
    parts: list[str] = []
    stack: list[PageElement] = list(reversed(tag.contents))
    for _ in range(_CONTROL_NODES):
        if not stack:
            break
        node = stack.pop()
        if isinstance(node, Tag):
            stack.extend(reversed(node.contents))
        elif not isinstance(node, PreformattedString):
            parts.append(str(node))
    return _squash("".join(parts)).casefold()


@dataclass
class _List:
    ordered: bool
    next_number: int


class _Line(NamedTuple):
    """A line and the structure it stands in: a heading's level, a list
    item's marker ("- ", "3. ") and nesting depth, whether it is all bold."""

    text: str
    heading: int = 0
    marker: str = ""
    depth: int = 0
    bold: bool = False

    def marked(self) -> str:
        """The line with its structure written as Markdown marks."""
        indent, text = _INDENT * self.depth, self.text
        if self.heading:
            return f"{indent}{'#' * self.heading} {self.marker}{text}"
        return f"{indent}{self.marker}**{text}**" if self.bold else f"{indent}{self.marker}{text}"

    def plain(self) -> str:
        """The line as a table cell holds it: a cell of a row is no heading."""
        return self.marker + self.text


@dataclass
class _Frame:
    """The lines being built for the page, or for one table cell."""

    lines: list[_Line] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    marker: str | None = None
    depth: int = 0  # of the list item `marker` belongs to
    heading: int = 0  # the level of the heading being read
    lists: list[_List] = field(default_factory=list)
    pre_depth: int = 0
    bold: bool = False  # some of `parts` is visible bold text
    plain: bool = False  # some of `parts` is visible text that is not bold


# What the walk does with a stack entry: open or close an element, or open or
# close a table cell or close a row (cells gather their lines apart; the row
# joins them).
_ENTER, _LEAVE, _ENTER_CELL, _LEAVE_CELL, _LEAVE_ROW = range(5)


@dataclass
class _Renderer:
    """Turns a tree into lines.

    It walks with explicit stacks, tables included: broken pages (hundreds of
    unclosed <div>s or <table>s) nest deeper than Python's recursion allows.
    """

    frames: list[_Frame] = field(default_factory=lambda: [_Frame()])
    rows: list[list[list[_Line]]] = field(default_factory=list)
    sectioning: int = 0
    weights: list[bool] = field(default_factory=list)  # bold or not, innermost last

    @property
    def frame(self) -> _Frame:
        return self.frames[-1]

    def run(self, roots: Iterable[Tag]) -> list[str]:
        stack: list[tuple[PageElement, int]] = [(root, _ENTER) for root in reversed(list(roots))]
        while stack:
            node, action = stack.pop()
            if action == _ENTER_CELL:  # a hidden cell still holds its column
                assert isinstance(node, Tag)
                self.frames.append(_Frame())
                stack.append((node, _LEAVE_CELL))
                if not self._is_furniture(node):
                    stack.extend((child, _ENTER) for child in reversed(node.contents))
            elif action == _LEAVE_CELL:
                self._flush()
                self.rows[-1].append(self.frames.pop().lines)
            elif action == _LEAVE_ROW:
                self._row(self.rows.pop())
            elif isinstance(node, Tag):
                if action == _ENTER:
                    self._enter(node, stack)
                else:
                    self._leave(node)
            elif not isinstance(node, PreformattedString):  # comments, doctype, CDATA
                self._text(str(node))
        self._flush()
        return [line.marked() for line in self.frame.lines]

    def _enter(self, tag: Tag, stack: list[tuple[PageElement, int]]) -> None:
        name = tag.name
        if self._is_furniture(tag):
            return
        if name == "br":
            self._flush()
            return
        if name == "tr":
            self._flush()
            self.rows.append([])
            stack.append((tag, _LEAVE_ROW))
            for cell in reversed([child for child in tag.children if isinstance(child, Tag)]):
                if cell.name in _CELLS:
                    stack.append((cell, _ENTER_CELL))
            return
        if name in _BLOCKS:
            self._flush()
        if _is_sectioning(tag):
            self.sectioning += 1
        weight = _weight(tag)
        if weight is not None:
            self.weights.append(weight)
        if name in ("ol", "ul"):
            self.frame.lists.append(_List(name == "ol", _int(tag.get("start"), 1)))
        elif name == "li":
            self.frame.marker = self._list_marker(tag)
            self.frame.depth = max(len(self.frame.lists) - 1, 0)
        elif name in _HEADINGS:
            self.frame.heading = int(name[1])
        elif name == "pre":
            self.frame.pre_depth += 1
        stack.append((tag, _LEAVE))
        stack.extend((child, _ENTER) for child in reversed(tag.contents))

    def _leave(self, tag: Tag) -> None:
        name = tag.name
        if name in _BLOCKS:
            self._flush()
        if _is_sectioning(tag):
            self.sectioning -= 1
        if _weight(tag) is not None:
            self.weights.pop()
        if name in ("ol", "ul"):
            self.frame.lists.pop()
        elif name in _HEADINGS:
            self.frame.heading = 0  # an empty heading marks nothing after it
        elif name == "pre":
            self.frame.pre_depth -= 1

    def _is_furniture(self, tag: Tag) -> bool:
        """Whether an element is not minutes: hidden, code, or the site around them."""
        name = tag.name
        if name in _DROPPED or (name in ("header", "footer") and not self.sectioning):
            return True
        attrs = tag.attrs
        role = attrs.get("role")
        if attrs:
            if "hidden" in attrs or role in _FURNITURE_ROLES:
                return True
            labels = " ".join(
                " ".join(value) if isinstance(value, list) else str(value)
                for attribute in ("id", "class", "aria-label")
                if (value := attrs.get(attribute)) is not None
            ).casefold()
            if labels and any(marker in labels for marker in _FURNITURE_MARKERS):
                return True
        if name in _CONTROLS or role in _CONTROL_ROLES:
            return _short_text(tag) in _UI_PHRASES
        return False

    def _list_marker(self, item: Tag) -> str:
        lists = self.frame.lists
        if not lists or not lists[-1].ordered:
            return "- "
        current = lists[-1]
        number = _int(item.get("value"), current.next_number)
        current.next_number = number + 1
        return f"{number}. "

    def _row(self, cells: list[list[_Line]]) -> None:
        """Cells joined by a tab; a row with one filled cell is a layout box."""
        filled = [lines for lines in cells if lines]
        if len(filled) == 1:
            self.frame.lines.extend(filled[0])
        elif filled:
            row = "\t".join(" ".join(line.plain() for line in lines) for lines in cells)
            self.frame.lines.append(_Line(row))

    def _text(self, text: str) -> None:
        frame = self.frame
        if frame.pre_depth:
            first, *rest = text.split("\n")
            frame.parts.append(first)
            for line in rest:
                self._flush()
                frame.parts.append(line)
        else:
            frame.parts.append(_HTML_SPACE.sub(" ", text))
            if not text.isspace():
                if self.weights and self.weights[-1]:
                    frame.bold = True
                else:
                    frame.plain = True

    def _flush(self) -> None:
        frame = self.frame
        text = "".join(frame.parts)
        frame.parts.clear()
        bold = frame.bold and not frame.plain and not frame.pre_depth
        frame.bold = frame.plain = False
        text = text.rstrip() if frame.pre_depth else _squash(text)
        if not text.strip():
            return
        marker = frame.marker if frame.marker and not _OWN_NUMBER.match(text) else ""
        depth = frame.depth if frame.marker else 0
        frame.lines.append(_Line(text, frame.heading, marker, depth, bold))
        frame.marker = None
        frame.heading = 0  # a heading's further lines (after a <br>) are its text


def _weight(tag: Tag) -> bool | None:
    """Whether an element sets its text bold (True) or not bold (False), or
    leaves the weight as it was (None)."""
    if tag.name in _BOLD_TAGS:
        return True
    style = tag.attrs.get("style") if tag.attrs else None
    weight = _FONT_WEIGHT.search(str(style)) if style else None
    if weight is None:
        return None
    value = weight.group(1).lower()
    if value in _BOLD_WEIGHTS:
        return True
    return False if value in _NORMAL_WEIGHTS else None


def _int(value: object, default: int) -> int:
    """An HTML integer attribute, or `default` when absent or malformed."""
    try:
        return int(str(value).strip()) if value is not None else default
    except ValueError:
        return default
