"""File formats -> normalised plain text.

`read_document` and `read_bytes` are the only doors: every format ends up as
a `Document` whose text went through `normalise`, and every unusable input
ends up as one `InputError` with a one-line reason, so an import of a
thousand files can report the bad ones and carry on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path, PurePath

from tracker.errors import InputError
from tracker.ingest import docx, html, pdf, text
from tracker.ingest.document import Document
from tracker.ingest.normalise import normalise
from tracker.ingest.sniff import FORMATS, Unreadable, detect_format

__all__ = ["Document", "normalise", "read_bytes", "read_document"]

_EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "txt": text.decode,
    "pdf": pdf.extract,
    "docx": docx.extract,
    "html": html.extract,
}


def read_document(path: Path) -> Document:
    """Read a minutes file of any supported format."""
    source = str(path)
    if path.is_dir():
        raise InputError(source, "is a directory, not a file")
    if path.exists() and not path.is_file():
        raise InputError(source, "not a regular file")  # a FIFO or device would block or never end
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(source, "no such file") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as error:
        raise InputError(source, f"cannot read the file ({error.strerror or error})") from None
    return _read(data, path.name, source, None)


def read_bytes(data: bytes, name: str, format: str | None = None) -> Document:
    """Read a document held in memory (stdin, uploads, tests).

    `name` supplies the extension when the content does not tell; `format`
    ("txt", "pdf", "docx" or "html") overrides detection altogether.
    """
    return _read(data, name, name, format)


def _read(data: bytes, name: str, source: str, format: str | None) -> Document:
    try:
        if not data:
            raise Unreadable("the file is empty")
        if format is None:
            format = detect_format(data, PurePath(name).suffix)
        elif format not in FORMATS:
            raise Unreadable(f"unknown format {format!r} (known: {', '.join(sorted(FORMATS))})")
        body = normalise(_EXTRACTORS[format](data))
        if not body.strip():
            raise Unreadable("no text in the document")
    except Unreadable as error:
        raise InputError(source, str(error)) from None
    return Document(
        name=name,
        format=format,
        text=body,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
