"""Assign: an action's owner and due date, the date read live from what is typed.

A modal over the review or detail screen. It reads the action, its meeting's
facts and the owners used before in a worker, saves through
`services.assign` in another, and dismisses True once saved (False when
cancelled or nothing changed), so the screen below knows to reload.

The save names the version of the action the dialog showed. If someone else
changed the action meanwhile, nothing is saved: the dialog says what they
changed and reads the action again, keeping what the user typed, so a
second save is a decision made knowing the other change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static
from textual.worker import Worker, WorkerState

from tracker import queries, services
from tracker.db import read_session, session_scope
from tracker.errors import ConflictError, InputError
from tracker.queries import AssignTarget
from tracker.tui.conflict import conflict_text
from tracker.tui.context import TuiContext
from tracker.tui.i18n import register, t
from tracker.tui.messages import ActionsChanged
from tracker.tui.widgets.due_input import DueInput
from tracker.tui.widgets.keys import translate_bindings
from tracker.tui.widgets.owner_input import OwnerInput

register(
    {
        "assign.key.save": {"da": "Gem", "en": "Save"},
        "assign.key.cancel": {"da": "Fortryd", "en": "Cancel"},
        "assign.title": {"da": "Tildel #{id}: {title}", "en": "Assign #{id}: {title}"},
        "assign.loading": {"da": "Henter ...", "en": "Loading ..."},
        "assign.owner": {"da": "Ejer", "en": "Owner"},
        "assign.due": {"da": "Frist (dato eller udtryk)", "en": "Due (a date or a phrase)"},
        "assign.fix_due": {
            "da": "Ret fristen, eller slet den, før du gemmer.",
            "en": "Correct the due date, or clear it, before saving.",
        },
        "assign.gone": {"da": "Handlingen findes ikke længere.", "en": "The action is gone."},
        "assign.failed": {"da": "Ikke gemt: {error}", "en": "Not saved: {error}"},
    }
)


class AssignScreen(ModalScreen[bool]):
    """Owner with completion and a due phrase with its date shown live; Ctrl+S
    or Enter saves, Escape cancels."""

    CSS_PATH = "../styles/assign.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "assign.key.save", id="assign.save", priority=True),
        Binding("escape", "cancel", "assign.key.cancel", id="assign.cancel"),
    ]

    @dataclass
    class Loaded(Message):
        """The action to assign (None if it is gone) and the owners used before;
        `keep_input` after a conflict, when the fields hold what the user typed."""

        target: AssignTarget | None
        owners: list[str]
        keep_input: bool = False

    def __init__(self, context: TuiContext, action_id: int) -> None:
        super().__init__(classes="dialog-screen")
        self.context, self.action_id = context, action_id
        self._target: AssignTarget | None = None
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="assign-dialog", classes="dialog"):
            yield Label(
                t("assign.loading"), id="assign-title", classes="dialog-title", markup=False
            )
            yield Label(t("assign.owner"), classes="field-label", markup=False)
            yield OwnerInput(id="assign-owner")
            yield Label(t("assign.due"), classes="field-label", markup=False)
            yield DueInput(id="assign-due")
            yield Static("", id="assign-error", classes="dialog-error", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="assign-load")
    def _load(self, keep_input: bool = False) -> None:
        with read_session(self.context.engine) as session:
            target = queries.assign_target(session, self.action_id)
            owners = queries.known_owners(session)
        self.post_message(self.Loaded(target, owners, keep_input))

    def on_assign_screen_loaded(self, message: Loaded) -> None:
        if message.target is None:
            self.notify(t("assign.gone"), severity="error")
            self.dismiss(False)
            return
        self._target = target = message.target
        self.query_one("#assign-title", Label).update(
            t("assign.title", id=target.id, title=target.title)
        )
        if message.keep_input:
            return
        self.query_one(OwnerInput).load(self.context.organisation, message.owners, target.owner)
        self.query_one(DueInput).load(
            target.due_facts, self.context.organisation, target.due_text or ""
        )
        self.query_one("#owner-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        target = self._target
        if target is None:
            return
        due = self.query_one(DueInput)
        try:
            due.resolved()
        except InputError:
            self._error(t("assign.fix_due"))
            return
        owner = self.query_one(OwnerInput).value
        # Only what was changed is assigned: an untouched "næste møde" must not be
        # read again, since a meeting imported since would move its date.
        new_owner = owner if owner and owner != target.owner else None
        new_due = due.phrase if due.phrase and due.phrase != (target.due_text or "") else None
        if new_owner is None and new_due is None:
            self.dismiss(False)
            return
        self._save(new_owner, new_due, target.version)

    @work(thread=True, exit_on_error=False, group="assign-save")
    def _save(self, owner: str | None, due_phrase: str | None, version: int) -> None:
        with session_scope(self.context.engine) as session:
            services.assign(
                session,
                self.action_id,
                owner=owner,
                due_phrase=due_phrase,
                organisation=self.context.organisation,
                user=self.context.user,
                version=version,
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        error = event.worker.error
        if event.state == WorkerState.ERROR and isinstance(error, ConflictError):
            self._error(conflict_text(error))
            self._load(keep_input=True)
        elif event.state == WorkerState.ERROR:
            self._error(t("assign.failed", error=error))
        elif event.state == WorkerState.SUCCESS and event.worker.group == "assign-save":
            # Posted to the App: this screen is gone once dismissed.
            self.app.post_message(ActionsChanged((self.action_id,)))
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def _error(self, text: str) -> None:
        self.query_one("#assign-error", Static).update(text)
