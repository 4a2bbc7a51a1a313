"""The panes of the meetings screen: meetings, their items, a decision, its actions.

Each pane is handed read models through a `load`/`show` method and keeps no
session; the screen decides what to load and when. Table cells are Rich
`Text`, never plain strings, because DataTable reads strings as markup and a
title like "Budget [2023]" would lose its brackets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.data_table import ColumnKey
from textual.widgets.option_list import Option

from tracker.queries import ActionRow, ItemDetail, MeetingOverview
from tracker.tui.i18n import register, t
from tracker.tui.widgets.action_labels import status_label

register(
    {
        "meetings.pane.meetings": {"da": "Møder", "en": "Meetings"},
        "meetings.pane.items": {"da": "Punkter", "en": "Items"},
        "meetings.pane.decision": {"da": "Beslutning", "en": "Decision"},
        "meetings.pane.decision_of": {
            "da": "Beslutning, punkt {number}",
            "en": "Decision, item {number}",
        },
        "meetings.pane.actions": {"da": "Opfølgning ({count})", "en": "Actions ({count})"},
        "meetings.none": {
            "da": "Ingen møder endnu: importér referater først.",
            "en": "No meetings yet: import minutes first.",
        },
        "meetings.count.items": {"da": "{count} punkter", "en": "{count} items"},
        "meetings.count.proposed": {"da": "{count} foreslåede", "en": "{count} proposed"},
        "meetings.count.open": {"da": "{count} åbne", "en": "{count} open"},
        "meetings.count.overdue": {"da": "{count} overskredne", "en": "{count} overdue"},
        "meetings.item_actions": {"da": "{count} opfølgning(er)", "en": "{count} action(s)"},
        "meetings.col.title": {"da": "Titel", "en": "Title"},
        "meetings.col.due": {"da": "Frist", "en": "Due"},
        "meetings.col.status": {"da": "Status", "en": "Status"},
        "meetings.col.owner": {"da": "Ansvarlig", "en": "Owner"},
        "meetings.closed_marker": {"da": "lukket", "en": "closed"},
        "meetings.closed_item": {
            "da": "Lukket punkt: beslutningen vises ikke.",
            "en": "Closed item: its decision is not shown.",
        },
        "meetings.no_decision": {
            "da": "Referatet har ingen beslutning for dette punkt.",
            "en": "The minutes record no decision for this item.",
        },
        "meetings.no_item": {"da": "Vælg et punkt.", "en": "Choose an item."},
    }
)


class MeetingList(OptionList):
    """Meetings, newest first, two lines each: when and who, then what is left to do."""

    def on_mount(self) -> None:
        self.border_title = t("meetings.pane.meetings")

    def load(self, meetings: Sequence[MeetingOverview], *, keep: int | None) -> None:
        """Show `meetings`, highlighting meeting `keep` if it is still there."""
        self.clear_options()
        if not meetings:
            self.add_option(Option(t("meetings.none"), disabled=True))
            return
        self.add_options(Option(_meeting_prompt(m), id=str(m.id)) for m in meetings)
        ids = [m.id for m in meetings]
        self.highlighted = ids.index(keep) if keep in ids else 0

    @property
    def meeting_id(self) -> int | None:
        """The highlighted meeting's id."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id) if option.id is not None else None


def _meeting_prompt(meeting: MeetingOverview) -> Content:
    """When and who on the first line; then the items, and only the action
    counts that are not zero, so the line stays short enough for 80 columns."""
    when = meeting.date.isoformat() + (f" {meeting.start:%H:%M}" if meeting.start else "")
    counts = [t("meetings.count.items", count=meeting.items)]
    counts += [
        t(f"meetings.count.{name}", count=count)
        for name, count in (("proposed", meeting.proposed), ("open", meeting.open))
        if count
    ]
    overdue = t("meetings.count.overdue", count=meeting.overdue) if meeting.overdue else ""
    return Content.from_markup(
        "[b]$when[/b] $body\n[dim]$counts[/dim][$error]$overdue[/]",
        when=when,
        body=meeting.body,
        counts=" · ".join(counts),
        overdue=f" · {overdue}" if overdue else "",
    )


class ItemList(OptionList):
    """A meeting's agenda items in document order, two lines each: number and
    title (wrapped, never cut), then case number, actions and the closed marker."""

    def on_mount(self) -> None:
        self.border_title = t("meetings.pane.items")

    def load(self, title: str, items: Sequence[ItemDetail], *, keep: int | None) -> int | None:
        """Show `items` under `title`, highlighting item `keep` if it is among
        them (else the first); return the highlighted item's index."""
        self.border_title = Content(title)
        self.clear_options()
        self.add_options(Option(_item_prompt(item), id=str(item.id)) for item in items)
        ids = [item.id for item in items]
        self.highlighted = ids.index(keep) if keep in ids else (0 if ids else None)
        return self.highlighted

    @property
    def item_id(self) -> int | None:
        """The highlighted item's id."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id) if option.id is not None else None


def _item_prompt(item: ItemDetail) -> Content:
    details = [part for part in (item.case, _actions_count(item.actions)) if part]
    return Content.from_markup(
        "[b]$number[/b] $title[i]$closed[/i]\n[dim]$details[/dim]",
        number=item.number,
        title=item.title,
        closed=f" ({t('meetings.closed_marker')})" if item.closed else "",
        details=" · ".join(details) or " ",
    )


def _actions_count(count: int) -> str:
    return t("meetings.item_actions", count=count) if count else ""


class DecisionView(VerticalScroll):
    """The decision the meeting itself made on the chosen item (earlier
    bodies' decisions, quoted in the item, are not it)."""

    def compose(self) -> ComposeResult:
        yield Static(t("meetings.no_item"), id="decision-text", markup=False)

    def on_mount(self) -> None:
        self.border_title = t("meetings.pane.decision")

    def show(self, item: ItemDetail | None) -> None:
        """Show the decision on `item`; a closed item's decision stays hidden."""
        text = self.query_one("#decision-text", Static)
        self.set_class(item is not None and item.closed, "-closed")
        if item is None:
            self.border_title = t("meetings.pane.decision")
            text.update(t("meetings.no_item"))
            return
        self.border_title = t("meetings.pane.decision_of", number=item.number)
        if item.closed:
            text.update(t("meetings.closed_item"))
        else:
            text.update(Content(item.decision or t("meetings.no_decision")))
        self.scroll_home(animate=False)


class ActionTable(DataTable[Text]):
    """The follow-up actions of one item: due, status, owner, title.

    The title column takes the width the others leave and long titles and
    owners wrap, so nothing hides behind a horizontal scrollbar; the rows are
    laid out again when the table's width changes.
    """

    _WIDTHS: ClassVar[dict[str, int]] = {"due": 10, "status": 11}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._actions: tuple[ActionRow, ...] = ()

    def on_mount(self) -> None:
        for key, width in self._WIDTHS.items():
            self.add_column(Text(t(f"meetings.col.{key}")), width=width, key=key)
        self.add_column(Text(t("meetings.col.owner")), key="owner")
        self.add_column(Text(t("meetings.col.title")), key="title")
        self.border_title = t("meetings.pane.actions", count=0)

    def on_resize(self) -> None:
        row = self.cursor_row
        self.load(self._actions)
        self.move_cursor(row=row, animate=False)

    def load(self, actions: Sequence[ActionRow]) -> None:
        """Show `actions`, overdue ones marked so."""
        self._actions = tuple(actions)
        self.clear()
        self._fit_columns()
        self.border_title = t("meetings.pane.actions", count=len(actions))
        for action in actions:
            status = status_label(action.status, overdue=action.overdue)
            self.add_row(
                Text(action.due.isoformat() if action.due else "—"),
                Text(status, style="bold" if action.overdue else ""),
                Text(action.owner or "—"),
                Text(action.title),
                key=str(action.id),
                height=None,
            )

    def _fit_columns(self) -> None:
        """Give the owner a fifth of the width (room for "Kultur- og
        Erhvervsafdelingen" on a wide screen) and the title the rest."""
        width = self.scrollable_content_region.width
        padding = 2 * self.cell_padding
        owner = min(max(width // 5, 18), 30)
        fixed = sum(self._WIDTHS.values()) + owner + padding * (len(self._WIDTHS) + 2)
        for key, size in (("owner", owner), ("title", max(12, width - fixed))):
            column = self.columns[ColumnKey(key)]
            column.auto_width = False
            column.width = size

    @property
    def action_id(self) -> int | None:
        """The id of the action under the cursor."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return int(key.value) if key.value is not None else None
