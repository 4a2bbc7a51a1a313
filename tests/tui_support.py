"""A TUI context on a temp database, for pilot and snapshot tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tracker.db import make_engine
from tracker.organisation import load_organisation
from tracker.services import import_files
from tracker.tui.context import TuiContext

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "000_72469736df97498c.txt"
SAMPLE_ORGANISATION = Path(__file__).parents[1] / "data" / "organisation.toml"
# The day the tests pretend it is: after the seed meeting, so some actions are overdue.
TODAY = date(2022, 9, 1)


def make_context(tmp_path: Path, *documents: Path, user: str = "ØC") -> TuiContext:
    """A context whose database holds `documents` imported as `tracker import` would."""
    engine = make_engine(f"sqlite:///{tmp_path / 'tui.db'}")
    organisation = load_organisation(SAMPLE_ORGANISATION)
    if documents:
        outcomes = import_files(engine, list(documents), organisation=organisation)
        assert all(o.error is None for o in outcomes), [str(o.error) for o in outcomes]
    return TuiContext(engine=engine, organisation=organisation, user=user, today=lambda: TODAY)
