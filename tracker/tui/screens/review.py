"""Review after import: each proposal beside the decision it came from.

Left, the proposals grouped by agenda item (every action of an item that
still has proposals, so accepted and rejected siblings stay in view); right,
the highlighted proposal's facts and its item's decision with the source
highlighted. Keys accept, reject, edit, split, merge, add and assign; each
write runs in a thread worker with a session of its own, then the screen
posts `ActionsChanged` (which it also handles itself, by reloading).
Changes a proposal's status does not allow are refused here, in the UI
language, before the service would refuse them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from sqlmodel import Session
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from tracker import queries, services
from tracker.db import read_session, session_scope
from tracker.extract.sentences import sentences
from tracker.queries import Proposal, ReviewItem
from tracker.services import ALLOWED_FROM, ActionChange
from tracker.tui.context import TuiContext
from tracker.tui.i18n import register, t
from tracker.tui.messages import ActionsChanged
from tracker.tui.screens.add_action import ActionDraft, ActionForm, SentencePicker
from tracker.tui.screens.assign import AssignScreen
from tracker.tui.screens.detail import ActionDetailScreen
from tracker.tui.screens.prompts import LinesPrompt, TextPrompt
from tracker.tui.screens.reloading import ReloadingScreen
from tracker.tui.widgets.action_labels import (
    due_label,
    event_time,
    kind_label,
    status_icon,
    status_label,
)
from tracker.tui.widgets.decision_text import DecisionText
from tracker.tui.widgets.keys import translate_bindings

register(
    {
        "review.key.accept": {"da": "Godkend", "en": "Accept"},
        "review.key.accept_all": {"da": "Alle", "en": "All"},
        "review.key.reject": {"da": "Afvis", "en": "Reject"},
        "review.key.edit": {"da": "Titel", "en": "Title"},
        "review.key.split": {"da": "Del", "en": "Split"},
        "review.key.mark": {"da": "Markér", "en": "Mark"},
        "review.key.merge": {"da": "Flet", "en": "Merge"},
        "review.key.add": {"da": "Ny", "en": "New"},
        "review.key.assign": {"da": "Tildel", "en": "Assign"},
        "review.key.back": {"da": "Tilbage", "en": "Back"},
        "review.heading": {
            "da": "Gennemgang efter import: {count} forslag",
            "en": "Review after import: {count} proposals",
        },
        "review.loading": {"da": "Henter forslag ...", "en": "Loading proposals ..."},
        "review.empty": {
            "da": "Ingen forslag at gennemgå.",
            "en": "No proposals to review.",
        },
        "review.item": {"da": "Punkt {number}. {title}", "en": "Item {number}. {title}"},
        "review.decision": {"da": "Beslutning, punkt {number}", "en": "Decision, item {number}"},
        "review.no_decision": {"da": "(ingen beslutningstekst)", "en": "(no decision text)"},
        "review.facts": {
            "da": "Ejer: {owner}  Frist: {due}\nType: {kind}  Sikkerhed: {confidence} %  {status}",
            "en": "Owner: {owner}  Due: {due}\nKind: {kind}  Confidence: {confidence} %  {status}",
        },
        "review.not_allowed": {
            "da": "#{id} er {status}, så det kan ikke lade sig gøre.",
            "en": "#{id} is {status}, so that cannot be done.",
        },
        "review.none_to_accept": {"da": "Ingen forslag at godkende.", "en": "Nothing to accept."},
        "review.nothing_to_merge": {
            "da": "Intet at flette med: markér med v, eller stå på et punkt med flere forslag.",
            "en": "Nothing to merge with: mark with v, or pick an item with several proposals.",
        },
        "review.merge_items": {
            "da": "Kun handlinger under samme punkt kan flettes.",
            "en": "Only actions of the same item can be merged.",
        },
        "review.edit_title": {"da": "Ny titel", "en": "New title"},
        "review.split_question": {
            "da": "Én titel pr. del, én pr. linje (den første beholder handlingen)",
            "en": "One title per part, one per line (the first keeps the action)",
        },
        "review.split_needs_two": {
            "da": "Skriv mindst to titler for at dele.",
            "en": "Write at least two titles to split.",
        },
        "review.no_sentences": {
            "da": "Punktet har ingen beslutningstekst at vælge fra.",
            "en": "The item has no decision text to choose from.",
        },
        "review.failed": {"da": "Ikke gemt: {error}", "en": "Not saved: {error}"},
    }
)


class ReviewScreen(ReloadingScreen):
    """Proposals of one meeting (or of every meeting with proposals) to review."""

    CSS_PATH = "../styles/review.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "accept", "review.key.accept", id="review.accept", key_display="␣"),
        Binding("A", "accept_all", "review.key.accept_all", id="review.accept_all"),
        Binding("x", "reject", "review.key.reject", id="review.reject"),
        Binding("e", "edit", "review.key.edit", id="review.edit"),
        Binding("p,slash", "split", "review.key.split", id="review.split"),
        # Shown in the help screen, not the footer: 80 columns fit the others.
        Binding("v", "mark", "review.key.mark", id="review.mark", show=False),
        Binding("plus", "merge", "review.key.merge", id="review.merge", key_display="+"),
        Binding("n", "add", "review.key.add", id="review.add"),
        Binding("a", "assign", "review.key.assign", id="review.assign"),
        Binding("escape", "back", "review.key.back", id="review.back", show=False),
    ]

    @dataclass
    class Loaded(Message):
        """The items to review and the owners used before (for new actions), as
        read by load number `load`."""

        load: int
        items: list[ReviewItem]
        owners: list[str]

    def __init__(self, context: TuiContext, meeting_id: int | None = None) -> None:
        super().__init__()
        self.context, self.meeting_id = context, meeting_id
        self._items: list[ReviewItem] = []
        self._owners: list[str] = []
        self._found: dict[int, tuple[ReviewItem, Proposal]] = {}
        self._marked: set[int] = set()
        self._focus_id: int | None = None
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        yield Static(t("review.loading"), id="review-heading", markup=False)
        with Horizontal(id="review-body"):
            yield OptionList(id="review-list")
            with Vertical(id="review-side"):
                yield Static("", id="review-facts", markup=False)
                with VerticalScroll(id="review-decision"):
                    yield DecisionText(id="review-decision-text")
        yield Footer(compact=True, show_command_palette=False)

    # --- loading -------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="review-load")
    def _load(self, load: int) -> None:
        with read_session(self.context.engine) as session:
            items = queries.review_items(session, meeting_id=self.meeting_id)
            owners = queries.known_owners(session)
        self.post_message(self.Loaded(load, items, owners))

    def on_review_screen_loaded(self, message: Loaded) -> None:
        if not self.is_newest(message.load):
            return
        listing = self.query_one(OptionList)
        current = self._current()
        keep = self._focus_id or (current[1].id if current else None)
        index = listing.highlighted or 0
        self._items, self._owners, self._focus_id = message.items, message.owners, None
        self._found = {p.id: (item, p) for item in self._items for p in item.proposals}
        self._marked &= self._found.keys()
        pending = sum(p.status == "proposed" for _, p in self._found.values())
        self.query_one("#review-heading", Static).update(t("review.heading", count=pending))
        self._fill(keep, index)

    def _fill(self, keep: int | None, index: int) -> None:
        """List the items and their actions, the highlight on `keep` if it is
        still listed, else on what took its place."""
        listing = self.query_one(OptionList)
        options: list[Option] = []
        for item in self._items:
            heading = Text(t("review.item", number=item.number, title=item.title), style="bold")
            options.append(Option(heading, id=f"item-{item.id}", disabled=True))
            options += [Option(self._prompt(p), id=f"action-{p.id}") for p in item.proposals]
        listing.set_options(options)
        if not options:
            self.query_one("#review-facts", Static).update(t("review.empty"))
            self.query_one("#review-decision").border_title = ""
            self.query_one(DecisionText).update("")
            return
        ids = [option.id for option in options]
        if keep is not None and f"action-{keep}" in ids:
            index = ids.index(f"action-{keep}")
        index = min(index, len(options) - 1)
        while index > 0 and options[index].disabled:
            index -= 1
        if options[index].disabled:
            index += 1
        listing.highlighted = index
        self._show()

    def _prompt(self, proposal: Proposal) -> Table:
        """The mark (+), the status sign, then the title and owner and due date
        in a column of their own, so wrapped lines stay indented."""
        mark = "+" if proposal.id in self._marked else " "
        text = Text(proposal.title, style="strike" if proposal.status == "rejected" else "")
        if proposal.source_lost_at is not None:
            text = Text("⚠ ", style="bold") + text
        detail = " · ".join(
            part for part in (proposal.owner, due_label(proposal.due, proposal.due_text)) if part
        )
        if detail:
            text.append(f"\n{detail}", style="dim")
        row = Table.grid(padding=(0, 1, 0, 0), expand=True)
        row.add_column(width=2, no_wrap=True)
        row.add_column(ratio=1)
        row.add_row(Text(mark + status_icon(proposal.status), style="bold"), text)
        return row

    # --- showing the highlighted proposal -------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter: everything about the action, on the detail screen."""
        current = self._current()
        if current is not None:
            self.app.push_screen(ActionDetailScreen(self.context, current[1].id))

    def _current(self) -> tuple[ReviewItem, Proposal] | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or not option.id or not option.id.startswith("action-"):
            return None
        return self._found.get(int(option.id.removeprefix("action-")))

    def _show(self) -> None:
        current = self._current()
        if current is None:
            return
        item, proposal = current
        facts = Text(proposal.title, style="bold")
        facts.append("\n")
        facts.append(
            t(
                "review.facts",
                owner=proposal.owner or "–",
                due=due_label(proposal.due, proposal.due_text) or "–",
                kind=kind_label(proposal.kind),
                confidence=round(proposal.confidence * 100),
                status=status_label(proposal.status),
            )
        )
        if proposal.source_lost_at is not None:
            lost = t("action.source_lost", when=event_time(proposal.source_lost_at))
            facts.append(f"\n{lost}", style="bold")
        self.query_one("#review-facts", Static).update(facts)
        self.query_one("#review-decision").border_title = t("review.decision", number=item.number)
        self.query_one(DecisionText).show(
            item.decision, proposal.source, empty=t("review.no_decision"), follow=True
        )

    # --- keys ------------------------------------------------------------------------

    def action_accept(self) -> None:
        proposal = self._allowed("accept")
        if proposal is not None:
            self._write_all(services.accept, [proposal])

    def action_accept_all(self) -> None:
        shown = [p for _, p in self._found.values() if p.status == "proposed"]
        if not shown:
            self.notify(t("review.none_to_accept"), severity="warning")
            return
        self._write_all(services.accept, shown)

    def action_reject(self) -> None:
        proposal = self._allowed("reject")
        if proposal is not None:
            self._write_all(services.reject, [proposal])

    def action_edit(self) -> None:
        proposal = self._allowed("edit")
        if proposal is None:
            return

        def edited(title: str | None) -> None:
            if title and title != proposal.title:
                self._write_one(services.edit_title, proposal, title=title)

        self.app.push_screen(TextPrompt(t("review.edit_title"), value=proposal.title), edited)

    def action_split(self) -> None:
        proposal = self._allowed("split")
        if proposal is None:
            return

        def split(titles: list[str] | None) -> None:
            if titles is None:
                return
            if len(titles) < 2:
                self.notify(t("review.split_needs_two"), severity="warning")
                return
            self._write_one(services.split_action, proposal, titles=titles)

        question = t("review.split_question")
        self.app.push_screen(LinesPrompt(question, value=proposal.title + "\n"), split)

    def action_mark(self) -> None:
        current = self._current()
        if current is None:
            return
        self._marked ^= {current[1].id}
        listing = self.query_one(OptionList)
        listing.replace_option_prompt(f"action-{current[1].id}", self._prompt(current[1]))

    def action_merge(self) -> None:
        current = self._current()
        if current is None:
            return
        ids = self._merge_ids(*current)
        if len(ids) < 2:
            self.notify(t("review.nothing_to_merge"), severity="warning")
            return
        if len({self._found[i][0].id for i in ids}) > 1:
            self.notify(t("review.merge_items"), severity="warning")
            return
        for action_id in ids:
            if self._refused(self._found[action_id][1], "merge"):
                return
        self._marked.clear()
        self._focus_id = ids[0]
        self._write_all(services.merge_actions, [self._found[i][1] for i in ids])

    def _merge_ids(self, item: ReviewItem, proposal: Proposal) -> list[int]:
        """The marked actions with the highlighted one, in list order; without
        marks, the highlighted one and the next of its item (else the previous)."""
        marked = [p.id for i in self._items for p in i.proposals if p.id in self._marked]
        ids = marked + [proposal.id] if proposal.id not in self._marked else marked
        if len(ids) >= 2:
            order = list(self._found)
            return sorted(ids, key=order.index)
        mergeable = ALLOWED_FROM["merge"]
        siblings = [p.id for p in item.proposals if p.status in mergeable or p.id == proposal.id]
        at = siblings.index(proposal.id)
        if at + 1 < len(siblings):
            return [proposal.id, siblings[at + 1]]
        return [siblings[at - 1], proposal.id] if at > 0 else []

    def action_add(self) -> None:
        current = self._current()
        if current is None:
            return
        item = current[0]
        found = sentences(item.decision or "")
        if not found:
            self.notify(t("review.no_sentences"), severity="warning")
            return

        def picked(sentence: str | None) -> None:
            if sentence is None:
                return
            form = ActionForm(
                item_number=item.number,
                source=sentence,
                facts=item.due_facts,
                organisation=self.context.organisation,
                owners=self._owners,
            )
            self.app.push_screen(form, partial(self._add, item))

        self.app.push_screen(SentencePicker(found), picked)

    def _add(self, item: ReviewItem, draft: ActionDraft | None) -> None:
        if draft is None:
            return
        self._write(
            partial(
                services.add_action,
                item_id=item.id,
                title=draft.title,
                source=draft.source,
                owner=draft.owner or None,
                due_phrase=draft.due_phrase or None,
                organisation=self.context.organisation,
                user=self.context.user,
            ),
            [],
        )

    def action_assign(self) -> None:
        proposal = self._allowed("assign")
        if proposal is not None:
            self.app.push_screen(AssignScreen(self.context, proposal.id), self._assigned)

    def _assigned(self, saved: bool | None) -> None:
        if saved:
            self._reload()

    def action_back(self) -> None:
        self.dismiss()

    def _allowed(self, change: ActionChange) -> Proposal | None:
        """The highlighted action, if `change` applies to its status; else say why not."""
        current = self._current()
        if current is None or self._refused(current[1], change):
            return None
        return current[1]

    def _refused(self, proposal: Proposal, change: ActionChange) -> bool:
        if proposal.status in ALLOWED_FROM[change]:
            return False
        status = status_label(proposal.status)
        self.notify(t("review.not_allowed", id=proposal.id, status=status), severity="warning")
        return True

    # --- writing -----------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, group="review-write")
    def _write(self, change: Callable[[Session], object], ids: list[int]) -> None:
        """Run one service in a transaction of its own and say which actions it
        changed: `ids`, and those it created (a service's returned IDs)."""
        with session_scope(self.context.engine) as session:
            result = change(session)
        created = (
            result if isinstance(result, list) else [result] if isinstance(result, int) else []
        )
        self.post_message(ActionsChanged(tuple(dict.fromkeys(ids + created))))

    def _write_one(self, change: Callable[..., object], shown: Proposal, **values: object) -> None:
        """A change of one action, at the version the screen showed."""
        self._write(
            partial(
                change, action_id=shown.id, user=self.context.user, version=shown.version, **values
            ),
            [shown.id],
        )

    def _write_all(self, change: Callable[..., object], shown: list[Proposal]) -> None:
        """A change of several actions (accept, reject, merge), each at the
        version the screen showed."""
        ids = [p.id for p in shown]
        versions = {p.id: p.version for p in shown}
        self._write(partial(change, ids=ids, user=self.context.user, versions=versions), ids)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.write_failed(event.worker.error, "review.failed")
