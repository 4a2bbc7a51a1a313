"""A virtual table of actions: as tall as the whole list, holding only a window of it.

Textual's DataTable measures and renders every cell through Rich (10,000
rows took 1.4 s to paint; even a window of 90 rows took 50-70 ms to paint
after each filter switch). This table draws each visible line itself (the
Line API), so a repaint costs well under a millisecond a line, and its
scroll range is the whole list: `total` rows, of which it holds the window
starting at `window.offset`. When the lines on screen or the cursor fall
outside the window (keys, the mouse wheel, the scrollbar) it asks for
another with `WindowWanted`; whoever owns the data answers with
`show_window`. The table holds no session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tracker.queries.dashboard import DashboardRow, GroupKey, SortKey
from tracker.tui.i18n import register, t
from tracker.tui.widgets.action_labels import status_label
from tracker.tui.widgets.keys import translate_bindings

register(
    {
        "action_table.due": {"da": "Frist", "en": "Due"},
        "action_table.owner": {"da": "Ansvarlig", "en": "Owner"},
        "action_table.title": {"da": "Opgave", "en": "Action"},
        "action_table.meeting": {"da": "Møde", "en": "Meeting"},
        "action_table.item": {"da": "Pkt.", "en": "Item"},
        "action_table.status": {"da": "Status", "en": "Status"},
        "action_table.no_owner": {"da": "(ingen)", "en": "(none)"},
        "action_table.loading": {"da": "…", "en": "…"},
        "action_table.key.open": {"da": "Åbn", "en": "Open"},
        "action_table.key.page_up": {"da": "Side op", "en": "Page up"},
        "action_table.key.page_down": {"da": "Side ned", "en": "Page down"},
        "action_table.key.first": {"da": "Første række", "en": "First row"},
        "action_table.key.last": {"da": "Sidste række", "en": "Last row"},
        "action_table.key.up": {"da": "Op", "en": "Up"},
        "action_table.key.down": {"da": "Ned", "en": "Down"},
    }
)

Cell = Callable[[DashboardRow], str]

_CELLS: dict[SortKey, Cell] = {
    "due": lambda row: row.due.isoformat() if row.due else "",
    "owner": lambda row: row.owner or "",
    "title": lambda row: row.title,
    "meeting": lambda row: f"{row.meeting_date.isoformat()} {row.body}",
    "item": lambda row: row.item_number,
    "status": lambda row: status_label(row.status, overdue=row.overdue),
}
# Widths as (minimum, preferred, maximum); the title column takes what is
# left. They depend on the table's width only, so a new window never moves
# a column.
_WIDTHS: dict[SortKey, tuple[int, int, int]] = {
    "due": (10, 10, 10),
    "owner": (10, 16, 28),
    "meeting": (10, 24, 44),
    "item": (4, 6, 6),
    "status": (11, 11, 11),
}
_TITLE_SHARE = 0.45  # of the room, before the owner and meeting columns shrink
_TITLE_ENOUGH = 90  # beyond this, the owner and meeting columns grow instead
_ORDER: tuple[SortKey, ...] = ("due", "owner", "title", "meeting", "item", "status")
_PADDING = 1  # blank cells on each side of a column


@dataclass(frozen=True)
class Window:
    """A window of rows, where it sits in the whole list (of `total` rows), and
    how the list is ordered."""

    rows: tuple[DashboardRow, ...]
    offset: int
    total: int
    sort: SortKey
    descending: bool
    group: GroupKey

    def row(self, position: int) -> DashboardRow | None:
        """The row at `position` of the whole list, if the window holds it."""
        index = position - self.offset
        return self.rows[index] if 0 <= index < len(self.rows) else None


class ActionTable(ScrollView, can_focus=True):
    """Actions, a window at a time; overdue rows in the theme's error colour."""

    COMPONENT_CLASSES = {
        "action-table--header",
        "action-table--cursor",
        "action-table--even-row",
        "action-table--overdue",
        "action-table--group",
    }
    BINDINGS = [
        Binding("enter", "select", "action_table.key.open", id="table.open"),
        Binding("up", "cursor_up", "action_table.key.up", id="table.up", show=False),
        Binding("down", "cursor_down", "action_table.key.down", id="table.down", show=False),
        Binding("pageup", "page_up", "action_table.key.page_up", id="table.page_up", show=False),
        Binding(
            "pagedown", "page_down", "action_table.key.page_down", id="table.page_down", show=False
        ),
        Binding("home,ctrl+home", "first", "action_table.key.first", id="table.first", show=False),
        Binding("end,ctrl+end", "last", "action_table.key.last", id="table.last", show=False),
    ]

    @dataclass
    class WindowWanted(Message):
        """Rows around `around` are to be shown; the cursor goes to `cursor`, if given."""

        around: int
        cursor: int | None

    @dataclass
    class Highlighted(Message):
        """The cursor moved to `row`."""

        row: DashboardRow | None

    @dataclass
    class Selected(Message):
        """Enter (or a click on the cursor's row) chose `row`."""

        row: DashboardRow

    @dataclass
    class HeaderClicked(Message):
        """The header of the column `column` was clicked."""

        column: SortKey

    @dataclass
    class Scrolled(Message):
        """Other rows came on screen (scrolled or resized)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self)
        self.window = Window((), 0, 0, "due", False, "none")
        self.position = 0
        """Where the cursor is in the whole list."""
        self.window_version = 0
        """Bumped each time a window is shown, so a watcher can tell a new one came."""

    # --- what is shown -------------------------------------------------------

    @property
    def total(self) -> int:
        """Rows in the whole list."""
        return self.window.total

    def show_window(self, window: Window, *, cursor: int | None) -> None:
        """Show `window`; move the cursor to `cursor` (a position in the whole
        list), or leave it where it is."""
        self.window = window
        self.window_version += 1
        self._resize_virtual()
        if cursor is not None:
            self._move(cursor)
        else:
            self.position = min(self.position, max(self.total - 1, 0))
        self.refresh()
        self.post_message(self.Highlighted(self.selected()))

    def selected(self) -> DashboardRow | None:
        """The row under the cursor, if it is loaded."""
        return self.window.row(self.position)

    @property
    def visible_rows(self) -> int:
        """How many rows fit on screen (a page), below the header."""
        return max(self.scrollable_content_region.height - 1, 1)

    @property
    def first_visible(self) -> int:
        """Position in the whole list of the top row on screen."""
        return round(self.scroll_y)

    def _resize_virtual(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.total + 1)

    def on_resize(self) -> None:
        self._resize_virtual()
        self.post_message(self.Scrolled())  # more or fewer rows on screen

    # --- drawing -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        columns = self._columns(width)
        if y == 0:
            return self._header(columns, width)
        position = self.first_visible + y - 1
        row = self.window.row(position)
        if position >= self.total:
            return Strip.blank(width, self.rich_style)
        style = self.rich_style
        if position % 2:
            style += self.get_component_rich_style("action-table--even-row")
        if position == self.position:
            style += self.get_component_rich_style("action-table--cursor")
        if row is None:
            return self._line([(t("action_table.loading"), width, style)], width, style)
        overdue = self.get_component_rich_style("action-table--overdue", partial=True)
        group_style = self.get_component_rich_style("action-table--group", partial=True)
        grouped = columns[0][0] if self.window.group != "none" else None
        cells: list[tuple[str, int, Style]] = []
        for key, column_width in columns:
            text = _cell(key, row, column_width)
            if key == grouped:
                text = text or t("action_table.no_owner")
                previous = self.window.row(position - 1)
                same = (
                    previous is not None
                    and position != self.first_visible
                    and ((_cell(key, previous, column_width) or t("action_table.no_owner")) == text)
                )
                cells.append(("" if same else text, column_width, style + group_style))
            else:
                cells.append((text, column_width, style + overdue if row.overdue else style))
        return self._line(cells, width, style)

    def _header(self, columns: list[tuple[SortKey, int]], width: int) -> Strip:
        style = self.rich_style + self.get_component_rich_style("action-table--header")
        cells = []
        for key, column_width in columns:
            label = t(f"action_table.{key}")
            if key == self.window.sort:
                label = f"{label} {'▼' if self.window.descending else '▲'}"
            cells.append((label, column_width, style))
        return self._line(cells, width, style)

    def _line(self, cells: list[tuple[str, int, Style]], width: int, style: Style) -> Strip:
        """One line of cells, each padded and cut to its column, ending in `style`."""
        segments = []
        pad = " " * _PADDING
        for text, column_width, cell_style in cells:
            content = Text(text, no_wrap=True, overflow="ellipsis", end="")
            content.truncate(column_width, overflow="ellipsis", pad=True)
            segments.append(Segment(pad + content.plain + pad, cell_style))
        return Strip(segments).adjust_cell_length(width, style)

    def _columns(self, width: int) -> list[tuple[SortKey, int]]:
        """Column keys and widths for `width`, the grouped column first.

        Every column gets its preferred width if the title keeps at least
        `_TITLE_SHARE` of the room; otherwise the meeting and owner columns
        shrink, down to their minimum. On a wide screen, room beyond
        `_TITLE_ENOUGH` for the title goes to them, up to their maximum.
        """
        keys = list(_ORDER)
        if self.window.group != "none":
            group: SortKey = "owner" if self.window.group == "owner" else "meeting"
            keys.remove(group)
            keys.insert(0, group)
        room = max(width - 2 * _PADDING * len(keys), 0)
        title = int(room * _TITLE_SHARE)
        widths = {key: preferred for key, (_, preferred, _) in _WIDTHS.items()}
        shrinking: tuple[SortKey, ...] = ("meeting", "owner", "item")
        for key in shrinking:
            excess = sum(widths.values()) + title - room
            if excess > 0:
                widths[key] = max(widths[key] - excess, _WIDTHS[key][0])
        for key in shrinking[:2]:
            spare = room - sum(widths.values()) - _TITLE_ENOUGH
            if spare > 0:
                widths[key] = min(widths[key] + spare, _WIDTHS[key][2])
        widths["title"] = max(room - sum(widths.values()), 1)
        return [(key, widths[key]) for key in keys]

    # --- moving about the whole list -------------------------------------------

    def _move(self, position: int) -> None:
        """Put the cursor on `position` and scroll it into view."""
        self.position = min(max(position, 0), max(self.total - 1, 0))
        top, page = self.first_visible, self.visible_rows
        if self.position < top:
            self.scroll_to(y=self.position, animate=False, immediate=True)
        elif self.position >= top + page:
            self.scroll_to(y=self.position - page + 1, animate=False, immediate=True)
        self.refresh()

    def _go(self, position: int) -> None:
        """Move the cursor to `position`, asking for a window if it is not loaded."""
        position = min(max(position, 0), max(self.total - 1, 0))
        if self.window.row(position) is not None:
            self._move(position)
            self.post_message(self.Highlighted(self.selected()))
        else:
            self.post_message(self.WindowWanted(position, position))

    def action_cursor_down(self) -> None:
        self._go(self.position + 1)

    def action_cursor_up(self) -> None:
        self._go(self.position - 1)

    def action_page_down(self) -> None:
        self._go(self.position + self.visible_rows)

    def action_page_up(self) -> None:
        self._go(self.position - self.visible_rows)

    def action_first(self) -> None:
        self._go(0)

    def action_last(self) -> None:
        self._go(self.total - 1)

    def action_select(self) -> None:
        row = self.selected()
        if row is not None:
            self.post_message(self.Selected(row))

    def watch_scroll_y(self, old: float, new: float) -> None:
        """Scrolled (wheel, scrollbar, cursor): fetch the rows coming on screen."""
        super().watch_scroll_y(old, new)
        if round(old) == round(new):
            return
        top = self.first_visible
        bottom = min(top + self.visible_rows, self.total) - 1
        if self.window.row(top) is None or self.window.row(max(bottom, top)) is None:
            self.post_message(self.WindowWanted(top + self.visible_rows // 2, None))
        self.post_message(self.Scrolled())

    def on_click(self, event: events.Click) -> None:
        """A header click sorts; a row click moves the cursor, and opens the row
        it is already on."""
        self.focus()
        if event.y == 0:
            x = event.x
            for key, width in self._columns(self.scrollable_content_region.width):
                x -= width + 2 * _PADDING
                if x < 0:
                    self.post_message(self.HeaderClicked(key))
                    return
            return
        position = self.first_visible + event.y - 1
        if position >= self.total:
            return
        if position == self.position:
            self.action_select()
        else:
            self._go(position)


def _cell(key: SortKey, row: DashboardRow, width: int) -> str:
    """The text of one cell; a narrow meeting column shows the date alone,
    rather than a date cut short."""
    if key == "meeting" and width < 14:
        return row.meeting_date.isoformat()
    return _CELLS[key](row)
