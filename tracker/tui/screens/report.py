"""The follow-up report for a body's next meeting: previewed, then written to a file.

The screen shows exactly what `tracker report` prints (the same query and the
same renderer), so a secretary can read it before writing it out as Markdown
or as a printable HTML page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Select, Static

from tracker import queries
from tracker.db import read_session
from tracker.errors import TrackerError
from tracker.report import Language, ReportFormat, render
from tracker.tui.context import TuiContext
from tracker.tui.i18n import current_language, register, t
from tracker.tui.screens.prompts import TextPrompt
from tracker.tui.widgets.keys import translate_bindings

register(
    {
        "report.heading": {"da": "Opfølgningsrapport", "en": "Follow-up report"},
        "report.body": {"da": "Vælg organ", "en": "Choose a body"},
        "report.none": {
            "da": "Ingen møder endnu: importér referater først (i).",
            "en": "No meetings yet: import minutes first (i).",
        },
        "report.key.write": {"da": "Skriv fil", "en": "Write file"},
        "report.key.back": {"da": "Tilbage", "en": "Back"},
        "report.ask_file": {
            "da": "Filnavn (.md eller .html):",
            "en": "File name (.md or .html):",
        },
        "report.written": {
            "da": "Rapporten er skrevet til {path}",
            "en": "Report written to {path}",
        },
        "report.not_written": {
            "da": "Kunne ikke skrive {path}: {error}",
            "en": "Could not write {path}: {error}",
        },
        "report.task.load": {"da": "lave rapporten", "en": "build the report"},
    }
)


class ReportScreen(Screen[None]):
    """Preview the follow-up report of the chosen body and write it to a file."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "write", "report.key.write", id="report.write"),
        Binding("escape", "app.pop_screen", "report.key.back", id="report.back"),
    ]

    @dataclass
    class Loaded(Message):
        """The report's Markdown (or why there is none) for `body`."""

        bodies: list[str]
        body: str | None
        markdown: str

    def __init__(self, context: TuiContext) -> None:
        super().__init__()
        self.context = context
        self._body: str | None = None
        self._markdown = ""
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        yield Static(t("report.heading"), id="report-heading", markup=False)
        yield Select[str]([], prompt=t("report.body"), id="report-body")
        with VerticalScroll(id="report-preview"):
            yield Markdown("", id="report-markdown")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._load(None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="report-load",
          description="report.task.load")  # fmt: skip
    def _load(self, body: str | None) -> None:
        with read_session(self.context.engine) as session:
            bodies = queries.report_bodies(session)
            chosen = body or (bodies[0] if bodies else None)
            if chosen is None:
                self.post_message(self.Loaded(bodies, None, t("report.none")))
                return
            try:
                report = queries.follow_up_report(
                    session, body=chosen, for_date=None, today=self.context.today(),
                    organisation=self.context.organisation,
                )  # fmt: skip
            except TrackerError as error:
                self.post_message(self.Loaded(bodies, chosen, str(error)))
                return
        self.post_message(self.Loaded(bodies, chosen, render(report, "md", _language())))

    def on_report_screen_loaded(self, message: Loaded) -> None:
        self._body, self._markdown = message.body, message.markdown
        select = self.query_one("#report-body", Select)
        with select.prevent(Select.Changed):
            select.set_options((name, name) for name in message.bodies)
            if message.body is not None:
                select.value = message.body
        self.query_one("#report-markdown", Markdown).update(message.markdown)

    def on_select_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self._body:
            self._load(event.value)

    def action_write(self) -> None:
        if self._body is None:
            return
        suggested = f"opfolgning-{self._body.lower().replace(' ', '-')}.md"
        self.app.push_screen(TextPrompt(t("report.ask_file"), value=suggested), self._write)

    def _write(self, answer: str | None) -> None:
        if not answer or self._body is None:
            return
        path = Path(answer).expanduser()
        self._save(self._body, path)

    @work(thread=True, exit_on_error=False, group="report-write", description="report.task.load")
    def _save(self, body: str, path: Path) -> None:
        with read_session(self.context.engine) as session:
            report = queries.follow_up_report(
                session, body=body, for_date=None, today=self.context.today(),
                organisation=self.context.organisation,
            )  # fmt: skip
        format: ReportFormat = "html" if path.suffix.lower() in {".html", ".htm"} else "md"
        try:
            path.write_text(render(report, format, _language()), encoding="utf-8")
        except OSError as error:
            self.app.call_from_thread(
                self.notify, t("report.not_written", path=path, error=error.strerror or error),
                severity="error", markup=False,
            )  # fmt: skip
            return
        self.app.call_from_thread(self.notify, t("report.written", path=path), markup=False)


def _language() -> Language:
    """The report speaks the UI's language."""
    language = current_language()
    if language == "da":
        return "da"
    if language == "en":
        return "en"
    raise ValueError(f"no report in the UI language {language!r}")
