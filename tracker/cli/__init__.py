"""The `tracker` command line, one module per area of the tool.

`app` (in `tracker.cli.app`) is the Typer app; bare `tracker` opens the TUI.
Importing a command module registers its commands on `app`, and `tracker --help`
lists them in that order, so the modules are imported here in a fixed order
(minutes, actions, rules, calendar, report, spreadsheet, backup), not sorted.
"""

from __future__ import annotations

from tracker.cli.app import app

# isort: off
from tracker.cli import minutes, actions, rules, calendar, report, spreadsheet, backup  # noqa: F401
# isort: on

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the `tracker` console script."""
    app()
