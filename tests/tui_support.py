"""A TUI context on a test database, for pilot and snapshot tests."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from textual.pilot import Pilot

from tracker.db import make_engine
from tracker.organisation import load_organisation
from tracker.services import import_files
from tracker.tui.context import TuiContext

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "000_72469736df97498c.txt"
SAMPLE_ORGANISATION = Path(__file__).parents[1] / "data" / "organisation.toml"
# The day the tests pretend it is: after the seed meeting, so some actions are overdue.
TODAY = date(2022, 9, 1)


def make_context(database: Engine | str, *documents: Path, user: str = "ØC") -> TuiContext:
    """A context whose database holds `documents` imported as `tracker import` would.

    `database` is the conftest's `engine` (SQLite and PostgreSQL; the fixture
    disposes of it), or a URL, for which an engine is made here that the
    caller disposes of (`context.engine.dispose()`).
    """
    engine = make_engine(database) if isinstance(database, str) else database
    organisation = load_organisation(SAMPLE_ORGANISATION)
    if documents:
        outcomes = import_files(engine, list(documents), organisation=organisation)
        assert all(o.error is None for o in outcomes), [str(o.error) for o in outcomes]
    return TuiContext(engine=engine, organisation=organisation, user=user, today=lambda: TODAY)


def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file in `tmp_path`, for the snapshot tests, which stay on SQLite
    (one snapshot per screen, not one per database)."""
    return f"sqlite:///{tmp_path / 'tui.db'}"


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until no worker runs and the messages they posted are handled (a
    reply can start another worker, so a few rounds), at most 20 s a round."""
    for _ in range(40):
        await pilot.pause()
        busy = [w for w in pilot.app.workers if not w.is_finished]
        if not busy:
            return
        await asyncio.wait_for(pilot.app.workers.wait_for_complete(busy), timeout=20)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press `keys`, then `settle`."""
    await pilot.press(*keys)
    await settle(pilot)
