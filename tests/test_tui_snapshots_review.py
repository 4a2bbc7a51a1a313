"""Snapshots of the review and the action detail screens at 100x30, in Danish and
English, on the seed minutes.

Deterministic: the seed, the tests' frozen today, and a clock for the audit
trail that starts at a fixed time and moves 90 minutes per change, so the
history shows fixed times. Review a changed snapshot in the report before
updating it (`pytest --snapshot-update`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.test_tui_review import _Host, english, move_to, settle  # noqa: F401  (fixture)
from tests.tui_support import SEED, make_context, sqlite_url
from tracker import queries, services
from tracker.db import session_scope
from tracker.tui.context import TuiContext
from tracker.tui.i18n import set_language
from tracker.tui.screens.detail import ActionDetailScreen
from tracker.tui.screens.review import ReviewScreen

SIZE = (100, 30)
LANGUAGES = ["da", "en"]


@pytest.fixture
def context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TuiContext:
    """The seed imported by "import" at 16 August 2022 08:00 UTC, by a clock
    that moves on 90 minutes with every change after it."""
    start = dt.datetime(2022, 8, 16, 8, 0, tzinfo=dt.UTC)
    ticks: Iterator[dt.datetime] = (start + dt.timedelta(minutes=90 * n) for n in range(1000))
    monkeypatch.setattr(services.audit, "utcnow", lambda: next(ticks))
    monkeypatch.setenv("TRACKER_USER", "import")  # the importer, not the OS user
    return make_context(sqlite_url(tmp_path), SEED, user="Anya")


def action_id(context: TuiContext, start: str) -> int:
    with session_scope(context.engine) as session:
        found = [
            row.id
            for row in queries.list_actions(session, status="all", today=context.today())
            if row.title.startswith(start)
        ]
    (found_id,) = found
    return found_id


@pytest.mark.parametrize("language", LANGUAGES)
def test_review_screen(snap_compare: Any, context: TuiContext, language: str) -> None:
    """Item 6's first proposal highlighted, its source marked in the decision;
    one proposal accepted and one marked for merging."""
    set_language(language)
    program = action_id(context, "Send programmet")
    with session_scope(context.engine) as session:
        services.accept(session, [action_id(context, "Igangsæt arbejdet")], user="Anya")

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await move_to(pilot, action_id(context, "Afklar timingen"))
        await pilot.press("v")
        await move_to(pilot, program)
        await settle(pilot)

    app = _Host(lambda: ReviewScreen(context))
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("language", LANGUAGES)
def test_detail_screen(snap_compare: Any, context: TuiContext, language: str) -> None:
    """An accepted, reassigned and noted action with its history."""
    set_language(language)
    oc = action_id(context, "Drøft afklaring")
    with session_scope(context.engine) as session:
        services.accept(session, [oc], user="Anya")
    with session_scope(context.engine) as session:
        services.assign(
            session,
            oc,
            owner="HRC",
            due_phrase="uge 36",
            organisation=context.organisation,
            user="Bo",
        )
    with session_scope(context.engine) as session:
        services.add_note(session, oc, "Oplægget holdes sammen med HRC", user="Anya")

    app = _Host(lambda: ActionDetailScreen(context, oc))
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)
