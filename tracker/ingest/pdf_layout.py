"""PDF lines -> text lines: which line breaks a PDF's layout made, not its author.

A PDF knows nothing of paragraphs: every line of a wrapped paragraph or
heading ends where the page ran out. Minutes keep their meaning in lines,
though (an item heading starts a line, a decision is a paragraph), so a line
is marked as going on in the next (`WRAPPED`, joined by `normalise`) only
when the layout shows it wrapped:

- both lines have the same font size and weight (a heading in bold or a
  larger size never runs into the text below it),
- the next line follows at the usual line distance for that size (a gap
  means a new paragraph), not to the left of this one, and starts with no
  bullet, nor with a number after a finished sentence (a list item),
- and this line is full: the next line's first word would not have fitted
  at its end, the right edge being the rightmost any line reaches (if that
  is near the right margin, taken as wide as the left one: lines that all
  stop well short of it were never wrapped); or it ends in a hyphenation
  PDFium reported.

Lines laid out in columns (a table row, "Mødedato    15-08-2022") have
their wide gaps as tabs and are never joined. At a page break the last
line in the text's font is compared with the first in that font on the
next page, since the running header and footer between them are removed
later (`normalise` joins a marked line to the next line that is left).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

WRAPPED = "\uffff"  # a noncharacter: never in a document's own text

# Line distances are compared in half points. A size's line distance is the
# smallest of the common distances between its lines on a page (between
# these bounds, in ems): paragraphs set apart by a gap may outnumber the
# lines that wrapped, but their distance is the larger one.
_PITCH_RANGE = (0.8, 3.0)
_COMMON_SHARE = 0.05
_PITCH_TOLERANCE = 1.15
_DEFAULT_PITCH = 1.6  # ems, for a size with too few lines to tell
_MIN_PITCH_SAMPLES = 3
_SIZE_TOLERANCE = 0.5  # points
_SPACE = 0.25  # ems: a space's width, roughly
_EDGE_TOLERANCE = 0.5  # points
_INDENT_TOLERANCE = 1.0  # points
_MARGIN_SLACK = 0.15  # of the page width: how much wider a right margin may be than the left
_BULLET = re.compile(r"^[•◦▪■●·‣⁃∙➢\uf0b7\uf0a7\uf0d8*–-]\s")
_NUMBERED = re.compile(r"^\d+(?:\.\d+)*[.)]\s")
_SENTENCE_END = re.compile(r"[.:;!?]$")


@dataclass(frozen=True)
class Line:
    """One line of a page as PDFium placed it (PDF units: points, y upward).

    `text` has tabs at wide gaps; `first_word` is the width of its first
    word; `hyphenated`: it ends in a hyphen PDFium marked as hyphenation;
    `page_width` is the width of its page.
    """

    text: str
    page_width: float
    left: float
    right: float
    baseline: float
    size: float
    bold: bool
    first_word: float
    hyphenated: bool = False

    @property
    def tabular(self) -> bool:
        return "\t" in self.text


# A page is its lines in reading order, None for a blank line; a page PDFium's
# text could not be placed on is given as its plain text instead.
Page = Sequence[Line | None] | str


def render(pages: Sequence[Page]) -> str:
    """The pages' text, "\\f" between pages, `WRAPPED` ending wrapped lines."""
    placed = [page for page in pages if not isinstance(page, str)]
    lines = [line for page in placed for line in page if line is not None]
    if not lines:
        return "\f".join(page if isinstance(page, str) else "" for page in pages)
    rightmost = max(line.right for line in lines)
    margin = max(line.page_width for line in lines) - min(line.left for line in lines)
    reaches_margin = rightmost >= margin - _MARGIN_SLACK * max(line.page_width for line in lines)
    layout = _Layout(
        edge=rightmost if reaches_margin else None,
        pitches=_pitches(placed),
        body=_body_font(lines),
    )
    wrapped: set[int] = set()  # id() of the lines that go on in the next
    for page in placed:
        for a, b in pairwise(page):
            if a is not None and b is not None and layout.wraps(a, b, same_page=True):
                wrapped.add(id(a))
    for page, following in pairwise(placed):
        a = _last(page, layout.body, reverse=True)
        b = _last(following, layout.body, reverse=False)
        if a is not None and b is not None and layout.wraps(a, b, same_page=False):
            wrapped.add(id(a))
    return "\f".join(
        page
        if isinstance(page, str)
        else "\n".join(
            ""
            if line is None
            else line.text + ("-" if line.hyphenated else "") + (WRAPPED * (id(line) in wrapped))
            for line in page
        )
        for page in pages
    )


@dataclass(frozen=True)
class _Layout:
    edge: float | None  # the rightmost x a line reaches; None: no line is full
    pitches: dict[float, float]  # font size (half points) -> usual line distance
    body: tuple[int, bool]  # the font size and weight of most of the text

    def wraps(self, a: Line, b: Line, *, same_page: bool) -> bool:
        """Whether line `a` is wrapped and `b` goes on with its text."""
        if a.tabular or b.tabular or a.bold != b.bold:
            return False
        if abs(a.size - b.size) > _SIZE_TOLERANCE or b.left < a.left - _INDENT_TOLERANCE:
            return False
        if _BULLET.match(b.text) or (_NUMBERED.match(b.text) and _SENTENCE_END.search(a.text)):
            return False
        if same_page:
            drop = a.baseline - b.baseline
            pitch = self.pitches.get(_half_points(a.size), _DEFAULT_PITCH * a.size)
            if not 0 < drop <= pitch * _PITCH_TOLERANCE:
                return False
        if a.hyphenated:
            return True
        return (
            self.edge is not None
            and a.right + _SPACE * a.size + b.first_word >= self.edge - _EDGE_TOLERANCE
        )


def _body_font(lines: Sequence[Line]) -> tuple[int, bool]:
    """The size and weight most of the text is set in."""
    chars: Counter[tuple[int, bool]] = Counter()
    for line in lines:
        chars[round(line.size), line.bold] += len(line.text)
    return chars.most_common(1)[0][0]


def _half_points(size: float) -> float:
    return round(size * 2) / 2


def _pitches(pages: Sequence[Sequence[Line | None]]) -> dict[float, float]:
    """Each font size's line distance (see `_PITCH_RANGE`)."""
    seen: dict[float, Counter[float]] = {}
    for page in pages:
        for a, b in pairwise(page):
            if a is None or b is None or abs(a.size - b.size) > _SIZE_TOLERANCE:
                continue
            drop = a.baseline - b.baseline
            low, high = _PITCH_RANGE
            if low * a.size <= drop <= high * a.size:
                seen.setdefault(_half_points(a.size), Counter())[_half_points(drop)] += 1
    pitches = {}
    for size, counts in seen.items():
        needed = max(_MIN_PITCH_SAMPLES, _COMMON_SHARE * counts.total())
        common = [drop for drop, count in counts.items() if count >= needed]
        if common:
            pitches[size] = min(common)
    return pitches


def _last(page: Sequence[Line | None], body: tuple[int, bool], *, reverse: bool) -> Line | None:
    """The page's last (or first) line in the body font, skipping the running
    header or footer around it when that is in another font."""
    for line in reversed(page) if reverse else page:
        if line is not None and (round(line.size), line.bold) == body:
            return line
    return None
