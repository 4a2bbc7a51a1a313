"""Pilot tests of the review screen and its dialogs (assign, add, prompts) on the
seed minutes: each key's change is checked in the database.

The screen is hosted in a tiny App of its own, so these tests do not depend
on the tracker's App; `settle` waits for the screen's workers (a write, then
the reload it triggers) instead of sleeping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static, TextArea

from tests.tui_support import SEED, make_context
from tracker import queries
from tracker.models import Action
from tracker.tui.context import TuiContext
from tracker.tui.i18n import current_language, set_language
from tracker.tui.messages import ActionsChanged
from tracker.tui.screens.add_action import ActionForm, SentencePicker
from tracker.tui.screens.assign import AssignScreen
from tracker.tui.screens.review import ReviewScreen
from tracker.tui.widgets.decision_text import DecisionText, source_spans

STYLES = Path(__file__).parents[1] / "tracker" / "tui" / "styles"


class _Host(App[None]):
    """Pushes one screen and records the ActionsChanged messages that reach the App."""

    CSS_PATH: ClassVar[list[Path]] = [
        STYLES / "review.tcss",
        STYLES / "detail.tcss",
        STYLES / "assign.tcss",
    ]

    def __init__(self, make_screen: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self._make_screen = make_screen
        self.changed: list[tuple[int, ...]] = []

    def on_mount(self) -> None:
        self.push_screen(self._make_screen())

    def on_actions_changed(self, message: ActionsChanged) -> None:
        self.changed.append(message.action_ids)


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until no worker runs and no message is pending."""
    for _ in range(50):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if all(worker.is_finished for worker in pilot.app.workers):
            return
    raise AssertionError("workers did not settle")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """UI text in English unless a test says otherwise; the language is global."""
    before = current_language()
    set_language("en")
    yield
    set_language(before)


@pytest.fixture
def context(engine: Engine) -> TuiContext:
    return make_context(engine, SEED)


def actions(context: TuiContext) -> dict[int, Action]:
    with Session(context.engine) as session:
        return {a.id: a for a in session.exec(select(Action)).all() if a.id is not None}


def review_app(context: TuiContext, meeting_id: int | None = None) -> _Host:
    return _Host(lambda: ReviewScreen(context, meeting_id))


def highlighted(app: App[Any]) -> int:
    option = app.screen.query_one(OptionList).highlighted_option
    assert option is not None and option.id is not None
    return int(option.id.removeprefix("action-"))


async def move_to(pilot: Pilot[Any], action_id: int) -> None:
    listing = pilot.app.screen.query_one(OptionList)
    listing.highlighted = listing.get_option_index(f"action-{action_id}")
    await pilot.pause()


def by_title(context: TuiContext, start: str) -> Action:
    return next(a for a in actions(context).values() if a.title.startswith(start))


# --- showing -------------------------------------------------------------------------


async def test_proposals_grouped_by_item_beside_the_highlighted_source(
    context: TuiContext,
) -> None:
    app = review_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        listing = screen.query_one(OptionList)
        headings = [str(o.prompt) for o in listing.options if o.disabled]
        assert headings[0] == "Item 1. Øvrige sager"
        assert "Item 6. Program for budgetseminar" in headings
        assert listing.option_count == len(headings) + len(actions(context))
        assert "9 proposals" in str(screen.query_one("#review-heading", Static).render())

        await move_to(pilot, by_title(context, "Send programmet").id)
        decision = screen.query_one(DecisionText)
        rendered = decision.render()
        source = "programmet sendes ud til Byrådet snarest via sekretariatet"
        assert source in str(rendered)
        styled = [str(rendered)[span.start : span.end] for span in rendered.spans]  # type: ignore[attr-defined]
        assert source in styled
        facts = str(screen.query_one("#review-facts", Static).render())
        assert "Sekretariatet" in facts and "2022-08-22" in facts


def test_source_is_found_across_line_breaks_and_in_pieces() -> None:
    text = "Det blev aftalt, at det\nundersøges om noget. Andet. HRC undersøger og tilretter."
    assert source_spans(text, "det undersøges om noget.") == [(20, 44)]
    merged = "det undersøges om noget.\nHRC undersøger og tilretter."
    assert [text[a:b] for a, b in source_spans(text, merged)] == [
        "det\nundersøges om noget.",
        "HRC undersøger og tilretter.",
    ]
    assert source_spans(text, "står der ikke") == []
    assert source_spans(text, None) == []


# --- review keys ------------------------------------------------------------------------


async def test_space_accepts_the_highlighted_proposal(context: TuiContext) -> None:
    app = review_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = highlighted(app)
        await pilot.press("space")
        await settle(pilot)
        assert actions(context)[first].status == "open"
        assert app.changed == [(first,)]
        assert highlighted(app) == first  # still listed, with its new status
        assert "8 proposals" in str(app.screen.query_one("#review-heading", Static).render())


async def test_shift_a_accepts_every_proposal_shown(context: TuiContext) -> None:
    with Session(context.engine) as session:
        meeting_id = queries.list_meetings(session)[0].id
    app = review_app(context, meeting_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        statuses = {a.title: a.status for a in actions(context).values()}
        assert set(statuses.values()) == {"open", "on_hold"}
        assert statuses["Sæt mødeaktiviteten for koordineringsgruppen i bero"] == "on_hold"
        assert app.screen.query_one(OptionList).option_count == 0  # nothing left to review


async def test_x_rejects_and_a_rejected_action_cannot_be_accepted(context: TuiContext) -> None:
    app = review_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = highlighted(app)
        await pilot.press("x")
        await settle(pilot)
        assert actions(context)[first].status == "rejected"
        await pilot.press("space")
        await settle(pilot)
        assert actions(context)[first].status == "rejected"
        assert "is rejected" in list(app._notifications)[-1].message


async def test_e_edits_the_title(context: TuiContext) -> None:
    app = review_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = highlighted(app)
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert field.value == actions(context)[first].title
        field.value = "Drøft velfærdsforsøget videre"
        await pilot.press("enter")
        await settle(pilot)
        assert actions(context)[first].title == "Drøft velfærdsforsøget videre"
        assert isinstance(app.screen, ReviewScreen)


async def test_p_splits_into_one_title_per_line(context: TuiContext) -> None:
    app = review_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        hrc = by_title(context, "Undersøg om seminaret")
        await move_to(pilot, hrc.id)
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "Undersøg nedskalering\nTilret programmet\n"
        await pilot.press("ctrl+s")
        await settle(pilot)
        after = actions(context)
        assert after[hrc.id].title == "Undersøg nedskalering"
        (part,) = [a for a in after.values() if a.title == "Tilret programmet"]
        assert (part.owner, part.status, part.item_id, part.source) == (
            "HRC",
            "proposed",
            hrc.item_id,
            hrc.source,
        )


async def test_plus_merges_with_the_next_or_the_marked(context: TuiContext) -> None:
    app = review_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        start = by_title(context, "Igangsæt arbejdet")
        timing = by_title(context, "Afklar timingen")
        couple = by_title(context, "Kobl det")
        await move_to(pilot, start.id)
        await pilot.press("plus")  # no marks: with the next of the item
        await settle(pilot)
        after = actions(context)
        assert after[timing.id].status == "rejected"
        assert after[start.id].notes == f"merged #{timing.id}: Afklar timingen rent politisk"
        assert highlighted(app) == start.id

        await pilot.press("v")
        await move_to(pilot, couple.id)
        await pilot.press("plus")  # the marked one and the highlighted one
        await settle(pilot)
        after = actions(context)
        assert (after[couple.id].status, after[couple.id].notes) == (
            "rejected",
            f"merged into #{start.id}",
        )
        assert after[start.id].source is not None and couple.source in after[start.id].source


async def test_plus_refuses_actions_of_different_items(context: TuiContext) -> None:
    app = review_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await move_to(pilot, by_title(context, "Send programmet").id)
        await pilot.press("v")
        await move_to(pilot, by_title(context, "Igangsæt arbejdet").id)
        before = {i: a.status for i, a in actions(context).items()}
        await pilot.press("plus")
        await settle(pilot)
        assert {i: a.status for i, a in actions(context).items()} == before
        assert "same item" in list(app._notifications)[-1].message


async def test_n_adds_an_action_from_a_chosen_sentence(context: TuiContext) -> None:
    app = review_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        program = by_title(context, "Send programmet")
        await move_to(pilot, program.id)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SentencePicker)
        first = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert first.startswith("Programmet til det kommende budgetseminar blev drøftet")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionForm)
        title = app.screen.query_one("#add-title", Input)
        assert title.value == first
        title.value = "Ret tidsplanen til kl. 19-22"
        app.screen.query_one("#owner-name", Input).focus()
        await pilot.press(*"Sek", "right")  # completes from the organisation
        app.screen.query_one("#due-phrase", Input).focus()
        await pilot.press(*"uge 36")
        await pilot.pause()
        assert "2022-09-05" in str(app.screen.query_one("#due-hint", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = by_title(context, "Ret tidsplanen")
        assert (added.status, added.owner, added.due, added.due_text, added.source) == (
            "open",
            "Sekretariatet",
            dt.date(2022, 9, 5),
            "uge 36",
            first,
        )
        assert added.item_id == program.item_id
        assert isinstance(app.screen, ReviewScreen)


# --- assign -------------------------------------------------------------------------------


async def test_a_assigns_an_owner_and_a_phrase_due_date(context: TuiContext) -> None:
    app = review_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = highlighted(app)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AssignScreen)
        owner = app.screen.query_one("#owner-name", Input)
        assert owner.has_focus and owner.value == ""
        await pilot.press(*"HR", "right")
        assert owner.value == "HRC"
        assert "Known: HRC" in str(app.screen.query_one("#owner-hint", Static).render())
        app.screen.query_one("#due-phrase", Input).focus()
        await pilot.press(*"næste møde")
        await pilot.pause()
        # Direktionen meets on Mondays (the organisation's cadence).
        hint = str(app.screen.query_one("#due-hint", Static).render())
        assert hint == "→ 2022-08-22 (Monday)"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assigned = actions(context)[first]
        assert (assigned.owner, assigned.due, assigned.due_text, assigned.status) == (
            "HRC",
            dt.date(2022, 8, 22),
            "næste møde",
            "proposed",
        )
        assert app.changed == [(first,)]
        facts = str(app.screen.query_one("#review-facts", Static).render())
        assert "HRC" in facts and "2022-08-22" in facts


async def test_assign_shows_an_iso_due_date_as_year_month_day(context: TuiContext) -> None:
    app = review_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#due-phrase", Input).focus()
        await pilot.press(*"2022-09-05")
        await pilot.pause()
        hint = str(app.screen.query_one("#due-hint", Static).render())
        assert hint == "→ 2022-09-05 (Monday)"


async def test_assign_shows_an_unreadable_due_date_and_saves_nothing(
    context: TuiContext,
) -> None:
    app = review_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = highlighted(app)
        before = actions(context)[first]
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#due-phrase", Input).focus()
        await pilot.press(*"om lidt")
        await pilot.pause()
        due = app.screen.query_one("DueInput")
        assert due.has_class("-error")
        assert "Cannot read «om lidt»" in str(app.screen.query_one("#due-hint", Static).render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AssignScreen)
        assert "Correct the due date" in str(app.screen.query_one("#assign-error").render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        after = actions(context)[first]
        assert (after.owner, after.due_text) == (before.owner, before.due_text)
        assert app.changed == []


async def test_the_review_fits_80_by_24_in_danish(context: TuiContext) -> None:
    set_language("da")
    app = review_app(context)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert "Gennemgang efter import: 9 forslag" in str(
            screen.query_one("#review-heading", Static).render()
        )
        for widget in ("#review-list", "#review-facts", "#review-decision"):
            region = screen.query_one(widget).region
            assert region.width >= 30 and region.height >= 2, widget
            assert region.right <= 80 and region.bottom <= 23, widget
