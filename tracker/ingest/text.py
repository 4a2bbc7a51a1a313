"""Plain-text files: find the encoding without mangling æøå.

Danish minutes saved as text come as UTF-8 (with or without BOM), UTF-16
from Notepad's "Unicode", or Windows-1252 from older systems. UTF-8 is
strict enough to recognise; anything else falls back to cp1252, whose only
gaps (five unused bytes) send it on to latin-1. The fallback is decided line
by line: minutes pieced together from several sources often hold one pasted
Windows-1252 line in a UTF-8 file, and decoding the whole file as cp1252
would turn every other æøå into mojibake ("Ã¦").
"""

from __future__ import annotations

import codecs

from tracker.ingest.sniff import Unreadable

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Bytes that never occur in text: NUL and the C0 controls other than
# tab, newlines, form feed and vertical tab (ESC and 0x1A occur in old files).
_BINARY_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\x0b\x1a\x1b")
_SAMPLE = 8192
_MAX_BINARY_SHARE = 0.01


def decode(data: bytes) -> str:
    """Decode text bytes, or raise `Unreadable` for binary content."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise Unreadable(f"not a text file (invalid {encoding.upper()})") from None
    sample = data[:_SAMPLE]
    if b"\x00" in sample or _binary_share(sample) > _MAX_BINARY_SHARE:
        raise Unreadable("not a text file (binary content)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return "".join(_decode_line(line) for line in data.splitlines(keepends=True))


def _decode_line(line: bytes) -> str:
    """One line as UTF-8, else Windows-1252, else latin-1 (which decodes anything)."""
    for encoding in ("utf-8", "cp1252"):
        try:
            return line.decode(encoding)
        except UnicodeDecodeError:
            continue
    return line.decode("latin-1")


def _binary_share(sample: bytes) -> float:
    """Share of control bytes that plain text never holds."""
    if not sample:
        return 0.0
    return (len(sample) - len(sample.translate(None, _BINARY_BYTES))) / len(sample)
