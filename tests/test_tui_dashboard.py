"""The dashboard, driven with Textual's pilot on the seed minutes (and on a few
hundred synthetic actions for paging), checked against the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from rich.console import Console
from sqlalchemy import URL, Engine, insert, make_url, select
from sqlmodel import col
from textual.pilot import Pilot
from textual.worker import WorkerFailed

from tests.tui_support import SEED, TODAY, make_context
from tracker import services
from tracker.db import session_scope
from tracker.models import Action, AgendaItem
from tracker.queries import list_actions
from tracker.queries.dashboard import DashboardView, count_actions, week_of
from tracker.tui.app import TrackerApp
from tracker.tui.context import TuiContext
from tracker.tui.screens.dashboard import DashboardScreen
from tracker.tui.screens.help import HelpScreen
from tracker.tui.widgets.action_table import ActionTable

SIZE = (120, 40)


@pytest.fixture
def context(engine: Engine) -> TuiContext:
    """The seed meeting with three proposals accepted: 3 and 4 (due 22 August,
    overdue on TODAY) and 5 (due 12 September); the other six stay proposed."""
    context = make_context(engine, SEED)
    with session_scope(context.engine) as session:
        services.accept(session, [3, 4, 5], user="test")
    return context


async def settle(pilot: Pilot[None]) -> None:
    """Let workers finish and the messages they post be handled (a reply can
    start another worker, so a few rounds)."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def shown(app: TrackerApp) -> list[int]:
    """IDs of the rows in the table, in order."""
    return [row.id for row in app.screen.query_one(ActionTable).window.rows]


def ids(context: TuiContext, status: str) -> list[int]:
    with session_scope(context.engine) as session:
        rows = list_actions(session, status=status, today=TODAY)  # type: ignore[arg-type]
        return [row.id for row in rows]


async def test_filters_show_the_rows_the_database_has(context: TuiContext) -> None:
    app = TrackerApp(context, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert shown(app) == ids(context, "open") == [3, 4, 5]
        expected = {
            "1": [4],  # mine: ØC owns action 4
            "3": ids(context, "overdue"),
            "5": [],
            "6": ids(context, "proposed"),
            "7": [],
            "2": [3, 4, 5],
        }
        for key, rows in expected.items():
            await pilot.press(key)
            await settle(pilot)
            assert shown(app) == rows, key
        assert ids(context, "overdue") == [3, 4]
        assert len(ids(context, "proposed")) == 6


async def test_due_this_week_is_monday_to_sunday(context: TuiContext) -> None:
    monday, sunday = week_of(dt.date(2022, 9, 8))  # a Thursday
    assert (monday, sunday) == (dt.date(2022, 9, 5), dt.date(2022, 9, 11))
    app = TrackerApp(replace(context, today=lambda: dt.date(2022, 9, 12)), language="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert shown(app) == [5]  # due Monday 12 September


async def test_search_narrows_the_rows_as_you_type(context: TuiContext) -> None:
    app = TrackerApp(context, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "slash")
        await settle(pilot)
        assert len(shown(app)) == 6
        for key in "kobl":
            await pilot.press(key)
        await settle(pilot)
        assert shown(app) == [8]  # "Kobl det med revisionen ..."
        assert "kobl" in str(app.screen.query_one("#status-line").render())
        await pilot.press("escape")  # clears the search and leaves the box
        await settle(pilot)
        assert len(shown(app)) == 6
        assert isinstance(app.focused, ActionTable)


async def test_search_ignores_case_in_danish_letters(context: TuiContext) -> None:
    with session_scope(context.engine) as session:
        for word, found in [("øc", [4]), ("ØC", [4]), ("dRøFt", [4]), ("zzz", [])]:
            view = DashboardView(search=word)
            assert count_actions(session, view=view, today=TODAY) == len(found), word
    app = TrackerApp(context, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "ø", "c")
        await settle(pilot)
        assert shown(app) == [4]


async def test_sort_and_group_change_the_order(context: TuiContext) -> None:
    app = TrackerApp(context, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        by_due = shown(app)
        assert by_due[0] == 1  # undated last: all six proposals are undated, so by ID
        await pilot.press("s")  # owner
        await settle(pilot)
        table = app.screen.query_one(ActionTable)
        assert table.window.sort == "owner"
        assert table.window.rows[0].owner == "HRC"
        await pilot.press("S")  # reversed: owners descending, the missing ones still last
        await settle(pilot)
        assert table.window.descending
        assert shown(app) == [2, 9, 8, 7, 6, 1]  # HRC, then the ownerless by ID, reversed too
        await pilot.press("s")  # title
        await settle(pilot)
        titles = [row.title for row in table.window.rows]
        assert titles == sorted(titles)
        await pilot.press("2", "g")  # open actions, grouped by owner
        await settle(pilot)
        assert [row.owner for row in table.window.rows] == ["Sekretariatet", "ØC", None]
        await pilot.press("g")  # by meeting: one meeting, in title order within it
        await settle(pilot)
        assert table.window.group == "meeting"
        assert shown(app) == [4, 5, 3]  # Drøft, Forelæg, Send


async def test_clicking_a_header_sorts_by_it(context: TuiContext) -> None:
    app = TrackerApp(context, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ActionTable)
        assert table.window.sort == "due"
        await pilot.click(ActionTable, offset=(35, 0))  # the title column's header
        await settle(pilot)
        assert table.window.sort == "title"
        await pilot.click(ActionTable, offset=(35, 0))
        await settle(pilot)
        assert table.window.descending


async def test_space_accepts_the_selected_proposal(context: TuiContext) -> None:
    app = TrackerApp(context, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        first = shown(app)[0]
        await pilot.press("space")
        await settle(pilot)
        with session_scope(context.engine) as session:
            assert session.get_one(Action, first).status == "open"
        assert first not in shown(app)  # the proposals reloaded without it
        assert len(shown(app)) == 5


async def test_d_marks_done_and_a_finished_action_is_refused(context: TuiContext) -> None:
    app = TrackerApp(context, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        with session_scope(context.engine) as session:
            assert session.get_one(Action, 3).status == "done"
        assert shown(app) == [4, 5]
        await pilot.press("7", "x")  # accepting a done action: a warning, no change
        await settle(pilot)
        with session_scope(context.engine) as session:
            assert session.get_one(Action, 3).status == "done"
        assert any("does not apply" in n.message for n in app._notifications)


async def test_paging_loads_the_next_window(engine: Engine) -> None:
    context = make_context(engine, SEED)
    with session_scope(context.engine) as session:
        item_id = session.execute(select(col(AgendaItem.id))).scalars().first()
        session.execute(
            insert(Action),
            [
                {"item_id": item_id, "title": f"Synthetic action {n:03}", "status": "open",
                 "due": TODAY + dt.timedelta(days=n)}
                for n in range(300)
            ],
        )  # fmt: skip
    app = TrackerApp(context, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(ActionTable)
        assert table.window.total == 300
        assert table.window.offset == 0
        assert 60 <= len(table.window.rows) < 300
        window_end = len(table.window.rows)
        for _ in range(window_end):
            await pilot.press("down")
        await settle(pilot)
        assert table.position == window_end
        assert table.window.offset > 0  # a new window around the cursor
        assert table.selected() is not None
        assert table.selected().title == f"Synthetic action {window_end:03}"  # type: ignore[union-attr]
        await pilot.press("end")
        await settle(pilot)
        assert table.position == 299
        assert table.selected().title == "Synthetic action 299"  # type: ignore[union-attr]
        assert "of 300" in str(app.screen.query_one("#status-line").render())
        await pilot.press("pageup")
        await settle(pilot)
        assert table.position == 299 - table.visible_rows
        await pilot.press("home")
        await settle(pilot)
        assert (table.position, table.window.offset) == (0, 0)


async def test_actions_changed_elsewhere_reload_the_dashboard(context: TuiContext) -> None:
    from tracker.tui.messages import ActionsChanged

    app = TrackerApp(context, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        with session_scope(context.engine) as session:
            services.accept(session, [1], user="test")
        app.post_message(ActionsChanged((1,)))
        await settle(pilot)
        assert shown(app) == [3, 4, 5, 1]


async def test_help_lists_the_keys_in_the_language(context: TuiContext) -> None:
    app = TrackerApp(context, language="da")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        console = Console(record=True, width=100)
        console.print(app.screen._keys())
        text = console.export_text()
        assert "space x" in text and "1 " in text  # keys of one action joined; filters listed
        assert "Godkend" in text and "Søg" in text and "Afslut" in text
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_a_failed_worker_becomes_a_notification(context: TuiContext) -> None:
    def broken_clock() -> dt.date:
        raise RuntimeError("the clock broke")

    app = TrackerApp(context, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        screen.context = replace(context, today=broken_clock)
        screen.reload()
        with pytest.raises(WorkerFailed):
            await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "Could not load the actions: RuntimeError: the clock broke" in messages


# --- opening the app from the command line ----------------------------------------


def test_tracker_without_a_command_opens_the_app(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from tracker.cli import app as cli

    opened: list[tuple[URL, str]] = []

    def run(self: TrackerApp) -> None:
        opened.append((self.context.engine.url, self.context.user))

    monkeypatch.setattr(TrackerApp, "run", run)
    monkeypatch.setenv("TRACKER_USER", "anya")
    db = database_url
    result = CliRunner().invoke(cli, ["--db", db, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert opened == [(make_url(db), "anya")]

    result = CliRunner().invoke(cli, ["--db", db, "--lang", "fr"])
    assert result.exit_code == 1
    assert "unknown language 'fr'" in result.stderr


def test_language_setting_comes_from_flag_then_environment_then_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tracker import config

    monkeypatch.delenv("TRACKER_LANGUAGE", raising=False)
    monkeypatch.setenv("LC_ALL", "da_DK.UTF-8")
    assert config.language() == "da"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert config.language() == "en"
    monkeypatch.setenv("TRACKER_LANGUAGE", "DA")
    assert config.language() == "da"
    assert config.language("en") == "en"
