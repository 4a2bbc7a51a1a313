"""Adding an action the extractor missed: pick its sentence, then write it.

Two modals in a row, each answering through `dismiss`: `SentencePicker`
lists the decision's sentences (up/down, Enter) and answers the chosen one;
`ActionForm` takes a title (starting from that sentence), an owner and a due
phrase, and answers an `ActionDraft`. The review screen saves the draft.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tracker.errors import InputError
from tracker.organisation import Organisation
from tracker.queries import DueFacts
from tracker.tui.i18n import register, t
from tracker.tui.widgets.due_input import DueInput
from tracker.tui.widgets.keys import translate_bindings
from tracker.tui.widgets.owner_input import OwnerInput

register(
    {
        "add.key.save": {"da": "Tilføj", "en": "Add"},
        "add.key.cancel": {"da": "Fortryd", "en": "Cancel"},
        "add.pick": {
            "da": "Hvilken sætning i beslutningen mangler en handling?",
            "en": "Which sentence of the decision lacks an action?",
        },
        "add.title_of": {"da": "Ny handling, punkt {number}", "en": "New action, item {number}"},
        "add.title": {"da": "Titel", "en": "Title"},
        "add.owner": {"da": "Ejer", "en": "Owner"},
        "add.due": {"da": "Frist (dato eller udtryk)", "en": "Due (a date or a phrase)"},
        "add.need_title": {"da": "Skriv en titel.", "en": "Write a title."},
        "add.fix_due": {
            "da": "Ret fristen, eller slet den, før du tilføjer.",
            "en": "Correct the due date, or clear it, before adding.",
        },
    }
)


@dataclass(frozen=True)
class ActionDraft:
    """A new action as typed: empty owner or due phrase means none."""

    title: str
    source: str
    owner: str
    due_phrase: str


class SentencePicker(ModalScreen[str | None]):
    """The sentences of a decision, one to choose with up/down and Enter."""

    CSS_PATH = "../styles/assign.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "add.key.cancel", id="add.cancel")
    ]

    def __init__(self, sentences: Iterable[str]) -> None:
        super().__init__(classes="dialog-screen")
        self._sentences = list(sentences)
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-dialog", classes="dialog"):
            yield Label(t("add.pick"), classes="dialog-title", markup=False)
            yield OptionList(
                *(Option(sentence, id=str(i)) for i, sentence in enumerate(self._sentences)),
                id="pick-sentences",
                markup=False,
            )
        yield Footer(compact=True, show_command_palette=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._sentences[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ActionForm(ModalScreen[ActionDraft | None]):
    """Title, owner and due date of a new action; Ctrl+S or Enter adds it."""

    CSS_PATH = "../styles/assign.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "add.key.save", id="add.save", priority=True),
        Binding("escape", "cancel", "add.key.cancel", id="add.cancel"),
    ]

    def __init__(
        self,
        *,
        item_number: str,
        source: str,
        facts: DueFacts,
        organisation: Organisation,
        owners: Iterable[str],
    ) -> None:
        super().__init__(classes="dialog-screen")
        self._item_number, self._source, self._facts = item_number, source, facts
        self._organisation, self._owners = organisation, list(owners)
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="add-dialog", classes="dialog"):
            yield Label(
                t("add.title_of", number=self._item_number), classes="dialog-title", markup=False
            )
            yield Label(t("add.title"), classes="field-label", markup=False)
            yield Input(self._source, id="add-title")
            yield Label(t("add.owner"), classes="field-label", markup=False)
            yield OwnerInput(id="add-owner")
            yield Label(t("add.due"), classes="field-label", markup=False)
            yield DueInput(id="add-due")
            yield Static("", id="add-error", classes="dialog-error", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one(OwnerInput).load(self._organisation, self._owners, None)
        self.query_one(DueInput).load(self._facts, self._organisation, "")
        self.query_one("#add-title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        error = self.query_one("#add-error", Static)
        title = " ".join(self.query_one("#add-title", Input).value.split())
        if not title:
            error.update(t("add.need_title"))
            return
        due = self.query_one(DueInput)
        try:
            due.resolved()
        except InputError:
            error.update(t("add.fix_due"))
            return
        owner = self.query_one(OwnerInput).value
        self.dismiss(ActionDraft(title, self._source, owner, due.phrase))

    def action_cancel(self) -> None:
        self.dismiss(None)
