"""Every layout reads the same from every format it arrives in.

Each layout below is a short set of minutes written for this test, in
Danish or English. Saved as a web page, a Word file and a PDF (where the
layout occurs there: Markdown marks become HTML headings and bold
paragraphs and Word heading styles, not PDF text), it must give the meeting,
the items and the proposed actions the text gives.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.formats import marked_to_docx, marked_to_html, text_to_docx, text_to_html, text_to_pdf
from tracker.extract import extract_actions
from tracker.ingest import read_document
from tracker.minutes import parse_minutes
from tracker.organisation import Organisation

Writer = Callable[[str, Path], Path]


def _pdf(text: str, path: Path) -> Path:
    """A one-page PDF with no running header: on one page nothing repeats to
    tell a header from the text, and the default header names another body."""
    return text_to_pdf(text, path, header=None)


PLAIN: dict[str, Writer] = {"html": text_to_html, "docx": text_to_docx, "pdf": _pdf}
MARKED: dict[str, Writer] = {"html": marked_to_html, "docx": marked_to_docx}

LAYOUTS: dict[str, tuple[str, dict[str, Writer]]] = {
    "keyword headings": (
        "Referat\nVejudvalget\nMødedato: 5. februar 2024\n\n"
        "Punkt 1: Godkendelse af dagsorden\nBeslutning\nGodkendt.\n\n"
        "Punkt 2: Trafiksikkerhed ved skolen\nBeslutning\n"
        "Vejafdelingen undersøger muligheden for en hævet flade og orienterer udvalget i maj 2024.\n\n"
        "Punkt 3: Eventuelt\nBeslutning\nIntet.\n",
        PLAIN,
    ),
    "a contents list before numbered items": (
        "Referat\nKulturudvalget\nMødedato: 12. marts 2024\n\nIndhold\n"
        "1. Bibliotekets åbningstider\n2. Musikskolen\n\n"
        "1. Bibliotekets åbningstider\nBeslutning\n"
        "Forvaltningen udarbejder et forslag til nye åbningstider inden 1. juni 2024.\n\n"
        "2. Musikskolen\nBeslutning\nTaget til efterretning.\n",
        PLAIN,
    ),
    "minute references": (
        "Minutes of the meeting of Eastbrook Parish Council held on Tuesday 9 April 2024 "
        "at 7.30pm in the Village Hall.\n\n"
        "24/031 Apologies\nNone were received.\n\n"
        "24/032 Playground\nThe Clerk to obtain three quotes for new swings before the next meeting.\n\n"
        "24/033 Footpaths\nCllr Hart will report the broken stile to the county council.\n",
        PLAIN,
    ),
    "an outline whose points carry minutes": (
        "Referat\nBestyrelsen\nMødedato: 4. marts 2024\n\n1. Drift\n"
        "1.1 Vandværkets pumpe\nFormanden indhenter tilbud på en ny pumpe inden 1. maj 2024.\n"
        "1.2 Ledningsnettet\nDer var intet nyt.\n2. Økonomi\n"
        "2.1 Regnskab\nRegnskabet blev godkendt.\n",
        PLAIN,
    ),
    "a task table": (
        "Referat\nStyregruppen\nMødedato: 7. maj 2024\n\n"
        "1. Opfølgning\nHandling\tAnsvarlig\tFrist\n"
        "Opdatere hjemmesiden\tAnne\t1. juni 2024\n"
        "Bestille lokale til temadagen\tBo\t15. juni 2024\n\n"
        "2. Eventuelt\nIntet.\n",
        # A web page's table is a <table> (tests/test_action_lists.py), not tabs in a paragraph.
        {"docx": text_to_docx},
    ),
    "unnumbered headings": (
        "# Board meeting 2024-03-05\n\n## Accounts\nThe accounts were approved.\n\n"
        "## Elections\nAnn and Bo counted the votes.\n### Treasurer\nBo was elected.\n\n"
        "## Website\nAnn will move the site to the new host by 30 April 2024.\n",
        MARKED,
    ),
    "bold lines": (
        "**Referat af bestyrelsesmøde 4. marts 2024**\n\n**Regnskab**\nRegnskabet blev godkendt.\n\n"
        "**Legeplads**\nKarin indhenter tilbud på nye gynger inden 1. maj 2024.\n\n"
        "**Eventuelt**\nIntet.\n",
        MARKED,
    ),
}


def _read(path: Path) -> tuple[object, list[tuple[str, str]], list[tuple[object, ...]]]:
    minutes = parse_minutes(read_document(path).text, source=path.name)
    actions = extract_actions(minutes, Organisation())
    return (
        (minutes.meeting.body, minutes.meeting.date),
        [(item.number, item.title) for item in minutes.items],
        [(a.item, a.title, a.owner, a.due, a.kind) for a in actions],
    )


@pytest.mark.parametrize(
    ("layout", "kind"),
    [(layout, kind) for layout, (_, writers) in LAYOUTS.items() for kind in writers],
)
def test_a_layout_reads_the_same_in_every_format(layout: str, kind: str, tmp_path: Path) -> None:
    text, writers = LAYOUTS[layout]
    source = tmp_path / "minutes.txt"
    source.write_text(text, encoding="utf-8")
    expected = _read(source)
    meeting, items, actions = expected
    assert None not in meeting  # type: ignore[operator]
    assert len(items) >= 2 and actions  # the text itself is read as intended
    assert _read(writers[kind](text, tmp_path / f"minutes.{kind}")) == expected
