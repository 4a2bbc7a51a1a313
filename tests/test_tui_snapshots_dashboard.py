"""Snapshots of the dashboard at 100x30, in Danish and English, on the seed
minutes with the clock frozen (tests.tui_support.TODAY), so they are stable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui_support import SEED, make_context, sqlite_url
from tracker import services
from tracker.db import session_scope
from tracker.tui.app import TrackerApp

SIZE = (100, 30)
Snap = Callable[..., bool]


def app(tmp_path: Path, language: str) -> TrackerApp:
    """The app as the CLI builds it, on the seed with three proposals accepted:
    two of them overdue on the frozen today."""
    context = make_context(sqlite_url(tmp_path), SEED)
    with session_scope(context.engine) as session:
        services.accept(session, [3, 4, 5], user="test")
    return TrackerApp(context, language=language)


def pressing(*keys: str) -> Callable[[Pilot[Any]], Any]:
    """A run_before that presses `keys` and waits for the data they load."""

    async def run_before(pilot: Pilot[Any]) -> None:
        for key in ("wait", *keys):
            if key != "wait":
                await pilot.press(key)
            for _ in range(3):
                await pilot.app.workers.wait_for_complete()
                await pilot.pause()

    return run_before


@pytest.mark.parametrize("language", ["da", "en"])
def test_open_actions(snap_compare: Snap, tmp_path: Path, language: str) -> None:
    assert snap_compare(app(tmp_path, language), terminal_size=SIZE, run_before=pressing())


@pytest.mark.parametrize("language", ["da", "en"])
def test_proposals_grouped_by_meeting_while_searching(
    snap_compare: Snap, tmp_path: Path, language: str
) -> None:
    keys = ("6", "g", "g", "slash", "d", "e", "t")
    assert snap_compare(app(tmp_path, language), terminal_size=SIZE, run_before=pressing(*keys))


@pytest.mark.parametrize("language", ["da", "en"])
def test_help(snap_compare: Snap, tmp_path: Path, language: str) -> None:
    assert snap_compare(
        app(tmp_path, language), terminal_size=SIZE, run_before=pressing("question_mark")
    )
