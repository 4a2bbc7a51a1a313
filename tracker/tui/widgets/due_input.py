"""A due date typed as a date or a phrase, with the date it means shown as you type.

Secretaries write deadlines the way minutes do ("snarest", "næste møde",
"uge 38", "30/9"). The phrase is read exactly as `services.assign` will read
it (`resolve_due` against the action's meeting, body and the body's later
meetings), so the date shown under the input is the date that gets saved.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from tracker.errors import InputError
from tracker.extract.due import Due, DueContext, resolve_due
from tracker.organisation import Organisation
from tracker.queries import DueFacts
from tracker.tui.i18n import register, t
from tracker.tui.widgets.action_labels import day_label

register(
    {
        "due.placeholder": {
            "da": "fx 30/9, uge 38, næste møde, snarest",
            "en": "e.g. 30/9, uge 38, næste møde, snarest",
        },
        "due.none": {"da": "Ingen frist", "en": "No due date"},
        "due.resolved": {"da": "→ {day}", "en": "→ {day}"},
        "due.undated": {"da": "→ uden dato ({phrase})", "en": "→ no date ({phrase})"},
        "due.unreadable": {
            "da": "Kan ikke læse «{phrase}» som en dato; prøv fx 30-09-2022, uge 38, næste møde",
            "en": "Cannot read «{phrase}» as a date; try e.g. 30-09-2022, uge 38, næste møde",
        },
    }
)


class DueInput(Vertical):
    """An Input for the due phrase and a line under it: the resolved date, or
    in the error style why the phrase cannot be read (class `-error`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._reading: DueContext | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder=t("due.placeholder"), id="due-phrase")
        yield Static(t("due.none"), id="due-hint", markup=False)

    def load(self, facts: DueFacts, organisation: Organisation, phrase: str) -> None:
        """Read phrases against `facts` from now on, starting with `phrase`."""
        self._reading = DueContext(
            facts.meeting_date, facts.body, organisation, known_meetings=facts.known_meetings
        )
        self.query_one(Input).value = phrase
        self._show()

    @property
    def phrase(self) -> str:
        """The phrase as typed, spaces trimmed; empty for no due date."""
        return self.query_one(Input).value.strip()

    def resolved(self) -> Due | None:
        """The due date the phrase means, None for an empty phrase; raises
        `InputError` when it cannot be read."""
        if not self.phrase or self._reading is None:
            return None
        return resolve_due(self.phrase, self._reading)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show()

    def _show(self) -> None:
        hint = self.query_one("#due-hint", Static)
        try:
            due = self.resolved()
        except InputError:
            self.add_class("-error")
            hint.update(t("due.unreadable", phrase=" ".join(self.phrase.split())))
            return
        self.remove_class("-error")
        if due is None:
            hint.update(t("due.none"))
        elif due.date is None:
            hint.update(t("due.undated", phrase=due.text))
        else:
            hint.update(t("due.resolved", day=day_label(due.date)))
