"""Word minutes: body paragraphs and tables in document order.

python-docx lists paragraphs and tables separately, so the body XML is
walked directly to keep their order. Word's automatic numbering is not in
the text, yet minutes number agenda items and recommendations with it
("1. Godkendelse af dagsorden"), so it is rendered. Where the structure is
all that marks the items (Word heading styles, bold titles, nested bullets),
it is written as Markdown writes it, which is what the minutes parser reads
(`tracker.minutes.markup`): "## Budget" for a paragraph at heading level 2,
"**Budget**" for a line that is bold as a whole, and list paragraphs
indented four spaces a level ("    - point"). Page headers and footers live
in other parts of the package and are never read.

A .docx is a zip archive, and a small one can unpack to gigabytes. Before
python-docx sees it, the XML parts are unpacked here under a cap and handed
over in a stored (uncompressed) copy of the archive; the other parts
(pictures, embedded files) are not text and are handed over empty.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from docx import Document as open_docx
from docx.oxml.ns import qn
from lxml.etree import _Element

from tracker.ingest.sniff import Unreadable

_P, _TBL, _TR, _TC = (qn(t) for t in ("w:p", "w:tbl", "w:tr", "w:tc"))
_SDT, _SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
_T, _TAB, _BR, _CR = (qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr"))
_NO_BREAK_HYPHEN, _SOFT_HYPHEN = qn("w:noBreakHyphen"), qn("w:softHyphen")
_VAL, _NUM_ID, _ILVL = qn("w:val"), qn("w:numId"), qn("w:ilvl")
_R, _R_PR, _B, _R_STYLE = qn("w:r"), qn("w:rPr"), qn("w:b"), qn("w:rStyle")
_STYLE, _STYLE_ID, _NAME, _BASED_ON = (
    qn(t) for t in ("w:style", "w:styleId", "w:name", "w:basedOn")
)
# Paths to the properties read for each paragraph and style, built once.
_P_STYLE, _NUM_PR, _OUTLINE_LVL, _BOLD = (
    f"{qn(parent)}/{qn(tag)}"
    for parent, tag in (
        ("w:pPr", "w:pStyle"),
        ("w:pPr", "w:numPr"),
        ("w:pPr", "w:outlineLvl"),
        ("w:rPr", "w:b"),
    )
)
# Word's heading styles by id or name ("Heading2", "heading 2", Danish
# "Overskrift2"); Word also gives them an outline level, which says the same.
_HEADING_STYLE = re.compile(r"^(?:heading|overskrift)\s*(?P<level>[1-9])$", re.IGNORECASE)
_BODY_TEXT_LEVEL = 9  # w:outlineLvl 9: no heading ("TOC Heading" says so of itself)
_MAX_MARKED_LEVEL = 6  # Markdown's deepest heading
_FALSE = frozenset({"0", "false", "off", "none"})
_INDENT = "    "  # a list level, as Markdown nests lists
# Run content that is not visible body text: properties, deletions, moved-away
# text, drawings and text boxes (mc:AlternateContent holds them twice).
_SKIPPED = frozenset(
    qn(t)
    for t in (
        "w:pPr",
        "w:rPr",
        "w:del",
        "w:moveFrom",
        "w:drawing",
        "w:pict",
        "w:object",
        "w:fldData",
    )
) | {"{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
_TEXT = {_TAB: "\t", _BR: "\n", _CR: "\n", _NO_BREAK_HYPHEN: "-", _SOFT_HYPHEN: "\u00ad"}
# Word's table-of-contents styles ("TOC1", Danish "Indholdsfortegnelse1") end
# each entry in a tab and the page number; the dots are only tab leaders.
_TOC_STYLE = re.compile(r"^(?:toc|indholdsfortegnelse)\s*\d", re.IGNORECASE)
_TOC_PAGE = re.compile(r"\t+\d+\s*$")
# The XML a document may unpack to. The body of a long set of minutes is a
# few MB of XML and python-docx's tree takes several times that in memory;
# 64 MiB keeps a hostile file's cost well under a gigabyte.
_MAX_XML = 64 * 2**20
_MAX_XML_TEXT = f"{_MAX_XML // 2**20} MB"
_CHUNK = 2**20
_XML_SUFFIXES = (".xml", ".rels")
_DAMAGED_ZIP = "damaged .docx (a broken zip archive)"
_MAX_LETTER_COUNTER = 26 * 10  # "a" ... "jjjjjjjjjj"; beyond, digits
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def extract(data: bytes) -> str:
    """Return the body text, one line per paragraph or table row."""
    if not data.startswith(b"PK"):
        raise Unreadable("not a valid .docx file (not a zip archive)")
    unpacked = _unpack(data)
    try:
        document = open_docx(io.BytesIO(unpacked))
        body = document.element.body
        styles = _Styles.from_element(document.part.styles.element)
        numbering = _Numbering(_list_levels(document.part.numbering_part.element), styles)
    except Exception:  # noqa: BLE001 - python-docx raises KeyError, ValueError, XML errors...
        raise Unreadable("damaged .docx (cannot read the Word document)") from None
    if body is None:
        return ""
    return "\n".join(block.marked for block in _blocks(body, numbering))


def _unpack(data: bytes) -> bytes:
    """The archive again, stored, with its XML unpacked under `_MAX_XML`.

    The sizes the archive declares are checked first; then each part is read
    in chunks, which zipfile never lets grow past the declared size (a part
    that lies about it fails its checksum), so no header can make this take
    more memory than the cap.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            declared = sum(m.file_size for m in members if m.filename.endswith(_XML_SUFFIXES))
            if declared > _MAX_XML:
                raise Unreadable(
                    f"the .docx unpacks to {declared / 2**20:.0f} MB of XML; "
                    f"more than {_MAX_XML_TEXT} is refused (a zip bomb?)"
                )
            copy = io.BytesIO()
            with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as stored:
                for member in members:
                    xml = member.filename.endswith(_XML_SUFFIXES)
                    stored.writestr(member.filename, _read(archive, member) if xml else b"")
    # zipfile's ways to say "damaged"; NotImplementedError: an unknown
    # compression method; RuntimeError: an encrypted part.
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
        raise Unreadable(_DAMAGED_ZIP) from None
    return copy.getvalue()


def _read(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """A part's bytes, decompressed a chunk at a time (zipfile's `read` would
    inflate all the compressed data in one go, whatever the header says)."""
    chunks: list[bytes] = []
    with archive.open(member) as part:
        while chunk := part.read(_CHUNK):
            chunks.append(chunk)
    return b"".join(chunks)


class _Block(NamedTuple):
    """A paragraph or table row: its `text` as a table cell holds it (list
    numbers and bullets included), and `marked` with the Markdown marks of
    its structure too."""

    text: str
    marked: str


def _blocks(parent: _Element, numbering: _Numbering) -> Iterator[_Block]:
    """The paragraphs and tables under `parent`, in order."""
    for child in parent:
        if child.tag == _P:
            yield _paragraph(child, numbering)
        elif child.tag == _TBL:
            yield from _table_lines(child, numbering)
        elif child.tag == _SDT:
            for content in child.iterchildren(_SDT_CONTENT):
                yield from _blocks(content, numbering)


def _table_lines(table: _Element, numbering: _Numbering) -> Iterator[_Block]:
    """A row per line, cells joined by a tab.

    A row with a single filled cell is a layout box around ordinary text, so
    its paragraphs stay separate lines, marks and all; a cell of a row is no
    heading.
    """
    for row in table.iterchildren(_TR):
        cells = [list(_blocks(cell, numbering)) for cell in row.iterchildren(_TC)]
        filled = [blocks for blocks in cells if any(block.text.strip() for block in blocks)]
        if len(filled) == 1:
            yield from filled[0]
        elif filled:
            line = "\t".join(
                " ".join(block.text.strip() for block in blocks if block.text.strip())
                for blocks in cells
            )
            yield _Block(line, line)


def _paragraph(paragraph: _Element, numbering: _Numbering) -> _Block:
    """A paragraph's visible text (insertions, links and fields included),
    after its list number or bullet, marked as a heading or as bold lines."""
    styles = numbering.styles
    style_id = _style_id(paragraph) or ""
    parts: list[str] = []
    weights: list[bool] = []
    _collect(paragraph, parts, weights, styles.bold(style_id), styles)
    text = "".join(parts)
    toc = _TOC_STYLE.match(style_id) is not None
    if toc:
        text = _TOC_PAGE.sub("", text)
    prefix = numbering.prefix(paragraph, style_id)
    plain = prefix + text
    level = styles.heading_level(paragraph, style_id)
    if level and text.strip():
        marks = "#" * min(level, _MAX_MARKED_LEVEL)
        indent = len(prefix) - len(prefix.lstrip())
        return _Block(plain, f"{prefix[:indent]}{marks} {prefix[indent:]}{text.lstrip()}")
    if any(weights) and not toc:  # a table of contents lists items, it has none
        return _Block(plain, prefix + _bold_lines(parts, weights))
    return _Block(plain, plain)


def _collect(
    element: _Element, parts: list[str], weights: list[bool], bold: bool, styles: _Styles
) -> None:
    """Append the visible text under `element` to `parts`, in order, and
    to `weights` whether each part is bold (`bold` is the paragraph's)."""
    for child in element:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
            weights.append(bold)
        elif tag in _TEXT:
            parts.append(_TEXT[tag])
            weights.append(False)
        elif tag == _R:
            _collect(child, parts, weights, styles.run_bold(child, bold), styles)
        elif tag not in _SKIPPED:
            _collect(child, parts, weights, bold, styles)


def _bold_lines(parts: list[str], weights: list[bool]) -> str:
    """The text of `parts`, each line whose visible text is all bold as "**line**"."""
    lines: list[tuple[list[str], set[bool]]] = [([], set())]
    for part, weight in zip(parts, weights):
        for index, piece in enumerate(part.split("\n")):
            if index:
                lines.append(([], set()))
            lines[-1][0].append(piece)
            if piece.strip():
                lines[-1][1].add(weight)
    return "\n".join(
        f"**{''.join(pieces).strip()}**" if kinds == {True} else "".join(pieces)
        for pieces, kinds in lines
    )


def _style_id(paragraph: _Element) -> str | None:
    """The paragraph's style id, which carries TOC roles, headings and list numbering."""
    style = paragraph.find(_P_STYLE)
    return None if style is None else style.get(_VAL)


def _is_on(toggle: _Element) -> bool:
    """A toggle property such as w:b: on unless its value says off."""
    return toggle.get(_VAL, "true").lower() not in _FALSE


def _outline_level(element: _Element) -> int | None:
    """The heading level a paragraph's or style's w:outlineLvl gives (0 for
    body text), or None when it has none."""
    outline = element.find(_OUTLINE_LVL)
    if outline is None:
        return None
    level = _int(outline.get(_VAL), _BODY_TEXT_LEVEL)
    return level + 1 if 0 <= level < _BODY_TEXT_LEVEL else 0


def _own_heading_level(style: _Element) -> int | None:
    """A style's heading level by its outline level, else by its id or name."""
    level = _outline_level(style)
    if level is not None:
        return level
    name = style.find(_NAME)
    for label in (style.get(_STYLE_ID) or "", "" if name is None else name.get(_VAL, "")):
        if match := _HEADING_STYLE.match(label):
            return int(match.group("level"))
    return None


def _own_numbering(style: _Element) -> tuple[str | None, int | None] | None:
    """A style's list (numId, ilvl), when it names a list."""
    num_id, ilvl = _num_pr(style)
    return None if num_id is None else (num_id, ilvl)


def _own_bold(style: _Element) -> bool | None:
    """Whether a style sets its text bold, or None when it leaves that to its base."""
    toggle = style.find(_BOLD)
    return None if toggle is None else _is_on(toggle)


_V = TypeVar("_V")


@dataclass
class _Styles:
    """What the document's styles say of a paragraph: its list numbering,
    heading level and boldness, each from the style or the nearest style it
    is based on. Looked up when a paragraph or run first uses a style: a
    document defines many more styles than it uses."""

    by_id: dict[str, _Element]
    _numbering: dict[str, tuple[str | None, int | None] | None] = field(default_factory=dict)
    _headings: dict[str, int | None] = field(default_factory=dict)
    _bold: dict[str, bool | None] = field(default_factory=dict)

    @classmethod
    def from_element(cls, element: _Element) -> _Styles:
        return cls({style.get(_STYLE_ID) or "": style for style in element.iterchildren(_STYLE)})

    def numbering(self, style_id: str) -> tuple[str | None, int | None] | None:
        """The list (numId, ilvl) a paragraph style puts its paragraphs in."""
        return self._inherited(style_id, _own_numbering, self._numbering)

    def bold(self, style_id: str) -> bool:
        """Whether a paragraph style sets its runs bold."""
        bold: bool | None = self._inherited(style_id, _own_bold, self._bold)
        return bold is True

    def _inherited(
        self, style_id: str, own: Callable[[_Element], _V | None], cache: dict[str, _V | None]
    ) -> _V | None:
        if style_id in cache:
            return cache[style_id]
        value: _V | None = None
        current, seen = style_id, set()
        while value is None and current in self.by_id and current not in seen:
            seen.add(current)
            style = self.by_id[current]
            value = own(style)
            parent = style.find(_BASED_ON)
            current = "" if parent is None else parent.get(_VAL) or ""
        cache[style_id] = value
        return value

    def heading_level(self, paragraph: _Element, style_id: str) -> int:
        """The paragraph's heading level (0 for none): its own outline level, else its style's."""
        level = _outline_level(paragraph)
        if level is None:
            level = self._inherited(style_id, _own_heading_level, self._headings) or 0
        return level

    def run_bold(self, run: _Element, paragraph_bold: bool) -> bool:
        """Whether a run is bold: its own w:b, else its character style's, else the paragraph's."""
        properties = run.find(_R_PR)
        if properties is None:
            return paragraph_bold
        toggle = properties.find(_B)
        if toggle is not None:
            return _is_on(toggle)
        style = properties.find(_R_STYLE)
        if style is not None:
            character = self._inherited(style.get(_VAL) or "", _own_bold, self._bold)
            return paragraph_bold if character is None else character
        return paragraph_bold


def _num_pr(element: _Element) -> tuple[str | None, int | None]:
    """numId and ilvl from a paragraph's or style's w:pPr/w:numPr, each None when absent."""
    num_pr = element.find(_NUM_PR)
    if num_pr is None:
        return None, None
    num_id = num_pr.find(_NUM_ID)
    ilvl = num_pr.find(_ILVL)
    return (
        None if num_id is None else num_id.get(_VAL),
        None if ilvl is None else _int(ilvl.get(_VAL), 0),
    )


@dataclass(frozen=True)
class _Level:
    """One level of a Word list: first number, format ("decimal", "bullet"...), label."""

    start: int
    fmt: str
    text: str


@dataclass
class _Numbering:
    """Word list definitions and the running counters of each list."""

    levels: dict[str, dict[int, _Level]]
    styles: _Styles
    # Keyed by numId; None for a paragraph whose list has no w:numId (levels under "").
    counters: dict[str | None, dict[int, int]] = field(default_factory=dict)

    def prefix(self, paragraph: _Element, style_id: str) -> str:
        """The rendered number ("3. ") or bullet ("- ") of a list paragraph,
        indented four spaces a level ("    a) ")."""
        num_id, ilvl = _num_pr(paragraph)
        if num_id is None or ilvl is None:
            style_num_id, style_ilvl = self.styles.numbering(style_id) or (None, None)
            num_id = num_id or style_num_id
            ilvl = ilvl if ilvl is not None else (style_ilvl or 0)
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""  # numId 0 or an unknown list: numbering switched off
        counters = self.counters.setdefault(num_id, {})
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [key for key in counters if key > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return f"{_INDENT * ilvl}- "
        if level.fmt == "none":
            return ""
        label = level.text
        for index, lvl in levels.items():
            placeholder = f"%{index + 1}"
            if placeholder in label:
                value = counters.get(index, lvl.start)
                label = label.replace(placeholder, _format_number(value, lvl.fmt))
        return f"{_INDENT * ilvl}{label} " if label else ""


def _list_levels(numbering: _Element) -> dict[str, dict[int, _Level]]:
    """numId -> ilvl -> level definition, with start overrides applied."""
    abstract: dict[str, dict[int, _Level]] = {}
    for definition in numbering.iterchildren(qn("w:abstractNum")):
        abstract[definition.get(qn("w:abstractNumId")) or ""] = {
            _int(lvl.get(qn("w:ilvl")), 0): _level(lvl)
            for lvl in definition.iterchildren(qn("w:lvl"))
        }
    result: dict[str, dict[int, _Level]] = {}
    for num in numbering.iterchildren(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        abstract_id = "" if ref is None else ref.get(_VAL)
        # A w:abstractNumId without w:val names no definition.
        levels = dict(abstract.get(abstract_id, {})) if abstract_id is not None else {}
        for override in num.iterchildren(qn("w:lvlOverride")):
            ilvl = _int(override.get(qn("w:ilvl")), 0)
            redefined = override.find(qn("w:lvl"))
            if redefined is not None:
                levels[ilvl] = _level(redefined)
            start = override.find(qn("w:startOverride"))
            if start is not None and ilvl in levels:
                old = levels[ilvl]
                levels[ilvl] = _Level(_int(start.get(_VAL), 1), old.fmt, old.text)
        result[num.get(qn("w:numId")) or ""] = levels
    return result


def _level(lvl: _Element) -> _Level:
    """A w:lvl element's start, number format and label pattern ("%1.")."""

    def value(tag: str, default: str) -> str:
        node = lvl.find(qn(tag))
        return default if node is None else node.get(_VAL, default)

    return _Level(
        _int(value("w:start", "1"), 1), value("w:numFmt", "decimal"), value("w:lvlText", "")
    )


def _int(value: str | None, default: int) -> int:
    """A numeric attribute; a hand-edited or damaged one must not stop the import."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _format_number(value: int, fmt: str) -> str:
    """Render a list counter in Word's number format."""
    if fmt in ("lowerLetter", "upperLetter") and 0 < value <= _MAX_LETTER_COUNTER:
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    if not 0 < value < 4000:
        return str(value)
    parts: list[str] = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        parts.append(numeral * count)
    return "".join(parts)
