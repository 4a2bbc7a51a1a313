"""Meetings -> items -> the decision and its actions.

Four panes, one level each: meetings on the left, the highlighted meeting's
items beside them, the highlighted item's decision and actions below. Moving
the cursor previews the next level; Enter moves into it, Escape back out.
Everything is read in thread workers, each with a session of its own, and
arrives as a message (a failure reaches the app's one handler, which names the
worker's task); a reply that comes after the cursor moved on is dropped.
The workers are not `exclusive`: a running thread cannot be stopped, so
cancelling it would only hide it, and the stale reply is dropped by id anyway.
The screen reloads whenever it becomes current again, so counts and statuses
changed on the review or detail screens show up on return.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList

from tracker import queries
from tracker.db import read_session
from tracker.queries import ActionRow, ItemDetail, MeetingDetail, MeetingOverview
from tracker.tui.context import TuiContext
from tracker.tui.i18n import register, t
from tracker.tui.widgets.keys import translate_bindings
from tracker.tui.widgets.meeting_panes import ActionTable, DecisionView, ItemList, MeetingList

register(
    {
        "meetings.key.open": {"da": "Åbn", "en": "Open"},
        "meetings.key.back": {"da": "Tilbage", "en": "Back"},
        "meetings.key.review": {"da": "Gennemgå", "en": "Review"},
        "meetings.items_of": {"da": "Punkter: {body} {date}", "en": "Items: {body} {date}"},
        # What a worker does, for the app's "Could not {task}: {error}".
        "meetings.task.list": {"da": "hente møderne", "en": "load the meetings"},
        "meetings.task.meeting": {"da": "hente mødet", "en": "load the meeting"},
        "meetings.task.actions": {
            "da": "hente punktets opfølgning",
            "en": "load the item's actions",
        },
    }
)


class MeetingsScreen(Screen[None]):
    """Browse meetings, their items, decisions and follow-up actions."""

    CSS_PATH = "../styles/meetings.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding, so Enter drills in (and says so in the footer)
        # instead of being taken by the list or table that has focus.
        Binding("enter", "open", "meetings.key.open", id="meetings.open", priority=True),
        Binding("escape", "back", "meetings.key.back", id="meetings.back"),
        Binding("r", "review", "meetings.key.review", id="meetings.review"),
    ]

    @dataclass
    class MeetingsLoaded(Message):
        meetings: list[MeetingOverview]

    @dataclass
    class MeetingLoaded(Message):
        meeting_id: int
        meeting: MeetingDetail | None

    @dataclass
    class ItemActionsLoaded(Message):
        item_id: int
        actions: list[ActionRow]

    def __init__(self, context: TuiContext) -> None:
        super().__init__()
        self.context = context
        self._meeting: MeetingDetail | None = None
        self._wanted_meeting: int | None = None
        self._item: ItemDetail | None = None
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Horizontal(id="meetings-top"):
            yield MeetingList(id="meeting-list")
            yield ItemList(id="item-list")
        yield DecisionView(id="decision")
        yield ActionTable(id="action-table")
        yield Footer(compact=True, show_command_palette=False)

    # --- loading ------------------------------------------------------------

    def on_screen_resume(self) -> None:
        self._load_meetings()

    @work(thread=True, exit_on_error=False, group="meetings.list", description="meetings.task.list")
    def _load_meetings(self) -> None:
        with read_session(self.context.engine) as session:
            meetings = queries.list_meeting_overviews(session, today=self.context.today())
        self.post_message(self.MeetingsLoaded(meetings))

    @work(
        thread=True,
        exit_on_error=False,
        group="meetings.meeting",
        description="meetings.task.meeting",
    )
    def _load_meeting(self, meeting_id: int) -> None:
        with read_session(self.context.engine) as session:
            meeting = queries.get_meeting(session, meeting_id)
        self.post_message(self.MeetingLoaded(meeting_id, meeting))

    @work(
        thread=True, exit_on_error=False, group="meetings.item", description="meetings.task.actions"
    )
    def _load_actions(self, item_id: int) -> None:
        with read_session(self.context.engine) as session:
            actions = queries.item_actions(session, item_id=item_id, today=self.context.today())
        self.post_message(self.ItemActionsLoaded(item_id, actions))

    def on_meetings_screen_meetings_loaded(self, message: MeetingsLoaded) -> None:
        meetings = self.query_one(MeetingList)
        keep = self._meeting.id if self._meeting else None
        meetings.load(message.meetings, keep=keep)
        # Reload the meeting even when the highlight did not move: its counts
        # may have changed while another screen was on top.
        self._want_meeting(meetings.meeting_id, again=True)

    def on_meetings_screen_meeting_loaded(self, message: MeetingLoaded) -> None:
        if message.meeting_id != self.query_one(MeetingList).meeting_id or message.meeting is None:
            return
        same = self._meeting is not None and self._meeting.id == message.meeting_id
        keep = self._item.id if same and self._item else None
        self._meeting = meeting = message.meeting
        title = t("meetings.items_of", body=meeting.body, date=meeting.date.isoformat())
        index = self.query_one(ItemList).load(title, meeting.items, keep=keep)
        self._show_item(meeting.items[index] if index is not None else None, force=True)

    def on_meetings_screen_item_actions_loaded(self, message: ItemActionsLoaded) -> None:
        if self._item is not None and self._item.id == message.item_id:
            self.query_one(ActionTable).load(message.actions)

    # --- following the cursor -----------------------------------------------

    @on(OptionList.OptionHighlighted, "#meeting-list")
    def _meeting_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._want_meeting(self.query_one(MeetingList).meeting_id)
        self.refresh_bindings()

    def _want_meeting(self, meeting_id: int | None, *, again: bool = False) -> None:
        """Load meeting `meeting_id` unless it is already loaded or on its way."""
        if meeting_id is None or (meeting_id == self._wanted_meeting and not again):
            return
        self._wanted_meeting = meeting_id
        self._load_meeting(meeting_id)

    @on(OptionList.OptionHighlighted, "#item-list")
    def _item_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        item_id = self.query_one(ItemList).item_id
        if self._meeting is not None and item_id is not None:
            self._show_item(next(i for i in self._meeting.items if i.id == item_id))

    def _show_item(self, item: ItemDetail | None, *, force: bool = False) -> None:
        """Show `item`'s decision and load its actions, unless it is already shown."""
        if not force and item == self._item:
            return
        self._item = item
        self.query_one(DecisionView).show(item)
        if item is None:
            self.query_one(ActionTable).load([])
        else:
            self._load_actions(item.id)

    # --- keys and clicks ----------------------------------------------------

    def action_open(self) -> None:
        """Enter: into the items, then the actions, then an action's detail."""
        focused = self.focused
        if isinstance(focused, MeetingList):
            self._drill_from(focused)
        elif isinstance(focused, ItemList | DecisionView):
            self._drill_from(self.query_one(ItemList))
        elif isinstance(focused, ActionTable):
            self._drill_from(focused)

    @on(OptionList.OptionSelected)
    def _option_clicked(self, event: OptionList.OptionSelected) -> None:
        """A click on the highlighted meeting or item opens it, as Enter does."""
        self._drill_from(event.option_list)

    @on(DataTable.RowSelected)
    def _action_clicked(self, event: DataTable.RowSelected) -> None:
        """A click on the highlighted action opens it, as Enter does."""
        self._drill_from(event.data_table)

    def _drill_from(self, widget: OptionList | DataTable[Text]) -> None:
        if isinstance(widget, MeetingList):
            if widget.meeting_id is not None:
                self.query_one(ItemList).focus()
        elif isinstance(widget, ItemList):
            actions = self.query_one(ActionTable)
            if actions.row_count:
                actions.focus()
        elif isinstance(widget, ActionTable) and widget.action_id is not None:
            from tracker.tui.screens.detail import ActionDetailScreen

            self.app.push_screen(ActionDetailScreen(self.context, widget.action_id))

    def action_back(self) -> None:
        """Escape: out one level, and off the screen from the meetings."""
        focused = self.focused
        if isinstance(focused, ActionTable | DecisionView):
            self.query_one(ItemList).focus()
        elif isinstance(focused, ItemList):
            self.query_one(MeetingList).focus()
        else:
            self.dismiss()

    def action_review(self) -> None:
        """r: review the proposals of the highlighted meeting."""
        meeting_id = self.query_one(MeetingList).meeting_id
        if meeting_id is None:
            return
        from tracker.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.context, meeting_id=meeting_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out "review" until there is a meeting to review."""
        if action == "review":
            lists = self.query(MeetingList)
            return (bool(lists) and lists.first().meeting_id is not None) or None
        return True
