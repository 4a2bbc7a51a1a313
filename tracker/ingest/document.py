"""The plain-text document every ingest format produces."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """A file reduced to normalised plain text.

    `text` uses "\\n" line ends, has page headers/footers, bullet glyphs, dot
    leaders and line-end hyphenation cleaned (see `normalise`), and is NFC.
    A line is a paragraph, heading, list item or table row (cells separated
    by tabs), whatever the format: lines a PDF's layout wrapped are joined.
    `sha256` is of the file's bytes, so the store can tell a re-import of the
    very same file at once.
    """

    name: str
    format: str
    text: str
    sha256: str
    size: int
