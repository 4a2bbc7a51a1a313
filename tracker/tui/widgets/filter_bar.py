"""The dashboard's quick filters, as a row of numbered chips: see which is on, click one."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Label

from tracker.queries.dashboard import FILTERS, DashboardFilter
from tracker.tui.i18n import register, t

register(
    {
        "filter.mine": {"da": "Mine", "en": "Mine"},
        "filter.open": {"da": "Åbne", "en": "Open"},
        "filter.overdue": {"da": "Overskredne", "en": "Overdue"},
        "filter.week": {"da": "Denne uge", "en": "This week"},
        "filter.on_hold": {"da": "I bero", "en": "On hold"},
        "filter.proposed": {"da": "Forslag", "en": "Proposed"},
        "filter.done": {"da": "Udførte", "en": "Done"},
    }
)


def filter_name(name: DashboardFilter) -> str:
    """The filter's name in the UI language."""
    return t(f"filter.{name}")


class FilterChip(Label):
    """One filter: its key and name."""

    def __init__(self, key: int, name: DashboardFilter) -> None:
        super().__init__(f"{key} {filter_name(name)}", id=f"filter-{name}", classes="filter-chip")
        self.filter_name = name

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(FilterBar.Chosen(self.filter_name))


class FilterBar(Horizontal):
    """Keys 1-7 choose a filter (bound by the screen); the chips show them and take clicks."""

    @dataclass
    class Chosen(Message):
        """A chip was clicked."""

        filter: DashboardFilter

    def compose(self) -> ComposeResult:
        for key, name in enumerate(FILTERS, start=1):
            yield FilterChip(key, name)

    def show(self, active: DashboardFilter) -> None:
        """Mark `active` as the filter in use."""
        for chip in self.query(FilterChip):
            chip.set_class(chip.filter_name == active, "-active")
