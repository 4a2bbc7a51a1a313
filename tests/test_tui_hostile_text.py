"""Text from documents and users shown as written on every screen.

Titles, owners, notes, body names and file names can hold what Textual and
Rich read as markup ("[/bold]" ends a style that never began and crashes the
render; "[link=...]" makes a hyperlink) or control characters. Every screen
that shows them must show them literally and keep running.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from tests.tui_support import make_context, press, settle
from tracker import services
from tracker.db import session_scope
from tracker.models import Action
from tracker.organisation import Organisation
from tracker.tui.app import TrackerApp
from tracker.tui.screens.assign import AssignScreen
from tracker.tui.screens.detail import ActionDetailScreen
from tracker.tui.screens.importer import ImportScreen
from tracker.tui.screens.meetings import MeetingsScreen
from tracker.tui.screens.report import ReportScreen
from tracker.tui.screens.review import ReviewScreen

# Each a single word, so that it can be found in the screen as one run of text.
OWNER = "[/bold]Ejer"
NOTE = "[link=https://evil.example]klik[/link]"
USER = "[/u]bruger"
TITLE_MARKUP = "[red]rødt[/red]"
DECISION_MARKUP = "[/i]"

MINUTES = f"""Referat
Udvalg: Havneudvalget [b]fed[/b]
Mødedato: 15-08-2022

Punkt 1: Budget {TITLE_MARKUP}
Beslutning Havneudvalget den 15-08-2022
HRC undersøger sagen {DECISION_MARKUP} og vender tilbage inden 14 dage.
"""


def screen_text(app: TrackerApp) -> str:
    """What the screen shows, as text: the screenshot's SVG without its styles
    and tags, its non-breaking spaces as spaces."""
    svg = app.export_screenshot()
    body = re.sub(r"<[^>]*>", "", svg[svg.index("</style>") :])
    return html.unescape(body).replace("\xa0", " ")


@pytest.fixture
def hostile(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TrackerApp:
    folder = tmp_path / "mappe[i]x"
    folder.mkdir()
    document = folder / "referat[red] \x1b[31m.txt"
    document.write_text(MINUTES, encoding="utf-8")
    monkeypatch.chdir(folder)
    context = make_context(engine, document, user=USER)
    with session_scope(engine) as session:
        action_id = session.exec(select(Action.id)).one()
        services.assign(session, action_id, owner=OWNER, user=USER, organisation=Organisation())
        services.add_note(session, action_id, NOTE, user=USER)
    return TrackerApp(context, language="en")


async def test_every_screen_shows_markup_in_stored_text_literally(hostile: TrackerApp) -> None:
    app = hostile
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await press(pilot, "6")  # proposed
        assert OWNER in screen_text(app)  # the dashboard's table

        await press(pilot, "enter")
        assert isinstance(app.screen, ActionDetailScreen)
        shown = screen_text(app)
        assert all(text in shown for text in (OWNER, NOTE, USER, TITLE_MARKUP)), shown
        await press(pilot, "escape")

        await press(pilot, "a")
        assert isinstance(app.screen, AssignScreen)
        assert DECISION_MARKUP in screen_text(app)  # in the action's title
        await press(pilot, "escape")

        await press(pilot, "r")
        assert isinstance(app.screen, ReviewScreen)
        shown = screen_text(app)
        assert OWNER in shown and DECISION_MARKUP in shown, shown
        await press(pilot, "n")  # a missed action: pick one of the decision's sentences
        assert DECISION_MARKUP in screen_text(app)
        await press(pilot, "escape", "escape")

        await press(pilot, "m")
        assert isinstance(app.screen, MeetingsScreen)
        await press(pilot, "enter")
        shown = screen_text(app)
        assert "[b]fed[/b]" in shown and TITLE_MARKUP in shown, shown
        await press(pilot, "escape", "escape", "escape")

        await press(pilot, "p")
        assert isinstance(app.screen, ReportScreen)
        await press(pilot, "escape")

        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
        for _ in range(10):
            await pilot.pause(0.05)
        shown = screen_text(app)
        assert "mappe[i]x" in shown and "referat[red] \\x1b[31m.txt" in shown, shown
