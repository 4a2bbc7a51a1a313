"""Clean extracted text so every format reads like one plain minutes text.

PDF, DOCX and HTML each leave their own debris: page headers and footers,
bullet glyphs (or the "?" a lost glyph becomes), table-of-contents dot
leaders, words hyphenated at line ends, odd spaces and ligatures. The
minutes parser should see none of it, and should see the same text whatever
the format was. `normalise` is pure and idempotent, and errs on the side of
keeping text: a header left in is a nuisance, a lost agenda line is a bug.

A PDF's lines that its layout wrapped end in `WRAPPED` (see `pdf_layout`);
once the page furniture is gone they are joined to the next line, so a
paragraph or a heading is one line again, as in the other formats.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from tracker.ingest.pdf_layout import WRAPPED

_LIGATURES = "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
_ODD_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# PDFium reports a hyphen that ended a line as U+FFFE (older builds: U+0002)
# and drops the line break; both are restored, and the hyphenation rule
# below decides whether the word is joined.
_PDFIUM_HYPHENS = "\ufffe\x02"
_INVISIBLE = "\u200b\u2060\ufeff"
_CONTROLS = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\f\x0b" + _PDFIUM_HYPHENS)

_CHAR_MAP: dict[str, str] = {
    **{c: unicodedata.normalize("NFKC", c) for c in _LIGATURES},
    **{c: " " for c in _ODD_SPACES},
    **{c: "" for c in _INVISIBLE + _CONTROLS},
    **{c: "\n" for c in "\x0b\u2028\u2029\x85"},
    **{c: "-\n" for c in _PDFIUM_HYPHENS},
}
# A regex finds the few odd characters far faster than str.translate walks
# every character of a long text.
_ODD_CHARS = re.compile("[" + re.escape("".join(_CHAR_MAP)) + "]")

_NEWLINES = re.compile(r"\r\n?")
# "<br />" left as text where a web viewer's page was copied as text: a line
# break, except in a table's row ("| 7 | Plan<br>Budget |"), which it would cut.
_LITERAL_BREAK = re.compile(r"[ \t]*<br[ \t]*/?>[ \t]*", re.IGNORECASE)
_LITERAL_BREAKS_IN_CELL = re.compile(r"(?:[ \t]*<br[ \t]*/?>)+[ \t]*", re.IGNORECASE)
_TABLE_ROW = re.compile(r"^[ \t]*\||\t")
# A soft hyphen is a hyphenation point: at a line end it joins the word.
_SOFT_HYPHEN_AT_EOL = re.compile("\u00ad[ \t]*\n[ \t]*(?=\\S)")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)

# A bullet at line start: an unambiguous glyph (space optional), an ambiguous
# character that is only a bullet when followed by a space ("*", en dash, "-",
# and the "?" PDF extraction leaves for a glyph it could not map), or Word's
# "o" + tab. A lost glyph after a real dash ("- ? text") goes too.
_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?:[•◦▪■●·‣⁃∙➢\uf0b7\uf0a7\uf0d8][ \t]*|[-*–?][ \t]+|o\t[ \t]*)(?:\?[ \t]+)?(?=\S)",
    re.MULTILINE,
)
# A table-of-contents leader and page number ending a line: dots or
# ellipses, then the number. Starting with the dot keeps the search fast;
# `_strip_leader` checks that a title precedes it.
_DOT_LEADER = re.compile(r"(?:\.{4,}|…{2,}|\.(?:[ \t]\.){2,})[ \t.…]*\d+[ \t]*$", re.MULTILINE)
# A word hyphenated at a line end: a letter before the hyphen (checked in
# `_join_hyphenated`; a leading literal keeps the search fast), the next line
# starting with a lower-case letter. Conjunctions mark a suspended compound
# ("dagtilbuds- og ældreområdet"), whose hyphen must stay.
_HYPHENATED = re.compile(r"-\n[ \t]*(?=(\w+))")
_KEEP_HYPHEN_BEFORE = frozenset(
    {"og", "eller", "samt", "men", "hhv", "henholdsvis", "and", "or", "nor", "to", "til"}
)
# A wrapped line's end and the break after it (with any blank lines the page
# furniture left), and a hyphen ending the line (not a dash after a space).
_WRAP = re.compile(f"(?:(?<=\\S)-)?{WRAPPED}[ \t]*(?:\n[ \t]*)*(?=(\\w+)?)")
_BLANK_RUNS = re.compile(r"\n{4,}")

# Lines that are only a page number, wherever a page starts or ends. "3/12"
# is not one: it is how Danish case numbers look ("22/591").
_PAGE_LABEL = re.compile(r"^(?:side|page)[ \t]*\d+(?:[ \t]*(?:af|of|/)[ \t]*\d+)?$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:[-–][ \t]*\d+[ \t]*[-–]|\d+)$")
_SENTENCE_END = re.compile(r"[.!?:;]$")
_DIGITS = re.compile(r"\d+")
_HAS_LETTERS = re.compile(r"[^\W\d_]{2}")
# Item headings share a shape once digits are masked ("Punkt #: Lukket"), so a
# page-per-item layout would make them look like running headers.
_ITEM_HEADING = re.compile(r"^(?:punkt|pkt|sag|item|agenda item|minute)\b|^#[.:)]", re.IGNORECASE)

_EDGE_LINES = 3


def normalise(text: str) -> str:
    """Return `text` with "\\n" line ends, NFC, and extraction debris removed."""
    text = _NEWLINES.sub("\n", text)
    if "<" in text:
        text = "\n".join(_literal_breaks(line) for line in text.split("\n"))
    text = _ODD_CHARS.sub(lambda match: _CHAR_MAP[match.group()], text)
    text = unicodedata.normalize("NFC", text)
    text = _SOFT_HYPHEN_AT_EOL.sub("", text)
    text = text.replace("\u00ad", "")
    text = _remove_page_furniture(text)
    if WRAPPED in text:  # only a PDF's text has it: spare the others the search
        text = _WRAP.sub(_join_wrapped, text)
    text = _BULLET.sub(_bullet, text)
    text = _DOT_LEADER.sub(_strip_leader, text)
    text = _TRAILING_SPACE.sub("", text)
    text = _HYPHENATED.sub(_join_hyphenated, text)
    text = _BLANK_RUNS.sub("\n\n", text)
    text = text.strip("\n")
    return f"{text}\n" if text else ""


def _literal_breaks(line: str) -> str:
    """A line with its "<br>" tags as line breaks, or as spaces in a table row."""
    if "<" not in line:
        return line
    if _TABLE_ROW.search(line):
        return _LITERAL_BREAKS_IN_CELL.sub(" ", line)
    return _LITERAL_BREAK.sub("\n", line)


def _bullet(match: re.Match[str]) -> str:
    """A bullet as "- ", indented as it was (a tab as four spaces): the depth
    tells an agenda's points from the notes under them."""
    return match.group("indent").replace("\t", "    ") + "- "


def _strip_leader(match: re.Match[str]) -> str:
    """Drop a dot leader and page number, but only after a title."""
    line_start = match.string.rfind("\n", 0, match.start()) + 1
    title = match.string[line_start : match.start()]
    return "" if title.strip() else match.group()


def _join_hyphenated(match: re.Match[str]) -> str:
    """Join a word hyphenated at a line end.

    Only when the next line goes on in lower case and not with a conjunction.
    After a capital the hyphen is part of the word ("EU-udbud"), so it stays.
    """
    start = match.start()
    before = match.string[start - 1] if start else ""
    word = match.group(1)
    if not before.isalpha() or not word[0].islower() or word.lower() in _KEEP_HYPHEN_BEFORE:
        return match.group(0)
    return "-" if before.isupper() else ""


def _join_wrapped(match: re.Match[str]) -> str:
    """Join a line its layout wrapped to the next one.

    Words join with a space. A hyphen ending the line goes when it split a
    word ("foran-" "dring"), stays with no space in a word that has one
    ("EU-udbud", "2024-2025", "Nord-Amerika"), and keeps its space before a
    conjunction ("Teknik- og Miljøudvalget").
    """
    hyphen = match.group().startswith("-")
    if match.end() == len(match.string):
        return "-" if hyphen else ""
    if not hyphen:
        return " "
    before = match.string[match.start() - 1]
    word = match.group(1)
    if word is not None and word.lower() in _KEEP_HYPHEN_BEFORE:
        return "- "
    if word is None or not before.isalpha() or before.isupper() or not word[0].islower():
        return "-"
    return ""


def _remove_page_furniture(text: str) -> str:
    """Drop running headers, footers and page numbers; join pages with "\\n".

    Pages are separated by form feeds. Lines are peeled off each page's top
    and bottom while they are page numbers or lines that repeat at the same
    place on at least half the pages, so a repeated line inside the text, or
    below a page's first real line, survives.
    """
    pages = [page.split("\n") for page in text.split("\f")]
    if len(pages) == 1:
        return _peel(pages[0], 0, _Edge.empty(), _Edge.empty(), paged=False)
    content = [[line for line in lines if line.strip()] for lines in pages]
    needed = max(2, math.ceil(sum(1 for lines in content if lines) / 2))
    inner = {_squash(line) for lines in content for line in lines[_EDGE_LINES:-_EDGE_LINES]}
    top = _Edge.learn([lines[:_EDGE_LINES] for lines in content], needed, inner)
    bottom = _Edge.learn([lines[::-1][:_EDGE_LINES] for lines in content], needed, inner)
    return "\n".join(
        _peel(lines, index, top, bottom, paged=True) for index, lines in enumerate(pages)
    )


@dataclass(frozen=True)
class _Edge:
    """What repeats at one edge of the pages, by distance from the edge.

    `verbatim` holds (position, line). `numbered` holds lines equal only
    once digits are masked, such as "Referat 15-08-2022 - side 3": one of
    their numbers must run with the page (number - page index constant),
    or lines like "Linje 4 ..." and "Linje 9 ..." would pass as a header.
    A line that also occurs away from the page edges, or ends like a
    sentence, is content that happens to end many pages ("Godkendt.", a
    "Beslutning ..." heading) and never counts.
    """

    verbatim: frozenset[tuple[int, str]]
    numbered: dict[tuple[int, str], tuple[int, int]]

    @classmethod
    def empty(cls) -> _Edge:
        return cls(frozenset(), {})

    @classmethod
    def learn(cls, zones: list[list[str]], needed: int, inner: set[str]) -> _Edge:
        """Learn from each page's edge lines, nearest first; `inner` lines are content."""
        verbatim: Counter[tuple[int, str]] = Counter()
        numbered: Counter[tuple[int, str, int, int]] = Counter()
        for page, zone in enumerate(zones):
            for position, line in enumerate(zone):
                squashed = _squash(line)
                if squashed in inner or _SENTENCE_END.search(squashed):
                    continue
                verbatim[position, squashed] += 1
                if _may_be_numbered(squashed):
                    mask = _DIGITS.sub("#", squashed)
                    numbered.update(
                        (position, mask, index, int(number) - page)
                        for index, number in enumerate(_DIGITS.findall(squashed))
                    )
        rules: dict[tuple[int, str], tuple[int, int]] = {}
        for (position, mask, index, offset), count in numbered.items():
            if count >= needed:
                rules.setdefault((position, mask), (index, offset))
        return cls(frozenset(key for key, count in verbatim.items() if count >= needed), rules)

    def holds(self, line: str, position: int, page: int) -> bool:
        squashed = _squash(line)
        if (position, squashed) in self.verbatim:
            return True
        rule = self.numbered.get((position, _DIGITS.sub("#", squashed)))
        if rule is None:
            return False
        index, offset = rule
        return int(_DIGITS.findall(squashed)[index]) - page == offset


def _may_be_numbered(line: str) -> bool:
    """Whether a line may be a page-numbered header: words, and no item heading.

    Pages of closed items ("Punkt 4: Lukket", "Punkt 5: Lukket") and case
    numbers ("22/591") also vary only in digits, in step with the pages.
    """
    return bool(_HAS_LETTERS.search(line)) and not _ITEM_HEADING.match(line)


def _peel(lines: list[str], page: int, top: _Edge, bottom: _Edge, *, paged: bool) -> str:
    """One page's text without the furniture at its top and bottom edge.

    `position` counts the non-blank lines already peeled, which is the
    distance from the edge that `_Edge` learned lines at.
    """
    start, end = 0, len(lines)
    position = 0
    while start < end and position <= _EDGE_LINES:
        if lines[start].strip():
            if not _is_furniture(lines[start], position, top, page, paged):
                break
            position += 1
        start += 1
    position = 0
    while end > start and position <= _EDGE_LINES:
        if lines[end - 1].strip():
            if not _is_furniture(lines[end - 1], position, bottom, page, paged):
                break
            position += 1
        end -= 1
    return "\n".join(lines[start:end])


def _is_furniture(line: str, position: int, edge: _Edge, page: int, paged: bool) -> bool:
    """Tell whether an edge line is a page number or a running header/footer."""
    squashed = _squash(line)
    if _PAGE_LABEL.match(squashed):
        return True
    return paged and (_PAGE_NUMBER.match(squashed) is not None or edge.holds(line, position, page))


def _squash(line: str) -> str:
    """Collapse whitespace, so lines differing only in spacing compare equal."""
    return " ".join(line.split())
