"""The command palette's commands: the app's keys, and every filter, sort and grouping.

Everything a key does can be found by name here too (Ctrl+P), in the UI
language; the dashboard's commands are offered while the dashboard is the
screen the palette was opened on.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Provider

from tracker.queries.dashboard import FILTERS, GROUP_KEYS, SORT_KEYS
from tracker.tui.i18n import register, t
from tracker.tui.screens.dashboard import DashboardScreen
from tracker.tui.widgets.filter_bar import filter_name

register(
    {
        "commands.help": {"da": "Vis tasterne", "en": "Show the keys"},
        "commands.meetings": {"da": "Gennemse møder og punkter", "en": "Browse meetings and items"},
        "commands.import": {"da": "Importér referater", "en": "Import minutes"},
        "commands.review": {
            "da": "Gennemgå de foreslåede opgaver",
            "en": "Review the proposed actions",
        },
        "commands.report": {
            "da": "Opfølgningsrapport til næste møde",
            "en": "Follow-up report for the next meeting",
        },
        "commands.quit": {"da": "Luk programmet", "en": "Close the app"},
        "commands.filter": {"da": "Vis: {name}", "en": "Show: {name}"},
        "commands.filter.help": {"da": "Hurtigfilter", "en": "Quick filter"},
        "commands.sort": {"da": "Sortér efter {column}", "en": "Sort by {column}"},
        "commands.group": {"da": "Gruppér efter {column}", "en": "Group by {column}"},
        "commands.group.none": {"da": "Ingen gruppering", "en": "No grouping"},
        "commands.search": {"da": "Søg i opgaverne", "en": "Search the actions"},
    }
)

Command = tuple[str, str, Callable[[], object]]


class TrackerCommands(Provider):
    """The app's actions and, on the dashboard, its views."""

    def _commands(self) -> list[Command]:
        app = self.app
        commands: list[Command] = [
            (t("app.key.help"), t("commands.help"), partial(app.run_action, "help")),
            (t("app.key.meetings"), t("commands.meetings"), partial(app.run_action, "meetings")),
            (t("app.key.import"), t("commands.import"), partial(app.run_action, "import")),
            (t("app.key.review"), t("commands.review"), partial(app.run_action, "review")),
            (t("app.key.report"), t("commands.report"), partial(app.run_action, "report")),
            (t("app.key.quit"), t("commands.quit"), partial(app.run_action, "quit")),
        ]
        screen = self.screen
        if isinstance(screen, DashboardScreen):
            commands += [
                (
                    t("commands.filter", name=filter_name(name)),
                    t("commands.filter.help"),
                    partial(screen.set_filter, name),
                )
                for name in FILTERS
            ]
            commands += [
                (
                    t("commands.sort", column=t(f"action_table.{key}").lower()),
                    "",
                    partial(screen.set_sort, key),
                )
                for key in SORT_KEYS
            ]
            commands += [
                (
                    t("commands.group", column=t(f"action_table.{key}").lower())
                    if key != "none"
                    else t("commands.group.none"),
                    "",
                    partial(screen.set_group, key),
                )
                for key in GROUP_KEYS
            ]
            commands.append((t("commands.search"), "", screen.action_search))
        return commands

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text or None)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text or None)
