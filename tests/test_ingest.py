"""Ingest: reading real minutes files, encodings, and every kind of bad input."""

from __future__ import annotations

import hashlib
import random
import re
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF

from tests.formats import text_to_docx, text_to_html, text_to_pdf
from tracker.errors import InputError
from tracker.ingest import read_bytes, read_document
from tracker.ingest.normalise import normalise

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "000_72469736df97498c.txt"
TEXT_FIXTURES = sorted(FIXTURES.glob("*.txt"))
ALL_FIXTURES = sorted([*TEXT_FIXTURES, *FIXTURES.glob("*.html")])
DANISH = "Beslutning: Økonomiudvalget, Århus og Ærø – sæt ÆØÅ æøå i gang.\nSide to.\n"


def _reason(path: Path) -> str:
    """Read `path` expecting an InputError; check it names the file; return the reason."""
    with pytest.raises(InputError) as caught:
        read_document(path)
    error = caught.value
    assert error.source == str(path)
    assert str(error).startswith(f"{path}: ")
    assert "\n" not in str(error)
    return error.reason


# --- real fixtures -----------------------------------------------------------


@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.name)
def test_fixture_reads_and_is_normalised(path: Path) -> None:
    document = read_document(path)
    data = path.read_bytes()
    assert document.name == path.name
    assert document.format == path.suffix.lstrip(".")
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)
    assert document.text.endswith("\n") and not document.text.startswith("\n")
    assert normalise(document.text) == document.text


@pytest.mark.parametrize("path", TEXT_FIXTURES, ids=lambda p: p.name)
def test_normalise_is_idempotent_on_fixtures(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    once = normalise(raw)
    assert normalise(once) == once


def test_seed_keeps_every_content_line() -> None:
    raw = SEED.read_text(encoding="utf-8")
    lines = set(read_document(SEED).text.splitlines())
    for line in filter(str.strip, raw.splitlines()):
        if line.startswith("- ? "):
            expected = "- " + line[4:]
        elif "....." in line:
            expected = line.split(".....")[0]
        else:
            expected = line.rstrip()
        assert expected in lines, line


def test_seed_cleaning() -> None:
    text = read_document(SEED).text
    assert "- en status på Ukraine-situationen i Høje-Taastrup Kommune" in text
    assert "?" not in text
    assert "\nØvrige sager\n" in text and "....." not in text
    assert "folkeskole-, dagtilbuds- og ældreområdet" in text


def test_html_fixture_layout() -> None:
    lines = read_document(FIXTURES / "byraadet-2023-11-28.html").text.splitlines()
    assert lines[:3] == [
        "Byrådet - Referat - 28-11-2023",
        "# Eksempel Kommune",
        "UDVALG\tByrådet",
    ]
    assert "### 140. Godkendelse af dagsorden" in lines
    assert (
        "1. rengøringen på kommunens institutioner sendes i EU-udbud med opstart 1. juli 2024,"
        in lines
    )
    assert "#### Beslutning i Byrådet den 28-11-2023" in lines


# --- the same minutes in every format ---------------------------------------


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("path", TEXT_FIXTURES, ids=lambda p: p.name)
@pytest.mark.parametrize("kind", ["pdf", "docx", "html"])
def test_other_formats_match_text(path: Path, kind: str, tmp_path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    expected = [line for line in read_document(path).text.splitlines() if line.strip()]
    writer = {"pdf": text_to_pdf, "docx": text_to_docx, "html": text_to_html}[kind]
    document = read_document(writer(raw, tmp_path / f"minutes.{kind}"))
    assert document.format == kind
    if kind == "pdf":
        flowing = _squash(document.text)
        missing = [line for line in expected if _squash(line) not in flowing]
    else:
        lines = set(document.text.splitlines())
        missing = [line for line in expected if line not in lines]
    assert missing == []
    assert "Side 1 af" not in document.text
    if kind != "pdf" or document.text.count("\n") > 60:  # a one-page PDF has no repeats to spot
        assert "Referat - Direktionen" not in document.text


def test_pdf_pages_have_furniture_removed(tmp_path: Path) -> None:
    text = "\n".join(f"Linje {n} om trafiksikkerhed og cykelstier i kommunen." for n in range(200))
    document = read_document(
        text_to_pdf(text, tmp_path / "long.pdf", header="Udvalget for Teknik og Miljø")
    )
    lines = document.text.splitlines()
    assert lines == [f"Linje {n} om trafiksikkerhed og cykelstier i kommunen." for n in range(200)]


# --- text encodings ----------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", DANISH),
        ("utf-8-sig", DANISH),
        ("utf-16", DANISH),
        ("cp1252", DANISH),
        ("latin-1", DANISH.replace("–", "-")),
    ],
)
def test_text_encodings(encoding: str, text: str, tmp_path: Path) -> None:
    path = tmp_path / "referat.txt"
    path.write_bytes(text.encode(encoding))
    assert read_document(path).text == text


def test_crlf_text(tmp_path: Path) -> None:
    path = tmp_path / "referat.txt"
    path.write_bytes(DANISH.replace("\n", "\r\n").encode("cp1252"))
    assert read_document(path).text == DANISH


def test_one_windows_1252_line_in_a_utf8_file(tmp_path: Path) -> None:
    """Only the pasted line is read as Windows-1252; the UTF-8 æøå stay right."""
    pasted = "Bemærkning fra Ældrerådet: høringssvar vedlagt.\n"
    data = b"".join(
        [
            "Referat for Økonomiudvalget\n".encode(),
            pasted.encode("cp1252"),
            "Næste møde afholdes på rådhuset i Ølby.\n".encode(),
        ]
    )
    path = tmp_path / "referat.txt"
    path.write_bytes(data)
    assert read_document(path).text == (
        "Referat for Økonomiudvalget\n" + pasted + "Næste møde afholdes på rådhuset i Ølby.\n"
    )
    page = tmp_path / "referat.html"
    page.write_bytes(b'<html><head><meta charset="utf-8"></head><body><p>' + data + b"</p></body>")
    assert "Referat for Økonomiudvalget Bemærkning fra Ældrerådet" in read_document(page).text


# --- content decides the format ----------------------------------------------


def test_misnamed_files_are_sniffed(tmp_path: Path) -> None:
    pdf = text_to_pdf("Punkt 1: Godkendelse", tmp_path / "a.pdf", header=None)
    docx = text_to_docx("Punkt 1: Godkendelse", tmp_path / "a.docx")
    page = text_to_html("Punkt 1: Godkendelse", tmp_path / "a.html")
    for source, wrong_name in ((pdf, "referat.txt"), (docx, "referat.bin"), (page, "referat.txt")):
        target = tmp_path / wrong_name
        target.write_bytes(source.read_bytes())
        document = read_document(target)
        assert document.format == source.suffix.lstrip(".")
        assert document.text == "Punkt 1: Godkendelse\n"


def test_read_bytes() -> None:
    document = read_bytes(b"Punkt 1\r\n", "<stdin>")
    assert (document.name, document.format, document.text, document.size) == (
        "<stdin>",
        "txt",
        "Punkt 1\n",
        9,
    )
    forced = read_bytes(b"<p>not html after all</p>", "<stdin>", format="txt")
    assert forced.text == "<p>not html after all</p>\n"
    with pytest.raises(InputError, match=r"^<stdin>: unknown format 'xls'"):
        read_bytes(b"x", "<stdin>", format="xls")


# --- bad input ----------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    assert _reason(tmp_path / "nope.pdf") == "no such file"


def test_directory(tmp_path: Path) -> None:
    assert _reason(tmp_path) == "is a directory, not a file"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert _reason(path) == "the file is empty"


def test_binary_garbage_txt(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(random.Random(7).randbytes(4000))
    assert _reason(path) == "not a text file (binary content)"


def test_truncated_pdf(tmp_path: Path) -> None:
    data = text_to_pdf("Punkt 1: Godkendelse\n" * 200, tmp_path / "full.pdf").read_bytes()
    for cut in (len(data) // 2, len(data) - 10, 20):
        path = tmp_path / "cut.pdf"
        path.write_bytes(data[:cut])
        assert _reason(path) == "damaged or truncated PDF"


def test_damaged_pdf(tmp_path: Path) -> None:
    data = bytearray(
        text_to_pdf("Punkt 1: Godkendelse\n" * 200, tmp_path / "full.pdf").read_bytes()
    )
    middle = len(data) // 3
    data[middle : middle + 2000] = bytes(2000)
    path = tmp_path / "damaged.pdf"
    path.write_bytes(bytes(data))
    assert _reason(path) == "damaged or truncated PDF"


def test_pdf_that_is_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "referat.pdf"
    path.write_bytes(b"this is plain text saved with the wrong name")
    assert _reason(path) == "damaged or truncated PDF"


def _simple_pdf(path: Path, *, text: str | None, user_password: str | None = None) -> Path:
    pdf = FPDF()
    if user_password is not None:
        pdf.set_encryption(owner_password="owner", user_password=user_password)
    pdf.add_page()
    if text is None:
        pdf.rect(20, 20, 100, 140, style="F")  # a "scan": marks, no text
    else:
        pdf.set_font("Helvetica", size=11)
        pdf.cell(0, 10, text)
    pdf.output(str(path))
    return path


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = _simple_pdf(tmp_path / "secret.pdf", text="Fortroligt", user_password="hemmelig")
    assert _reason(path) == "the PDF is password-protected"


def test_pdf_with_only_owner_password_reads(tmp_path: Path) -> None:
    path = _simple_pdf(tmp_path / "locked.pdf", text="Beslutning", user_password="")
    assert read_document(path).text == "Beslutning\n"


def test_scanned_pdf(tmp_path: Path) -> None:
    path = _simple_pdf(tmp_path / "scan.pdf", text=None)
    assert _reason(path) == "the PDF has no text layer (scanned?); run OCR first"


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    expected = "unsupported file type .xlsx (supported: .txt, .md, .markdown, .pdf, .docx, .html, .htm)"
    assert _reason(path) == expected
    path.write_bytes(b"PK\x03\x04 a broken zip")
    assert _reason(path) == expected
    plain = tmp_path / "notes.csv"
    plain.write_text("a;b\n", encoding="utf-8")
    assert _reason(plain) == expected.replace(".xlsx", ".csv", 1)


def test_markdown_file_reads_as_text(tmp_path: Path) -> None:
    path = tmp_path / "referat.md"
    path.write_text("# Referat\n\n- Mette sender udkastet\n", encoding="utf-8")
    assert read_document(path).text == "# Referat\n\n- Mette sender udkastet\n"


def test_old_word_doc(tmp_path: Path) -> None:
    path = tmp_path / "referat.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert (
        _reason(path)
        == "old Word .doc files are not supported; save it as .docx or PDF and import that"
    )


def test_corrupt_docx(tmp_path: Path) -> None:
    path = tmp_path / "referat.docx"
    path.write_bytes(b"this was never a Word document")
    assert _reason(path) == "not a valid .docx file (not a zip archive)"
    data = text_to_docx("Punkt 1", tmp_path / "good.docx").read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert _reason(path) == "damaged .docx (a broken zip archive)"


def test_zip_that_is_not_word(tmp_path: Path) -> None:
    path = tmp_path / "referat.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<office/>")
    assert _reason(path) == "not a Word document (a zip archive without word/document.xml)"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("blank.txt", b" \n\t\n\n"),
        (
            "blank.html",
            b"<!DOCTYPE html><html><body><script>var x = 1;</script><p> </p></body></html>",
        ),
    ],
)
def test_no_text(name: str, data: bytes, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert _reason(path) == "no text in the document"


def test_docx_without_text(tmp_path: Path) -> None:
    assert _reason(text_to_docx("\n\n", tmp_path / "blank.docx")) == "no text in the document"
