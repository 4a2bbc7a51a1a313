"""Word minutes: body paragraphs and tables in document order.

python-docx lists paragraphs and tables separately, so the body XML is
walked directly to keep their order. Word's automatic numbering is not in
the text, yet minutes number agenda items and recommendations with it
("1. Godkendelse af dagsorden"), so it is rendered. Page headers and
footers live in other parts of the package and are never read.

A .docx is a zip archive, and a small one can unpack to gigabytes. Before
python-docx sees it, the XML parts are unpacked here under a cap and handed
over in a stored (uncompressed) copy of the archive; the other parts
(pictures, embedded files) are not text and are handed over empty.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx import Document as open_docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml.etree import _Element

from tracker.ingest.sniff import Unreadable

_P, _TBL, _TR, _TC = (qn(t) for t in ("w:p", "w:tbl", "w:tr", "w:tc"))
_SDT, _SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
_T, _TAB, _BR, _CR = (qn(t) for t in ("w:t", "w:tab", "w:br", "w:cr"))
_NO_BREAK_HYPHEN, _SOFT_HYPHEN = qn("w:noBreakHyphen"), qn("w:softHyphen")
_VAL, _NUM_ID, _ILVL = qn("w:val"), qn("w:numId"), qn("w:ilvl")
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
        numbering = _Numbering.from_document(document)
    except Exception:  # noqa: BLE001 - python-docx raises KeyError, ValueError, XML errors...
        raise Unreadable("damaged .docx (cannot read the Word document)") from None
    return "" if body is None else "\n".join(_blocks(body, numbering))


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


def _blocks(parent: _Element, numbering: _Numbering) -> Iterator[str]:
    """Lines of the paragraphs and tables under `parent`, in order."""
    for child in parent:
        if child.tag == _P:
            yield numbering.prefix(child) + _paragraph_text(child)
        elif child.tag == _TBL:
            yield from _table_lines(child, numbering)
        elif child.tag == _SDT:
            for content in child.iterchildren(_SDT_CONTENT):
                yield from _blocks(content, numbering)


def _table_lines(table: _Element, numbering: _Numbering) -> Iterator[str]:
    """A row per line, cells joined by a tab.

    A row with a single filled cell is a layout box around ordinary text, so
    its paragraphs stay separate lines.
    """
    for row in table.iterchildren(_TR):
        cells = [list(_blocks(cell, numbering)) for cell in row.iterchildren(_TC)]
        filled = [lines for lines in cells if any(line.strip() for line in lines)]
        if len(filled) == 1:
            yield from filled[0]
        elif filled:
            yield "\t".join(
                " ".join(line.strip() for line in lines if line.strip()) for lines in cells
            )


def _paragraph_text(paragraph: _Element) -> str:
    """Visible text of a paragraph, including insertions, links and fields."""
    parts: list[str] = []
    _collect(paragraph, parts)
    text = "".join(parts)
    if _TOC_STYLE.match(_style_id(paragraph) or ""):
        text = _TOC_PAGE.sub("", text)
    return text


def _collect(element: _Element, parts: list[str]) -> None:
    """Append the visible text under `element` to `parts`, in order."""
    for child in element:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag in _TEXT:
            parts.append(_TEXT[tag])
        elif tag not in _SKIPPED:
            _collect(child, parts)


def _style_id(paragraph: _Element) -> str | None:
    """The paragraph's style id, which carries TOC roles and list numbering."""
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return None if style is None else style.get(_VAL)


def _num_pr(element: _Element) -> tuple[str | None, int | None]:
    """numId and ilvl from a paragraph's or style's w:pPr/w:numPr, each None when absent."""
    num_pr = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
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
    style_numbering: dict[str, tuple[str | None, int | None]]
    # Keyed by numId; None for a paragraph whose list has no w:numId (levels under "").
    counters: dict[str | None, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_document(cls, document: WordDocument) -> _Numbering:
        part = document.part
        return cls(_list_levels(part.numbering_part.element), _style_numbering(part.styles.element))

    def prefix(self, paragraph: _Element) -> str:
        """The rendered number ("3. ") or bullet ("- ") of a list paragraph."""
        num_id, ilvl = _num_pr(paragraph)
        if num_id is None or ilvl is None:
            style_id, style_ilvl = self.style_numbering.get(
                _style_id(paragraph) or "", (None, None)
            )
            num_id = num_id or style_id
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
            return "- "
        if level.fmt == "none":
            return ""
        label = level.text
        for index, lvl in levels.items():
            placeholder = f"%{index + 1}"
            if placeholder in label:
                value = counters.get(index, lvl.start)
                label = label.replace(placeholder, _format_number(value, lvl.fmt))
        return f"{label} " if label else ""


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


def _style_numbering(styles: _Element) -> dict[str, tuple[str | None, int | None]]:
    """Paragraph style id -> numbering it carries, following basedOn."""
    own: dict[str, tuple[str | None, int | None]] = {}
    based_on: dict[str, str] = {}
    for style in styles.iterchildren(qn("w:style")):
        style_id = style.get(qn("w:styleId")) or ""
        own[style_id] = _num_pr(style)
        parent = style.find(qn("w:basedOn"))
        if parent is not None:
            based_on[style_id] = parent.get(_VAL) or ""
    resolved: dict[str, tuple[str | None, int | None]] = {}
    for style_id in own:
        current, seen = style_id, set()
        while current in own and current not in seen and own[current][0] is None:
            seen.add(current)
            current = based_on.get(current, "")
        if current in own and own[current][0] is not None:
            resolved[style_id] = own[current]
    return resolved


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
