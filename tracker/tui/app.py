"""The Textual app: global keys, the command palette, and failures worded once.

Kept small on purpose: each mode is a screen of its own (tui/screens/),
each reusable piece a widget (tui/widgets/); this module only wires them.
The other screens are imported when first opened, so starting the app
loads the dashboard alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tracker.errors import TrackerError
from tracker.tui.commands import TrackerCommands
from tracker.tui.context import TuiContext
from tracker.tui.i18n import register, set_language, t
from tracker.tui.messages import ActionsChanged
from tracker.tui.screens.dashboard import DashboardScreen
from tracker.tui.screens.help import HelpScreen
from tracker.tui.widgets.keys import translate_bindings

TUI = Path(__file__).parent

register(
    {
        "app.key.help": {"da": "Hjælp", "en": "Help"},
        "app.key.palette": {"da": "Kommandoer", "en": "Commands"},
        "app.key.quit": {"da": "Afslut", "en": "Quit"},
        "app.key.meetings": {"da": "Møder", "en": "Meetings"},
        "app.key.import": {"da": "Importér", "en": "Import"},
        "app.key.review": {"da": "Gennemgå", "en": "Review"},
        "app.key.report": {"da": "Rapport", "en": "Report"},
        "app.palette.placeholder": {
            "da": "Søg efter en kommando …",
            "en": "Search for a command …",
        },
        "app.theme": {"da": "Tema", "en": "Theme"},
        "app.theme.help": {"da": "Skift farvetema", "en": "Change the colour theme"},
        "app.failed": {"da": "Kunne ikke {task}: {error}", "en": "Could not {task}: {error}"},
    }
)


class TrackerApp(App[None]):
    """Review, assign and follow up the actions of imported minutes."""

    TITLE = "tracker"
    # The app's own styles, then each screen's, in a fixed order.
    CSS_PATH = [TUI / "tracker.tcss", *sorted((TUI / "styles").glob("*.tcss"))]
    COMMANDS = App.COMMANDS | {TrackerCommands}
    BINDINGS = [
        Binding("question_mark,f1", "help", "app.key.help", id="app.help"),
        # The footer has room for a screen's own keys at 80 columns only if the
        # app's keys stay out of it; `?` and the palette list them all.
        Binding("ctrl+p", "command_palette", "app.key.palette", id="app.palette", show=False),
        Binding("m", "meetings", "app.key.meetings", id="app.meetings", show=False),
        Binding("i", "import", "app.key.import", id="app.import", show=False),
        Binding("r", "review", "app.key.review", id="app.review", show=False),
        Binding("p", "report", "app.key.report", id="app.report", show=False),
        Binding("q", "quit", "app.key.quit", id="app.quit", show=False),
    ]

    def __init__(self, context: TuiContext, language: str) -> None:
        set_language(language)
        super().__init__()
        self.context = context
        translate_bindings(self)

    def on_mount(self) -> None:
        self.push_screen(DashboardScreen(self.context))

    # --- screens -------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_meetings(self) -> None:
        from tracker.tui.screens.meetings import MeetingsScreen

        self._open(MeetingsScreen, lambda: MeetingsScreen(self.context))

    def action_import(self) -> None:
        from tracker.tui.screens.importer import ImportScreen

        self._open(ImportScreen, lambda: ImportScreen(self.context))

    def action_review(self) -> None:
        from tracker.tui.screens.review import ReviewScreen

        self._open(ReviewScreen, lambda: ReviewScreen(self.context))

    def action_report(self) -> None:
        from tracker.tui.screens.report import ReportScreen

        self._open(ReportScreen, lambda: ReportScreen(self.context))

    def _open(self, kind: type[Screen[Any]], make: Callable[[], Screen[Any]]) -> None:
        """Push a screen of `kind`, unless it is the one showing."""
        if not isinstance(self.screen, kind):
            self.push_screen(make())

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):  # type: ignore[arg-type]  # typed for App[object]
            self.push_screen(CommandPalette(placeholder=t("app.palette.placeholder")))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's own commands are English; the theme switch is the one kept."""
        yield SystemCommand(t("app.theme"), t("app.theme.help"), self.action_change_theme)

    # --- messages ------------------------------------------------------------------

    def on_actions_changed(self, message: ActionsChanged) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                screen.reload()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed worker becomes one readable notification: what could not be
        done (its description, an i18n key) and why."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        reason = (
            str(error) if isinstance(error, TrackerError) else f"{type(error).__name__}: {error}"
        )
        self.notify(
            t("app.failed", task=t(event.worker.description), error=reason),
            severity="error",
            markup=False,
        )
