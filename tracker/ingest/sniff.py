"""Decide a document's format from its bytes first, its name second.

Secretaries save minutes from portals and mail under whatever name the
browser picked, so content decides when it can: a PDF called "referat.htm"
still reads as a PDF. The extension decides only for plain text, which has
no magic bytes.
"""

from __future__ import annotations

import io
import re
import zipfile

SUPPORTED_SUFFIXES = {
    ".txt": "txt",
    ".md": "txt",  # Markdown is text; the minutes parser reads its marks
    ".markdown": "txt",
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
}
FORMATS = frozenset(SUPPORTED_SUFFIXES.values())

_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLD_FORMAT_HINT = "save it as .docx or PDF and import that"


class Unreadable(Exception):
    """A document that cannot be read; the message is the one-line reason."""


def detect_format(data: bytes, suffix: str) -> str:
    """Return "txt", "pdf", "docx" or "html" for `data` named with `suffix`."""
    suffix = suffix.lower()
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data, suffix)
    if data.startswith(_OLE_MAGIC) or suffix == ".doc":
        raise Unreadable(f"old Word .doc files are not supported; {_OLD_FORMAT_HINT}")
    if data.startswith(b"{\\rtf") or suffix == ".rtf":
        raise Unreadable(f"RTF files are not supported; {_OLD_FORMAT_HINT}")
    if _HTML_START.match(data[:1024]):
        return "html"
    if not suffix:
        return "txt"
    if suffix not in SUPPORTED_SUFFIXES:
        raise Unreadable(_unsupported(suffix))
    return SUPPORTED_SUFFIXES[suffix]


def _zip_format(data: bytes, suffix: str) -> str:
    """A zip archive is a .docx only if it holds a Word document part."""
    is_word: bool | None  # None: the archive cannot be read
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            is_word = "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):  # zipfile's ways to say "damaged"
        is_word = None
    if is_word:
        return "docx"
    if suffix and suffix not in SUPPORTED_SUFFIXES:
        raise Unreadable(_unsupported(suffix))  # an .xlsx, .pptx, .odt... whole or broken
    if is_word is None:
        raise Unreadable("damaged .docx (a broken zip archive)")
    raise Unreadable("not a Word document (a zip archive without word/document.xml)")


def _unsupported(suffix: str) -> str:
    """The reason for a file type we do not read, listing those we do."""
    supported = ", ".join(SUPPORTED_SUFFIXES)
    return f"unsupported file type {suffix} (supported: {supported})"
