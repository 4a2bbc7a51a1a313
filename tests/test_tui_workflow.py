"""One secretary's whole workflow through the real app, checking the database after each step:
import the seed minutes, review, accept, assign an owner and a phrase due date, mark done,
put on hold and reactivate."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import select
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tests.tui_support import SEED, make_context
from tracker.db import session_scope
from tracker.models import Action
from tracker.tui.app import TrackerApp
from tracker.tui.context import TuiContext
from tracker.tui.screens.assign import AssignScreen
from tracker.tui.screens.detail import ActionDetailScreen
from tracker.tui.screens.importer import ImportScreen
from tracker.tui.screens.prompts import TextPrompt
from tracker.tui.screens.review import ReviewScreen


def actions(context: TuiContext) -> dict[int, Action]:
    with session_scope(context.engine) as session:
        rows = session.exec(select(Action)).all()
        for row in rows:
            session.expunge(row)
    return {row.id: row for row in rows if row.id is not None}


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for the workers that do database work, and the messages they post.

    The import screen's file tree keeps a loader worker alive, so only
    workers outside it are waited for.
    """
    for _ in range(60):
        await pilot.pause()
        busy = [w for w in pilot.app.workers if not w.is_finished and _ours(w.group)]
        if not busy:
            await pilot.pause()
            return
        await asyncio.wait_for(pilot.app.workers.wait_for_complete(busy), timeout=20)
    raise AssertionError("workers did not settle")


def _ours(group: str) -> bool:
    return re.split(r"[.-]", group or "")[0] in {
        "dashboard", "review", "assign", "detail", "meetings", "importer",
    }  # fmt: skip


async def test_import_review_accept_assign_done_hold_reactivate(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "minutes"
    folder.mkdir()
    shutil.copy(SEED, folder)
    monkeypatch.chdir(folder)
    context = make_context(engine)
    app = TrackerApp(context, language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)

        # Import the seed from the app.
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
        await pilot.click("#pattern")
        await pilot.press(*"*.txt", "enter", "ctrl+s")
        await settle(pilot)
        imported = actions(context)
        assert len(imported) == 9
        assert {a.status for a in imported.values()} == {"proposed"}
        await pilot.press("escape")
        await settle(pilot)

        # Review: accept the first proposal.
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        option = app.screen.query_one(OptionList).highlighted_option
        assert option is not None and option.id is not None
        first = int(option.id.removeprefix("action-"))
        await pilot.press("space")
        await settle(pilot)
        assert actions(context)[first].status == "open"

        # Assign an owner and a due date written as a phrase.
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AssignScreen)
        owner = app.screen.query_one("#owner-name", Input)
        owner.value = "ØC"
        due = app.screen.query_one("#due-phrase", Input)
        due.focus()
        due.value = "næste møde"
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assigned = actions(context)[first]
        # Direktionen meets on Mondays in the sample organisation file.
        assert (assigned.owner, assigned.due, assigned.due_text) == (
            "ØC",
            dt.date(2022, 8, 22),
            "næste møde",
        )

        # Open its detail, mark it done, then reopen, hold and reactivate.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionDetailScreen)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(Input).value = "Sendt til HU"
        await pilot.press("enter")
        await settle(pilot)
        done = actions(context)[first]
        assert done.status == "done" and "Sendt til HU" in (done.notes or "")

        await pilot.press("o")
        await settle(pilot)
        assert actions(context)[first].status == "open"

        await pilot.press("h")
        await pilot.pause()
        app.screen.query_one(Input).value = "når budgettet er vedtaget"
        await pilot.press("enter")
        await settle(pilot)
        held = actions(context)[first]
        assert (held.status, held.condition) == ("on_hold", "når budgettet er vedtaget")

        await pilot.press("o")
        await settle(pilot)
        assert actions(context)[first].status == "open"
