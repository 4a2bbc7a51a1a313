"""What an import did: a line per file and a summary.

Each file's line carries a class for its outcome (`-created`, `-updated`,
`-unchanged`, `-failed`), so the stylesheet colours failures with the
theme's error colour and tests can find them. An error is shown as the
importer worded it: one line that names the file and what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from tracker import printable
from tracker.services import ImportOutcome, ImportResult
from tracker.tui.i18n import register, t

register(
    {
        "importer.results": {"da": "Resultat", "en": "Results"},
        "importer.outcome.created": {
            "da": "oprettet {meeting} ({items} punkter, {proposed} forslag)",
            "en": "created {meeting} ({items} items, {proposed} proposed)",
        },
        "importer.outcome.updated": {
            "da": "opdateret {meeting} ({added} tilføjet, {changed} ændret, {removed} fjernet, "
            "{proposed} forslag)",
            "en": "updated {meeting} ({added} added, {changed} changed, {removed} removed, "
            "{proposed} proposed)",
        },
        "importer.outcome.unchanged": {
            "da": "uændret {meeting} ({items} punkter)",
            "en": "unchanged {meeting} ({items} items)",
        },
        "importer.outcome.kept": {
            "da": "; beholdt punkt {numbers}, da de har opfølgning",
            "en": "; kept item {numbers}, as they have actions",
        },
        "importer.outcome.revised": {
            "da": "; forslag rettet efter den nye tekst: {count}",
            "en": "; proposals revised from the new text: {count}",
        },
        "importer.outcome.flagged": {
            "da": "; markeret, da sætningen ikke længere står der: {count}",
            "en": "; flagged, as their sentence is gone: {count}",
        },
        "importer.summary.imported": {"da": "{count} importeret", "en": "{count} imported"},
        "importer.summary.unchanged": {"da": "{count} uændret", "en": "{count} unchanged"},
        "importer.summary.failed": {"da": "{count} fejlede", "en": "{count} failed"},
    }
)


class ImportResults(VerticalScroll):
    """The outcome of each file of the last import, then a summary line."""

    def on_mount(self) -> None:
        self.border_title = t("importer.results")

    async def show(self, outcomes: Sequence[ImportOutcome]) -> None:
        """Replace what is shown with `outcomes` (the old lines must be gone
        before the new summary, which has the same id, can be mounted)."""
        await self.remove_children()
        await self.mount_all(
            [
                *(_outcome_line(outcome) for outcome in outcomes),
                Static(summarise(outcomes), id="import-summary", markup=False),
            ]
        )
        self.scroll_end(animate=False)


def summarise(outcomes: Sequence[ImportOutcome]) -> str:
    """ "3 imported, 1 unchanged, 1 failed": created and updated meetings count
    as imported, and counts of nothing are left out."""
    statuses = [o.result.status if o.result else "failed" for o in outcomes]
    counts = {
        "imported": statuses.count("created") + statuses.count("updated"),
        "unchanged": statuses.count("unchanged"),
        "failed": statuses.count("failed"),
    }
    return ", ".join(t(f"importer.summary.{key}", count=n) for key, n in counts.items() if n)


def _outcome_line(outcome: ImportOutcome) -> Static:
    if outcome.result is None:
        return Static(
            Content(printable.one_line(str(outcome.error))), classes="outcome -failed", markup=False
        )
    result = outcome.result
    return Static(
        Content.from_markup(
            "[b]$name[/b]  $text", name=printable.one_line(outcome.path.name), text=describe(result)
        ),
        classes=f"outcome -{result.status}",
        markup=False,
    )


def describe(result: ImportResult) -> str:
    """One line in the UI language, like `ImportResult.describe` for the CLI."""
    meeting = f"{result.body} {result.date.isoformat()}" + (
        f" {result.start:%H:%M}" if result.start else ""
    )
    text = t(
        f"importer.outcome.{result.status}",
        meeting=meeting,
        items=result.items,
        proposed=result.proposed,
        added=result.added,
        changed=result.changed,
        removed=result.removed,
    )
    if result.kept:
        text += t("importer.outcome.kept", numbers=", ".join(result.kept))
    if result.revised:
        text += t("importer.outcome.revised", count=result.revised)
    if result.flagged:
        text += t("importer.outcome.flagged", count=result.flagged)
    return text
