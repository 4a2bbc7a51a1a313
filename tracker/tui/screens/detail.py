"""Everything about one action: its facts, history, notes and the decision.

Directors come here to close an action (done, with an optional note), to put
it on hold with the condition it waits for, or to reopen it; secretaries to
assign, note or reword it. The history shows who changed what, so a moved
deadline is never a mystery. Reads and writes run in thread workers; after a
write the screen posts `ActionsChanged` and reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Label, Static
from textual.worker import Worker, WorkerState

from tracker import queries, services
from tracker.db import read_session, session_scope
from tracker.queries import ActionDetail
from tracker.services import ALLOWED_FROM, ActionChange
from tracker.tui.context import TuiContext
from tracker.tui.i18n import register, t
from tracker.tui.messages import ActionsChanged
from tracker.tui.screens.assign import AssignScreen
from tracker.tui.screens.prompts import TextPrompt
from tracker.tui.screens.reloading import ReloadingScreen
from tracker.tui.widgets.action_labels import (
    due_label,
    event_change,
    event_time,
    kind_label,
    status_label,
)
from tracker.tui.widgets.decision_text import DecisionText
from tracker.tui.widgets.keys import translate_bindings

register(
    {
        "detail.key.done": {"da": "Udført", "en": "Done"},
        "detail.key.hold": {"da": "I bero", "en": "Hold"},
        "detail.key.reactivate": {"da": "Genåbn", "en": "Reopen"},
        "detail.key.assign": {"da": "Tildel", "en": "Assign"},
        "detail.key.note": {"da": "Note", "en": "Note"},
        "detail.key.edit": {"da": "Titel", "en": "Title"},
        "detail.key.back": {"da": "Tilbage", "en": "Back"},
        "detail.loading": {"da": "Henter ...", "en": "Loading ..."},
        "detail.gone": {"da": "Handling #{id} findes ikke.", "en": "Action #{id} does not exist."},
        "detail.status": {"da": "Status", "en": "Status"},
        "detail.owner": {"da": "Ejer", "en": "Owner"},
        "detail.co_owners": {"da": "Medejere", "en": "Co-owners"},
        "detail.due": {"da": "Frist", "en": "Due"},
        "detail.kind": {"da": "Type", "en": "Kind"},
        "detail.condition": {"da": "Betingelse", "en": "Condition"},
        "detail.review": {"da": "Genbesøg", "en": "Review on"},
        "detail.confidence": {"da": "Sikkerhed", "en": "Confidence"},
        "detail.meeting": {"da": "Møde", "en": "Meeting"},
        "detail.item": {"da": "Punkt", "en": "Item"},
        "detail.case": {"da": "Sag", "en": "Case"},
        "detail.source": {"da": "Kilde", "en": "Source"},
        "detail.source_lost": {"da": "Bemærk", "en": "Note"},
        "detail.overdue": {"da": "overskredet", "en": "overdue"},
        "detail.history": {"da": "Historik", "en": "History"},
        "detail.notes": {"da": "Noter", "en": "Notes"},
        "detail.no_notes": {"da": "(ingen noter)", "en": "(no notes)"},
        "detail.decision": {"da": "Beslutning", "en": "Decision"},
        "detail.no_decision": {"da": "(ingen beslutningstekst)", "en": "(no decision text)"},
        "detail.closed_item": {
            "da": "(lukket punkt: teksten vises ikke)",
            "en": "(closed item: the text is not shown)",
        },
        "detail.done_note": {
            "da": "Udført. Note (kan være tom):",
            "en": "Done. A note (may be empty):",
        },
        "detail.hold_question": {
            "da": "Hvad venter handlingen på?",
            "en": "What does the action wait for?",
        },
        "detail.note_question": {"da": "Note:", "en": "Note:"},
        "detail.edit_title": {"da": "Ny titel", "en": "New title"},
        "detail.not_allowed": {
            "da": "Handlingen er {status}, så det kan ikke lade sig gøre.",
            "en": "The action is {status}, so that cannot be done.",
        },
        "detail.failed": {"da": "Ikke gemt: {error}", "en": "Not saved: {error}"},
    }
)


class ActionDetailScreen(ReloadingScreen):
    """One action in full, with the changes people can make to it."""

    CSS_PATH = "../styles/detail.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "done", "detail.key.done", id="detail.done"),
        Binding("h", "hold", "detail.key.hold", id="detail.hold"),
        Binding("o", "reactivate", "detail.key.reactivate", id="detail.reactivate"),
        Binding("a", "assign", "detail.key.assign", id="detail.assign"),
        Binding("N", "note", "detail.key.note", id="detail.note"),
        Binding("e", "edit", "detail.key.edit", id="detail.edit"),
        Binding("escape", "back", "detail.key.back", id="detail.back", show=False),
    ]

    @dataclass
    class Loaded(Message):
        """The action (None if there is none) as read by load number `load`."""

        load: int
        detail: ActionDetail | None

    def __init__(self, context: TuiContext, action_id: int) -> None:
        super().__init__()
        self.context, self.action_id = context, action_id
        self._detail: ActionDetail | None = None
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        yield Static(t("detail.loading"), id="detail-heading", markup=False)
        with VerticalScroll(id="detail-body"):
            yield Static("", id="detail-facts", markup=False)
            yield Label(t("detail.history"), classes="detail-section", markup=False)
            yield Static("", id="detail-history", markup=False)
            yield Label(t("detail.notes"), classes="detail-section", markup=False)
            yield Static("", id="detail-notes", markup=False)
            yield Label(t("detail.decision"), classes="detail-section", markup=False)
            yield DecisionText(id="detail-decision")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#detail-body").focus()

    # --- loading -------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="detail-load")
    def _load(self, load: int) -> None:
        with read_session(self.context.engine) as session:
            detail = queries.action_detail(
                session,
                self.action_id,
                today=self.context.today(),
                policy=self.context.organisation.policy,
            )
        self.post_message(self.Loaded(load, detail))

    def on_action_detail_screen_loaded(self, message: Loaded) -> None:
        if not self.is_newest(message.load):
            return
        self._detail = detail = message.detail
        heading = self.query_one("#detail-heading", Static)
        if detail is None:
            heading.update(t("detail.gone", id=self.action_id))
            return
        heading.update(Text(f"#{detail.id}  {detail.title}", style="bold"))
        self.query_one("#detail-facts", Static).update(self._facts(detail))
        self.query_one("#detail-history", Static).update(self._history(detail))
        notes = detail.notes or t("detail.no_notes")
        self.query_one("#detail-notes", Static).update(Text(notes))
        decision = self.query_one(DecisionText)
        if detail.item_closed and not detail.decision:
            decision.update(Text(t("detail.closed_item"), style="italic"))
        else:
            decision.show(detail.decision, detail.source, empty=t("detail.no_decision"))

    def _facts(self, detail: ActionDetail) -> Table:
        """Label and value per line; empty facts left out, so short actions stay short."""
        status = status_label(detail.status)
        if detail.overdue:
            status = f"{status}, {t('detail.overdue')}"
        lost = None
        if detail.source_lost_at is not None:
            lost = t("action.source_lost", when=event_time(detail.source_lost_at))
        rows = [
            ("detail.status", status),
            ("detail.owner", detail.owner),
            ("detail.co_owners", ", ".join(detail.co_owners)),
            ("detail.due", due_label(detail.due, detail.due_text)),
            ("detail.kind", kind_label(detail.kind)),
            ("detail.condition", detail.condition),
            ("detail.review", detail.next_review.isoformat() if detail.next_review else None),
            ("detail.confidence", f"{round(detail.confidence * 100)} %"),
            ("detail.meeting", f"{detail.body} {detail.meeting_date.isoformat()}"),
            ("detail.item", f"{detail.item_number}. {detail.item_title}"),
            ("detail.case", detail.item_case),
            ("detail.source", detail.source),
            ("detail.source_lost", lost),
        ]
        table = Table.grid(padding=(0, 1))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for key, value in rows:
            if value:
                table.add_row(t(key), Text(value))
        return table

    def _history(self, detail: ActionDetail) -> Table:
        table = Table.grid(padding=(0, 1))
        table.add_column(style="dim", no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")
        for event in detail.events:
            table.add_row(event_time(event.at), Text(event.user), Text(event_change(event)))
        return table

    # --- keys ----------------------------------------------------------------------

    # Each change names the version the screen showed when the key was pressed,
    # so a change someone else made meanwhile is not silently overwritten.

    def action_done(self) -> None:
        detail = self._allowed("done")
        if detail is not None:
            question = TextPrompt(t("detail.done_note"), allow_empty=True)
            self.app.push_screen(question, partial(self._done, detail.version))

    def _done(self, version: int, note: str | None) -> None:
        if note is not None:
            self._write(
                partial(services.done, action_id=self.action_id, note=note or None, version=version)
            )

    def action_hold(self) -> None:
        detail = self._allowed("hold")
        if detail is not None:
            question = TextPrompt(t("detail.hold_question"), value=detail.condition or "")
            self.app.push_screen(question, partial(self._hold, detail.version))

    def _hold(self, version: int, condition: str | None) -> None:
        if condition:
            self._write(
                partial(services.hold, action_id=self.action_id, until=condition, version=version)
            )

    def action_reactivate(self) -> None:
        detail = self._allowed("reactivate")
        if detail is not None:
            self._write(
                partial(services.reactivate, action_id=self.action_id, version=detail.version)
            )

    def action_assign(self) -> None:
        if self._allowed("assign"):
            self.app.push_screen(AssignScreen(self.context, self.action_id), self._assigned)

    def _assigned(self, saved: bool | None) -> None:
        if saved:
            self._reload()

    def action_note(self) -> None:
        if self._allowed("note"):
            self.app.push_screen(TextPrompt(t("detail.note_question")), self._note)

    def _note(self, text: str | None) -> None:
        if text:
            self._write(partial(services.add_note, action_id=self.action_id, text=text))

    def action_edit(self) -> None:
        detail = self._allowed("edit")
        if detail is not None:
            question = TextPrompt(t("detail.edit_title"), value=detail.title)
            self.app.push_screen(question, partial(self._edit, detail))

    def _edit(self, shown: ActionDetail, title: str | None) -> None:
        if title and title != shown.title:
            self._write(
                partial(
                    services.edit_title,
                    action_id=self.action_id,
                    title=title,
                    version=shown.version,
                )
            )

    def action_back(self) -> None:
        self.dismiss()

    def _allowed(self, change: ActionChange) -> ActionDetail | None:
        """The action, if `change` applies to its status; else say why not."""
        detail = self._detail
        if detail is None:
            return None
        if detail.status not in ALLOWED_FROM[change]:
            status = status_label(detail.status)
            self.notify(t("detail.not_allowed", status=status), severity="warning")
            return None
        return detail

    # --- writing -------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, group="detail-write")
    def _write(self, change: Callable[..., None]) -> None:
        """Run one service for this action as this user, in a transaction of its own."""
        with session_scope(self.context.engine) as session:
            change(session, user=self.context.user)
        self.post_message(ActionsChanged((self.action_id,)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.write_failed(event.worker.error, "detail.failed")
