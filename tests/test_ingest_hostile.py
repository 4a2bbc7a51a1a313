"""Hostile files in a batch import: each is read or refused on its own.

A zip bomb posing as a .docx, one that lies about its size, and a web page
nested thousands deep must neither take the machine's memory nor stop the
batch: a refused file gets one line naming it, leaves the database as it
was, and the other files still import.
"""

from __future__ import annotations

import io
import re
import struct
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.formats import text_to_docx
from tracker.cli import app
from tracker.db import make_engine, session_scope
from tracker.errors import InputError
from tracker.ingest import read_document
from tracker.queries import count_rows

MINUTES = """Referat
Udvalget for Kultur og Fritid
Mødedato: {date}

1. Godkendelse af dagsorden
Beslutning:
Godkendt.

2. Tilskud til foreningerne
Beslutning:
Forvaltningen sender en ny ansøgningsrunde ud inden 1. juni 2024.
"""
DOCUMENT = "word/document.xml"
BOMB_XML = 80 * 2**20  # past the 64 MiB of XML a .docx may unpack to


@pytest.fixture
def db(database_url: str) -> str:
    return database_url


def rows(db: str) -> dict[str, int]:
    engine = make_engine(db)
    with session_scope(engine) as session:
        counts = count_rows(session)
    engine.dispose()
    return counts


def _rezip(source: Path, target: Path, padding: int) -> bytes:
    """`source` again with `padding` spaces of comment in its body XML,
    written a chunk at a time (deflate packs a megabyte of them in about a KB)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in original.infolist():
            data = original.read(info)
            if info.filename != DOCUMENT or not padding:
                bomb.writestr(info.filename, data)
                continue
            head, tail = data.split(b"</w:body>")
            with bomb.open(DOCUMENT, "w") as part:
                part.write(head + b"<!--")
                for _ in range(padding // 2**20):
                    part.write(b" " * 2**20)
                part.write(b"--></w:body>" + tail)
    target.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def zip_bomb(tmp_path: Path) -> Path:
    """A .docx of a few hundred KB whose body XML unpacks to 80 MB."""
    source = text_to_docx(MINUTES.format(date="01-05-2024"), tmp_path / "source.docx")
    target = tmp_path / "bomb.docx"
    _rezip(source, target, BOMB_XML)
    return target


def lying_docx(tmp_path: Path) -> Path:
    """A .docx whose headers say its body XML is 2,000 bytes; it inflates to 80 MB."""
    target = zip_bomb(tmp_path)
    data = bytearray(target.read_bytes())
    # zipfile goes by the central directory's sizes: rewrite the body's there.
    central = data.find(b"PK\x01\x02")
    while central != -1:
        (length,) = struct.unpack_from("<H", data, central + 28)
        if data[central + 46 : central + 46 + length] == DOCUMENT.encode():
            struct.pack_into("<I", data, central + 24, 2000)
        central = data.find(b"PK\x01\x02", central + 4)
    target.write_bytes(bytes(data))
    with zipfile.ZipFile(target) as archive:
        assert archive.getinfo(DOCUMENT).file_size == 2000
    return target


HOSTILE: dict[str, tuple[Callable[[Path], Path], str]] = {
    "zip-bomb": (
        zip_bomb,
        # The body's 80 MB and the package's other XML parts.
        r"the \.docx unpacks to 8\d MB of XML; more than 64 MB is refused \(a zip bomb\?\)",
    ),
    "lying-sizes": (lying_docx, r"damaged \.docx \(a broken zip archive\)"),
}


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_docx_is_refused_without_unpacking_it(kind: str, tmp_path: Path) -> None:
    make, reason = HOSTILE[kind]
    path = make(tmp_path)
    assert path.stat().st_size < 2**20
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as caught:
            read_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.source == str(path)
    assert re.fullmatch(reason, caught.value.reason)
    assert peak < 16 * 2**20  # a few chunks, never the 80 MB


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_hostile_file_in_a_batch_is_refused_alone(kind: str, tmp_path: Path, db: str) -> None:
    make, reason = HOSTILE[kind]
    hostile = make(tmp_path)
    first = tmp_path / "first.txt"
    first.write_text(MINUTES.format(date="14-05-2024"), encoding="utf-8")
    last = tmp_path / "last.txt"
    last.write_text(MINUTES.format(date="11-06-2024"), encoding="utf-8")

    result = CliRunner().invoke(app, ["import", "--db", db, str(first), str(hostile), str(last)])
    assert result.exit_code == 1
    [error] = result.stderr.splitlines()
    assert re.fullmatch(f"error: {re.escape(str(hostile))}: {reason}", error)
    report = result.stdout.splitlines()
    assert report[0].startswith(f"{first}: created Udvalget for Kultur og Fritid 2024-05-14")
    assert report[1].startswith(f"{last}: created Udvalget for Kultur og Fritid 2024-06-11")
    assert report[2:] == ["3 file(s): 2 created, 1 failed.", "Failed (1):", f"  {error[7:]}"]
    before = rows(db)
    assert before["meeting"] == 2

    alone = CliRunner().invoke(app, ["import", "--db", db, str(hostile)])
    assert alone.exit_code == 1
    assert alone.stderr == f"{error}\n"
    assert rows(db) == before


def test_a_page_nested_thousands_deep_imports_with_the_rest(tmp_path: Path, db: str) -> None:
    """Unclosed layout tables a few thousand deep: read, not a RecursionError
    that stops the batch."""
    lines = MINUTES.format(date="14-05-2024").splitlines()
    body = "".join(f"<p>{line}</p>" for line in lines)
    deep = tmp_path / "deep.html"
    deep.write_text(f"<html><body>{'<table><tr><td>' * 3000}{body}</body></html>")
    other = tmp_path / "other.txt"
    other.write_text(MINUTES.format(date="11-06-2024"), encoding="utf-8")

    result = CliRunner().invoke(app, ["import", "--db", db, str(deep), str(other)])
    assert result.exit_code == 0, result.stderr
    assert f"{deep}: created Udvalget for Kultur og Fritid 2024-05-14 (2 items" in result.stdout
    assert rows(db)["meeting"] == 2
