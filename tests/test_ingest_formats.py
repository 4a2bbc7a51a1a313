"""Format details: Word numbering, tables and page furniture; HTML structure."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph
from fpdf import FPDF

from tests.formats import typeset_pdf
from tracker.ingest import read_bytes, read_document

W = nsdecls("w")
LIST_DEFINITIONS = f"""
<w:abstractNum {W} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>
"""
LISTS = [
    f'<w:num {W} w:numId="91"><w:abstractNumId w:val="90"/></w:num>',
    f"""<w:num {W} w:numId="92"><w:abstractNumId w:val="90"/>
      <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>""",
]


def _numbered(document: DocxDocument, text: str, num_id: int, ilvl: int = 0) -> Paragraph:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )
    return paragraph


def test_docx_numbering_tables_and_order(tmp_path: Path) -> None:
    document = DocxDocument()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(LIST_DEFINITIONS))
    for num in LISTS:
        numbering.append(parse_xml(num))
    section = document.sections[0]
    section.header.paragraphs[0].text = "Referat - Direktionen 15-08-2022"
    section.footer.paragraphs[0].text = "Side 1 af 1"

    document.add_paragraph("REFERAT Direktionen")
    table = document.add_table(rows=2, cols=2)
    for row, (label, value) in zip(table.rows, [("Mødedato", "15-08-2022"), ("Mødested", "B105")]):
        row.cells[0].text, row.cells[1].text = label, value
    _numbered(document, "Godkendelse af dagsorden", 91)
    _numbered(document, "Budget", 91)
    _numbered(document, "første underpunkt", 91, ilvl=1)
    _numbered(document, "andet underpunkt", 91, ilvl=1)
    _numbered(document, "en status", 91, ilvl=2)
    _numbered(document, "Eventuelt", 91)
    _numbered(document, "Fem", 92)
    _numbered(document, "Seks", 92)
    document.add_paragraph("Indstilling", style="List Number")
    document.add_paragraph("Beslutning", style="List Number")
    document.add_paragraph("punkt", style="List Bullet")
    layout = document.add_table(rows=1, cols=2)
    layout.rows[0].cells[0].text = "Første afsnit"
    layout.rows[0].cells[0].add_paragraph("Andet afsnit")
    toc = document.add_paragraph("Øvrige sager\t3")
    toc._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {W} w:val="Indholdsfortegnelse1"/>'))
    document.save(str(tmp_path / "minutes.docx"))

    assert read_document(tmp_path / "minutes.docx").text.splitlines() == [
        "REFERAT Direktionen",
        "Mødedato\t15-08-2022",
        "Mødested\tB105",
        "1. Godkendelse af dagsorden",
        "2. Budget",
        "    a) første underpunkt",  # a list level deeper: four spaces
        "    b) andet underpunkt",
        "        - en status",
        "3. Eventuelt",
        "5. Fem",
        "6. Seks",
        "1. Indstilling",
        "2. Beslutning",
        "- punkt",
        "Første afsnit",
        "Andet afsnit",
        "Øvrige sager",
    ]


def test_docx_tracked_changes_and_breaks(tmp_path: Path) -> None:
    document = DocxDocument()
    paragraph = document.add_paragraph("Sagen ")
    paragraph._p.append(
        parse_xml(f'<w:ins {W} w:id="1" w:author="a"><w:r><w:t>genoptages</w:t></w:r></w:ins>')
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del {W} w:id="2" w:author="a"><w:r><w:delText>udsættes</w:delText></w:r></w:del>'
        )
    )
    paragraph._p.append(
        parse_xml(
            f'<w:r {W}><w:t xml:space="preserve"> i juni</w:t><w:br/><w:t>Ny linje</w:t></w:r>'
        )
    )
    document.save(str(tmp_path / "changes.docx"))
    assert read_document(tmp_path / "changes.docx").text == "Sagen genoptages i juni\nNy linje\n"


def _html(body: str, head: str = "") -> str:
    return read_bytes(
        f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode(), "x.html"
    ).text


def test_html_lists() -> None:
    body = """
    <ol start="3"><li>Tre</li><li>Fire<ul><li>under</li></ul></li><li value="9">Ni</li><li>Ti</li></ol>
    <ul><li><p>Punkt med afsnit</p></li></ul>
    <ol><li><a href="#p140">140. Godkendelse</a></li></ol>
    """
    assert _html(body).splitlines() == [
        "3. Tre",
        "4. Fire",
        "    - under",  # nested a level: four spaces, as Markdown nests lists
        "9. Ni",
        "10. Ti",
        "- Punkt med afsnit",
        "140. Godkendelse",
    ]


def test_html_blocks_inline_and_dropped() -> None:
    body = """
    <nav><a href="/">Forside</a></nav><script>var x = "<p>nej</p>";</script><style>p {}</style>
    <noscript>Slå JavaScript til</noscript>
    <h2>Beslutning i <em>Byrådet</em>
      den 28-11-2023</h2><p>Sagen&nbsp;blev <b>godkendt</b> &amp; sendt videre.<br>Ny linje</p>
    <div>Første<div>Indlejret</div>Sidste</div>
    <!-- en kommentar -->
    <table><tr><th>UDVALG</th><td>Byrådet</td></tr><tr><td></td><td></td></tr>
      <tr><td colspan="2"><p>Et</p><p>To</p></td></tr></table>
    <pre>Kl. 16.00  Velkomst
Kl. 16.15  Budget</pre>
    <p hidden>skjult</p>
    """
    assert _html(body).splitlines() == [
        "## Beslutning i Byrådet den 28-11-2023",
        "Sagen blev godkendt & sendt videre.",
        "Ny linje",
        "Første",
        "Indlejret",
        "Sidste",
        "UDVALG\tByrådet",
        "Et",
        "To",
        "Kl. 16.00  Velkomst",
        "Kl. 16.15  Budget",
    ]


def test_html_title() -> None:
    assert _html(
        "<h1>Referat</h1><p>Tekst</p>", "<title>Byrådet 28-11-2023</title>"
    ).splitlines() == [
        "Byrådet 28-11-2023",
        "# Referat",
        "Tekst",
    ]
    assert _html("<h1>Referat</h1><p>Tekst</p>", "<title> referat </title>").splitlines() == [
        "# Referat",
        "Tekst",
    ]


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', "cp1252"),
        ('<meta charset="iso-8859-1">', "cp1252"),  # browsers read it as Windows-1252
        ('<meta charset="utf-8">', "cp1252"),  # a wrong declaration
        ("", "cp1252"),
        ("", "utf-8"),
        ("", "utf-16"),
    ],
)
def test_html_charset(head: str, encoding: str) -> None:
    page = f"<html><head>{head}</head><body><p>Økonomiudvalget – æøå ÆØÅ</p></body></html>"
    document = read_bytes(page.encode(encoding), "referat.htm")
    assert (document.format, document.text) == ("html", "Økonomiudvalget – æøå ÆØÅ\n")


# A municipal portal's page around the minutes, as such sites are built: a
# cookie banner, a banner with the site's name, menu and search, breadcrumbs,
# buttons that work the page, a sidebar and a footer.
SITE_TOP = """
<div id="CookieConsentDialog" class="cookie-banner" role="dialog">
  <p>Vi bruger cookies til statistik.</p><button>Accepter alle</button><button>Afvis</button>
</div>
<a class="skip" href="#indhold">Spring til indhold</a>
<header class="site-header">
  <a href="/"><img alt="Logo">Solby Kommune</a>
  <ul class="menu"><li><a href="/borger">Borger</a></li><li><a href="/politik">Politik</a></li></ul>
  <form role="search"><label>Søg</label><input name="q"><select><option>Alle udvalg</option></select></form>
</header>
<nav aria-label="Brødkrumme"><ol><li><a href="/">Forside</a></li><li>Referater</li></ol></nav>
<ol class="breadcrumb"><li><a href="/politik">Politik</a></li><li>Byrådet</li></ol>
"""
SITE_BOTTOM = """
<aside><h2>Se også</h2><p>Dagsordener for 2024</p></aside>
<footer><p>Solby Kommune, Torvet 1, 9999 Solby</p><p>Tlf. 11 22 33 44</p></footer>
"""
MINUTES_BODY = """
<header><h1>Referat: Byrådet 12-03-2024</h1><p>Mødet blev holdt kl. 17.00</p></header>
<table class="facts"><tr><th>Sted</th><td>Rådhuset, mødesal 2</td></tr>
  <tr><th>Deltagere</th><td>Anna Holm<br>Bent Dahl</td></tr></table>
<button class="toggle-all">Fold alle ud</button>
<h2><button aria-expanded="false">1. Godkendelse af dagsorden</button></h2>
<p>Beslutning:<br>Godkendt.</p>
<h2><button aria-expanded="false">2. Nye cykelstier</button></h2>
<p>Sagen blev drøftet.<br/>Forvaltningen undersøger mulighederne.</p>
<p><a href="#top" class="to-top">Til toppen</a></p>
"""
MINUTES_LINES = [
    "# Referat: Byrådet 12-03-2024",
    "Mødet blev holdt kl. 17.00",
    "Sted\tRådhuset, mødesal 2",
    "Deltagere\tAnna Holm Bent Dahl",
    "## 1. Godkendelse af dagsorden",
    "Beslutning:",
    "Godkendt.",
    "## 2. Nye cykelstier",
    "Sagen blev drøftet.",
    "Forvaltningen undersøger mulighederne.",
]


@pytest.mark.parametrize(
    "content",
    [
        f'<main id="indhold"><article>{MINUTES_BODY}</article></main>',
        f"<article>{MINUTES_BODY}</article>",
        f'<div id="indhold"><article>{MINUTES_BODY}</article></div>',
        f'<div role="main">{MINUTES_BODY}</div>',
    ],
    ids=["main", "article", "article-in-div", "role-main"],
)
def test_html_site_furniture_is_dropped(content: str) -> None:
    page = f"{SITE_TOP}{content}{SITE_BOTTOM}"
    assert _html(page, "<title>Referat: Byrådet 12-03-2024</title>").splitlines() == MINUTES_LINES


def test_html_without_marked_content_drops_the_furniture_it_recognises() -> None:
    """No <main> or <article>: the site's <header> (outside any sectioning
    element), breadcrumbs, cookie banner, sidebar and footer go by their own
    marks; a <header> inside a <section> is the section's own."""
    content = f'<div class="content"><section>{MINUTES_BODY}</section></div>'
    assert _html(f"{SITE_TOP}{content}{SITE_BOTTOM}").splitlines() == MINUTES_LINES


def test_html_article_teasers_beside_the_content_do_not_replace_it() -> None:
    """An <article> holding little of the page's text is a teaser, not the minutes."""
    body = (
        f"<div class='content'><section>{MINUTES_BODY}</section></div>"
        "<div class='related'><article><p>Nyhed: ny skolebus</p></article></div>"
    )
    assert _html(body).splitlines() == [*MINUTES_LINES, "Nyhed: ny skolebus"]


@pytest.mark.parametrize(
    ("opening", "depth"),
    [
        ("<div>", 5000),
        ("<table><tr><td>x</td><td>", 2000),
        ("<ul><li>", 2000),
        ("<span role='button'>", 5000),
        ("<article>", 5000),
        ("<blockquote><b>", 5000),
    ],
)
def test_html_nested_deeper_than_recursion_allows(opening: str, depth: int) -> None:
    """Broken pages nest unclosed elements thousands deep: the text is still read,
    once, and in linear time (no assertion on time: a quadratic walk would stall)."""
    text = _html(f"<p>Punkt 1. Budget</p>{opening * depth}<p>Beslutning: Godkendt.</p>")
    assert text.count("Beslutning: Godkendt.") == 1


# --- structure written as Markdown marks ----------------------------------------


def test_html_headings_are_marked_with_their_level() -> None:
    body = """
    <h1>Referat</h1><h2>Budget</h2><h3>Ny <b>legeplads</b></h3><h4>Fire</h4><h5>Fem</h5>
    <h6>Seks</h6><h2>3. Vejene</h2><h2>Punkt 4<br>Eventuelt</h2><h3><!-- tom --></h3>
    <p>Tekst efter en tom overskrift</p>
    <table><tr><td><h2>Celle</h2></td><td>Værdi</td></tr><tr><td><h3>Boks</h3></td></tr></table>
    """
    assert _html(body).splitlines() == [
        "# Referat",
        "## Budget",
        "### Ny legeplads",  # a heading's own bold is no bold line
        "#### Fire",
        "##### Fem",
        "###### Seks",
        "## 3. Vejene",
        "## Punkt 4",  # a heading's further lines are its text
        "Eventuelt",
        "Tekst efter en tom overskrift",  # an empty heading marks nothing
        "Celle\tVærdi",  # a cell of a row is no heading
        "### Boks",  # a table of one cell is a box around the text
    ]


def test_html_lines_that_are_bold_as_a_whole_are_marked() -> None:
    body = """
    <p><b>Budget</b></p><p><strong>Ny legeplads</strong></p>
    <p><span style="font-weight: bold">Vejene</span></p><div style="FONT-WEIGHT:700">Stierne</div>
    <ul><li><b>Hallen</b></li></ul>
    <p><b>Fed</b> og ikke fed</p><p><b>Fed <span style="font-weight:normal">og normal</span></b></p>
    <p><b>Beslutning:</b><br>Godkendt.</p><p><span style="font-weight: 400">Tynd</span></p>
    <table><tr><th><b>Navn</b></th><td>Anna</td></tr></table>
    """
    assert _html(body).splitlines() == [
        "**Budget**",
        "**Ny legeplads**",
        "**Vejene**",
        "**Stierne**",
        "- **Hallen**",
        "Fed og ikke fed",
        "Fed og normal",
        "**Beslutning:**",
        "Godkendt.",
        "Tynd",
        "Navn\tAnna",
    ]


def test_html_nested_lists_are_indented_by_level() -> None:
    body = """
    <ul><li>Budget<ul><li>Status<ul><li>Detalje</li></ul></li><li>Plan</li></ul></li>
    <li>Vejene<ol><li>Første</li><li>Anden</li></ol></li></ul>
    """
    assert _html(body).splitlines() == [
        "- Budget",
        "    - Status",
        "        - Detalje",
        "    - Plan",
        "- Vejene",
        "    1. Første",
        "    2. Anden",
    ]


def _styled(document: DocxDocument, text: str, style_id: str) -> Paragraph:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {W} w:val="{style_id}"/>'))
    return paragraph


def test_docx_headings_are_marked_with_their_level(tmp_path: Path) -> None:
    document = DocxDocument()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(LIST_DEFINITIONS))
    numbering.append(parse_xml(LISTS[0]))
    styles = document.styles
    # Styles as a Danish Word names them, without an outline level; one based on a heading.
    styles.add_style("Overskrift2", WD_STYLE_TYPE.PARAGRAPH)
    styles.add_style("Punktoverskrift", WD_STYLE_TYPE.PARAGRAPH).base_style = styles["Heading 3"]
    document.add_paragraph("Referat", style="Title")
    document.add_heading("Budget", level=1)
    _styled(document, "Ny legeplads", "Overskrift2")
    _styled(document, "Vejene", "Punktoverskrift")
    document.add_heading("Syv", level=7)
    outlined = document.add_paragraph("Niveau fire")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="3"/>'))
    document.add_paragraph("Indhold", style="TOC Heading")  # outline level 9: body text
    document.add_heading("", level=2)
    numbered = document.add_heading("Godkendelse af dagsorden", level=2)
    numbered._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="91"/></w:numPr>')
    )
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].paragraphs[0].style = styles["Heading 2"]
    table.rows[0].cells[0].paragraphs[0].text = "Celle"
    table.rows[0].cells[1].text = "Værdi"
    document.save(str(tmp_path / "overskrifter.docx"))
    assert read_document(tmp_path / "overskrifter.docx").text.splitlines() == [
        "Referat",
        "# Budget",
        "## Ny legeplads",
        "### Vejene",
        "###### Syv",  # Markdown's deepest heading
        "#### Niveau fire",
        "**Indhold**",  # bold as the heading style it is based on
        "",
        "## 1. Godkendelse af dagsorden",
        "Celle\tVærdi",
    ]


def test_docx_paragraphs_that_are_bold_as_a_whole_are_marked(tmp_path: Path) -> None:
    document = DocxDocument()
    bold_style = document.styles.add_style("Punkttitel", WD_STYLE_TYPE.PARAGRAPH)
    bold_style.font.bold = True
    document.add_paragraph().add_run("Budget").bold = True
    document.add_paragraph().add_run("Ny legeplads", style="Strong")
    document.add_paragraph("Vejene", style="Punkttitel")
    unbolded = document.add_paragraph(style="Punkttitel")
    unbolded.add_run("Fed ")
    unbolded.add_run("og ikke fed").bold = False
    partly = document.add_paragraph()
    partly.add_run("Beslutning:").bold = True
    partly.add_run(" Godkendt.")
    broken = document.add_paragraph()
    title = broken.add_run("Eventuelt")
    title.bold = True
    title.add_break()
    broken.add_run("Intet.")
    spaced = document.add_paragraph()
    spaced.add_run(" Stierne ").bold = True
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].paragraphs[0].add_run("Navn").bold = True
    table.rows[0].cells[1].text = "Anna"
    document.save(str(tmp_path / "fed.docx"))
    assert read_document(tmp_path / "fed.docx").text.splitlines() == [
        "**Budget**",
        "**Ny legeplads**",
        "**Vejene**",
        "Fed og ikke fed",
        "Beslutning: Godkendt.",
        "**Eventuelt**",
        "Intet.",
        "**Stierne**",
        "Navn\tAnna",
    ]


# --- PDF layout ----------------------------------------------------------------

DECISION = (
    "Udvalget besluttede at sætte gang i en forandring af den måde, hvorpå kommunens "
    "veje og stier vedligeholdes, så borgerne oplever færre huller i asfalten. Det samlede "
    "beløb finansieres af den afsatte pulje for 2025, og en status for arbejdet forelægges "
    "udvalget, når arbejdet er afsluttet."
)
# Each breaks its first line where its case is: at a hyphenation point ("|"),
# at a compound's own hyphen, and at a suspended compound's hyphen.
HYPHENATED = (
    "Udvalget besluttede på dagens møde enstemmigt at sætte gang i en foran|dring af vejene."
)
COMPOUND = "Udvalget besluttede på dagens møde enstemmigt at sende opgaven i EU-|udbud i foråret."
SUSPENDED = (
    "Udvalget besluttede efter en længere drøftelse at sende sagen til Teknik- og "
    "Miljøudvalget til orientering."
)


def _pdf_lines(path: Path) -> list[str]:
    """The lines as PDFium reports them, before any joining."""
    pdf = pdfium.PdfDocument(path)
    try:
        text = "\r\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    return text.replace("\ufffe", "-\r\n").split("\r\n")


def test_pdf_paragraphs_and_headings_wrapped_by_the_layout_are_one_line(tmp_path: Path) -> None:
    heading = "Forslag om nye cykelstier langs landevejen mellem Nordby og Sydby"
    blocks = [
        ("Referat for Udvalget for Teknik og Miljø", 12.0, True),
        ("Mødedato: 12-03-2025", 10, False),
    ]
    for number in range(1, 4):
        blocks += [
            (f"{number}. {heading}", 13, True),
            ("Beslutning", 11, True),
            (DECISION, 10, False),
            ("Godkendt.", 10, False),
        ]
    blocks += [(HYPHENATED, 10, False), (COMPOUND, 10, False), (SUSPENDED, 10, False)]
    path = typeset_pdf(blocks, tmp_path / "referat.pdf", width=118)
    raw = _pdf_lines(path)
    # The layout did wrap the headings and paragraphs, across a page break too.
    assert "1. Forslag om nye cykelstier langs landevejen mellem" in raw
    assert raw[raw.index("Side 1 af 2") - 1][-1].isalpha()
    for end in ("foran-", "EU-", "Teknik-"):
        assert any(line.endswith(end) for line in raw), end

    assert read_document(path).text.splitlines() == [
        "Referat for Udvalget for Teknik og Miljø",
        "Mødedato: 12-03-2025",
        *[
            line
            for number in range(1, 4)
            for line in (f"{number}. {heading}", "Beslutning", DECISION, "Godkendt.")
        ],
        HYPHENATED.replace("|", ""),
        COMPOUND.replace("|", ""),
        SUSPENDED,
    ]


def test_pdf_columns_are_tabs_and_never_joined(tmp_path: Path) -> None:
    """A table row's cells, and a label set apart from its value, are tab
    separated as in HTML and DOCX; a row as wide as the text is still one row."""
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for label, value in (("Mødedato", "12-03-2025"), ("Mødested", "Rådhuset, lokale 4")):
        pdf.cell(40, 6, label)
        pdf.cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    rows = [
        ("Handling", "Ansvarlig", "Frist"),
        ("Udarbejde en plan for vedligeholdelse af vejene i hele kommunen", "Vejchefen", "1. maj"),
        ("Orientere udvalget om status", "Direktøren", "juni 2025"),
    ]
    with pdf.table(col_widths=(110, 35, 25), text_align="LEFT") as table:
        for cells in rows:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.multi_cell(0, 5, "Udvalget tog orienteringen til efterretning og besluttede at følge op.")
    path = tmp_path / "tabel.pdf"
    pdf.output(str(path))
    assert read_document(path).text.splitlines() == [
        "Mødedato\t12-03-2025",
        "Mødested\tRådhuset, lokale 4",
        *("\t".join(cells) for cells in rows),
        "Udvalget tog orienteringen til efterretning og besluttede at følge op.",
    ]
