"""Import minutes from the app: choose files, watch them go in, see what happened.

Files are chosen in a tree (space marks one) or typed as a path, folder or
glob. The import runs `services.import_files` in a thread worker, one
transaction per file, so a bad file is reported and the rest go in; each
finished file advances the progress bar through a message, and the UI keeps
answering while the files are read and parsed. Afterwards the results list
says what each file did, and `ActionsChanged` goes to the app so the lists
behind this screen reload. A file whose text does not say which body met or
when is not lost: the screen asks for what is missing and imports it again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, ProgressBar, Static
from textual.worker import Worker, WorkerState

from tracker import printable, services
from tracker.dates import read_typed_date
from tracker.errors import MissingFactError
from tracker.services import ImportOutcome
from tracker.tui.context import TuiContext
from tracker.tui.i18n import register, t
from tracker.tui.messages import ActionsChanged
from tracker.tui.screens.prompts import TextPrompt
from tracker.tui.widgets.file_picker import MinutesTree, expand_pattern
from tracker.tui.widgets.import_results import ImportResults
from tracker.tui.widgets.keys import translate_bindings

register(
    {
        "importer.key.import": {"da": "Importér", "en": "Import"},
        "importer.key.close": {"da": "Luk", "en": "Close"},
        "importer.pattern": {
            "da": "Sti, mappe eller mønster (fx referater/*.pdf), Enter vælger",
            "en": "Path, folder or glob (e.g. minutes/*.pdf), Enter chooses",
        },
        "importer.files_in": {"da": "Filer i {folder}", "en": "Files in {folder}"},
        "importer.chosen": {
            "da": "{count} fil(er) valgt: {names}",
            "en": "{count} file(s) chosen: {names}",
        },
        "importer.none_chosen": {
            "da": "Ingen filer valgt: mellemrum vælger en fil, eller skriv en sti ovenfor.",
            "en": "No files chosen: space marks a file, or type a path above.",
        },
        "importer.nothing_matched": {
            "da": "Ingen referatfiler matcher {pattern}",
            "en": "No minutes files match {pattern}",
        },
        "importer.importing": {
            "da": "Importerer {count} fil(er) ...",
            "en": "Importing {count} file(s) ...",
        },
        "importer.ask.body": {
            "da": "{name} siger ikke, hvilket udvalg der holdt mødet. Udvalg (Escape springer over):",
            "en": "{name} does not say which body met. Body (Escape skips it):",
        },
        "importer.ask.date": {
            "da": "{name} siger ikke, hvornår mødet blev holdt. Dato (Escape springer over):",
            "en": "{name} does not say when the meeting was. Date (Escape skips it):",
        },
        "importer.ask.date_example": {
            "da": "fx 2024-03-07 eller 07-03-2024",
            "en": "e.g. 2024-03-07",
        },
        "importer.not_a_date": {
            "da": "«{typed}» er ikke en dato; skriv fx 2024-03-07",
            "en": "«{typed}» is not a date; write e.g. 2024-03-07",
        },
        # What the workers do, for the app's "Could not {task}: {error}".
        "importer.task.import": {"da": "importere filerne", "en": "import the files"},
    }
)


class ImportScreen(Screen[None]):
    """Choose minutes files and import them, with progress and a result per file."""

    CSS_PATH = "../styles/importer.tcss"
    AUTO_FOCUS = "#minutes-tree"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "import_files", "importer.key.import", id="importer.import"),
        Binding("i", "import_files", "importer.key.import", id="importer.import_i", show=False),
        Binding("escape", "close", "importer.key.close", id="importer.close"),
    ]

    @dataclass
    class FileDone(Message):
        """One more file went through the importer (or failed)."""

        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ImportScreen.FileDone)

    @dataclass
    class ImportFinished(Message):
        outcomes: list[ImportOutcome]

    def __init__(self, context: TuiContext) -> None:
        super().__init__()
        self.context = context
        self._importing = False
        self._outcomes: list[ImportOutcome] = []
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        yield Input(placeholder=t("importer.pattern"), id="pattern")
        tree = MinutesTree(Path.cwd(), id="minutes-tree")
        tree.border_title = Content(t("importer.files_in", folder=Path.cwd()))
        yield tree
        yield Static(t("importer.none_chosen"), id="chosen", markup=False)
        yield ProgressBar(show_eta=False, id="progress")
        yield ImportResults(id="results")
        yield Footer(compact=True, show_command_palette=False)

    # --- choosing -----------------------------------------------------------

    @on(Input.Submitted, "#pattern")
    def _pattern_submitted(self, event: Input.Submitted) -> None:
        """Enter in the path field marks what it names and empties it."""
        paths = expand_pattern(event.value, Path.cwd())
        if not paths:
            self.notify(
                t("importer.nothing_matched", pattern=event.value), severity="warning", markup=False
            )
            return
        self.query_one(MinutesTree).mark(paths)
        event.input.clear()

    @on(MinutesTree.MarksChanged)
    def _marks_changed(self, event: MinutesTree.MarksChanged) -> None:
        chosen = self.query_one("#chosen", Static)
        if not event.marked:
            chosen.update(t("importer.none_chosen"))
            return
        names = ", ".join(printable.one_line(path.name) for path in event.marked)
        chosen.update(t("importer.chosen", count=len(event.marked), names=names))

    # --- importing ----------------------------------------------------------

    def action_import_files(self) -> None:
        """Import the marked files and whatever the path field names."""
        if self._importing:
            return
        tree = self.query_one(MinutesTree)
        pattern = self.query_one("#pattern", Input)
        tree.mark(expand_pattern(pattern.value, Path.cwd()))
        pattern.clear()
        paths = list(tree.marked)
        if not paths:
            self.notify(t("importer.none_chosen"), severity="warning")
            return
        self._importing = True
        self.refresh_bindings()
        self.add_class("-started")
        self.query_one(ProgressBar).update(total=len(paths), progress=0)
        self.query_one("#chosen", Static).update(t("importer.importing", count=len(paths)))
        self._import(paths)

    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="importer.import",
        description="importer.task.import",
    )
    def _import(self, paths: list[Path]) -> None:
        done = 0

        def file_done(outcome: services.ImportOutcome) -> None:
            nonlocal done
            done += 1
            self.post_message(self.FileDone(done, len(paths)))

        outcomes = services.import_files(
            self.context.engine,
            paths,
            organisation=self.context.organisation,
            on_file=file_done,
        )
        self.post_message(self.ImportFinished(outcomes))
        if any(o.result is not None and o.result.status != "unchanged" for o in outcomes):
            # To the app, not this screen: the lists must reload even if the
            # user closed the import screen while the files were going in.
            self.app.post_message(ActionsChanged())

    def on_import_screen_file_done(self, message: FileDone) -> None:
        self.query_one(ProgressBar).update(total=message.total, progress=message.done)

    async def on_import_screen_import_finished(self, message: ImportFinished) -> None:
        self._import_ended()
        self._outcomes = list(message.outcomes)
        await self.query_one(ImportResults).show(self._outcomes)
        self.query_one(MinutesTree).unmark_all()
        if any(isinstance(o.error, MissingFactError) for o in self._outcomes):
            self._ask_for_missing_facts()

    @work(
        exclusive=True,
        exit_on_error=False,
        group="importer.ask",
        description="importer.task.import",
    )
    async def _ask_for_missing_facts(self) -> None:
        """For each file that needs a body or a date, ask for it and import the
        file again with the answers, until it goes in or the user skips it."""
        for index, outcome in enumerate(self._outcomes):
            body: str | None = None
            when: dt.date | None = None
            while isinstance(outcome.error, MissingFactError):
                fact = outcome.error.facts[0]
                answer = await self.app.push_screen_wait(
                    TextPrompt(
                        t(f"importer.ask.{fact}", name=outcome.path.name),
                        placeholder=t("importer.ask.date_example") if fact == "date" else "",
                    )
                )
                if answer is None:
                    break
                if fact == "body":
                    body = answer
                elif (when := read_typed_date(answer)) is None:
                    self.notify(
                        t("importer.not_a_date", typed=answer), severity="warning", markup=False
                    )
                    continue
                [outcome] = await asyncio.to_thread(
                    services.import_files,
                    self.context.engine,
                    [outcome.path],
                    organisation=self.context.organisation,
                    body=body,
                    meeting_date=when,
                )
                self._outcomes[index] = outcome
                await self.query_one(ImportResults).show(self._outcomes)
                if outcome.result is not None and outcome.result.status != "unchanged":
                    self.app.post_message(ActionsChanged())

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A bug in the importer stops the batch (the app reports it): allow
        another try instead of leaving Import greyed out."""
        if event.state == WorkerState.ERROR:
            self._import_ended()

    def _import_ended(self) -> None:
        self._importing = False
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out Import while an import runs."""
        if action == "import_files" and self._importing:
            return None
        return True

    def action_close(self) -> None:
        """Escape: back to where the import was opened from."""
        self.dismiss()
