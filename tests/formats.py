"""Save one minutes text as PDF, DOCX or HTML, the way real minutes arrive.

Tests use these to check that every format ingests to the same text as the
.txt, so a parser tested on text fixtures also works on what secretaries
import. The PDF gets a repeating page header and a "Side N af M" footer and
a small font, so header/footer removal and page joins are exercised.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from docx import Document as DocxDocument
from fpdf import FPDF

DEFAULT_HEADER = "Referat - Direktionen 15-08-2022"


class _MinutesPdf(FPDF):
    """An FPDF page template with an optional header and page-number footer."""

    def __init__(self, header_text: str | None, page_numbers: bool) -> None:
        super().__init__(format=(148, 210))  # A5: more pages, more page breaks
        self._header_text = header_text
        self._page_numbers = page_numbers

    def header(self) -> None:
        if self._header_text:
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, _cp1252(self._header_text), new_x="LMARGIN", new_y="NEXT")
            self.ln(3)

    def footer(self) -> None:
        if self._page_numbers:
            self.set_y(-12)
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, f"Side {self.page_no()} af {{nb}}", align="C")


def _cp1252(text: str) -> str:
    """Replace what Helvetica's windows-1252 encoding cannot show with "?"."""
    return text.encode("cp1252", errors="replace").decode("cp1252")


def text_to_pdf(
    text: str,
    path: Path,
    *,
    header: str | None = DEFAULT_HEADER,
    footer_page_numbers: bool = True,
) -> Path:
    """Write `text` as a multi-page PDF, one `multi_cell` per line."""
    pdf = _MinutesPdf(header, footer_page_numbers)
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    line_height = 4.0
    for line in text.splitlines():
        if line.strip():
            pdf.multi_cell(0, line_height, _cp1252(line), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(line_height)
    pdf.output(str(path))
    return path


def text_to_docx(text: str, path: Path) -> Path:
    """Write `text` as a .docx, one paragraph per line, with a page header and footer."""
    document = DocxDocument()
    section = document.sections[0]
    section.header.paragraphs[0].text = DEFAULT_HEADER
    section.footer.paragraphs[0].text = "Side 1 af 1"
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def text_to_html(text: str, path: Path) -> Path:
    """Write `text` as a UTF-8 web page, one <p> per line."""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n'
        f"<body>\n{body}\n</body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
    return path


_HEADING = re.compile(r"^(?P<marks>#{1,6}) (?P<text>.+)$")
_BOLD = re.compile(r"^\*\*(?P<text>.+)\*\*$")


def marked_to_html(text: str, path: Path) -> Path:
    """Write Markdown-marked `text` as a web page: "## Budget" as an <h2>,
    "**Budget**" as a bold paragraph, every other line as a paragraph."""
    blocks: list[str] = []
    for line in text.splitlines():
        if heading := _HEADING.match(line):
            level = len(heading.group("marks"))
            blocks.append(f"<h{level}>{html.escape(heading.group('text'))}</h{level}>")
        elif bold := _BOLD.match(line):
            blocks.append(f"<p><b>{html.escape(bold.group('text'))}</b></p>")
        else:
            blocks.append(f"<p>{html.escape(line)}</p>")
    body = "\n".join(blocks)
    head = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>'
    path.write_text(f"{head}\n<body>\n{body}\n</body></html>\n", encoding="utf-8")
    return path


def marked_to_docx(text: str, path: Path) -> Path:
    """Write Markdown-marked `text` as a .docx: "## Budget" in Word's
    "Heading 2" style, "**Budget**" as a paragraph of one bold run, every
    other line as a plain paragraph."""
    document = DocxDocument()
    for line in text.splitlines():
        if heading := _HEADING.match(line):
            document.add_heading(heading.group("text"), level=len(heading.group("marks")))
        elif bold := _BOLD.match(line):
            document.add_paragraph().add_run(bold.group("text")).bold = True
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


def typeset_pdf(
    blocks: list[tuple[str, float, bool]],
    path: Path,
    *,
    width: float,
    header: str | None = DEFAULT_HEADER,
) -> Path:
    """Write paragraphs as a word processor lays them out, `width` mm wide.

    Each block is (text, font size, bold). Lines are filled greedily, so
    every line but a paragraph's last is full; "|" in a word marks where it
    may be hyphenated when it does not fit ("foran|dring"). Paragraphs are
    set apart by half a line, headings by a line; the A5 pages have a
    running `header` and a "Side N af M" footer in a smaller font.
    """
    pdf = _MinutesPdf(header, page_numbers=True)
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(15, 15, 148 - 15 - width)
    pdf.add_page()
    for text, size, bold in blocks:
        pdf.set_font("Helvetica", "B" if bold else "", size)
        height = size * 0.45
        pdf.ln(height if bold else height / 2)
        for line in _fill(pdf, text.split(), width):
            pdf.cell(0, height, _cp1252(line), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def _fill(pdf: FPDF, words: list[str], width: float) -> list[str]:
    """Greedy line filling with hyphenation at "|" (see `typeset_pdf`)."""
    lines: list[str] = []
    line = ""
    words = list(words)
    while words:
        word = words.pop(0)
        candidate = f"{line} {word.replace('|', '')}".strip()
        if pdf.get_string_width(candidate) <= width:
            line = candidate
            continue
        head, bar, tail = word.partition("|")
        head = head if head.endswith("-") else f"{head}-"  # "EU-|udbud" breaks at its hyphen
        if bar and pdf.get_string_width(f"{line} {head}".strip()) <= width:
            lines.append(f"{line} {head}".strip())
            line = tail.replace("|", "")
        else:
            lines.append(line)
            line = word.replace("|", "")
    return [*lines, line] if line else lines
