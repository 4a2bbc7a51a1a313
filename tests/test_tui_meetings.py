"""The meetings screen: meetings -> items -> decision and actions, with the pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from tests.tui_support import FIXTURES, SEED, TODAY, make_context
from tracker import queries, services
from tracker.db import session_scope
from tracker.tui.context import TuiContext
from tracker.tui.i18n import set_language
from tracker.tui.screens.meetings import MeetingsScreen
from tracker.tui.widgets.meeting_panes import ActionTable, DecisionView, ItemList, MeetingList

STYLES = Path(__file__).parents[1] / "tracker" / "tui" / "styles" / "meetings.tcss"
TEKNIK = FIXTURES / "teknik-miljoe-2023-03-07.txt"
PARISH = FIXTURES / "parish-council-2023-03-14.txt"


class _Host(App[None]):
    """Just enough app to show the meetings screen, without tracker's own app."""

    CSS_PATH = STYLES

    def __init__(self, context: TuiContext) -> None:
        super().__init__()
        self.context = context

    def on_mount(self) -> None:
        self.push_screen(MeetingsScreen(self.context))


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


async def test_lists_the_meetings_newest_first(engine: Engine) -> None:
    context = make_context(engine, SEED, TEKNIK, PARISH)
    app = _Host(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        meetings = app.screen.query_one(MeetingList)
        prompts = [
            str(meetings.get_option_at_index(i).prompt) for i in range(meetings.option_count)
        ]
        assert len(prompts) == 3
        assert prompts[0].startswith("2023-03-14 19:30 Little Ashby Parish Council")
        assert prompts[2].startswith("2022-08-15 11:30 Direktionen")
        assert "9 items · 9 proposed" in prompts[2]


async def test_drills_into_the_seed_meeting_item_and_actions(engine: Engine) -> None:
    context = make_context(engine, SEED, TEKNIK)
    app = _Host(context)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await _settle(pilot)
        meetings = screen.query_one(MeetingList)
        assert meetings.has_focus
        await pilot.press("down")  # the seed meeting is the older one
        await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)

        items = screen.query_one(ItemList)
        assert items.has_focus
        assert items.option_count == 9
        assert items.border_title == "Items: Direktionen 2022-08-15"

        await pilot.press(*["down"] * 5)  # item 6
        await _settle(pilot)
        decision = _text(screen.query_one(DecisionView))
        assert decision.startswith("Programmet til det kommende budgetseminar blev drøftet")
        assert "ØC kommer med et oplæg" in decision
        actions = screen.query_one(ActionTable)
        assert actions.row_count == 2
        assert actions.border_title == "Actions (2)"
        titles = [str(actions.get_row_at(row)[3]) for row in range(actions.row_count)]
        assert titles == [
            "Send programmet ud til Byrådet",
            "Drøft afklaring af slides, faglige temaer osv. til selve seminaret",
        ]
        assert [str(actions.get_row_at(row)[2]) for row in range(2)] == ["Sekretariatet", "ØC"]

        await pilot.press("enter")
        assert actions.has_focus
        await pilot.press("escape")
        assert items.has_focus
        await pilot.press("escape")
        assert meetings.has_focus
        await pilot.press("escape")
        assert not isinstance(app.screen, MeetingsScreen)


async def test_opens_an_actions_detail_and_the_meetings_review(engine: Engine) -> None:
    """The detail and review screens belong to other modules: skipped without them."""
    detail = pytest.importorskip("tracker.tui.screens.detail")
    review = pytest.importorskip("tracker.tui.screens.review")
    context = make_context(engine, SEED)
    app = _Host(context)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await _settle(pilot)
        await pilot.press("enter", *["down"] * 5)  # item 6
        await _settle(pilot)
        await pilot.press("enter", "enter")
        assert isinstance(app.screen, detail.ActionDetailScreen)
        assert app.screen.action_id == screen.query_one(ActionTable).action_id
        app.pop_screen()
        await pilot.pause()
        await pilot.press("r")
        assert isinstance(app.screen, review.ReviewScreen)
        assert app.screen.meeting_id == screen.query_one(MeetingList).meeting_id


async def test_a_closed_item_shows_no_decision(engine: Engine) -> None:
    context = make_context(engine, SEED)
    app = _Host(context)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await _settle(pilot)
        await pilot.press("enter", "down")  # item 2 is closed
        await _settle(pilot)
        view = screen.query_one(DecisionView)
        assert view.border_title == "Decision, item 2"
        assert _text(view) == "Closed item: its decision is not shown."
        assert view.has_class("-closed")
        assert screen.query_one(ActionTable).row_count == 0


async def test_counts_follow_changes_made_elsewhere(engine: Engine) -> None:
    """Coming back from another screen reloads: an action accepted meanwhile
    moves from proposed to open."""
    context = make_context(engine, SEED)
    app = _Host(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        with Session(context.engine) as session:
            action = queries.list_actions(session, status="proposed", today=TODAY)[0]
        _accept(context, action.id)
        app.push_screen(_Blank())
        await pilot.pause()
        app.pop_screen()
        await _settle(pilot)
        prompt = str(app.screen.query_one(MeetingList).get_option_at_index(0).prompt)
        assert "9 items · 8 proposed · 1 open" in prompt


async def test_danish_text(engine: Engine) -> None:
    set_language("da")
    context = make_context(engine, SEED)
    app = _Host(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        screen = app.screen
        prompt = str(screen.query_one(MeetingList).get_option_at_index(0).prompt)
        assert "9 punkter · 9 foreslåede" in prompt
        descriptions = {
            b.binding.id: b.binding.description for b in screen.active_bindings.values()
        }
        assert descriptions["meetings.open"] == "Åbn"
        assert descriptions["meetings.back"] == "Tilbage"
        assert descriptions["meetings.review"] == "Gennemgå"


async def test_empty_database_says_so(engine: Engine) -> None:
    app = _Host(make_context(engine))
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        meetings = app.screen.query_one(MeetingList)
        assert (
            str(meetings.get_option_at_index(0).prompt) == "No meetings yet: import minutes first."
        )
        assert meetings.meeting_id is None
        assert app.screen.check_action("review", ()) is None


def test_item_actions_query(engine: Engine) -> None:
    context = make_context(engine, SEED)
    with Session(context.engine) as session:
        (overview,) = queries.list_meeting_overviews(session, today=TODAY)
        meeting = queries.get_meeting(session, overview.id)
        assert meeting is not None
        item = next(i for i in meeting.items if i.number == "6")
        actions = queries.item_actions(session, item_id=item.id, today=TODAY)
    assert (overview.items, overview.proposed, overview.open, overview.overdue) == (9, 9, 0, 0)
    assert [a.owner for a in actions] == ["Sekretariatet", "ØC"]


# --- helpers -------------------------------------------------------------------


async def _settle(pilot: Pilot[None]) -> None:
    """Wait for the loads the last key started, and for the loads their
    results start in turn (meetings -> meeting -> item actions)."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def _text(view: DecisionView) -> str:
    return str(view.query_one("#decision-text", Static).render())


def _accept(context: TuiContext, action_id: int) -> None:
    with session_scope(context.engine) as session:
        services.accept(session, [action_id], user=context.user)


class _Blank(Screen[None]):
    """Something to cover the meetings screen, as the review screen would."""
