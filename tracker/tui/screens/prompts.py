"""Small modal questions: one line of text, or several lines (styled with the
other dialogs in assign.tcss).

They only ask; the screen that asked saves the answer, so one prompt serves a
new title, a hold condition, a done note and a note alike.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, TextArea

from tracker.tui.i18n import register
from tracker.tui.widgets.keys import translate_bindings

register(
    {
        "prompt.key.save": {"da": "Gem", "en": "Save"},
        "prompt.key.cancel": {"da": "Fortryd", "en": "Cancel"},
    }
)


class TextPrompt(ModalScreen[str | None]):
    """One line of text; Enter answers it (stripped), Escape gives None.

    With `allow_empty` an empty answer is an answer ("done, no note");
    without, Enter on an empty line does nothing.
    """

    CSS_PATH = "../styles/assign.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "prompt.key.cancel", id="prompt.cancel")
    ]

    def __init__(
        self, question: str, *, value: str = "", placeholder: str = "", allow_empty: bool = False
    ) -> None:
        super().__init__(classes="prompt")
        self._question, self._value = question, value
        self._placeholder, self._allow_empty = placeholder, allow_empty
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-dialog"):
            yield Label(self._question, classes="prompt-question", markup=False)
            yield Input(self._value, placeholder=self._placeholder, id="prompt-input")
        yield Footer(compact=True, show_command_palette=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        answer = event.value.strip()
        if answer or self._allow_empty:
            self.dismiss(answer)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LinesPrompt(ModalScreen[list[str] | None]):
    """Several lines of text, one answer per line; Ctrl+S answers with the
    non-empty lines, Escape gives None."""

    CSS_PATH = "../styles/assign.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "prompt.key.save", id="prompt.save", priority=True),
        Binding("escape", "cancel", "prompt.key.cancel", id="prompt.cancel"),
    ]

    def __init__(self, question: str, *, value: str = "") -> None:
        super().__init__(classes="prompt")
        self._question, self._value = question, value
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-dialog"):
            yield Label(self._question, classes="prompt-question", markup=False)
            yield TextArea(self._value, id="prompt-lines", soft_wrap=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        lines = [line.strip() for line in self.query_one(TextArea).text.splitlines()]
        self.dismiss([line for line in lines if line])

    def action_cancel(self) -> None:
        self.dismiss(None)
