"""The keys of the screen below, with what they do, in the UI language."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tracker.tui.i18n import register, t
from tracker.tui.widgets.keys import translate_bindings

register(
    {
        "help.title": {"da": "Taster", "en": "Keys"},
        "help.close": {"da": "Luk", "en": "Close"},
        "help.hint": {
            "da": "Ctrl+P åbner kommandopaletten. Klik på en kolonneoverskrift for at sortere.",
            "en": "Ctrl+P opens the command palette. Click a column header to sort.",
        },
    }
)


class HelpScreen(ModalScreen[None]):
    """Every key `below` answers to, read from its bindings, so the list cannot
    drift from what the keys do. Only bindings with an id are listed: those
    are the app's own, with descriptions in the UI language."""

    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss", "help.close", id="help.close"),
    ]

    def __init__(self, below: Screen[object]) -> None:
        super().__init__()
        self.below = below
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(self._keys(), id="help-keys", markup=False)
            yield Static(t("help.hint"), id="help-hint", markup=False)

    def _keys(self) -> Table:
        """One line per binding the screen below offers, its keys joined."""
        keys: dict[str, tuple[str, list[str]]] = {}
        for key, active in self.below.active_bindings.items():
            binding = active.binding
            if binding.id and binding.description and active.enabled:
                shown = self.app.get_key_display(binding.with_key(key))
                keys.setdefault(binding.id, (binding.description, []))[1].append(shown)
        table = Table(title=t("help.title"), show_header=False, box=None, padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for description, displays in keys.values():
            table.add_row(" ".join(dict.fromkeys(displays)), description)
        return table
