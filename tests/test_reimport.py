"""Importing a corrected version of minutes already reviewed.

The seed minutes are imported and worked on as a secretary would (accept,
reassign, set a date by hand, add a note and an action of her own); then a
corrected version of the same meeting is imported: one due phrase and one
owner changed in the text, one clause deleted and one sentence added. What
people did must survive; what nobody touched follows the corrected text; the
proposal whose sentence vanished is flagged, not deleted. Importing the
original again brings the flagged one back. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import col, select
from typer.testing import CliRunner

from tests.formats import marked_to_docx, marked_to_html, text_to_docx, typeset_pdf
from tests.test_tui_detail import text_of
from tests.test_tui_review import _Host, english, settle  # noqa: F401  (fixture)
from tests.tui_support import TODAY
from tracker import services
from tracker.cli import app as cli
from tracker.db import session_scope
from tracker.models import Action, ActionEvent, AgendaItem
from tracker.organisation import Organisation
from tracker.services import ImportResult
from tracker.tui.context import TuiContext
from tracker.tui.screens.detail import ActionDetailScreen

SEED = Path(__file__).parent / "fixtures" / "000_72469736df97498c.txt"
NO_ORG = Organisation()

# The corrections, as a secretary would make them in the minutes' text.
DUE = ("sendes ud til Byrådet snarest via", "sendes ud til Byrådet inden 1. september 2022 via")
OWNER = ("hvor ØC kommer med et oplæg", "hvor HRC kommer med et oplæg")
DROPPED = "men at timingen rent politisk skal afklares og "
ADDED = (
    "og arbejdet med kommuneplanen i dette regi.",
    (
        "og arbejdet med kommuneplanen i dette regi. "
        "ØC udarbejder en tidsplan for arbejdet inden 1. oktober 2022."
    ),
)


def import_text(engine: Engine, path: Path, text: str) -> ImportResult:
    path.write_text(text, encoding="utf-8")
    (outcome,) = services.import_files(engine, [path], organisation=NO_ORG, user="import")
    assert outcome.result is not None, outcome.error
    return outcome.result


def find(engine: Engine, words: str) -> dict[str, Any]:
    """The one action whose source sentence has `words`, as plain values."""
    with session_scope(engine) as session:
        (action,) = session.exec(select(Action).where(col(Action.source).contains(words))).all()
        return action.model_dump()


def history(engine: Engine, action_id: int) -> list[tuple[str, str | None]]:
    with session_scope(engine) as session:
        events = session.exec(
            select(ActionEvent)
            .where(ActionEvent.action_id == action_id)
            .order_by(col(ActionEvent.id))
        ).all()
        return [(event.field, event.new) for event in events]


def test_a_corrected_meeting_keeps_what_people_did(engine: Engine, tmp_path: Path) -> None:
    original = SEED.read_text(encoding="utf-8")
    for old, _ in (DUE, OWNER, ADDED):
        assert original.count(old) == 1
    assert original.count(DROPPED) == 1
    first = import_text(engine, tmp_path / "referat.txt", original)
    assert first.status == "created"

    send, slides = find(engine, "sendes ud til Byrådet"), find(engine, "kommer med et oplæg")
    timing = find(engine, "timingen rent politisk")
    with session_scope(engine) as session:
        services.accept(session, [send["id"]], user="anna")
        services.assign(
            session, send["id"], owner="Sekretariatet (ØC)", organisation=NO_ORG, user="anna"
        )
        services.assign(
            session, slides["id"], due_phrase="30-09-2022", organisation=NO_ORG, user="anna"
        )
        services.add_note(session, timing["id"], "Spørg borgmesteren", user="anna")
        own = services.add_action(
            session, timing["item_id"], "Book lokale", None, organisation=NO_ORG, user="anna"
        )
    with session_scope(engine) as session:
        before = {a.id: a.model_dump() for a in session.exec(select(Action))}

    corrected = original
    for old, new in (DUE, OWNER, ADDED):
        corrected = corrected.replace(old, new)
    corrected = corrected.replace(DROPPED, "")
    result = import_text(engine, tmp_path / "referat-rettet.txt", corrected)
    assert (result.status, result.changed, result.added, result.removed) == ("updated", 2, 0, 0)
    assert (result.revised, result.flagged, result.proposed) == (2, 1, 1)
    assert "2 proposals revised; 1 flagged: their sentence is gone" in result.describe()

    with session_scope(engine) as session:
        after = {a.id: a.model_dump() for a in session.exec(select(Action))}
    assert set(before) < set(after)  # nothing deleted

    # The hand-set owner stays; the due date nobody touched follows the text.
    sent = after[send["id"]]
    assert (sent["owner"], sent["status"]) == ("Sekretariatet (ØC)", "open")
    assert (sent["due"], sent["due_text"]) == (dt.date(2022, 9, 1), "inden 1. september 2022")
    assert DUE[1] in sent["source"]
    # The hand-set date stays; the owner nobody touched follows the text.
    slid = after[slides["id"]]
    assert (slid["owner"], slid["due"]) == ("HRC", dt.date(2022, 9, 30))
    # The clause is gone: flagged, with its note and status, not deleted.
    kept = after[timing["id"]]
    assert kept["source_lost_at"] is not None
    assert (kept["status"], kept["notes"], kept["title"]) == (
        "proposed", "Spørg borgmesteren", timing["title"],
    )  # fmt: skip
    assert ("source_lost", "referat-rettet.txt") in history(engine, timing["id"])
    # People's own action is as they left it.
    assert after[own] == before[own]
    # The new sentence is a new proposal to review.
    (new,) = [a for i, a in after.items() if i not in before]
    assert (new["status"], new["owner"], new["due"]) == ("proposed", "ØC", dt.date(2022, 10, 1))
    # Every other action is untouched.
    touched = {send["id"], slides["id"], timing["id"]}
    assert {i: a for i, a in after.items() if i in before and i not in touched} == {
        i: a for i, a in before.items() if i not in touched
    }
    # The changes are in the history, by the importer, with the document.
    assert ("revised", "referat-rettet.txt") in history(engine, send["id"])
    assert ("due", "2022-09-01") in history(engine, send["id"])

    # The same corrected file again does nothing.
    again = import_text(engine, tmp_path / "referat-rettet.txt", corrected)
    assert again.status == "unchanged"

    # The original again: the clause is back and its flag goes; the added
    # sentence's proposal is flagged in turn; the hand edits still stand.
    back = import_text(engine, tmp_path / "referat.txt", original)
    assert (back.status, back.flagged, back.proposed) == ("updated", 1, 0)
    restored = find(engine, "timingen rent politisk")
    assert restored["source_lost_at"] is None
    assert ("source_found", "referat.txt") in history(engine, timing["id"])
    assert find(engine, "tidsplan")["source_lost_at"] is not None
    sent = find(engine, "sendes ud til Byrådet")
    assert (sent["owner"], sent["due_text"]) == ("Sekretariatet (ØC)", "snarest")


def test_an_item_gone_from_the_minutes_flags_its_proposals_not_peoples_actions(
    engine: Engine, tmp_path: Path
) -> None:
    original = SEED.read_text(encoding="utf-8")
    import_text(engine, tmp_path / "referat.txt", original)
    timing = find(engine, "timingen rent politisk")
    with session_scope(engine) as session:
        own = services.add_action(
            session, timing["item_id"], "Book lokale", None, organisation=NO_ORG, user="anna"
        )
        on_item = session.exec(
            select(Action.id).where(Action.item_id == timing["item_id"], Action.id != own)
        ).all()
    start, end = original.index("Punkt 8:"), original.index("Punkt 9:")
    result = import_text(engine, tmp_path / "uden-punkt-8.txt", original[:start] + original[end:])
    assert (result.status, result.kept, result.flagged) == ("updated", ("8",), len(on_item))
    with session_scope(engine) as session:
        flagged = session.exec(
            select(Action.id).where(col(Action.source_lost_at).is_not(None))
        ).all()
        mine = session.get_one(Action, own)
        assert (mine.source_lost_at, mine.proposal, mine.version) == (None, None, 1)
    assert sorted(flagged) == sorted(on_item)


async def test_flagged_proposals_show_in_the_list_and_on_the_detail_screen(
    engine: Engine, tmp_path: Path
) -> None:
    original = SEED.read_text(encoding="utf-8")
    import_text(engine, tmp_path / "referat.txt", original)
    import_text(engine, tmp_path / "rettet.txt", original.replace(DROPPED, ""))
    timing = find(engine, "timingen rent politisk")

    url = engine.url.render_as_string(hide_password=False)
    listed = CliRunner().invoke(cli, ["list", "--status", "proposed", "--db", url])
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    (at,) = [n for n, row in enumerate(lines) if f" {timing['id']} │" in row[:6]]
    assert lines[at].rstrip(" │").endswith("proposed")
    assert lines[at + 1].rstrip(" │").endswith("source gone")  # under the status

    context = TuiContext(engine=engine, organisation=NO_ORG, user="anna", today=lambda: TODAY)
    host = _Host(lambda: ActionDetailScreen(context, timing["id"]))
    async with host.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "is no longer in the minutes" in text_of(host, "#detail-facts")
        assert "Sentence gone from new minutes: rettet.txt" in text_of(host, "#detail-history")


# The same minutes in three formats: a paragraph per line (DOCX), laid out
# on pages (PDF), and a text file wrapped at 60 columns by hand, with one word
# hyphenated at a line end.
DECISION_ONE = (
    "Udvalget besluttede at sætte gang i en forandring af den måde, hvorpå kommunens "
    "veje og stier vedligeholdes, så borgerne oplever færre huller i asfalten."
)
DECISION_TWO = (
    "Sagen sendes til Teknik- og Miljøudvalget. Forvaltningen udarbejder en plan for "
    "arbejdet inden 1. september 2025, og et EU-udbud forberedes samtidig."
)
HEADER = ["Referat", "Udvalget for Veje og Grønne Områder", "Mødedato: 12-03-2025"]
ITEMS = [
    ("1. Godkendelse af dagsorden", ["Godkendt."]),
    (
        "2. Forslag om nye cykelstier langs landevejen mellem Nordby og Sydby og videre til havnen",
        [DECISION_ONE, DECISION_TWO],
    ),
]


def _as_text(wrap: bool) -> str:
    lines = [*HEADER, ""]
    for heading, paragraphs in ITEMS:
        lines += [heading, "Beslutning:"]
        for paragraph in paragraphs:
            lines += textwrap.wrap(paragraph, 60) if wrap else [paragraph]
        lines.append("")
    text = "\n".join(lines)
    return text.replace("en forandring af", "en foran-\ndring af") if wrap else text


def test_the_same_minutes_in_another_format_is_unchanged(engine: Engine, tmp_path: Path) -> None:
    blocks = [(line, 10.0, False) for line in HEADER]
    for heading, paragraphs in ITEMS:
        blocks += [(heading, 12, True), ("Beslutning:", 10, True)]
        blocks += [(paragraph, 10, False) for paragraph in paragraphs]
    pdf = typeset_pdf(blocks, tmp_path / "referat.pdf", width=118, header=None)
    docx = text_to_docx(_as_text(wrap=False), tmp_path / "referat.docx")
    text = tmp_path / "referat.txt"
    text.write_text(_as_text(wrap=True), encoding="utf-8")

    _import_as_one_document(engine, [pdf, docx, text])
    with session_scope(engine) as session:
        items = session.exec(select(AgendaItem).order_by(col(AgendaItem.position))).all()
        assert items[1].title == ITEMS[1][0].removeprefix("2. ")
        assert items[1].decisions[0]["text"] == f"{DECISION_ONE}\n{DECISION_TWO}"

    changed = _as_text(wrap=True).replace("1. september", "1. oktober")
    (outcome,) = services.import_files(engine, [_write(tmp_path, changed)], organisation=NO_ORG)
    assert outcome.result is not None and outcome.result.status == "updated"


def _import_as_one_document(engine: Engine, paths: list[Path]) -> None:
    """Import `paths` in order: the first creates the meeting, every other
    one, the same minutes in another form, changes nothing."""
    first, *again = services.import_files(engine, paths, organisation=NO_ORG)
    assert first.result is not None and first.result.status == "created", first.error
    assert [o.result.status if o.result else o.error for o in again] == ["unchanged"] * len(again)


# Minutes whose items are unnumbered headings, written in Markdown.
MARKED = """# Referat af bestyrelsesmøde i Grundejerforeningen Engen
Dato: 4. marts 2024 kl. 19.00

## Budget
**Beslutning:**
Budgettet blev godkendt. Kassereren sender regnskabet ud inden 1. april 2024.

## Ny legeplads
**Beslutning:**
Mikkel Dahl indhenter tre tilbud inden næste møde.
"""


def test_the_same_marked_minutes_as_a_web_page_or_word_file_is_unchanged(
    engine: Engine, tmp_path: Path
) -> None:
    """The headings and bold lines of a page or a Word file come in as marks,
    and what is stored is the text without them: the same as the Markdown's."""
    text = _write(tmp_path, MARKED)
    page = marked_to_html(MARKED, tmp_path / "referat.html")
    word = marked_to_docx(MARKED, tmp_path / "referat.docx")
    _import_as_one_document(engine, [text, page, word])
    with session_scope(engine) as session:
        items = session.exec(select(AgendaItem).order_by(col(AgendaItem.position))).all()
        assert [item.title for item in items] == ["Budget", "Ny legeplads"]
        assert items[1].decisions[0]["text"] == "Mikkel Dahl indhenter tre tilbud inden næste møde."


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rettet.txt"
    path.write_text(text, encoding="utf-8")
    return path
