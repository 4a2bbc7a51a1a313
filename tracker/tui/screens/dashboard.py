"""The dashboard: actions to follow up, filtered, searched, sorted and grouped.

The screen holds a `DashboardView` (what to show) and asks SQL for one
window of it at a time (`tracker.queries.dashboard`), in a thread worker
with a session of its own; the table shows that window and asks for the
next when the cursor leaves it. A new view (filter, search keystroke, sort,
group) starts an exclusive worker, so a reply to an older view is dropped
and typing never waits for the database. There is no debounce: a window
costs a few milliseconds (a search at 100,000 actions some tens), so each
keystroke is answered as it comes.

Writes (accept, done) run in workers too and end in `ActionsChanged`, on
which the App reloads this screen.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from tracker.db import read_session, session_scope
from tracker.errors import ConflictError
from tracker.queries.dashboard import (
    FILTERS,
    GROUP_KEYS,
    SORT_KEYS,
    DashboardFilter,
    DashboardRow,
    DashboardView,
    GroupKey,
    SortKey,
    action_window,
    count_actions,
)
from tracker.tui.conflict import conflict_text
from tracker.tui.context import TuiContext
from tracker.tui.i18n import current_language, register, t
from tracker.tui.messages import ActionsChanged
from tracker.tui.widgets.action_labels import status_label
from tracker.tui.widgets.action_table import ActionTable, Window
from tracker.tui.widgets.filter_bar import FilterBar, filter_name
from tracker.tui.widgets.keys import translate_bindings

if TYPE_CHECKING:
    from tracker.services import ActionChange

register(
    {
        "dashboard.title": {"da": "Opfølgning", "en": "Follow-up"},
        "dashboard.key.search": {"da": "Søg", "en": "Search"},
        "dashboard.key.sort": {"da": "Sortér", "en": "Sort"},
        "dashboard.key.reverse": {"da": "Vend", "en": "Reverse"},
        "dashboard.key.group": {"da": "Gruppér", "en": "Group"},
        "dashboard.key.accept": {"da": "Godkend", "en": "Accept"},
        "dashboard.key.assign": {"da": "Tildel", "en": "Assign"},
        "dashboard.key.done": {"da": "Udført", "en": "Done"},
        "dashboard.key.clear_search": {"da": "Ryd søgning", "en": "Clear search"},
        "dashboard.key.filter.mine": {"da": "Filter: mine", "en": "Filter: mine"},
        "dashboard.key.filter.open": {"da": "Filter: åbne", "en": "Filter: open"},
        "dashboard.key.filter.overdue": {"da": "Filter: overskredne", "en": "Filter: overdue"},
        "dashboard.key.filter.week": {"da": "Filter: denne uge", "en": "Filter: this week"},
        "dashboard.key.filter.on_hold": {"da": "Filter: i bero", "en": "Filter: on hold"},
        "dashboard.key.filter.proposed": {"da": "Filter: forslag", "en": "Filter: proposed"},
        "dashboard.key.filter.done": {"da": "Filter: udførte", "en": "Filter: done"},
        "dashboard.search.placeholder": {
            "da": "Søg i opgave, ansvarlig og kilde",
            "en": "Search title, owner and source",
        },
        "dashboard.rows": {
            "da": "rækker {first}–{last} af {total}",
            "en": "rows {first}–{last} of {total}",
        },
        "dashboard.rows.none": {"da": "ingen rækker", "en": "no rows"},
        "dashboard.empty": {
            "da": "Ingen opgaver her. Tast 1-7 for et andet filter; 6 viser forslag til gennemgang.",
            "en": "No actions here. Press 1-7 for another filter; 6 shows proposals to review.",
        },
        "dashboard.status.search": {"da": "søgning «{text}»", "en": "search «{text}»"},
        "dashboard.status.sort": {
            "da": "sorteret efter {column} {arrow}",
            "en": "sorted by {column} {arrow}",
        },
        "dashboard.status.group": {"da": "grupperet efter {column}", "en": "grouped by {column}"},
        "dashboard.not_allowed": {
            "da": "{change}: gælder ikke en opgave med status «{status}»",
            "en": "{change}: does not apply to an action that is {status}",
        },
        "dashboard.accepted": {"da": "Godkendt: {title}", "en": "Accepted: {title}"},
        "dashboard.marked_done": {"da": "Udført: {title}", "en": "Done: {title}"},
        "dashboard.task.load": {"da": "hente opgaverne", "en": "load the actions"},
        "dashboard.task.write": {"da": "gemme ændringen", "en": "save the change"},
    }
)

_CHANGE_KEYS: dict[ActionChange, str] = {
    "accept": "dashboard.key.accept",
    "done": "dashboard.key.done",
}

# One write at a time: two SQLite transactions that both read before writing
# cannot both upgrade to a write lock, and the second fails at once with
# "database is locked" (the busy timeout does not help there). Pressing space
# twice quickly must accept two proposals, not fail one.
_WRITING = threading.Lock()


class DashboardScreen(Screen[None]):
    """Open, overdue and upcoming actions; proposals to accept; work to mark done."""

    BINDINGS = [
        Binding("slash", "search", "dashboard.key.search", id="dashboard.search"),
        Binding(
            "escape", "clear_search", "dashboard.key.clear_search", id="dashboard.clear_search"
        ),
        Binding("space,x", "accept", "dashboard.key.accept", id="dashboard.accept"),
        Binding("a", "assign", "dashboard.key.assign", id="dashboard.assign"),
        Binding("d", "done", "dashboard.key.done", id="dashboard.done"),
        Binding("s", "cycle_sort", "dashboard.key.sort", id="dashboard.sort"),
        Binding("S", "reverse", "dashboard.key.reverse", id="dashboard.reverse", show=False),
        Binding("g", "cycle_group", "dashboard.key.group", id="dashboard.group"),
        *(
            Binding(
                str(key),
                f"filter('{name}')",
                f"dashboard.key.filter.{name}",
                id=f"dashboard.filter.{name}",
                show=False,
            )
            for key, name in enumerate(FILTERS, start=1)
        ),
    ]

    @dataclass
    class WindowLoaded(Message):
        """A window of `view` arrived; the cursor goes to `cursor`, if given."""

        view: DashboardView
        window: Window
        cursor: int | None

    def __init__(self, context: TuiContext) -> None:
        super().__init__()
        self.context = context
        self.view = DashboardView(user=context.user)
        self._writing: set[int] = set()
        """Actions being written: a second key press on one is ignored until
        the reloaded rows show what the first did."""
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterBar(id="filters")
        yield Input(placeholder=t("dashboard.search.placeholder"), id="search")
        yield ActionTable(id="actions")
        yield Static(t("dashboard.empty"), id="empty", markup=False)
        yield Static(id="status-line", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.title = t("dashboard.title")
        self.query_one(FilterBar).show(self.view.filter)
        self.table.focus()
        self._load(self.view, 0, cursor=0)

    @property
    def table(self) -> ActionTable:
        return self.query_one(ActionTable)

    # --- loading -------------------------------------------------------------------

    def reload(self) -> None:
        """Fetch the current view again around the cursor: the actions changed."""
        self._load(self.view, self.table.position, cursor=self.table.position)

    def _set_view(self, view: DashboardView) -> None:
        """Show another view from its top."""
        self.view = view
        self.query_one(FilterBar).show(view.filter)
        self._load(view, 0, cursor=0)

    def _window_size(self) -> int:
        """Rows to fetch: two screens and a margin, so paging rarely waits."""
        return max(2 * self.table.visible_rows + 20, 60)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="dashboard.window",
        description="dashboard.task.load",
    )
    def _load(
        self, view: DashboardView, around: int, total: int | None = None, *, cursor: int | None
    ) -> None:
        """A window around position `around` of `view`, counted first unless
        `total` is known: the count takes a few milliseconds (a search's
        longer), places the window, and tells a search how to read the table."""
        worker = get_current_worker()
        limit = self._window_size()
        today = self.context.today()
        with read_session(self.context.engine) as session:
            if total is None:
                total = count_actions(session, view=view, today=today)
            if worker.is_cancelled:
                return
            offset = min(max(around - limit // 3, 0), max(total - limit, 0))
            rows = action_window(
                session, view=view, offset=offset, limit=limit, today=today, total=total
            )
        if not worker.is_cancelled:
            window = Window(tuple(rows), offset, total, view.sort, view.descending, view.group)
            self.post_message(self.WindowLoaded(view, window, cursor))

    def on_dashboard_screen_window_loaded(self, message: WindowLoaded) -> None:
        self._writing.clear()
        if message.view == self.view:
            self.set_class(message.window.total == 0, "-empty")
            self.table.show_window(message.window, cursor=message.cursor)
            self._show_status()

    @on(ActionTable.WindowWanted)
    def _page(self, message: ActionTable.WindowWanted) -> None:
        self._load(self.view, message.around, self.table.window.total, cursor=message.cursor)

    @on(ActionTable.Highlighted)
    @on(ActionTable.Scrolled)
    def _moved(self) -> None:
        self._show_status()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Workers report to their own screen only: pass them on to the App, which
        words every failure the same way."""
        if event.state == WorkerState.ERROR and event.worker.group == "dashboard.write":
            self._writing.clear()
        self.app.post_message(Worker.StateChanged(event.worker, event.state))

    # --- the status line ----------------------------------------------------------

    def _show_status(self) -> None:
        table, view = self.table, self.view
        parts = [filter_name(view.filter) + ": " + self._rows_text(table)]
        if view.search.strip():
            parts.append(t("dashboard.status.search", text=view.search.strip()))
        arrow = "▼" if view.descending else "▲"
        parts.append(
            t("dashboard.status.sort", column=t(f"action_table.{view.sort}").lower(), arrow=arrow)
        )
        if view.group != "none":
            parts.append(
                t("dashboard.status.group", column=t(f"action_table.{view.group}").lower())
            )
        self.query_one("#status-line", Static).update("  ·  ".join(parts))

    @staticmethod
    def _rows_text(table: ActionTable) -> str:
        window = table.window
        if not window.total:
            return t("dashboard.rows.none")
        first = table.first_visible + 1
        last = min(first + table.visible_rows - 1, window.total)
        return t(
            "dashboard.rows", first=_number(first), last=_number(last), total=_number(window.total)
        )

    # --- view changes -------------------------------------------------------------

    def set_filter(self, name: DashboardFilter) -> None:
        """Show the actions of one quick filter."""
        self._set_view(replace(self.view, filter=name))

    def set_sort(self, sort: SortKey, descending: bool = False) -> None:
        """Order by one column."""
        self._set_view(replace(self.view, sort=sort, descending=descending))

    def set_group(self, group: GroupKey) -> None:
        """Keep the rows of each owner or meeting together."""
        self._set_view(replace(self.view, group=group))

    def action_filter(self, name: DashboardFilter) -> None:
        self.set_filter(name)

    @on(FilterBar.Chosen)
    def _filter_clicked(self, message: FilterBar.Chosen) -> None:
        self.set_filter(message.filter)

    def action_cycle_sort(self) -> None:
        self.set_sort(SORT_KEYS[(SORT_KEYS.index(self.view.sort) + 1) % len(SORT_KEYS)])

    def action_reverse(self) -> None:
        self.set_sort(self.view.sort, not self.view.descending)

    @on(ActionTable.HeaderClicked)
    def _header_clicked(self, message: ActionTable.HeaderClicked) -> None:
        sort = message.column
        self.set_sort(sort, not self.view.descending if sort == self.view.sort else False)

    def action_cycle_group(self) -> None:
        self.set_group(GROUP_KEYS[(GROUP_KEYS.index(self.view.group) + 1) % len(GROUP_KEYS)])

    # --- search ------------------------------------------------------------------

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.add_class("-shown")
        search.focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        search.remove_class("-shown")
        self.table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape clears the search only while there is one to clear."""
        if action == "clear_search":
            return self.query_one("#search", Input).has_class("-shown")
        return True

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if event.value != self.view.search:
            self._set_view(replace(self.view, search=event.value))
        self.refresh_bindings()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.table.focus()

    # --- acting on the selected action --------------------------------------------

    @on(ActionTable.Selected)
    def _open(self, message: ActionTable.Selected) -> None:
        from tracker.tui.screens.detail import ActionDetailScreen

        self.app.push_screen(ActionDetailScreen(self.context, message.row.id))

    def action_assign(self) -> None:
        from tracker.tui.screens.assign import AssignScreen

        row = self.table.selected()
        if row is not None:
            self.app.push_screen(AssignScreen(self.context, row.id), self._assigned)

    def _assigned(self, saved: bool | None) -> None:
        if saved:
            self.post_message(ActionsChanged())

    def action_accept(self) -> None:
        self._change("accept")

    def action_done(self) -> None:
        self._change("done")

    def _change(self, change: ActionChange) -> None:
        """Apply `change` to the selected action, in a worker."""
        row = self.table.selected()
        if row is None or row.id in self._writing:
            return
        self._writing.add(row.id)
        self._write(change, row)

    @work(
        thread=True,
        exit_on_error=False,
        group="dashboard.write",
        description="dashboard.task.write",
    )
    def _write(self, change: ActionChange, row: DashboardRow) -> None:
        """Check the change applies to the row's status (in words of the UI
        language, where the service would refuse in English), then make it.

        The services are imported here, off the UI thread: they bring the
        extractor along, a quarter of a second.
        """
        from tracker import services

        if row.status not in services.ALLOWED_FROM[change]:
            status = status_label(row.status)
            text = t("dashboard.not_allowed", change=t(_CHANGE_KEYS[change]), status=status)
            self.app.call_from_thread(self.notify, text, severity="warning")
            self.app.call_from_thread(self._writing.discard, row.id)
            return
        user = self.context.user
        try:
            with _WRITING, session_scope(self.context.engine) as session:
                if change == "accept":
                    services.accept(session, [row.id], user=user, versions={row.id: row.version})
                else:
                    services.done(session, row.id, user=user, version=row.version)
        except ConflictError as error:
            # Someone changed the row since it was drawn: show their change instead.
            text = conflict_text(error)
            self.app.call_from_thread(self.notify, text, severity="warning", timeout=20)
        else:
            done = "dashboard.accepted" if change == "accept" else "dashboard.marked_done"
            self.app.call_from_thread(self.notify, t(done, title=row.title))
        self.post_message(ActionsChanged((row.id,)))


def _number(value: int) -> str:
    """A count as the UI language writes it: 40.199 in Danish, 40,199 in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if current_language() == "da" else text
