"""PDF minutes: the text layer of every page, pages separated by form feeds.

PDFium is fast and keeps reading order well. Besides the text it tells
where each line sits and in what font, which `pdf_layout` needs to tell a
wrapped line from a paragraph's or a heading's end; asking costs a few calls
a line and one a word space, never one a character, so reading a page takes
about twice as long as its text alone (a few ms). Pages are joined
with "\\f" so `normalise` can recognise running headers and footers. A PDF
that cannot be trusted to be complete is refused rather than half read: a
silently missing agenda item is worse than an error.
"""

from __future__ import annotations

import ctypes
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from tracker.ingest.pdf_layout import Line, Page, render
from tracker.ingest.sniff import Unreadable

_DAMAGED = "damaged or truncated PDF"
_EOF_MARKER = b"%%EOF"
_TAIL = 4096  # room for the trailing bytes some producers add after %%EOF
# PDFium ends a line with "\r\n", or with U+FFFE (older builds: U+0002) in
# place of a hyphen it recognised as hyphenation, the break itself dropped.
_LINE_END = re.compile(r"[\ufffe\x02]?(?:\r\n|[\r\n])|[\ufffe\x02]")
_SPACES = re.compile(r" +")
_COLUMN_GAP = 1.5  # ems of empty space between words that make a new column
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_BOLD_WEIGHT = 600
_FORCE_BOLD = 1 << 18  # PDF font descriptor flag
_FONT_NAME_SIZE = 128


def extract(data: bytes) -> str:
    """Return the text of all pages joined by form feeds, wrapped lines marked."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise Unreadable("the PDF is password-protected") from None
        raise Unreadable(_DAMAGED) from None
    try:
        if _EOF_MARKER not in data[-_TAIL:] or len(pdf) == 0:
            raise Unreadable(_DAMAGED)
        pages = [_page(pdf, index) for index in range(len(pdf))]
    finally:
        pdf.close()
    if not any(_has_text(page) for page in pages):
        raise Unreadable("the PDF has no text layer (scanned?); run OCR first")
    return render(pages)


def _has_text(page: Page) -> bool:
    return page.strip() != "" if isinstance(page, str) else any(page)


def _page(pdf: pdfium.PdfDocument, index: int) -> Page:
    """One page's lines, closing what PDFium opened for it."""
    try:
        page = pdf[index]
    except pdfium.PdfiumError:
        raise Unreadable(_DAMAGED) from None
    try:
        textpage = page.get_textpage()
        try:
            return _lines(textpage)
        finally:
            textpage.close()
    except pdfium.PdfiumError:
        raise Unreadable(_DAMAGED) from None
    finally:
        page.close()


def _lines(textpage: pdfium.PdfTextPage) -> Page:
    """The page's lines with their place and font; its plain text when PDFium's
    text does not map one to one onto its characters (then nothing is placed)."""
    text = textpage.get_text_range()
    if len(text) != textpage.count_chars():
        return text
    chars = _Chars(textpage, textpage.page.get_width())
    lines: list[Line | None] = []
    start = 0
    for end in _LINE_END.finditer(text):
        hyphenated = end.group()[0] in "\ufffe\x02"
        lines.append(chars.line(text[start : end.start()], start, hyphenated))
        start = end.end()
    if start < len(text):
        lines.append(chars.line(text[start:], start, False))
    return lines


class _Chars:
    """PDFium's per-character facts, read through preallocated ctypes values."""

    def __init__(self, textpage: pdfium.PdfTextPage, page_width: float) -> None:
        self.textpage = textpage.raw
        self.page_width = page_width
        self.left, self.right = ctypes.c_double(), ctypes.c_double()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        bottom, top = ctypes.c_double(), ctypes.c_double()
        self.box_out = tuple(map(ctypes.byref, (self.left, self.right, bottom, top)))
        self.origin_out = (ctypes.byref(self.x), ctypes.byref(self.y))
        self.flags = ctypes.c_int()
        self.name = ctypes.create_string_buffer(_FONT_NAME_SIZE)

    def box(self, index: int) -> tuple[float, float]:
        """Left and right edge of a character."""
        pdfium_c.FPDFText_GetCharBox(self.textpage, index, *self.box_out)
        return self.left.value, self.right.value

    def baseline(self, index: int) -> float:
        pdfium_c.FPDFText_GetCharOrigin(self.textpage, index, *self.origin_out)
        return self.y.value

    def column_gap(self, index: int, spaces: re.Match[str], size: float) -> bool:
        """Whether the spaces at `index` stand for a wide gap between columns.

        A single space the PDF itself holds is a word space (measuring every
        one would double the cost of reading a page); a gap PDFium filled
        with a space of its own, or a run of spaces, is measured.
        """
        if len(spaces.group()) == 1 and not pdfium_c.FPDFText_IsGenerated(self.textpage, index):
            return False
        before = self.box(index - 1)[1]
        after = self.box(index + len(spaces.group()))[0]
        return after - before > _COLUMN_GAP * size

    def bold(self, index: int) -> bool:
        if pdfium_c.FPDFText_GetFontWeight(self.textpage, index) >= _BOLD_WEIGHT:
            return True
        length = pdfium_c.FPDFText_GetFontInfo(
            self.textpage, index, self.name, _FONT_NAME_SIZE, ctypes.byref(self.flags)
        )
        name = self.name.raw[: max(0, min(length, _FONT_NAME_SIZE) - 1)].decode("latin-1")
        return bool(self.flags.value & _FORCE_BOLD) or bool(_BOLD_NAME.search(name))

    def line(self, content: str, start: int, hyphenated: bool) -> Line | None:
        """The line `content`, whose first character is the page's `start`th;
        None when it is blank."""
        stripped = content.strip()
        if not stripped:
            return None
        first = start + content.index(stripped[0])
        last = first + len(stripped) - 1
        size = pdfium_c.FPDFText_GetFontSize(self.textpage, first)
        left = self.box(first)[0]
        right = self.box(last)[1]
        space = stripped.find(" ")
        first_word = (self.box(first + space - 1)[1] if space > 0 else right) - left
        parts: list[str] = []
        previous = 0
        for gap in _SPACES.finditer(stripped):
            parts.append(stripped[previous : gap.start()])
            parts.append("\t" if self.column_gap(first + gap.start(), gap, size) else gap.group())
            previous = gap.end()
        parts.append(stripped[previous:])
        return Line(
            text="".join(parts),
            page_width=self.page_width,
            left=left,
            right=right,
            baseline=self.baseline(first),
            size=size,
            bold=self.bold(first),
            first_word=first_word,
            hyphenated=hyphenated,
        )
