"""Pilot tests of the action detail screen on the seed minutes: done, hold,
reactivate, note, edit and assign, each checked in the database, and the
history the screen shows."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from rich.console import Console
from rich.text import Text
from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.widgets import Input, Static

from tests.test_tui_review import _Host, english, settle  # noqa: F401  (fixture)
from tests.tui_support import SEED, make_context
from tracker import services
from tracker.db import session_scope
from tracker.models import Action
from tracker.tui.context import TuiContext
from tracker.tui.screens.assign import AssignScreen
from tracker.tui.screens.detail import ActionDetailScreen
from tracker.tui.screens.prompts import TextPrompt


@pytest.fixture
def context(engine: Engine) -> TuiContext:
    return make_context(engine, SEED)


def action(context: TuiContext, start: str) -> Action:
    with Session(context.engine) as session:
        found = session.exec(select(Action).where(Action.title.startswith(start))).one()  # type: ignore[attr-defined]
    return found


def accept(context: TuiContext, action_id: int) -> None:
    with session_scope(context.engine) as session:
        services.accept(session, [action_id], user="Anya")


def detail_app(context: TuiContext, action_id: int) -> _Host:
    return _Host(lambda: ActionDetailScreen(context, action_id))


def text_of(app: Any, selector: str) -> str:
    """A Static's text as it reads on a wide screen (tables rendered to lines)."""
    content = app.screen.query_one(selector, Static).content
    if isinstance(content, str | Text):
        return str(content)
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


async def answer(pilot: Any, text: str) -> None:
    """Type the answer to the open one-line prompt and press Enter."""
    await pilot.pause()
    assert isinstance(pilot.app.screen, TextPrompt)
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await settle(pilot)


async def test_shows_everything_about_the_action(context: TuiContext) -> None:
    program = action(context, "Send programmet")
    accept(context, program.id)
    app = detail_app(context, program.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert text_of(app, "#detail-heading") == f"#{program.id}  Send programmet ud til Byrådet"
        facts = text_of(app, "#detail-facts")
        for fact in (
            "open, overdue",
            "Sekretariatet",
            "2022-08-22 «snarest»",
            "communication",
            "Direktionen 2022-08-15",
            "6. Program for budgetseminar",
            "programmet sendes ud til Byrådet snarest via sekretariatet",
        ):
            assert fact in facts, fact
        history = text_of(app, "#detail-history")
        assert "Created: Send programmet ud til Byrådet" in history
        assert "Anya" in history and "Status: proposed → open" in history
        decision = text_of(app, "#detail-decision")
        assert decision.startswith("Programmet til det kommende budgetseminar")


async def test_done_with_a_note_then_reactivate(context: TuiContext) -> None:
    program = action(context, "Send programmet")
    accept(context, program.id)
    app = detail_app(context, program.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await answer(pilot, "Sendt 17/8")
        done = action(context, "Send programmet")
        assert (done.status, done.notes) == ("done", "Sendt 17/8")
        assert done.completed_at is not None
        assert app.changed == [(program.id,)]
        assert "Sendt 17/8" in text_of(app, "#detail-notes")
        assert "Status: open → done" in text_of(app, "#detail-history")
        assert "ØC" in text_of(app, "#detail-history")  # the context's user

        await pilot.press("o")
        await settle(pilot)
        reopened = action(context, "Send programmet")
        assert (reopened.status, reopened.completed_at) == ("open", None)


async def test_done_without_a_note(context: TuiContext) -> None:
    program = action(context, "Send programmet")
    app = detail_app(context, program.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await answer(pilot, "")
        done = action(context, "Send programmet")
        assert (done.status, done.notes) == ("done", None)


async def test_hold_asks_the_condition_and_reactivate_reopens(context: TuiContext) -> None:
    program = action(context, "Send programmet")
    app = detail_app(context, program.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await answer(pilot, "budgettet er vedtaget")
        held = action(context, "Send programmet")
        assert (held.status, held.condition) == ("on_hold", "budgettet er vedtaget")
        assert "budgettet er vedtaget" in text_of(app, "#detail-facts")

        await pilot.press("h")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "budgettet er vedtaget"
        await answer(pilot, "efter valget")
        assert action(context, "Send programmet").condition == "efter valget"

        await pilot.press("o")
        await settle(pilot)
        assert action(context, "Send programmet").status == "open"


async def test_reactivating_an_open_action_is_refused_in_words(context: TuiContext) -> None:
    program = action(context, "Send programmet")
    accept(context, program.id)
    app = detail_app(context, program.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert action(context, "Send programmet").status == "open"
        assert list(app._notifications)[-1].message == "The action is open, so that cannot be done."
        assert app.changed == []


async def test_note_and_title(context: TuiContext) -> None:
    program = action(context, "Send programmet")
    app = detail_app(context, program.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("N")
        await answer(pilot, "Husk bilag")
        await pilot.press("e")
        await answer(pilot, "Send programmet til Byrådet")
        changed = action(context, "Send programmet")
        assert (changed.title, changed.notes) == ("Send programmet til Byrådet", "Husk bilag")
        assert text_of(app, "#detail-heading").endswith("Send programmet til Byrådet")
        assert "Title: Send programmet ud til Byrådet → Send programmet til" in text_of(
            app, "#detail-history"
        )


async def test_assign_from_the_detail_screen(context: TuiContext) -> None:
    oc = action(context, "Drøft afklaring")
    app = detail_app(context, oc.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AssignScreen)
        assert app.screen.query_one("#owner-name", Input).value == "ØC"
        assert app.screen.query_one("#due-phrase", Input).value == "på et kommende direktionsmøde"
        app.screen.query_one("#owner-name", Input).value = "Anya"
        app.screen.query_one("#due-phrase", Input).value = "30/9"
        await pilot.pause()
        assert "2022-09-30 (Friday)" in str(app.screen.query_one("#due-hint", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ActionDetailScreen)
        assigned = action(context, "Drøft afklaring")
        assert (assigned.owner, assigned.due, assigned.due_text) == (
            "Anya",
            dt.date(2022, 9, 30),
            "30/9",
        )
        assert "Owner: ØC → Anya" in text_of(app, "#detail-history")


async def test_escape_goes_back(context: TuiContext) -> None:
    app = detail_app(context, action(context, "Send programmet").id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ActionDetailScreen)
