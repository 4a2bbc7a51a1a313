"""Two people on one action: the screen that decided on what it showed earlier
does not overwrite the other's change, says what it was and shows it.

"Someone else" is a change made through the services while the screen is
open, as another secretary's terminal would make it.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select
from textual.widgets import Input, Static

from tests.test_tui_detail import action, answer, detail_app, text_of
from tests.test_tui_review import _Host, english, settle  # noqa: F401  (fixture)
from tests.tui_support import SEED, make_context
from tracker import services
from tracker.db import session_scope
from tracker.models import Action
from tracker.organisation import Organisation
from tracker.tui.context import TuiContext
from tracker.tui.screens.assign import AssignScreen
from tracker.tui.screens.review import ReviewScreen


@pytest.fixture
def context(engine: Engine) -> TuiContext:
    return make_context(engine, SEED)


def someone_assigns(context: TuiContext, action_id: int, owner: str) -> None:
    with session_scope(context.engine) as session:
        services.assign(session, action_id, owner=owner, organisation=Organisation(), user="Bo")


def last_notification(app: _Host) -> str:
    return list(app._notifications)[-1].message


async def test_detail_done_after_someone_else_assigned_is_refused_and_shown(
    context: TuiContext,
) -> None:
    program = action(context, "Send programmet")
    app = detail_app(context, program.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        someone_assigns(context, program.id, "Økonomi")
        await pilot.press("d")
        await answer(pilot, "Sendt")
        stored = action(context, "Send programmet")
        assert (stored.status, stored.notes, stored.owner) == ("proposed", None, "Økonomi")
        told = last_notification(app)
        assert f"Someone changed action {program.id}" in told
        assert "Bo: Owner: Sekretariatet → Økonomi" in told
        # Reloaded: the screen shows the other person's change.
        assert "Økonomi" in text_of(app, "#detail-facts")
        assert "Bo" in text_of(app, "#detail-history")
        # Deciding again on what is shown now works.
        await pilot.press("d")
        await answer(pilot, "Sendt")
        assert action(context, "Send programmet").status == "done"


async def test_review_accept_all_is_all_or_nothing_when_one_changed(context: TuiContext) -> None:
    app = _Host(lambda: ReviewScreen(context, meeting_id=None))
    with Session(context.engine) as session:
        ids = list(
            session.exec(
                select(Action.id).where(Action.status == "proposed").order_by(col(Action.id))
            ).all()
        )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        someone_assigns(context, ids[-1], "HR")
        await pilot.press("A")
        await settle(pilot)
        with Session(context.engine) as session:
            statuses = set(session.exec(select(Action.status)).all())
        assert statuses == {"proposed"}  # nothing accepted from the stale list
        assert "Bo: Owner: (none) → HR" in last_notification(app)
        await pilot.press("A")
        await settle(pilot)
        with Session(context.engine) as session:
            statuses = set(session.exec(select(Action.status)).all())
        assert "proposed" not in statuses  # the reloaded list accepts


async def test_assign_keeps_what_was_typed_and_saves_on_the_second_try(
    context: TuiContext,
) -> None:
    program = action(context, "Send programmet")
    app = _Host(lambda: AssignScreen(context, program.id))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        someone_assigns(context, program.id, "Økonomi")
        owner = app.screen.query_one("#owner-name", Input)
        owner.value = "HR"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert action(context, "Send programmet").owner == "Økonomi"
        error = str(app.screen.query_one("#assign-error", Static).content)
        assert "Bo: Owner: Sekretariatet → Økonomi" in error
        assert owner.value == "HR"  # nothing the user typed is dropped
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert action(context, "Send programmet").owner == "HR"
