"""A decision's text with the sentence an action came from highlighted in it.

A reviewer judges a proposal by reading its source in context, so the whole
decision is shown and the source marked inside it. The extractor's source
is a sentence or clause of the decision with its line breaks joined (and a
merged action's sources are several, one per line), so it is found word by
word across any whitespace, piece by piece when it is not found whole.
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from tracker.extract.sentences import split_sentences


def source_spans(text: str, source: str | None) -> list[tuple[int, int]]:
    """Where `source` stands in `text`: one span if found whole, else a span for
    each of its lines or sentences that is found; none when nothing matches."""
    if not source or not source.strip():
        return []
    whole = _find(text, source)
    if whole is not None:
        return [whole]
    pieces = [s for line in source.splitlines() for s in split_sentences(line.strip())]
    found = (_find(text, piece) for piece in pieces if len(piece.split()) > 1)
    return sorted(span for span in found if span is not None)


def _find(text: str, fragment: str) -> tuple[int, int] | None:
    words = fragment.split()
    if not words:
        return None
    pattern = r"\s+".join(map(re.escape, words))
    match = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
    return match.span() if match else None


class DecisionText(Static):
    """The decision, its source spans styled by the `decision-text--source`
    component class (set in the screen's .tcss, from theme variables)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"decision-text--source"}

    def show(
        self, decision: str | None, source: str | None, *, empty: str, follow: bool = False
    ) -> None:
        """Show `decision` with `source` highlighted; `empty` when there is no decision.

        With `follow`, the scrolling container (the decision's own pane) scrolls
        to the source; a page that shows more than the decision stays put."""
        if not decision:
            self.update(Text(empty, style="italic"))
            return
        text = Text(decision)
        style = self.get_component_rich_style("decision-text--source")
        spans = source_spans(decision, source)
        for start, end in spans:
            text.stylize(style, start, end)
        self.update(text)
        if spans and follow:
            self.call_after_refresh(self._scroll_to_source, decision[: spans[0][0]])

    def _scroll_to_source(self, before: str) -> None:
        """Scroll the container so the source's first line is in view, a line
        of context above it: long decisions hide their later sentences."""
        width = self.content_region.width
        if width <= 0:
            return
        line = len(Text(before).wrap(self.app.console, width)) - 1 if before.strip() else 0
        parent = self.parent
        if isinstance(parent, Widget):
            parent.scroll_to(y=max(0, self.virtual_region.y + line - 1), animate=False)
